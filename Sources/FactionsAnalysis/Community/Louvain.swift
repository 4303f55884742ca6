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
        var membership = levels(base, from: Array(0..<base.nodeCount), resolution: resolution, rng: &rng)
        var q = Modularity.compute(base, membership: membership, resolution: resolution)
        for _ in 0..<refinementRounds {
            var moving = LocalMoving(graph: base, membership: membership, resolution: resolution)
            guard moving.moveUntilStable(rng: &rng) else { break }
            let refined = levels(base, from: moving.membership, resolution: resolution, rng: &rng)
            let refinedQ = Modularity.compute(base, membership: refined, resolution: resolution)
            if refinedQ <= q + threshold { break }
            membership = refined
            q = refinedQ
        }
        return membership
    }

    /// The Louvain levels from a starting partition of the base graph (singletons for
    /// plain Louvain): collapse, move, collapse … until nothing moves.
    static func levels(_ base: CommunityGraph, from start: [Int], resolution: Double,
                       rng: inout SplitMix64) -> [Int] {
        let (startLabels, startCount) = denseCommunities(start)
        let singletons = startCount == base.nodeCount
        var nodeToCommunity = singletons ? Array(0..<base.nodeCount) : startLabels
        var graph = singletons ? base : base.aggregate(startLabels, count: startCount)
        while true {
            var moving = LocalMoving(graph: graph, membership: Array(0..<graph.nodeCount), resolution: resolution)
            if !moving.moveUntilStable(rng: &rng) { break }
            let (compact, count) = denseCommunities(moving.membership)
            if count == graph.nodeCount { break }
            for v in 0..<nodeToCommunity.count { nodeToCommunity[v] = compact[nodeToCommunity[v]] }
            graph = graph.aggregate(compact, count: count)
        }
        return nodeToCommunity
    }
}
