import Foundation
import FactionsCore

/// Runs a per-source computation over all nodes on several threads: sources are split
/// into contiguous ranges, each thread fills its own array, and the arrays are added in
/// thread order, so a given thread count always gives the same bits.
public enum ParallelSources {
    static func sum(nodeCount n: Int, threads: Int, _ body: @Sendable (Range<Int>) -> [Double]) -> [Double] {
        let workers = max(1, min(threads, n / 64 + 1))
        if workers == 1 { return body(0..<n) }
        let parts = Parallel.map(Parallel.split(n, into: workers), body)
        var total = [Double](repeating: 0, count: n)
        for part in parts {
            for v in 0..<n { total[v] += part[v] }
        }
        return total
    }

    /// All cores: the default for path-based measures.
    public static var defaultThreads: Int { Parallel.cores }
}

/// Breadth-first search from one source at a time, for unweighted graphs: Int32
/// distances and no predecessor lists (predecessors are the neighbours one step
/// closer), which is what makes Brandes's algorithm fast on sparse graphs.
struct UnweightedBFS {
    let graph: Graph
    var distance: [Int32]
    var sigma: [Double]
    /// Per node w after accumulation: (1 + δ(w)) / σ(w), what w passes to each
    /// predecessor per shortest path to it. Kept instead of δ so that the division is
    /// done once per node rather than once per tie.
    var share: [Double]
    var queue: [Int32]
    var reached = 0

    init(graph: Graph) {
        self.graph = graph
        let n = graph.nodeCount
        distance = [Int32](repeating: -1, count: n)
        sigma = [Double](repeating: 0, count: n)
        share = [Double](repeating: 0, count: n)
        queue = [Int32](repeating: 0, count: n)
    }

    /// BFS from `s`, counting shortest paths; `queue[0..<reached]` holds the reached
    /// nodes in order of distance.
    mutating func run(from s: Int) {
        for i in 0..<reached {
            let v = Int(queue[i])
            distance[v] = -1
            sigma[v] = 0
        }
        graph.offsets.withUnsafeBufferPointer { offsets in
            graph.neighbors.withUnsafeBufferPointer { neighbors in
                distance.withUnsafeMutableBufferPointer { dist in
                    sigma.withUnsafeMutableBufferPointer { sig in
                        queue.withUnsafeMutableBufferPointer { q in
                            dist[s] = 0
                            sig[s] = 1
                            q[0] = Int32(s)
                            var head = 0, tail = 1
                            while head < tail {
                                let v = Int(q[head])
                                head += 1
                                let next = dist[v] + 1
                                let sv = sig[v]
                                for e in offsets[v]..<offsets[v + 1] {
                                    let w = Int(neighbors[e])
                                    if dist[w] < 0 {
                                        dist[w] = next
                                        q[tail] = Int32(w)
                                        tail += 1
                                    }
                                    if dist[w] == next { sig[w] += sv }
                                }
                            }
                            reached = tail
                        }
                    }
                }
            }
        }
    }

    /// Brandes's dependency accumulation after `run(from: s)`.
    mutating func accumulate(into centrality: inout [Double], source s: Int) {
        let count = reached
        graph.offsets.withUnsafeBufferPointer { offsets in
            graph.neighbors.withUnsafeBufferPointer { neighbors in
                distance.withUnsafeBufferPointer { dist in
                    sigma.withUnsafeBufferPointer { sig in
                        share.withUnsafeMutableBufferPointer { share in
                            queue.withUnsafeBufferPointer { q in
                                centrality.withUnsafeMutableBufferPointer { bc in
                                    var i = count - 1
                                    while i >= 0 {
                                        let v = Int(q[i])
                                        let next = dist[v] + 1
                                        var d = 0.0
                                        for e in offsets[v]..<offsets[v + 1] {
                                            let w = Int(neighbors[e])
                                            if dist[w] == next { d += share[w] }
                                        }
                                        let delta = sig[v] * d
                                        share[v] = (1 + delta) / sig[v]
                                        if v != s { bc[v] += delta }
                                        i -= 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
