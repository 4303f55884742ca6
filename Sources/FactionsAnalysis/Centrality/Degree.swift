import FactionsCore

/// Degree: the number of distinct neighbours of each node, self-loops not counted.
///
/// Unnormalised (NetworkX's `G.degree` on a simple graph; divide by n − 1 for
/// `degree_centrality`). O(n).
public enum Degree {
    public static func compute(_ graph: Graph) -> NodeScores {
        NodeScores(measure: "degree", labels: graph.labels,
                   values: (0..<graph.nodeCount).map { Double(graph.degree($0)) })
    }
}
