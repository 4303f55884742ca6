import FactionsCore

/// Single-source shortest paths shared by betweenness, closeness and harmonic
/// centrality. Unweighted graphs use breadth-first search; weighted ones Dijkstra with
/// distance = 1 / weight, so that stronger ties are shorter (NetworkX's convention
/// when a `distance` attribute of 1/weight is passed).
struct ShortestPathWorkspace {
    let graph: Graph
    let weighted: Bool
    /// Distance from the source; `.infinity` when unreached.
    var distance: [Double]
    /// Number of shortest paths from the source.
    var sigma: [Double]
    /// Nodes in order of non-decreasing distance.
    var order: [Int32]
    /// Predecessors on shortest paths, as a CSR-like list filled per search.
    var predecessors: [[Int32]]
    var queue: [Int32]
    var heap: DistanceHeap
    let edgeLength: [Double]

    init(graph: Graph, weighted: Bool) {
        self.graph = graph
        self.weighted = weighted
        let n = graph.nodeCount
        distance = [Double](repeating: .infinity, count: n)
        sigma = [Double](repeating: 0, count: n)
        order = []
        order.reserveCapacity(n)
        predecessors = [[Int32]](repeating: [], count: n)
        queue = [Int32](repeating: 0, count: n)
        heap = DistanceHeap()
        edgeLength = weighted ? graph.weights.map { 1 / $0 } : []
        tentativeDistance = [Double](repeating: .infinity, count: n)
    }

    /// Checks that every weight gives a finite positive distance.
    static func validate(_ graph: Graph) throws(AnalysisError) {
        for v in 0..<graph.nodeCount {
            for e in graph.neighborRange(v) {
                let w = graph.weights[e]
                let u = Int(graph.neighbors[e])
                if w < 0 { throw .negativeWeight(source: graph.labels[v], target: graph.labels[u], weight: w) }
                if w == 0 { throw .zeroWeight(source: graph.labels[v], target: graph.labels[u]) }
            }
        }
    }

    /// Runs the search from `source`, leaving `order`, `distance`, `sigma` and
    /// (when `trackPredecessors`) `predecessors` filled for the reached nodes.
    mutating func run(from source: Int, trackPredecessors: Bool) {
        for v in order {
            distance[Int(v)] = .infinity
            sigma[Int(v)] = 0
            if trackPredecessors { predecessors[Int(v)].removeAll(keepingCapacity: true) }
        }
        order.removeAll(keepingCapacity: true)
        if weighted {
            dijkstra(source, trackPredecessors)
        } else {
            bfs(source, trackPredecessors)
        }
    }

    private mutating func bfs(_ source: Int, _ track: Bool) {
        let offsets = graph.offsets
        let neighbors = graph.neighbors
        distance[source] = 0
        sigma[source] = 1
        var head = 0, tail = 0
        queue[tail] = Int32(source); tail += 1
        while head < tail {
            let v = Int(queue[head]); head += 1
            order.append(Int32(v))
            let dv = distance[v]
            for e in offsets[v]..<offsets[v + 1] {
                let w = Int(neighbors[e])
                if distance[w] == .infinity {
                    distance[w] = dv + 1
                    queue[tail] = Int32(w); tail += 1
                }
                if distance[w] == dv + 1 {
                    sigma[w] += sigma[v]
                    if track { predecessors[w].append(Int32(v)) }
                }
            }
        }
    }

    /// Dijkstra as NetworkX's `_single_source_dijkstra_path_basic`: a node is final
    /// when popped; an equal tentative distance (exact float equality) adds paths, so
    /// the path counts and sums agree with NetworkX bit for bit.
    private mutating func dijkstra(_ source: Int, _ track: Bool) {
        let offsets = graph.offsets
        let neighbors = graph.neighbors
        heap.removeAll()
        tentativeDistance[source] = 0
        touched.append(Int32(source))
        sigma[source] = 1
        heap.push(0, Int32(source), Int32(source))
        while let (d, v32, pred32) = heap.pop() {
            let v = Int(v32)
            if distance[v] != .infinity { continue }
            if v != source { sigma[v] += sigma[Int(pred32)] }
            order.append(v32)
            distance[v] = d
            for e in offsets[v]..<offsets[v + 1] {
                let w = Int(neighbors[e])
                if distance[w] != .infinity { continue }
                let vw = d + edgeLength[e]
                let seen = tentativeDistance[w]
                if seen == .infinity || vw < seen {
                    if seen == .infinity { touched.append(Int32(w)) }
                    tentativeDistance[w] = vw
                    heap.push(vw, Int32(w), v32)
                    sigma[w] = 0
                    if track { predecessors[w].removeAll(keepingCapacity: true); predecessors[w].append(v32) }
                } else if vw == seen {
                    sigma[w] += sigma[v]
                    if track { predecessors[w].append(v32) }
                }
            }
        }
        for t in touched { tentativeDistance[Int(t)] = .infinity }
        touched.removeAll(keepingCapacity: true)
    }

    var tentativeDistance: [Double]
    var touched: [Int32] = []
}

/// A binary min-heap of (distance, node, predecessor), ordered by distance then by
/// insertion order, as Python's heapq with a counter does in NetworkX.
struct DistanceHeap {
    private var keys: [Double] = []
    private var counters: [Int] = []
    private var nodes: [Int32] = []
    private var preds: [Int32] = []
    private var counter = 0

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        counters.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
        preds.removeAll(keepingCapacity: true)
        counter = 0
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        keys[a] < keys[b] || (keys[a] == keys[b] && counters[a] < counters[b])
    }

    private mutating func swapAt(_ a: Int, _ b: Int) {
        keys.swapAt(a, b); counters.swapAt(a, b); nodes.swapAt(a, b); preds.swapAt(a, b)
    }

    mutating func push(_ key: Double, _ node: Int32, _ pred: Int32) {
        keys.append(key); counters.append(counter); nodes.append(node); preds.append(pred)
        counter += 1
        var i = keys.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if less(i, p) { swapAt(i, p); i = p } else { break }
        }
    }

    mutating func pop() -> (Double, Int32, Int32)? {
        guard !keys.isEmpty else { return nil }
        let top = (keys[0], nodes[0], preds[0])
        let last = keys.count - 1
        swapAt(0, last)
        keys.removeLast(); counters.removeLast(); nodes.removeLast(); preds.removeLast()
        var i = 0
        let n = keys.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < n, less(l, m) { m = l }
            if r < n, less(r, m) { m = r }
            if m == i { break }
            swapAt(i, m)
            i = m
        }
        return top
    }
}
