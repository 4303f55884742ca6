/// An immutable undirected graph in compressed sparse row form.
///
/// Nodes are `0..<nodeCount`; the neighbours of `v` are
/// `neighbors[offsets[v]..<offsets[v+1]]`, sorted ascending, with the tie weight and
/// sign at the same index of `weights` and `signs`. Each undirected edge is stored in
/// both directions. Parallel edges are merged by the builder (weights summed) and
/// self-loops are kept apart in `selfLoopWeight`, so algorithms that ignore loops (as
/// NetworkX's shortest paths do) see none.
public struct Graph: Sendable {
    public let nodeCount: Int
    public let offsets: [Int]
    public let neighbors: [Int32]
    public let weights: [Double]
    public let signs: [Int8]
    /// Weight of the self-loop at each node (0 when none).
    public let selfLoopWeight: [Double]
    /// Node labels, e.g. actor ids; index is the node number.
    public let labels: [String]

    init(nodeCount: Int, offsets: [Int], neighbors: [Int32], weights: [Double], signs: [Int8],
         selfLoopWeight: [Double], labels: [String]) {
        self.nodeCount = nodeCount
        self.offsets = offsets
        self.neighbors = neighbors
        self.weights = weights
        self.signs = signs
        self.selfLoopWeight = selfLoopWeight
        self.labels = labels
    }

    /// Number of undirected edges, self-loops not counted.
    public var edgeCount: Int { neighbors.count / 2 }

    @inlinable public func degree(_ v: Int) -> Int { offsets[v + 1] - offsets[v] }

    @inlinable public func neighborRange(_ v: Int) -> Range<Int> { offsets[v]..<offsets[v + 1] }

    /// Index of node by label (linear scan; build a dictionary for repeated lookups).
    public func index(of label: String) -> Int? { labels.firstIndex(of: label) }

    /// Sum of all edge weights (each undirected edge once, self-loops included).
    public var totalWeight: Double {
        weights.reduce(0, +) / 2 + selfLoopWeight.reduce(0, +)
    }

    /// True when every weight is 1.
    public var isUnweighted: Bool { weights.allSatisfy { $0 == 1 } }

    /// The subgraph induced by the nodes for which `keep` is true, relabelled densely
    /// in their original order.
    public func induced(_ keep: (Int) -> Bool) -> Graph {
        var builder = GraphBuilder()
        var newIndex = [Int](repeating: -1, count: nodeCount)
        for v in 0..<nodeCount where keep(v) {
            newIndex[v] = builder.addNode(labels[v])
        }
        for v in 0..<nodeCount where newIndex[v] >= 0 {
            for e in neighborRange(v) {
                let u = Int(neighbors[e])
                if u > v, newIndex[u] >= 0 {
                    builder.addEdge(newIndex[v], newIndex[u], weight: weights[e], sign: signs[e])
                }
            }
            if selfLoopWeight[v] != 0 { builder.addEdge(newIndex[v], newIndex[v], weight: selfLoopWeight[v]) }
        }
        return builder.build()
    }
}

/// Accumulates nodes and edges, then freezes them into a `Graph`.
public struct GraphBuilder: Sendable {
    private var labels: [String] = []
    private var labelIndex: [String: Int] = [:]
    private var sources: [Int32] = []
    private var targets: [Int32] = []
    private var edgeWeights: [Double] = []
    private var edgeSigns: [Int8] = []

    public init() {}

    public var nodeCount: Int { labels.count }

    /// Adds a node (or returns the existing one with that label).
    @discardableResult
    public mutating func addNode(_ label: String) -> Int {
        if let i = labelIndex[label] { return i }
        let i = labels.count
        labels.append(label)
        labelIndex[label] = i
        return i
    }

    /// Adds an undirected edge. Parallel edges are merged at build time: weights are
    /// summed, and the sign of the merged edge is the sign of the summed signed weight.
    public mutating func addEdge(_ a: Int, _ b: Int, weight: Double = 1, sign: Int8 = 0) {
        sources.append(Int32(a))
        targets.append(Int32(b))
        edgeWeights.append(weight)
        edgeSigns.append(sign)
    }

    public mutating func addEdge(_ a: String, _ b: String, weight: Double = 1, sign: Int8 = 0) {
        addEdge(addNode(a), addNode(b), weight: weight, sign: sign)
    }

    /// Freezes the graph: O(m log m) for the per-node neighbour sort.
    public func build() -> Graph {
        let n = labels.count
        var loops = [Double](repeating: 0, count: n)
        var count = [Int](repeating: 0, count: n + 1)
        for i in sources.indices where sources[i] != targets[i] {
            count[Int(sources[i]) + 1] += 1
            count[Int(targets[i]) + 1] += 1
        }
        for v in 0..<n { count[v + 1] += count[v] }
        var fill = count
        let slots = count[n]
        var nb = [Int32](repeating: 0, count: slots)
        var w = [Double](repeating: 0, count: slots)
        var sw = [Double](repeating: 0, count: slots)
        for i in sources.indices {
            let a = Int(sources[i]), b = Int(targets[i])
            if a == b { loops[a] += edgeWeights[i]; continue }
            let signed = edgeWeights[i] * Double(edgeSigns[i])
            nb[fill[a]] = Int32(b); w[fill[a]] = edgeWeights[i]; sw[fill[a]] = signed; fill[a] += 1
            nb[fill[b]] = Int32(a); w[fill[b]] = edgeWeights[i]; sw[fill[b]] = signed; fill[b] += 1
        }
        // Sort each row and merge parallel edges.
        var offsets = [Int](repeating: 0, count: n + 1)
        var outN: [Int32] = []
        var outW: [Double] = []
        var outS: [Int8] = []
        outN.reserveCapacity(slots)
        outW.reserveCapacity(slots)
        outS.reserveCapacity(slots)
        for v in 0..<n {
            let row = (count[v]..<count[v + 1]).sorted { nb[$0] < nb[$1] }
            var k = 0
            while k < row.count {
                let u = nb[row[k]]
                var weight = 0.0, signed = 0.0
                var anySigned = false
                while k < row.count, nb[row[k]] == u {
                    weight += w[row[k]]
                    signed += sw[row[k]]
                    if sw[row[k]] != 0 { anySigned = true }
                    k += 1
                }
                outN.append(u)
                outW.append(weight)
                outS.append(anySigned ? (signed > 0 ? 1 : (signed < 0 ? -1 : 0)) : 0)
            }
            offsets[v + 1] = outN.count
        }
        return Graph(nodeCount: n, offsets: offsets, neighbors: outN, weights: outW, signs: outS,
                     selfLoopWeight: loops, labels: labels)
    }
}
