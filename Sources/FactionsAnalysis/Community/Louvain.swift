import FactionsCore

/// Louvain community detection (V. D. Blondel, J.-L. Guillaume, R. Lambiotte and
/// E. Lefebvre, "Fast unfolding of communities in large networks", J. Stat. Mech.
/// 2008) maximising modularity at resolution γ, as NetworkX's `louvain_communities`.
///
/// Nodes are visited in an order shuffled by the seed; each pass moves nodes until no
/// move gains more than `threshold`, then communities are collapsed and the process
/// repeats. `restarts` runs with seeds derived from `seed` and keeps the partition of
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

    static func run(_ base: CommunityGraph, resolution: Double, threshold: Double,
                    rng: inout SplitMix64) -> [Int] {
        var graph = base
        var nodeToCommunity = Array(0..<base.nodeCount)
        while true {
            var moving = LocalMoving(graph: graph, membership: Array(0..<graph.nodeCount), resolution: resolution)
            var order = Array(0..<graph.nodeCount)
            rng.shuffle(&order)
            var anyMove = false
            var lastQ = Modularity.compute(graph, membership: moving.membership, resolution: resolution)
            while true {
                var moved = false
                for v in order where moving.moveBest(v) { moved = true }
                if !moved { break }
                anyMove = true
                let q = Modularity.compute(graph, membership: moving.membership, resolution: resolution)
                if q - lastQ <= threshold { break }
                lastQ = q
            }
            if !anyMove { break }
            // Relabel communities densely and collapse.
            var dense: [Int: Int] = [:]
            var compact = [Int](repeating: 0, count: graph.nodeCount)
            for v in 0..<graph.nodeCount {
                let c = moving.membership[v]
                if dense[c] == nil { dense[c] = dense.count }
                compact[v] = dense[c]!
            }
            if dense.count == graph.nodeCount { break }
            for v in 0..<nodeToCommunity.count { nodeToCommunity[v] = compact[nodeToCommunity[v]] }
            graph = graph.aggregate(compact, count: dense.count)
        }
        return nodeToCommunity
    }
}
