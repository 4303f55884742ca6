import FactionsCore

/// Coreness (k-core number) of each node, as NetworkX's `core_number(G)`, by the
/// bucket algorithm of V. Batagelj and M. Zaveršnik ("An O(m) algorithm for cores
/// decomposition of networks", 2003). Self-loops are ignored. O(n + m).
public enum Coreness {
    public static func compute(_ graph: Graph) -> NodeScores {
        let n = graph.nodeCount
        // 32-bit working arrays read through unsafe buffers: the peeling loop does a
        // handful of dependent loads per tie, and bounds checks on each were a third
        // of its time.
        var degree = [Int32](repeating: 0, count: n)
        var maxDegree = 0
        for v in 0..<n {
            let d = graph.degree(v)
            degree[v] = Int32(d)
            maxDegree = max(maxDegree, d)
        }
        var bin = [Int32](repeating: 0, count: maxDegree + 1)
        var position = [Int32](repeating: 0, count: n)
        var vertices = [Int32](repeating: 0, count: n)
        degree.withUnsafeMutableBufferPointer { degree in
            bin.withUnsafeMutableBufferPointer { bin in
                position.withUnsafeMutableBufferPointer { position in
                    vertices.withUnsafeMutableBufferPointer { vertices in
                        graph.offsets.withUnsafeBufferPointer { offsets in
                            graph.neighbors.withUnsafeBufferPointer { neighbors in
                                for v in 0..<n { bin[Int(degree[v])] += 1 }
                                var start: Int32 = 0
                                for d in 0...maxDegree {
                                    let count = bin[d]
                                    bin[d] = start
                                    start += count
                                }
                                for v in 0..<n {
                                    let d = Int(degree[v])
                                    position[v] = bin[d]
                                    vertices[Int(bin[d])] = Int32(v)
                                    bin[d] += 1
                                }
                                for d in stride(from: maxDegree, to: 0, by: -1) { bin[d] = bin[d - 1] }
                                bin[0] = 0
                                for i in 0..<n {
                                    let v = Int(vertices[i])
                                    let dv = degree[v]
                                    for e in offsets[v]..<offsets[v + 1] {
                                        let u = Int(neighbors[e])
                                        let du = degree[u]
                                        guard du > dv else { continue }
                                        let pu = Int(position[u])
                                        let pw = Int(bin[Int(du)])
                                        let w = Int(vertices[pw])
                                        if u != w {
                                            position[u] = Int32(pw); vertices[pu] = Int32(w)
                                            position[w] = Int32(pu); vertices[pw] = Int32(u)
                                        }
                                        bin[Int(du)] += 1
                                        degree[u] = du - 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return NodeScores(measure: "coreness", labels: graph.labels, values: degree.map(Double.init))
    }
}
