import FactionsCore

/// Louvain community detection (V. D. Blondel, J.-L. Guillaume, R. Lambiotte and
/// E. Lefebvre, "Fast unfolding of communities in large networks", J. Stat. Mech.
/// 2008) maximising modularity at resolution γ, as NetworkX's `louvain_communities`.
///
/// Nodes are visited in an order shuffled by the seed, then only neighbours of nodes
/// that moved, until no node gains by moving; communities are collapsed and the
/// process repeats; when the levels stop merging, the original nodes move again and,
/// if that gains more than `threshold`, the levels resume (multilevel refinement). `restarts` runs with seeds derived from `seed` and keeps the partition of
/// highest modularity, so results are deterministic and robust to an unlucky order.
/// O(m) per pass; typically near-linear overall.
public enum Louvain {
    public static func detect(_ graph: Graph, resolution: Double = 1, seed: UInt64 = 1, restarts: Int = 8,
                              threshold: Double = 1e-10) -> Partition {
        let base = CommunityGraph(graph)
        var best: (membership: [Int], q: Double)? = nil
        var rng = SplitMix64(seed: seed)
        for _ in 0..<max(1, restarts) {
            var runRNG = SplitMix64(seed: rng.next())
            let membership = run(base, resolution: resolution, threshold: threshold, rng: &runRNG)
            let q = Modularity.compute(base, membership: membership, resolution: resolution)
            if best == nil || q > best!.q + 1e-12 { best = (membership, q) }
        }
        let membership = Partition.canonical(best?.membership ?? [], labels: graph.labels)
        return Partition(labels: graph.labels, membership: membership, modularity: best?.q ?? 0, resolution: resolution)
    }

    /// Rounds of refinement at most (each is a full Louvain from the refined partition).
    static let refinementRounds = 8

    /// One Louvain run with multilevel refinement (Rotta and Noack, "Multilevel local
    /// search algorithms for modularity clustering", 2011): once the levels stop
    /// merging, the partition is projected back to the original nodes, which move again
    /// one by one; if that gains, Louvain resumes from the refined partition. The
    /// coarse levels fix nodes that were placed early in the wrong community, which
    /// plain Louvain never revisits.
    static func run(_ base: CommunityGraph, resolution: Double, threshold: Double,
                    rng: inout SplitMix64) -> [Int] {
        var membership = levels(base, from: Array(0..<base.nodeCount), resolution: resolution, threshold: threshold,
                                rng: &rng)
        var q = Modularity.compute(base, membership: membership, resolution: resolution)
        for _ in 0..<refinementRounds {
            var moving = LocalMoving(graph: base, membership: membership, resolution: resolution)
            guard sweep(&moving, graph: base, resolution: resolution, threshold: threshold, rng: &rng) else { break }
            let refined = levels(base, from: dense(moving.membership).labels, resolution: resolution,
                                 threshold: threshold, rng: &rng)
            let refinedQ = Modularity.compute(base, membership: refined, resolution: resolution)
            if refinedQ <= q + threshold { break }
            membership = refined
            q = refinedQ
        }
        return membership
    }

    /// Moves nodes until none gains by moving: every node once in a shuffled order,
    /// then only the neighbours of nodes that moved (fast local moving, as in Leiden).
    /// Sweeping all nodes again and again instead took 400 sweeps on a 100,000-node
    /// scale-free graph, each moving a few nodes. Returns whether any node moved.
    static func sweep(_ moving: inout LocalMoving, graph: CommunityGraph, resolution: Double, threshold: Double,
                      rng: inout SplitMix64) -> Bool {
        var queue = Array(0..<graph.nodeCount)
        rng.shuffle(&queue)
        var inQueue = [Bool](repeating: true, count: graph.nodeCount)
        var head = 0
        var anyMove = false
        while head < queue.count {
            let v = queue[head]
            head += 1
            inQueue[v] = false
            if moving.moveBest(v) {
                anyMove = true
                let c = moving.membership[v]
                for e in graph.offsets[v]..<graph.offsets[v + 1] {
                    let u = Int(graph.neighbors[e])
                    if !inQueue[u] && moving.membership[u] != c {
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

    /// Community ids renumbered 0, 1, … in order of first appearance.
    static func dense(_ membership: [Int]) -> (labels: [Int], count: Int) {
        var ids = [Int](repeating: -1, count: membership.count)
        var compact = [Int](repeating: 0, count: membership.count)
        var count = 0
        for v in 0..<membership.count {
            let c = membership[v]
            if ids[c] < 0 { ids[c] = count; count += 1 }
            compact[v] = ids[c]
        }
        return (compact, count)
    }

    /// The Louvain levels from a starting partition of the base graph (singletons for
    /// plain Louvain): collapse, move, collapse … until nothing moves.
    static func levels(_ base: CommunityGraph, from start: [Int], resolution: Double, threshold: Double,
                       rng: inout SplitMix64) -> [Int] {
        let (startLabels, startCount) = dense(start)
        var nodeToCommunity = startLabels
        var graph = startCount == base.nodeCount ? base : base.aggregate(startLabels, count: startCount)
        if startCount == base.nodeCount { nodeToCommunity = Array(0..<base.nodeCount) }
        while true {
            var moving = LocalMoving(graph: graph, membership: Array(0..<graph.nodeCount), resolution: resolution)
            if !sweep(&moving, graph: graph, resolution: resolution, threshold: threshold, rng: &rng) { break }
            let (compact, count) = dense(moving.membership)
            if count == graph.nodeCount { break }
            for v in 0..<nodeToCommunity.count { nodeToCommunity[v] = compact[nodeToCommunity[v]] }
            graph = graph.aggregate(compact, count: count)
        }
        return nodeToCommunity
    }
}
