import FactionsCore

/// Closeness centrality as NetworkX's `closeness_centrality(G)` with its default
/// `wf_improved=True` (Wasserman and Faust's correction for disconnected graphs):
/// for a node reaching r − 1 others at total distance D, (r − 1)/D · (r − 1)/(n − 1),
/// and 0 for an isolated node. The weighted variant uses distance = 1 / weight.
///
/// O(nm) unweighted, O(nm + n² log n) weighted.
public enum Closeness {
    public static func compute(_ graph: Graph, weighted: Bool = false,
                               threads: Int = ParallelSources.defaultThreads) throws(AnalysisError) -> NodeScores {
        if weighted { try ShortestPathWorkspace.validate(graph) }
        let n = graph.nodeCount
        let values = ParallelSources.sum(nodeCount: n, threads: threads) { sources in
            var values = [Double](repeating: 0, count: n)
            func score(_ total: Double, _ reached: Double) -> Double {
                total > 0 && n > 1 ? (reached - 1) / total * ((reached - 1) / Double(n - 1)) : 0
            }
            if weighted {
                var workspace = ShortestPathWorkspace(graph: graph, weighted: true)
                for u in sources {
                    workspace.run(from: u, trackPredecessors: false)
                    var total = 0.0
                    for v in workspace.order { total += workspace.distance[Int(v)] }
                    values[u] = score(total, Double(workspace.order.count))
                }
            } else {
                var bfs = UnweightedBFS(graph: graph)
                for u in sources {
                    bfs.run(from: u, countPaths: false)
                    values[u] = score(Double(bfs.distanceSum), Double(bfs.reached))
                }
            }
            return values
        }
        return NodeScores(measure: weighted ? "closeness-weighted" : "closeness", labels: graph.labels, values: values)
    }
}
