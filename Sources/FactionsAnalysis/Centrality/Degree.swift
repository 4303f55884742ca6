import FactionsCore

/// Degree: the number of distinct neighbours of each node, self-loops not counted.
///
/// Unnormalised (NetworkX's `G.degree` on a simple graph; divide by n − 1 for
/// `degree_centrality`). O(n).
public enum Degree {
    public static func compute(_ graph: Graph) -> NodeScores {
        let n = graph.nodeCount
        // Differences of neighbouring offsets, written straight into the result: a map
        // over `graph.degree` checked two subscripts per node and ran at 2.5 ns a node.
        let values = graph.offsets.withUnsafeBufferPointer { offsets in
            [Double](unsafeUninitializedCapacity: n) { out, count in
                for v in 0..<n { out[v] = Double(offsets[v + 1] &- offsets[v]) }
                count = n
            }
        }
        return NodeScores(measure: "degree", labels: graph.labels, values: values)
    }
}
