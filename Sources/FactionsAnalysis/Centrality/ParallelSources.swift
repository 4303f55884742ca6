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
/// Brandes's dependency accumulation: Int32 levels, and instead of a list of
/// predecessors per node, one array of successors written in the order the search
/// finds them, which the accumulation reads back to front.
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
    var queue: [Int32]
    /// The search's successors (neighbours one level further), node after node in queue
    /// order, so that the accumulation reads only those instead of every neighbour's
    /// level: on the 1k- and 10k-node Barabási–Albert graphs this took 29–32 % off the
    /// time. A tie is a successor in one direction at most, so half the adjacency
    /// entries suffice.
    var successors: [Int32]
    /// Where the successors of the node at each queue position end.
    var successorsEnd: [Int32]

    /// A CSR graph: node v's neighbours are `neighbors[offsets[v]..<offsets[v + 1]]`.
    init(offsets: [Int], neighbors: [Int32]) {
        precondition(neighbors.count <= Int(UInt32.max), "more than 2³² adjacency entries")
        self.neighbors = neighbors
        let n = offsets.count - 1
        slots = offsets.map { Slot(level: -1, start: UInt32($0), value: 0) }
        queue = [Int32](repeating: 0, count: n)
        successors = [Int32](repeating: 0, count: neighbors.count / 2)
        successorsEnd = [Int32](repeating: 0, count: n)
    }

    /// Adds every source's dependencies δ_s(v), v ≠ s, to `centrality`.
    ///
    /// The search branches on whether a neighbour is new and whether it is one level
    /// further. A branch-free form (masked adds, a store for every edge) was measured
    /// 2–16 % slower on the benchmark graphs: the optimiser turned part of it back into
    /// branches anyway, and written so that it could not, it was 17 % slower on ba-1k.
    mutating func accumulate<S: Sequence<Int>>(sources: S, into centrality: inout [Double]) {
        neighbors.withUnsafeBufferPointer { neighbors in
            slots.withUnsafeMutableBufferPointer { slot in
                queue.withUnsafeMutableBufferPointer { q in
                    successors.withUnsafeMutableBufferPointer { successor in
                        successorsEnd.withUnsafeMutableBufferPointer { successorsEnd in
                            centrality.withUnsafeMutableBufferPointer { bc in
                                for s in sources {
                                    Self.accumulate(source: s, neighbors: neighbors, slot: slot, queue: q,
                                                    successor: successor, successorsEnd: successorsEnd, into: bc)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func accumulate(source s: Int, neighbors: UnsafeBufferPointer<Int32>,
                                   slot: UnsafeMutableBufferPointer<Slot>, queue q: UnsafeMutableBufferPointer<Int32>,
                                   successor: UnsafeMutableBufferPointer<Int32>,
                                   successorsEnd: UnsafeMutableBufferPointer<Int32>,
                                   into bc: UnsafeMutableBufferPointer<Double>) {
        slot[s].level = 0
        slot[s].value = 1
        q[0] = Int32(truncatingIfNeeded: s)
        var head = 0, tail = 1, found = 0
        while head < tail {
            let v = Int(q[head])
            let next = slot[v].level &+ 1
            let sigma = slot[v].value
            for e in Int(slot[v].start)..<Int(slot[v &+ 1].start) {
                let w = Int(neighbors[e])
                var level = slot[w].level
                if level < 0 {
                    level = next
                    slot[w].level = next
                    slot[w].value = 0
                    q[tail] = Int32(truncatingIfNeeded: w)
                    tail &+= 1
                }
                if level == next {
                    slot[w].value += sigma
                    successor[found] = Int32(truncatingIfNeeded: w)
                    found &+= 1
                }
            }
            successorsEnd[head] = Int32(truncatingIfNeeded: found)
            head &+= 1
        }
        // The source, q[0], has no predecessors to pass anything to.
        var i = tail &- 1
        while i > 0 {
            let v = Int(q[i])
            var d = 0.0
            for e in Int(successorsEnd[i &- 1])..<Int(successorsEnd[i]) {
                d += slot[Int(successor[e])].value
            }
            let sigma = slot[v].value
            let delta = sigma * d
            slot[v].value = (1 + delta) / sigma
            bc[v] += delta
            i &-= 1
        }
        // A value is cleared when its node is found, so only the levels need resetting.
        for i in 0..<tail { slot[Int(q[i])].level = -1 }
    }
}
