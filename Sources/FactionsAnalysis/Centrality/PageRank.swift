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
        for _ in 0..<maxIterations {
            var dangling = 0.0
            for v in 0..<n where outWeight[v] == 0 { dangling += x[v] }
            let base = (1 - alpha) * uniform + alpha * dangling * uniform
            for v in 0..<n { next[v] = base }
            for v in 0..<n where outWeight[v] > 0 {
                let share = alpha * x[v] / outWeight[v]
                for e in graph.neighborRange(v) {
                    next[Int(graph.neighbors[e])] += share * (weighted ? graph.weights[e] : 1)
                }
                let loop = weighted ? graph.selfLoopWeight[v] : (graph.selfLoopWeight[v] != 0 ? 1 : 0)
                if loop != 0 { next[v] += share * loop }
            }
            var change = 0.0
            for v in 0..<n { change += abs(next[v] - x[v]) }
            swap(&x, &next)
            if change < Double(n) * tolerance { break }
        }
        return NodeScores(measure: weighted ? "pagerank-weighted" : "pagerank", labels: graph.labels, values: x)
    }
}
