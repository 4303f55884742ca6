import FactionsCore

/// Coreness (k-core number) of each node, as NetworkX's `core_number(G)`, by the
/// bucket algorithm of V. Batagelj and M. Zaveršnik ("An O(m) algorithm for cores
/// decomposition of networks", 2003). Self-loops are ignored. O(n + m).
public enum Coreness {
    public static func compute(_ graph: Graph) -> NodeScores {
        let n = graph.nodeCount
        var degree = (0..<n).map { graph.degree($0) }
        let maxDegree = degree.max() ?? 0
        var bin = [Int](repeating: 0, count: maxDegree + 1)
        for d in degree { bin[d] += 1 }
        var start = 0
        for d in 0...maxDegree {
            let count = bin[d]
            bin[d] = start
            start += count
        }
        var position = [Int](repeating: 0, count: n)
        var vertices = [Int](repeating: 0, count: n)
        for v in 0..<n {
            position[v] = bin[degree[v]]
            vertices[position[v]] = v
            bin[degree[v]] += 1
        }
        for d in stride(from: maxDegree, to: 0, by: -1) { bin[d] = bin[d - 1] }
        if maxDegree >= 0 && !bin.isEmpty { bin[0] = 0 }
        for i in 0..<n {
            let v = vertices[i]
            for e in graph.neighborRange(v) {
                let u = Int(graph.neighbors[e])
                if degree[u] > degree[v] {
                    let du = degree[u]
                    let pu = position[u]
                    let pw = bin[du]
                    let w = vertices[pw]
                    if u != w {
                        position[u] = pw; vertices[pu] = w
                        position[w] = pu; vertices[pw] = u
                    }
                    bin[du] += 1
                    degree[u] -= 1
                }
            }
        }
        return NodeScores(measure: "coreness", labels: graph.labels, values: degree.map(Double.init))
    }
}
