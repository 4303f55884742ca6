/// The node-moving step shared by Louvain and Leiden: a node leaves its community and
/// joins the neighbouring community (or stays alone) with the largest modularity gain
///   ΔQ(v → C) = w(v, C) / m − γ · k_v · Σ_C / (2m²),
/// ties between equally good communities broken by the smallest community id.
struct LocalMoving {
    let graph: CommunityGraph
    let resolution: Double
    var membership: [Int]
    /// Σ_C: total strength of each community.
    var communityStrength: [Double]
    /// Scratch: weight from the current node to each neighbouring community, and those
    /// communities, a stack of n entries (a node has fewer than n distinct neighbours).
    private var linkWeight: [Double]
    private var linked: [Int]
    /// Empty community ids, so a node can always be moved out alone.
    private var communitySize: [Int]
    private var empty: [Int] = []

    init(graph: CommunityGraph, membership: [Int], resolution: Double) {
        self.graph = graph
        self.resolution = resolution
        self.membership = membership
        let n = graph.nodeCount
        communityStrength = [Double](repeating: 0, count: n)
        communitySize = [Int](repeating: 0, count: n)
        for v in 0..<n {
            communityStrength[membership[v]] += graph.strength[v]
            communitySize[membership[v]] += 1
        }
        for c in stride(from: n - 1, through: 0, by: -1) where communitySize[c] == 0 { empty.append(c) }
        linkWeight = [Double](repeating: 0, count: n)
        linked = [Int](repeating: 0, count: n)
    }

    /// Fast local moving (Traag, Waltman and van Eck 2019): every node once in an
    /// order shuffled by `rng`, then only neighbours of nodes that moved into another
    /// community, until no node gains by moving. Returns whether any node moved.
    /// (Sweeping all nodes again and again instead took 400 sweeps on a 100,000-node
    /// scale-free graph, each moving a few nodes.)
    mutating func moveUntilStable(rng: inout SplitMix64) -> Bool {
        var queue = Array(0..<graph.nodeCount)
        rng.shuffle(&queue)
        var inQueue = [Bool](repeating: true, count: graph.nodeCount)
        var head = 0
        var anyMove = false
        while head < queue.count {
            let v = queue[head]
            head += 1
            inQueue[v] = false
            if moveBest(v) {
                anyMove = true
                let c = membership[v]
                for e in graph.offsets[v]..<graph.offsets[v + 1] {
                    let u = Int(graph.neighbors[e])
                    if !inQueue[u] && membership[u] != c {
                        inQueue[u] = true
                        queue.append(u)
                    }
                }
            }
            if head > 4096 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
        }
        return anyMove
    }

    /// Finds the best community for `v`; moves it and returns true when it changes.
    ///
    /// This is the inner loop of both algorithms (half of Leiden's time), so the arrays
    /// are read through unsafe buffers: checked indexing and uniqueness checks on every
    /// access cost as much as the arithmetic. (Swapping the scratch arrays out of `self`
    /// for the call instead cost a retain and release per call and a uniqueness check
    /// per append.)
    mutating func moveBest(_ v: Int) -> Bool {
        let m = graph.totalWeight
        guard m > 0 else { return false }
        let current = membership[v]
        let kv = graph.strength[v]
        let lo = graph.offsets[v], hi = graph.offsets[v + 1]
        // Take v out of its community.
        communityStrength[current] -= kv
        communitySize[current] -= 1
        let scale = resolution * kv / (2 * m * m)
        var best = current
        var bestGain = 0.0
        linkWeight.withUnsafeMutableBufferPointer { lw in
            linked.withUnsafeMutableBufferPointer { touched in
                var count = 0
                membership.withUnsafeBufferPointer { membership in
                    graph.neighbors.withUnsafeBufferPointer { neighbors in
                        graph.weights.withUnsafeBufferPointer { weights in
                            for e in lo..<hi {
                                let c = membership[Int(neighbors[e])]
                                if lw[c] == 0 {
                                    touched[count] = c
                                    count += 1
                                }
                                lw[c] += weights[e]
                            }
                        }
                    }
                }
                communityStrength.withUnsafeBufferPointer { strength in
                    bestGain = lw[current] / m - scale * strength[current]
                    for i in 0..<count {
                        let c = touched[i]
                        guard c != current else { continue }
                        let gain = lw[c] / m - scale * strength[c]
                        if gain > bestGain + 1e-15 || (abs(gain - bestGain) <= 1e-15 && c < best && best != current) {
                            best = c
                            bestGain = gain
                        }
                    }
                }
                for i in 0..<count { lw[touched[i]] = 0 }
                lw[current] = 0
            }
        }
        // Alone: gain 0. Only when v has neighbours elsewhere is an empty community useful.
        if bestGain < -1e-15, communitySize[current] > 0 {
            if let e = empty.popLast() { best = e; bestGain = 0 }
        }
        if communitySize[current] == 0 && best != current { empty.append(current) }
        // An empty community taken above was popped already; only a neighbour's
        // community can be chosen otherwise, and those are never empty. (Searching the
        // stack on every move made a level quadratic in the number of nodes.)
        membership[v] = best
        communityStrength[best] += kv
        communitySize[best] += 1
        return best != current
    }
}
