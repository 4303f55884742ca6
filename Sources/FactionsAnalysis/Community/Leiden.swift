import FactionsCore

/// Leiden community detection (V. A. Traag, L. Waltman and N. J. van Eck, "From
/// Louvain to Leiden: guaranteeing well-connected communities", Sci. Rep. 9, 2019)
/// maximising modularity at resolution γ.
///
/// Each iteration: fast local moving (a queue of nodes whose neighbourhood changed),
/// then refinement — inside every community, singletons that are well connected to
/// it merge into well-connected sub-communities — then aggregation on the refined
/// partition, with aggregate nodes starting in their unrefined community. Refinement
/// merges greedily (the θ → 0 limit of the paper's randomised choice), so the seed
/// only sets the visiting order. Each iteration starts from the partition the last
/// one found, as the paper iterates, until an iteration gains less than `tolerance`
/// in modularity or `maxIterations` have run; `restarts` derived seeds keep the best.
/// Near-linear per iteration.
public enum Leiden {
    /// Finds communities of `graph`.
    ///
    /// - Parameters:
    ///   - maxIterations: at most this many iterations. igraph stops at 2, but on
    ///     scale-free graphs each further iteration still gains a few thousandths
    ///     (Barabási–Albert, 1,000 nodes, seeds 1–10: 0.406 after 2 iterations, 0.410
    ///     after 3, 0.412 after 4), each at about a third of the cost of the first two.
    ///     Three keep Leiden within igraph's time on the smallest benchmark graph (a
    ///     fourth took it to 0.6–1.2 of igraph's in repeated runs) and at or within
    ///     0.001 of igraph's modularity.
    ///   - tolerance: stop once an iteration gains less modularity than this. Graphs
    ///     with clear communities gain little after the first iteration, and the next
    ///     gains less again: on the LFR benchmark graphs (10,000 nodes, seed 1) the
    ///     second gains 0.0006 (mixing 0.3) and 0.00005 (mixing 0.1), the third
    ///     0.00009 and 0.00003 at a third more time, while on Barabási–Albert graphs the
    ///     second and third gain 0.003–0.024 each. 0.001 stops where the gains have
    ///     fallen below what the benchmarks' comparison with igraph counts (0.002);
    ///     0 iterates until the partition is stable or `maxIterations` have run.
    public static func detect(_ graph: Graph, resolution: Double = 1, seed: UInt64 = 1, restarts: Int = 8,
                              maxIterations: Int = 3, tolerance: Double = 1e-3) -> Partition {
        let base = CommunityGraph(graph)
        var best: (membership: [Int], q: Double)? = nil
        var rng = SplitMix64(seed: seed)
        for _ in 0..<max(1, restarts) {
            var runRNG = SplitMix64(seed: rng.next())
            var membership = Array(0..<base.nodeCount)
            var q = -Double.infinity
            for _ in 0..<max(1, maxIterations) {
                let (next, changed, nextQ) = iterate(base, start: membership, resolution: resolution, rng: &runRNG)
                let gain = nextQ - q
                membership = next
                q = nextQ
                if !changed || gain <= max(tolerance, 1e-12) { break }
            }
            if best == nil || q > best!.q + 1e-12 { best = (membership, q) }
        }
        let membership = Partition.canonical(best?.membership ?? [], labels: graph.labels)
        return Partition(labels: graph.labels, membership: membership, modularity: best?.q ?? 0, resolution: resolution)
    }

    /// One Leiden iteration from a partition of the base graph; returns the new
    /// partition, whether any node moved, and its modularity (computed on the last
    /// aggregate, which has the same modularity for a fraction of the edges).
    static func iterate(_ base: CommunityGraph, start: [Int], resolution: Double,
                        rng: inout SplitMix64) -> (membership: [Int], changed: Bool, modularity: Double) {
        var graph = base
        // Aggregate node → base nodes it stands for (through the levels).
        var baseOf = Array(0..<base.nodeCount)   // base node → aggregate node
        // Aggregate node → community. Local moving needs ids below the node count, which
        // holds without renumbering: a level starts in the communities of the level
        // below, fewer than its nodes.
        var membership = start
        var changed = false
        while true {
            var moving = LocalMoving(graph: graph, membership: membership, resolution: resolution)
            if moving.moveUntilStable(rng: &rng) { changed = true }
            let (partition, communityCount) = denseCommunities(moving.membership)
            if communityCount == graph.nodeCount {
                membership = partition
                break
            }
            var refined = refine(graph, partition: partition, resolution: resolution, rng: &rng)
            var refinedCount = (refined.max() ?? -1) + 1
            if refinedCount == graph.nodeCount {
                // Refinement merged nothing, so aggregating on it would leave the graph
                // as it is and the next level would refine the same way; aggregating
                // on the unrefined partition still makes progress (as igraph does).
                refined = partition
                refinedCount = communityCount
            }
            // Aggregate on the refined partition; each aggregate node starts in the
            // community of P that contains it.
            var initial = [Int](repeating: 0, count: refinedCount)
            for v in 0..<graph.nodeCount { initial[refined[v]] = partition[v] }
            for b in 0..<baseOf.count { baseOf[b] = refined[baseOf[b]] }
            graph = graph.aggregate(refined, count: refinedCount)
            membership = initial
            if refinedCount == communityCount {
                // Refinement kept every community whole: one more local-moving round
                // on the aggregate decides whether anything is left to do.
                var last = LocalMoving(graph: graph, membership: membership, resolution: resolution)
                var order = Array(0..<graph.nodeCount)
                rng.shuffle(&order)
                var moved = false
                for v in order where last.moveBest(v) { moved = true }
                membership = last.membership
                if !moved { break }
                changed = true
            }
        }
        let q = Modularity.compute(graph, membership: membership, resolution: resolution)
        return (baseOf.map { membership[$0] }, changed, q)
    }

    /// Refinement: within each community, start from singletons and merge each node
    /// that is still a singleton and well connected to its community into the
    /// well-connected sub-community with the largest modularity gain (if ≥ 0; ties to
    /// the smallest id).
    static func refine(_ g: CommunityGraph, partition: [Int], resolution: Double, rng: inout SplitMix64) -> [Int] {
        let n = g.nodeCount
        let m = g.totalWeight
        guard m > 0 else { return Array(0..<n) }
        let count = (partition.max() ?? -1) + 1
        var communityStrength = [Double](repeating: 0, count: count)
        for v in 0..<n { communityStrength[partition[v]] += g.strength[v] }
        var order = Array(0..<n)
        rng.shuffle(&order)
        // Every access below is to scratch of size n, through unsafe buffers: with
        // checked, uniquely referenced arrays the bookkeeping cost more than the merging.
        // Per refined community: its members' strength, their weight to the rest of the
        // P-community and their number; refined community of each node; and, as in
        // LocalMoving, the weight from the current node to each linked sub-community.
        let subStrength = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let subToRest = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let subSize = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
        let refined = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
        let linkWeight = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let linked = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
        defer {
            subStrength.deallocate()
            subToRest.deallocate()
            subSize.deallocate()
            refined.deallocate()
            linkWeight.deallocate()
            linked.deallocate()
        }
        _ = subStrength.initialize(from: g.strength)
        subSize.initialize(repeating: 1)
        _ = refined.initialize(from: 0..<n)
        linkWeight.initialize(repeating: 0)
        let gamma = resolution
        g.offsets.withUnsafeBufferPointer { offsets in
            g.neighbors.withUnsafeBufferPointer { neighbors in
                g.weights.withUnsafeBufferPointer { weights in
                    partition.withUnsafeBufferPointer { partition in
                        for v in 0..<n {
                            // Summed in a local: through the buffer, each addition
                            // waited for the previous one's store.
                            let c = partition[v]
                            var toRest = 0.0
                            for e in offsets[v]..<offsets[v + 1] where partition[Int(neighbors[e])] == c {
                                toRest += weights[e]
                            }
                            subToRest[v] = toRest
                        }
                        for v in order {
                            guard subSize[refined[v]] == 1 else { continue }
                            let c = partition[v]
                            let kv = g.strength[v]
                            let kc = communityStrength[c]
                            // v must be well connected to its community.
                            guard subToRest[v] >= gamma * kv * (kc - kv) / (2 * m) else { continue }
                            var linkedCount = 0
                            for e in offsets[v]..<offsets[v + 1] {
                                let u = Int(neighbors[e])
                                guard partition[u] == c else { continue }
                                let s = refined[u]
                                if linkWeight[s] == 0 {
                                    linked[linkedCount] = s
                                    linkedCount += 1
                                }
                                linkWeight[s] += weights[e]
                            }
                            let old = refined[v]
                            var best = old
                            var bestGain = 0.0
                            for s in linked[0..<linkedCount] where s != old {
                                let ks = subStrength[s]
                                // The target must be well connected to its community too.
                                guard subToRest[s] >= gamma * ks * (kc - ks) / (2 * m) else { continue }
                                let gain = linkWeight[s] / m - gamma * kv * ks / (2 * m * m)
                                if gain > bestGain + 1e-15 || (gain >= bestGain - 1e-15 && best != old && s < best) {
                                    best = s
                                    bestGain = gain
                                }
                            }
                            if best != old {
                                // The union's weight to the rest of C is both parts' weight
                                // to the rest minus twice the weight between them.
                                subToRest[best] += subToRest[old] - 2 * linkWeight[best]
                                subStrength[best] += subStrength[old]
                                subSize[best] += 1
                                subSize[old] = 0
                                refined[v] = best
                            }
                            for s in linked[0..<linkedCount] { linkWeight[s] = 0 }
                        }
                    }
                }
            }
        }
        return denseCommunities(Array(refined)).labels
    }
}
