import FactionsCore

/// Eigenvector centrality as NetworkX's `eigenvector_centrality(G)`: the principal
/// eigenvector of the adjacency matrix (weights in A when weighted, self-loops once on
/// the diagonal), positive, scaled to unit Euclidean norm.
///
/// NetworkX finds it by power iteration on A + I from the uniform vector; that takes
/// thousands of iterations where the second eigenvalue is close to the first (graphs
/// with strong communities). This uses restarted Lanczos from the same uniform vector
/// instead, which converges with the square root of that gap ratio. The Krylov space of the uniform vector holds, for the top
/// eigenvalue, exactly the part of the uniform vector power iteration converges to, so
/// disconnected graphs and tied components give NetworkX's answer too.
/// `powerIteration` is the plain method, kept as the reference the tests compare with.
public enum Eigenvector {
    public static func compute(_ graph: Graph, weighted: Bool = false, tolerance: Double = 1e-13,
                               maxIterations: Int = 100_000) throws(AnalysisError) -> NodeScores {
        let n = graph.nodeCount
        guard n > 0 else { return NodeScores(measure: "eigenvector", labels: [], values: []) }
        let start = [Double](repeating: 1, count: n)
        guard var x = lanczos(Operator(graph: graph, weighted: weighted), start: start, tolerance: tolerance,
                              maxMatvecs: maxIterations) else {
            throw .notConverged(measure: "eigenvector", iterations: maxIterations)
        }
        // The Perron vector is non-negative; Lanczos may return it negated.
        if x.reduce(0, +) < 0 { for v in 0..<n { x[v] = -x[v] } }
        return NodeScores(measure: measureName(weighted), labels: graph.labels, values: x)
    }

    static func measureName(_ weighted: Bool) -> String { weighted ? "eigenvector-weighted" : "eigenvector" }

    /// Power iteration on A + I from the uniform vector until the L1 change is below
    /// n · `tolerance`: what NetworkX does, O(m) per iteration.
    public static func powerIteration(_ graph: Graph, weighted: Bool = false, tolerance: Double = 1e-13,
                                      maxIterations: Int = 100_000) throws(AnalysisError) -> NodeScores {
        let n = graph.nodeCount
        guard n > 0 else { return NodeScores(measure: "eigenvector", labels: [], values: []) }
        let op = Operator(graph: graph, weighted: weighted)
        var x = [Double](repeating: 1 / Double(n), count: n)
        var next = x
        for _ in 0..<maxIterations {
            op.apply(x, into: &next, shift: 1)
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
                return NodeScores(measure: measureName(weighted), labels: graph.labels, values: x)
            }
        }
        throw .notConverged(measure: "eigenvector", iterations: maxIterations)
    }

    /// y = (A + D + shift · I) x, D the self-loops.
    struct Operator {
        let graph: Graph
        let weighted: Bool
        let diagonal: [Double]

        init(graph: Graph, weighted: Bool) {
            self.graph = graph
            self.weighted = weighted
            self.diagonal = graph.selfLoopWeight.map { weighted ? $0 : ($0 != 0 ? 1 : 0) }
        }

        func apply(_ x: [Double], into y: inout [Double], shift: Double = 0) {
            let n = graph.nodeCount
            x.withUnsafeBufferPointer { x in
                y.withUnsafeMutableBufferPointer { y in
                    graph.offsets.withUnsafeBufferPointer { offsets in
                        graph.neighbors.withUnsafeBufferPointer { neighbors in
                            graph.weights.withUnsafeBufferPointer { weights in
                                for v in 0..<n {
                                    var sum = (diagonal[v] + shift) * x[v]
                                    let lo = Int(offsets[v]), hi = Int(offsets[v + 1])
                                    if weighted {
                                        for e in lo..<hi { sum += weights[e] * x[Int(neighbors[e])] }
                                    } else {
                                        for e in lo..<hi { sum += x[Int(neighbors[e])] }
                                    }
                                    y[v] = sum
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The unit eigenvector of the largest eigenvalue of the symmetric operator, by
    /// Lanczos from `start` (any scale) with full reorthogonalisation, restarted from
    /// the best Ritz vector every `basis` steps, until the residual ‖Ax − θx‖ is below
    /// `tolerance` · max(1, θ). nil when `maxMatvecs` products do not get there.
    static func lanczos(_ op: Operator, start: [Double], tolerance: Double, maxMatvecs: Int,
                        basis: Int = 16) -> [Double]? {
        let n = start.count
        let k = min(basis, n)
        var V = [[Double]](repeating: [Double](repeating: 0, count: n), count: k + 1)
        var w = [Double](repeating: 0, count: n)
        var x = start
        normalise(&x)
        var matvecs = 0
        while matvecs < maxMatvecs {
            V[0] = x
            var alpha: [Double] = [], beta: [Double] = []
            var invariant = false
            for j in 0..<k {
                op.apply(V[j], into: &w)
                matvecs += 1
                let a = dot(w, V[j])
                alpha.append(a)
                // Full reorthogonalisation keeps the basis orthogonal to working
                // precision; a second pass only when the first cancelled most of w
                // (Kahan and Parlett's "twice is enough").
                var b = dot(w, w).squareRoot()
                for _ in 0..<2 {
                    for i in 0...j { subtract(&w, dot(w, V[i]), V[i]) }
                    let before = b
                    b = dot(w, w).squareRoot()
                    if b > 0.7 * before { break }
                }
                beta.append(b)
                if b <= 1e-14 * max(1, abs(a)) { invariant = true; break }
                let inverse = 1 / b
                w.withUnsafeBufferPointer { w in
                    V[j + 1].withUnsafeMutableBufferPointer { next in for i in 0..<n { next[i] = w[i] * inverse } }
                }
            }
            let m = alpha.count
            let (theta, s) = topEigenpair(alpha: alpha, beta: Array(beta.prefix(m - 1)))
            var next = [Double](repeating: 0, count: n)
            for j in 0..<m { subtract(&next, -s[j], V[j]) }
            normalise(&next)
            x = next
            // The true residual, not the Lanczos estimate: it is what the tolerance means.
            op.apply(x, into: &w)
            matvecs += 1
            var residual = 0.0
            for i in 0..<n { let r = w[i] - theta * x[i]; residual += r * r }
            if invariant || residual.squareRoot() <= tolerance * max(1, abs(theta)) { return x }
        }
        return nil
    }

    /// Largest eigenvalue of the symmetric tridiagonal matrix (diagonal `alpha`,
    /// off-diagonal `beta`) and its unit eigenvector, by cyclic Jacobi rotations on the
    /// dense matrix (at most `basis` × `basis`).
    static func topEigenpair(alpha: [Double], beta: [Double]) -> (Double, [Double]) {
        let m = alpha.count
        // Flat row-major m × m matrices.
        var a = [Double](repeating: 0, count: m * m)
        var q = [Double](repeating: 0, count: m * m)
        var scale = 0.0
        for i in 0..<m {
            a[i * m + i] = alpha[i]
            q[i * m + i] = 1
            scale += alpha[i] * alpha[i]
            if i + 1 < m {
                a[i * m + i + 1] = beta[i]
                a[(i + 1) * m + i] = beta[i]
                scale += 2 * beta[i] * beta[i]
            }
        }
        // Jacobi converges quadratically: a handful of sweeps reach rounding level.
        for _ in 0..<50 {
            var off = 0.0
            for i in 0..<m { for j in 0..<m where i != j { off += a[i * m + j] * a[i * m + j] } }
            if off <= 1e-30 * scale { break }
            for p in 0..<m {
                for r in (p + 1)..<max(p + 1, m) where a[p * m + r] != 0 {
                    let theta = (a[r * m + r] - a[p * m + p]) / (2 * a[p * m + r])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for i in 0..<m {
                        let aip = a[i * m + p], air = a[i * m + r]
                        a[i * m + p] = c * aip - s * air
                        a[i * m + r] = s * aip + c * air
                    }
                    for i in 0..<m {
                        let api = a[p * m + i], ari = a[r * m + i]
                        a[p * m + i] = c * api - s * ari
                        a[r * m + i] = s * api + c * ari
                    }
                    for i in 0..<m {
                        let qip = q[i * m + p], qir = q[i * m + r]
                        q[i * m + p] = c * qip - s * qir
                        q[i * m + r] = s * qip + c * qir
                    }
                }
            }
        }
        var best = 0
        for i in 1..<max(1, m) where a[i * m + i] > a[best * m + best] { best = i }
        return (a[best * m + best], (0..<m).map { q[$0 * m + best] })
    }

    /// Four running sums, so the additions do not wait on one another.
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                let n = a.count, n4 = n & ~3
                var i = 0
                while i < n4 {
                    s0 += a[i] * b[i]
                    s1 += a[i + 1] * b[i + 1]
                    s2 += a[i + 2] * b[i + 2]
                    s3 += a[i + 3] * b[i + 3]
                    i += 4
                }
                while i < n { s0 += a[i] * b[i]; i += 1 }
                return (s0 + s1) + (s2 + s3)
            }
        }
    }

    /// a -= c · b
    static func subtract(_ a: inout [Double], _ c: Double, _ b: [Double]) {
        a.withUnsafeMutableBufferPointer { a in b.withUnsafeBufferPointer { b in for i in 0..<a.count { a[i] -= c * b[i] } } }
    }

    static func normalise(_ x: inout [Double]) {
        let norm = dot(x, x).squareRoot()
        guard norm > 0 else { return }
        for i in 0..<x.count { x[i] /= norm }
    }
}
