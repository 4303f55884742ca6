import FactionsCore

/// Harmonic centrality as NetworkX's `harmonic_centrality(G)`: the sum of 1/d(u, v)
/// over the nodes v ≠ u that u reaches; unnormalised. Weighted: distance = 1 / weight.
/// (M. Marchiori and V. Latora, "Harmony in the small-world", Physica A 285, 2000.)
///
/// O(nm) unweighted, O(nm + n² log n) weighted.
public enum Harmonic {
    public static func compute(_ graph: Graph, weighted: Bool = false,
                               threads: Int = ParallelSources.defaultThreads) throws(AnalysisError) -> NodeScores {
        if weighted { try ShortestPathWorkspace.validate(graph) }
        let n = graph.nodeCount
        let values = ParallelSources.sum(nodeCount: n, threads: threads) { sources in
            var values = [Double](repeating: 0, count: n)
            var workspace = ShortestPathWorkspace(graph: graph, weighted: weighted)
            for u in sources {
                workspace.run(from: u, trackPredecessors: false)
                var total = 0.0
                for v in workspace.order where Int(v) != u { total += 1 / workspace.distance[Int(v)] }
                values[u] = total
            }
            return values
        }
        return NodeScores(measure: weighted ? "harmonic-weighted" : "harmonic", labels: graph.labels, values: values)
    }
}
