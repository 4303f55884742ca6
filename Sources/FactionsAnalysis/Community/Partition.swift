import FactionsCore

/// A partition of a graph's nodes into communities.
public struct Partition: Sendable, Hashable {
    public var labels: [String]
    /// Community of each node, numbered 0… by decreasing size, ties by smallest label.
    public var membership: [Int]
    /// Modularity of the partition at the resolution it was found with.
    public var modularity: Double
    public var resolution: Double

    public init(labels: [String], membership: [Int], modularity: Double, resolution: Double) {
        self.labels = labels
        self.membership = membership
        self.modularity = modularity
        self.resolution = resolution
    }

    public var count: Int { (membership.max() ?? -1) + 1 }

    /// Members of each community, as node indices in label order.
    public var communities: [[Int]] {
        var out = [[Int]](repeating: [], count: count)
        for (v, c) in membership.enumerated() { out[c].append(v) }
        return out.map { $0.sorted { labels[$0] < labels[$1] } }
    }

    /// Renumbers arbitrary community ids canonically: largest first, ties by the
    /// smallest member label, so equal partitions compare equal.
    public static func canonical(_ raw: [Int], labels: [String]) -> [Int] {
        // Ids numbered 0… in order of appearance, so that each group's size and member
        // with the smallest label fit in arrays (a dictionary of member lists cost 8% of
        // Leiden's time on a 1,000-node graph). Ids of the community algorithms
        // are below the node count; others are renumbered through a dictionary first.
        var ids = raw
        if raw.contains(where: { $0 < 0 || $0 >= raw.count }) {
            var renumbered: [Int: Int] = [:]
            ids = raw.map { c in
                if let d = renumbered[c] { return d }
                renumbered[c] = renumbered.count
                return renumbered.count - 1
            }
        }
        let (dense, count) = denseCommunities(ids)
        var size = [Int](repeating: 0, count: count)
        var first = [Int](repeating: -1, count: count)
        for (v, c) in dense.enumerated() {
            size[c] += 1
            if first[c] < 0 || labels[v] < labels[first[c]] { first[c] = v }
        }
        let ordered = (0..<count).sorted { a, b in
            if size[a] != size[b] { return size[a] > size[b] }
            return labels[first[a]] < labels[first[b]]
        }
        var rank = [Int](repeating: 0, count: count)
        for (i, c) in ordered.enumerated() { rank[c] = i }
        return dense.map { rank[$0] }
    }
}

/// Modularity (M. E. J. Newman, "Modularity and community structure in networks",
/// PNAS 103, 2006) with a resolution parameter γ, as NetworkX's
/// `community.modularity(G, communities, weight, resolution)`:
/// Q = Σ_c [ L_c / m − γ (d_c / 2m)² ], L_c the weight inside c (self-loops once),
/// d_c its total degree (self-loops twice). O(m).
public enum Modularity {
    public static func compute(_ graph: Graph, membership: [Int], resolution: Double = 1) -> Double {
        compute(CommunityGraph(graph), membership: membership, resolution: resolution)
    }

    static func compute(_ g: CommunityGraph, membership: [Int], resolution: Double) -> Double {
        let m = g.totalWeight
        guard m > 0 else { return 0 }
        let k = (membership.max() ?? -1) + 1
        var inside = [Double](repeating: 0, count: k)
        var degree = [Double](repeating: 0, count: k)
        for v in 0..<g.nodeCount {
            let c = membership[v]
            degree[c] += g.strength[v]
            inside[c] += g.loops[v]
            for e in g.offsets[v]..<g.offsets[v + 1] where membership[Int(g.neighbors[e])] == c {
                inside[c] += g.weights[e] / 2
            }
        }
        var q = 0.0
        for c in 0..<k {
            q += inside[c] / m - resolution * (degree[c] / (2 * m)) * (degree[c] / (2 * m))
        }
        return q
    }
}

/// The weighted graph community algorithms work on: integer nodes, CSR adjacency
/// without self-loops, loops apart, and each node's strength (loops counted twice).
struct CommunityGraph {
    var nodeCount: Int
    var offsets: [Int]
    var neighbors: [Int32]
    var weights: [Double]
    var loops: [Double]
    var strength: [Double]
    /// m: total edge weight, each edge once, loops included.
    var totalWeight: Double

    init(_ graph: Graph) {
        nodeCount = graph.nodeCount
        offsets = graph.offsets
        neighbors = graph.neighbors
        weights = graph.weights
        loops = graph.selfLoopWeight
        strength = (0..<graph.nodeCount).map { v in
            graph.neighborRange(v).reduce(0.0) { $0 + graph.weights[$1] } + 2 * graph.selfLoopWeight[v]
        }
        totalWeight = graph.totalWeight
    }

    init(nodeCount: Int, offsets: [Int], neighbors: [Int32], weights: [Double], loops: [Double]) {
        self.nodeCount = nodeCount
        self.offsets = offsets
        self.neighbors = neighbors
        self.weights = weights
        self.loops = loops
        var s = [Double](repeating: 0, count: nodeCount)
        var total = 0.0
        for v in 0..<nodeCount {
            var x = 2 * loops[v]
            for e in offsets[v]..<offsets[v + 1] { x += weights[e] }
            s[v] = x
            total += loops[v]
        }
        strength = s
        totalWeight = total + weights.reduce(0, +) / 2
    }

    /// Collapses each community into one node; edges between communities are summed,
    /// edges inside become self-loops. O(m + n).
    func aggregate(_ membership: [Int], count: Int) -> CommunityGraph {
        // Members of each community in node order, as one flat array (a counting sort):
        // an array per community cost an allocation each, a tenth of Leiden's time.
        var memberStart = [Int](repeating: 0, count: count + 1)
        for v in 0..<nodeCount { memberStart[membership[v] + 1] += 1 }
        for c in 0..<count { memberStart[c + 1] += memberStart[c] }
        var members = [Int](repeating: 0, count: nodeCount)
        var fill = memberStart
        for v in 0..<nodeCount {
            members[fill[membership[v]]] = v
            fill[membership[v]] += 1
        }
        var newLoops = [Double](repeating: 0, count: count)
        var newOffsets = [Int](repeating: 0, count: count + 1)
        // Scratch for one community at a time: its summed weight to each other
        // community, which communities it reaches (each row in order of first reach) and,
        // per community, the last one that reached it.
        let accumulator = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        let touched = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        let touchedBy = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        defer {
            accumulator.deallocate()
            touched.deallocate()
            touchedBy.deallocate()
        }
        accumulator.initialize(repeating: 0)
        touchedBy.initialize(repeating: -1)
        // Each new edge comes from at least one old one, so the old edge count bounds the
        // new arrays, which are filled in place: appending checked capacity and
        // uniqueness on every edge.
        var edgeCount = 0
        var newWeights: [Double] = []
        let newNeighbors = [Int32](unsafeUninitializedCapacity: neighbors.count) { outNeighbors, neighborsFilled in
            newWeights = [Double](unsafeUninitializedCapacity: neighbors.count) { outWeights, weightsFilled in
                offsets.withUnsafeBufferPointer { offsets in
                    neighbors.withUnsafeBufferPointer { neighbors in
                        weights.withUnsafeBufferPointer { weights in
                            membership.withUnsafeBufferPointer { membership in
                                for c in 0..<count {
                                    var touchedCount = 0
                                    for v in members[memberStart[c]..<memberStart[c + 1]] {
                                        newLoops[c] += loops[v]
                                        for e in offsets[v]..<offsets[v + 1] {
                                            let d = membership[Int(neighbors[e])]
                                            if d == c {
                                                newLoops[c] += weights[e] / 2
                                                continue
                                            }
                                            if touchedBy[d] != c {
                                                touchedBy[d] = c
                                                touched[touchedCount] = d
                                                touchedCount += 1
                                            }
                                            accumulator[d] += weights[e]
                                        }
                                    }
                                    for d in touched[0..<touchedCount] {
                                        outNeighbors[edgeCount] = Int32(d)
                                        outWeights[edgeCount] = accumulator[d]
                                        accumulator[d] = 0
                                        edgeCount += 1
                                    }
                                    newOffsets[c + 1] = edgeCount
                                }
                            }
                        }
                    }
                }
                weightsFilled = edgeCount
            }
            neighborsFilled = edgeCount
        }
        return CommunityGraph(nodeCount: count, offsets: newOffsets, neighbors: newNeighbors, weights: newWeights,
                              loops: newLoops)
    }
}

/// Community ids renumbered 0, 1, … in order of first appearance, and how many there are.
/// Runs a few times per aggregation level, so it reads and writes through unsafe buffers.
func denseCommunities(_ membership: [Int]) -> (labels: [Int], count: Int) {
    var map = [Int](repeating: -1, count: (membership.max() ?? -1) + 1)
    var count = 0
    let labels = [Int](unsafeUninitializedCapacity: membership.count) { labels, filled in
        map.withUnsafeMutableBufferPointer { map in
            membership.withUnsafeBufferPointer { membership in
                for (v, c) in membership.enumerated() {
                    if map[c] < 0 {
                        map[c] = count
                        count += 1
                    }
                    labels[v] = map[c]
                }
            }
        }
        filled = membership.count
    }
    return (labels, count)
}

/// Which community algorithm to run.
public enum CommunityMethod: String, CaseIterable, Sendable, Codable {
    case louvain, leiden

    public func detect(_ graph: Graph, resolution: Double = 1, seed: UInt64 = 1) -> Partition {
        switch self {
        case .louvain: Louvain.detect(graph, resolution: resolution, seed: seed)
        // The command line iterates Leiden until the partition is stable: on the
        // networks a text yields, quality matters more than the milliseconds.
        case .leiden: Leiden.detect(graph, resolution: resolution, seed: seed, maxIterations: 50, tolerance: 0)
        }
    }
}
