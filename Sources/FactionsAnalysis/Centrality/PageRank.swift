import FactionsCore

/// PageRank as NetworkX's `pagerank(G, alpha=0.85)` on an undirected graph: each tie
/// is followed both ways with probability proportional to its weight (or uniformly
/// when unweighted); isolated nodes teleport uniformly; the damping factor is
/// `alpha`. (S. Brin and L. Page, "The anatomy of a large-scale hypertextual Web
/// search engine", 1998.)
///
/// O(m) per iteration; iterates until the L1 change is below n · 1e-15.
public enum PageRank {
    public static func compute(_ graph: Graph, weighted: Bool = false, alpha: Double = 0.85,
                               tolerance: Double = 1e-15, maxIterations: Int = 10_000) -> NodeScores {
        let n = graph.nodeCount
        guard n > 0 else { return NodeScores(measure: "pagerank", labels: [], values: []) }
        var outWeight = [Double](repeating: 0, count: n)
        for v in 0..<n {
            var s = 0.0
            for e in graph.neighborRange(v) { s += weighted ? graph.weights[e] : 1 }
            s += weighted ? graph.selfLoopWeight[v] : (graph.selfLoopWeight[v] != 0 ? 1 : 0)
            outWeight[v] = s
        }
        let uniform = 1 / Double(n)
        var x = [Double](repeating: uniform, count: n)
        var next = x
        // What each node sends along one unit of tie weight: alpha · x / out-weight.
        var send = [Double](repeating: 0, count: n)
        let loops = graph.selfLoopWeight.map { weighted ? $0 : ($0 != 0 ? 1.0 : 0.0) }
        for _ in 0..<maxIterations {
            var dangling = 0.0
            for v in 0..<n {
                if outWeight[v] == 0 { dangling += x[v]; send[v] = 0 } else { send[v] = alpha * x[v] / outWeight[v] }
            }
            let base = (1 - alpha) * uniform + alpha * dangling * uniform
            var change = 0.0
            // The graph is undirected, so each node gathers from its neighbours: the
            // writes go in order and nothing is read back and written per tie.
            graph.offsets.withUnsafeBufferPointer { offsets in
                graph.neighbors.withUnsafeBufferPointer { neighbors in
                    graph.weights.withUnsafeBufferPointer { weights in
                        send.withUnsafeBufferPointer { send in
                            x.withUnsafeBufferPointer { x in
                                next.withUnsafeMutableBufferPointer { next in
                                    for v in 0..<n {
                                        var sum = base + send[v] * loops[v]
                                        if weighted {
                                            for e in offsets[v]..<offsets[v + 1] { sum += send[Int(neighbors[e])] * weights[e] }
                                        } else {
                                            for e in offsets[v]..<offsets[v + 1] { sum += send[Int(neighbors[e])] }
                                        }
                                        next[v] = sum
                                        change += abs(sum - x[v])
                                    }
                                }
                            }
                        }
                    }
                }
            }
            swap(&x, &next)
            if change < Double(n) * tolerance { break }
        }
        return NodeScores(measure: weighted ? "pagerank-weighted" : "pagerank", labels: graph.labels, values: x)
    }
}
