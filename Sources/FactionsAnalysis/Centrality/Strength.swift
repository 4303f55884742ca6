import FactionsCore

/// Strength: the sum of the weights of a node's ties; a self-loop counts twice, as in
/// NetworkX's `G.degree(weight="weight")`. O(m).
public enum Strength {
    public static func compute(_ graph: Graph) -> NodeScores {
        var values = [Double](repeating: 0, count: graph.nodeCount)
        for v in 0..<graph.nodeCount {
            var s = 0.0
            for e in graph.neighborRange(v) { s += graph.weights[e] }
            values[v] = s + 2 * graph.selfLoopWeight[v]
        }
        return NodeScores(measure: "strength", labels: graph.labels, values: values)
    }
}
