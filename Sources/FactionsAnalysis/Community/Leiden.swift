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
/// only sets the visiting order. Runs `maxIterations` iterations (2, igraph's
/// default; more until the partition is stable); `restarts` derived seeds keep the
/// best. Near-linear per iteration.
public enum Leiden {
    public static func detect(_ graph: Graph, resolution: Double = 1, seed: UInt64 = 1, restarts: Int = 8,
                              maxIterations: Int = 2) -> Partition {
        let base = CommunityGraph(graph)
        var best: (membership: [Int], q: Double)? = nil
        var rng = SplitMix64(seed: seed)
        for _ in 0..<max(1, restarts) {
            var runRNG = SplitMix64(seed: rng.next())
            var membership = Array(0..<base.nodeCount)
            var lastQ = -Double.infinity
            for _ in 0..<maxIterations {
                let (next, changed) = iterate(base, start: membership, resolution: resolution, rng: &runRNG)
                let q = Modularity.compute(base, membership: next, resolution: resolution)
                membership = next
                if !changed || q <= lastQ + 1e-12 { break }
                lastQ = q
            }
            let q = Modularity.compute(base, membership: membership, resolution: resolution)
            if best == nil || q > best!.q + 1e-12 { best = (membership, q) }
        }
        let membership = Partition.canonical(best?.membership ?? [], labels: graph.labels)
        return Partition(labels: graph.labels, membership: membership, modularity: best?.q ?? 0, resolution: resolution)
    }

    /// One Leiden iteration from a partition of the base graph; returns the new
    /// partition and whether any node moved.
    static func iterate(_ base: CommunityGraph, start: [Int], resolution: Double,
                        rng: inout SplitMix64) -> ([Int], Bool) {
        var graph = base
        // Aggregate node → base nodes it stands for (through the levels).
        var baseOf = Array(0..<base.nodeCount)   // base node → aggregate node
        var membership = start                   // aggregate node → community
        var changed = false
        while true {
            var moving = LocalMoving(graph: graph, membership: dense(membership), resolution: resolution)
            if moving.moveUntilStable(rng: &rng) { changed = true }
            let (partition, communityCount) = denseCommunities(moving.membership)
            if communityCount == graph.nodeCount {
                membership = partition
                break
            }
            let refined = refine(graph, partition: partition, resolution: resolution, rng: &rng)
            let refinedCount = (refined.max() ?? -1) + 1
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
                var last = LocalMoving(graph: graph, membership: dense(membership), resolution: resolution)
                var order = Array(0..<graph.nodeCount)
                rng.shuffle(&order)
                var moved = false
                for v in order where last.moveBest(v) { moved = true }
                membership = dense(last.membership)
                if !moved { break }
                changed = true
            }
        }
        return (baseOf.map { membership[$0] }, changed)
    }

    /// Refinement: within each community, start from singletons and merge each node
    /// that is still a singleton and well connected to its community into the
    /// well-connected sub-community with the largest modularity gain (if ≥ 0).
    static func refine(_ g: CommunityGraph, partition: [Int], resolution: Double, rng: inout SplitMix64) -> [Int] {
        let n = g.nodeCount
        let m = g.totalWeight
        var refined = Array(0..<n)
        guard m > 0 else { return refined }
        let count = (partition.max() ?? -1) + 1
        var communityStrength = [Double](repeating: 0, count: count)
        for v in 0..<n { communityStrength[partition[v]] += g.strength[v] }
        // Weight from each node to the rest of its community.
        var externalToRest = [Double](repeating: 0, count: n)
        for v in 0..<n {
            for e in g.offsets[v]..<g.offsets[v + 1] where partition[Int(g.neighbors[e])] == partition[v] {
                externalToRest[v] += g.weights[e]
            }
        }
        // Per refined community: strength, and weight to the rest of its P-community.
        var subStrength = g.strength
        var subToRest = externalToRest
        var subSize = [Int](repeating: 1, count: n)
        var order = Array(0..<n)
        rng.shuffle(&order)
        var linkWeight = [Double](repeating: 0, count: n)
        var linked: [Int] = []
        let gamma = resolution
        for v in order {
            guard subSize[refined[v]] == 1 else { continue }
            let c = partition[v]
            let kv = g.strength[v]
            let kc = communityStrength[c]
            // v must be well connected to its community.
            guard externalToRest[v] >= gamma * kv * (kc - kv) / (2 * m) else { continue }
            for e in g.offsets[v]..<g.offsets[v + 1] {
                let u = Int(g.neighbors[e])
                guard partition[u] == c else { continue }
                let s = refined[u]
                if linkWeight[s] == 0 { linked.append(s) }
                linkWeight[s] += g.weights[e]
            }
            var best = refined[v]
            var bestGain = 0.0
            for s in linked.sorted() where s != refined[v] {
                let ks = subStrength[s]
                // Target sub-community must be well connected to its community.
                guard subToRest[s] >= gamma * ks * (kc - ks) / (2 * m) else { continue }
                let gain = linkWeight[s] / m - gamma * kv * ks / (2 * m * m)
                if gain > bestGain + 1e-15 { best = s; bestGain = gain }
            }
            for s in linked { linkWeight[s] = 0 }
            linked.removeAll(keepingCapacity: true)
            if best != refined[v] {
                let old = refined[v]
                // Merging v into best: the weight from the union to the rest of C is
                // both parts' weight to the rest minus twice the weight between them.
                var between = 0.0
                for e in g.offsets[v]..<g.offsets[v + 1] where refined[Int(g.neighbors[e])] == best {
                    between += g.weights[e]
                }
                subToRest[best] = subToRest[best] + subToRest[old] - 2 * between
                subStrength[best] += subStrength[old]
                subSize[best] += 1
                subSize[old] = 0
                subStrength[old] = 0
                refined[v] = best
            }
        }
        return dense(refined)
    }

    /// Community ids renumbered 0, 1, … in order of first appearance.
    static func dense(_ membership: [Int]) -> [Int] { denseCommunities(membership).labels }
}
