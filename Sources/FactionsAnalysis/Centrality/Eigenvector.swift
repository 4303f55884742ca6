import FactionsCore

/// Eigenvector centrality as NetworkX's `eigenvector_centrality(G)`: power iteration
/// on A + I from the uniform vector, scaled to unit Euclidean norm, so the result is
/// the principal eigenvector with NetworkX's normalisation. Weighted: A holds weights.
/// Self-loops count once on the diagonal, as in NetworkX's adjacency.
///
/// O(m) per iteration; iterates until the L1 change is below n · 1e-13 (NetworkX
/// defaults to n · 1e-6), at most 100,000 times.
public enum Eigenvector {
    public static func compute(_ graph: Graph, weighted: Bool = false, tolerance: Double = 1e-13,
                               maxIterations: Int = 100_000) throws(AnalysisError) -> NodeScores {
        let n = graph.nodeCount
        guard n > 0 else { return NodeScores(measure: "eigenvector", labels: [], values: []) }
        var x = [Double](repeating: 1 / Double(n), count: n)
        var next = x
        for _ in 0..<maxIterations {
            for v in 0..<n { next[v] = x[v] * (1 + (weighted ? graph.selfLoopWeight[v] : (graph.selfLoopWeight[v] != 0 ? 1 : 0))) }
            for v in 0..<n {
                let xv = x[v]
                for e in graph.neighborRange(v) {
                    next[Int(graph.neighbors[e])] += xv * (weighted ? graph.weights[e] : 1)
                }
            }
            var norm = 0.0
            for v in 0..<n { norm += next[v] * next[v] }
            norm = norm.squareRoot()
            if norm == 0 { norm = 1 }
            var change = 0.0
            for v in 0..<n {
                next[v] /= norm
                change += abs(next[v] - x[v])
            }
            swap(&x, &next)
            if change < Double(n) * tolerance {
                return NodeScores(measure: weighted ? "eigenvector-weighted" : "eigenvector", labels: graph.labels, values: x)
            }
        }
        throw .notConverged(measure: "eigenvector", iterations: maxIterations)
    }
}
