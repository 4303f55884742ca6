import FactionsCore

/// Closeness centrality as NetworkX's `closeness_centrality(G)` with its default
/// `wf_improved=True` (Wasserman and Faust's correction for disconnected graphs):
/// for a node reaching r − 1 others at total distance D, (r − 1)/D · (r − 1)/(n − 1),
/// and 0 for an isolated node. The weighted variant uses distance = 1 / weight.
///
/// O(nm) unweighted, O(nm + n² log n) weighted.
public enum Closeness {
    public static func compute(_ graph: Graph, weighted: Bool = false,
                               threads: Int = ParallelSources.defaultThreads) throws(AnalysisError) -> NodeScores {
        if weighted { try ShortestPathWorkspace.validate(graph) }
        let n = graph.nodeCount
        let values = ParallelSources.sum(nodeCount: n, threads: threads) { sources in
            var values = [Double](repeating: 0, count: n)
            func score(_ total: Double, _ reached: Double) -> Double {
                total > 0 && n > 1 ? (reached - 1) / total * ((reached - 1) / Double(n - 1)) : 0
            }
            if weighted {
                var workspace = ShortestPathWorkspace(graph: graph, weighted: true)
                for u in sources {
                    workspace.run(from: u, trackPredecessors: false)
                    var total = 0.0
                    for v in workspace.order { total += workspace.distance[Int(v)] }
                    values[u] = score(total, Double(workspace.order.count))
                }
            } else {
                var search = BitParallelBFS(graph: graph)
                var start = sources.lowerBound
                while start < sources.upperBound {
                    let batch = start..<min(start + 64, sources.upperBound)
                    search.run(from: batch)
                    for (k, u) in batch.enumerated() {
                        values[u] = score(Double(search.distanceSum[k]), Double(search.reached[k]))
                    }
                    start = batch.upperBound
                }
            }
            return values
        }
        return NodeScores(measure: weighted ? "closeness-weighted" : "closeness", labels: graph.labels, values: values)
    }
}

/// Breadth-first search from up to 64 sources at once (multi-source BFS, M. Then et
/// al., "The More the Merrier", VLDB 2014): bit k of a node's word says that source k
/// has reached it, so one pass over a node's ties advances all 64 searches. Only
/// nodes reached at the last level are expanded, so the work never exceeds 64 separate
/// searches; on small-world graphs, where most sources reach most nodes at the same
/// few levels, it is a fraction of it. Closeness needs only distance sums, which it
/// gives exactly.
struct BitParallelBFS {
    let graph: Graph
    private var seen: [UInt64]
    private var frontier: [UInt64]
    private var next: [UInt64]
    private var active: [Int32] = []
    private var touched: [Int32] = []
    /// Per source of the last batch: sum of distances and nodes reached (itself included).
    var distanceSum = [Int](repeating: 0, count: 64)
    var reached = [Int](repeating: 0, count: 64)

    init(graph: Graph) {
        self.graph = graph
        let n = graph.nodeCount
        seen = [UInt64](repeating: 0, count: n)
        frontier = [UInt64](repeating: 0, count: n)
        next = [UInt64](repeating: 0, count: n)
    }

    mutating func run(from sources: Range<Int>) {
        precondition(sources.count <= 64)
        for i in 0..<seen.count { seen[i] = 0 }
        for k in 0..<64 { distanceSum[k] = 0; reached[k] = 1 }
        active.removeAll(keepingCapacity: true)
        for (k, s) in sources.enumerated() {
            seen[s] |= 1 << UInt64(k)
            if frontier[s] == 0 { active.append(Int32(s)) }
            frontier[s] |= 1 << UInt64(k)
        }
        var level = 0
        var newActive: [Int32] = []
        while !active.isEmpty {
            level += 1
            touched.removeAll(keepingCapacity: true)
            newActive.removeAll(keepingCapacity: true)
            graph.offsets.withUnsafeBufferPointer { offsets in
                graph.neighbors.withUnsafeBufferPointer { neighbors in
                    frontier.withUnsafeMutableBufferPointer { frontier in
                        next.withUnsafeMutableBufferPointer { next in
                            seen.withUnsafeMutableBufferPointer { seen in
                                for v32 in active {
                                    let v = Int(v32)
                                    let f = frontier[v]
                                    frontier[v] = 0
                                    for e in offsets[v]..<offsets[v + 1] {
                                        let w = Int(neighbors[e])
                                        if next[w] == 0 { touched.append(Int32(w)) }
                                        next[w] |= f
                                    }
                                }
                                for w32 in touched {
                                    let w = Int(w32)
                                    let fresh = next[w] & ~seen[w]
                                    next[w] = 0
                                    guard fresh != 0 else { continue }
                                    seen[w] |= fresh
                                    frontier[w] = fresh
                                    newActive.append(w32)
                                    var bits = fresh
                                    while bits != 0 {
                                        let k = bits.trailingZeroBitCount
                                        distanceSum[k] += level
                                        reached[k] += 1
                                        bits &= bits - 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
            swap(&active, &newActive)
        }
    }
}
