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

/// Breadth-first search from one source at a time, for unweighted graphs, with
/// Brandes's dependency accumulation: Int32 levels and no predecessor lists
/// (predecessors are the neighbours one level closer), which is what makes Brandes's
/// algorithm fast on sparse graphs.
struct UnweightedBFS {
    /// A node's level and path count side by side, so that looking at a neighbour
    /// touches one cache line rather than two; the start of its adjacency list fills
    /// what would be padding, so that no separate offsets array competes for the cache.
    /// `value` is σ during the search and, once the node is accumulated, (1 + δ) / σ:
    /// what it passes to each predecessor per shortest path to it, so that the
    /// division is done once per node rather than once per tie.
    struct Slot {
        var level: Int32
        var start: UInt32
        var value: Double
    }

    let neighbors: [Int32]
    /// One per node and one more, whose `start` ends the last adjacency list.
    var slots: [Slot]
    /// One spare entry: the search writes a node at the tail whether or not it is new.
    var queue: [Int32]

    /// A CSR graph: node v's neighbours are `neighbors[offsets[v]..<offsets[v + 1]]`.
    init(offsets: [Int], neighbors: [Int32]) {
        precondition(neighbors.count <= Int(UInt32.max), "more than 2³² adjacency entries")
        self.neighbors = neighbors
        let n = offsets.count - 1
        slots = offsets.map { Slot(level: -1, start: UInt32($0), value: 0) }
        queue = [Int32](repeating: 0, count: n + 1)
    }

    /// Adds every source's dependencies δ_s(v), v ≠ s, to `centrality`.
    ///
    /// Both passes are branch-free per edge: whether a neighbour is new, and whether it
    /// is one level further, follow no pattern a branch predictor can learn, and the
    /// mispredictions cost more than the stores and masked adds done for every edge.
    mutating func accumulate<S: Sequence<Int>>(sources: S, into centrality: inout [Double]) {
        neighbors.withUnsafeBufferPointer { neighbors in
            slots.withUnsafeMutableBufferPointer { slot in
                queue.withUnsafeMutableBufferPointer { q in
                    centrality.withUnsafeMutableBufferPointer { bc in
                        for s in sources {
                            slot[s].level = 0
                            slot[s].value = 1
                            q[0] = Int32(truncatingIfNeeded: s)
                            var head = 0, tail = 1
                            while head < tail {
                                let v = Int(q[head])
                                head &+= 1
                                let next = slot[v].level &+ 1
                                let sigma = slot[v].value.bitPattern
                                for e in Int(slot[v].start)..<Int(slot[v &+ 1].start) {
                                    let w = Int(neighbors[e])
                                    let level = slot[w].level
                                    let unseen = level < 0
                                    q[tail] = Int32(truncatingIfNeeded: w)
                                    tail &+= unseen ? 1 : 0
                                    let reached = unseen ? next : level
                                    slot[w].level = reached
                                    let mask = 0 &- UInt64(reached == next ? 1 : 0)
                                    slot[w].value += Double(bitPattern: sigma & mask)
                                }
                            }
                            // The source, q[0], has no predecessors to pass anything to.
                            var i = tail &- 1
                            while i > 0 {
                                let v = Int(q[i])
                                let next = slot[v].level &+ 1
                                var d = 0.0
                                for e in Int(slot[v].start)..<Int(slot[v &+ 1].start) {
                                    let w = Int(neighbors[e])
                                    let mask = 0 &- UInt64(slot[w].level == next ? 1 : 0)
                                    d += Double(bitPattern: slot[w].value.bitPattern & mask)
                                }
                                let sigma = slot[v].value
                                let delta = sigma * d
                                slot[v].value = (1 + delta) / sigma
                                bc[v] += delta
                                i &-= 1
                            }
                            for i in 0..<tail {
                                let v = Int(q[i])
                                slot[v].level = -1
                                slot[v].value = 0
                            }
                        }
                    }
                }
            }
        }
    }
}
