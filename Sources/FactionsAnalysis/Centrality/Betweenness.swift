import FactionsCore

/// Betweenness centrality by Brandes's algorithm (U. Brandes, "A faster algorithm for
/// betweenness centrality", J. Math. Sociol. 25(2), 2001).
///
/// Normalised like NetworkX's `betweenness_centrality(G, normalized=True)` on an
/// undirected graph: the sum over ordered pairs (s, t), s ≠ v ≠ t, of the share of
/// shortest s–t paths through v, divided by (n − 1)(n − 2); graphs with n ≤ 2 are
/// left unscaled (all zero). The weighted variant uses distance = 1 / weight and
/// rejects zero or negative weights.
///
/// O(nm) unweighted, O(nm + n² log n) weighted; O(n + m) memory per thread. Sources
/// are split across `threads` threads (all cores by default).
public enum Betweenness {
    public static func compute(_ graph: Graph, weighted: Bool = false,
                               threads: Int = ParallelSources.defaultThreads) throws(AnalysisError) -> NodeScores {
        if weighted { try ShortestPathWorkspace.validate(graph) }
        let n = graph.nodeCount
        var raw = ParallelSources.sum(nodeCount: n, threads: threads) { sources in
            weighted ? accumulate(graph, weighted: true, sources: sources) : accumulateUnweighted(graph, sources: sources)
        }
        if n > 2 {
            let scale = 1 / (Double(n - 1) * Double(n - 2))
            for v in 0..<n { raw[v] *= scale }
        }
        return NodeScores(measure: weighted ? "betweenness-weighted" : "betweenness", labels: graph.labels, values: raw)
    }

    /// The unweighted sums by breadth-first search without predecessor lists.
    static func accumulateUnweighted(_ graph: Graph, sources: Range<Int>) -> [Double] {
        var bfs = UnweightedBFS(offsets: graph.offsets, neighbors: graph.neighbors)
        var centrality = [Double](repeating: 0, count: graph.nodeCount)
        bfs.accumulate(sources: sources, into: &centrality)
        return centrality
    }

    /// Unscaled dependency sums over ordered pairs with sources in `sources`, so that
    /// ranges can be computed in parallel and added.
    static func accumulate(_ graph: Graph, weighted: Bool, sources: Range<Int>) -> [Double] {
        let n = graph.nodeCount
        var workspace = ShortestPathWorkspace(graph: graph, weighted: weighted)
        var centrality = [Double](repeating: 0, count: n)
        var delta = [Double](repeating: 0, count: n)
        for s in sources {
            workspace.run(from: s, trackPredecessors: true)
            for v in workspace.order { delta[Int(v)] = 0 }
            for w32 in workspace.order.reversed() {
                let w = Int(w32)
                let coefficient = (1 + delta[w]) / workspace.sigma[w]
                for v in workspace.predecessors[w] {
                    delta[Int(v)] += workspace.sigma[Int(v)] * coefficient
                }
                if w != s { centrality[w] += delta[w] }
            }
        }
        return centrality
    }
}
