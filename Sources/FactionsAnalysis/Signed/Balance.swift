import FactionsCore

/// Structural balance of a signed graph (F. Heider, 1946; D. Cartwright and F.
/// Harary, 1956).
public enum Balance {
    /// Share of triangles whose sign product is positive, as R signnet's
    /// `balance_score(method = "triangles")`. Edges with sign 0 are ignored; NaN when
    /// the graph has no signed triangle. O(m^1.5).
    public static func triangleBalance(_ graph: Graph) -> (balanced: Int, triangles: Int, share: Double) {
        var balanced = 0, total = 0
        let n = graph.nodeCount
        var mark = [Int8](repeating: 0, count: n)
        for v in 0..<n {
            for e in graph.neighborRange(v) where graph.signs[e] != 0 { mark[Int(graph.neighbors[e])] = graph.signs[e] }
            for e in graph.neighborRange(v) where graph.signs[e] != 0 {
                let u = Int(graph.neighbors[e])
                guard u > v else { continue }
                for f in graph.neighborRange(u) where graph.signs[f] != 0 {
                    let w = Int(graph.neighbors[f])
                    guard w > u, mark[w] != 0 else { continue }
                    total += 1
                    if Int(graph.signs[e]) * Int(graph.signs[f]) * Int(mark[w]) > 0 { balanced += 1 }
                }
            }
            for e in graph.neighborRange(v) { mark[Int(graph.neighbors[e])] = 0 }
        }
        return (balanced, total, total == 0 ? .nan : Double(balanced) / Double(total))
    }

    /// Frustration of a partition: the weight of negative ties inside blocs plus the
    /// weight of positive ties across blocs (P. Doreian and A. Mrvar, 1996). Nodes with
    /// membership −1 are left out. O(m).
    public static func frustration(_ graph: Graph, membership: [Int]) -> Double {
        var f = 0.0
        for v in 0..<graph.nodeCount where membership[v] >= 0 {
            for e in graph.neighborRange(v) {
                let u = Int(graph.neighbors[e])
                guard u > v, membership[u] >= 0, graph.signs[e] != 0 else { continue }
                let same = membership[u] == membership[v]
                if (graph.signs[e] < 0 && same) || (graph.signs[e] > 0 && !same) { f += graph.weights[e] }
            }
        }
        return f
    }

    /// Normalised frustration 1 − F / (W/2), W the total weight of signed ties, as
    /// signnet's `frustration_exact` reports it (1 for a perfectly balanced network).
    public static func normalisedFrustration(_ graph: Graph, frustration: Double) -> Double {
        var total = 0.0
        for e in graph.weights.indices where graph.signs[e] != 0 { total += graph.weights[e] }
        total /= 2
        return total == 0 ? 1 : 1 - frustration / (total / 2)
    }
}
