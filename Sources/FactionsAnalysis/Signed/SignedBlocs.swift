import FactionsCore

/// A partition of a signed network into blocs, with the figures that judge it.
public struct BlocAssignment: Sendable, Hashable {
    public var labels: [String]
    /// Bloc of each node, 0… by decreasing size (ties by smallest label); −1 for nodes
    /// without signed evidence.
    public var membership: [Int]
    /// Weighted frustration: negative ties inside blocs plus positive ties across.
    public var frustration: Double
    public var normalisedFrustration: Double
    public var balancedTriangles: Int
    public var triangles: Int

    public var blocCount: Int { (membership.max() ?? -1) + 1 }

    public var blocs: [[Int]] {
        var out = [[Int]](repeating: [], count: blocCount)
        for (v, b) in membership.enumerated() where b >= 0 { out[b].append(v) }
        return out.map { $0.sorted { labels[$0] < labels[$1] } }
    }

    /// Share of balanced triangles (NaN without triangles).
    public var triangleBalance: Double { triangles == 0 ? .nan : Double(balancedTriangles) / Double(triangles) }
}

/// Signed blocs: the partition minimising frustration, found by a seeded local search.
///
/// Each restart starts from a random assignment (into `blocs` blocs when given, else
/// into the connected components of the positive ties) and moves nodes, in a seeded
/// order, to the bloc that lowers frustration most — a new bloc when that is best and
/// the number is not fixed — until no move helps. The best of `restarts` runs wins;
/// equal frustration keeps the earlier run, so the result depends only on the seed.
/// Nodes without any signed tie are left out (membership −1). O(restarts · passes · m).
public enum SignedBlocs {
    public static func partition(_ graph: Graph, blocs fixed: Int? = nil, seed: UInt64 = 1,
                                 restarts: Int = 30) -> BlocAssignment {
        let n = graph.nodeCount
        var active = [Bool](repeating: false, count: n)
        for v in 0..<n { active[v] = graph.neighborRange(v).contains { graph.signs[$0] != 0 } }
        var rng = SplitMix64(seed: seed)
        var best: (membership: [Int], f: Double)? = nil
        let components = positiveComponents(graph, active: active)
        for r in 0..<max(1, restarts) {
            var local = SplitMix64(seed: rng.next())
            var membership = [Int](repeating: -1, count: n)
            for v in 0..<n where active[v] {
                if let fixed { membership[v] = local.below(max(1, fixed)) }
                else { membership[v] = r == 0 ? components[v] : (local.below(2) == 0 ? components[v] : local.below(max(2, n / 4))) }
            }
            optimise(graph, &membership, active: active, maxBlocs: fixed, rng: &local)
            // Merge blocs whose positive ties outweigh their negative ones, then settle again.
            while mergeBest(graph, &membership) {
                optimise(graph, &membership, active: active, maxBlocs: fixed, rng: &local)
            }
            adoptLoners(graph, &membership)
            let f = Balance.frustration(graph, membership: membership)
            if best == nil || f < best!.f - 1e-12 { best = (membership, f) }
        }
        let raw = best?.membership ?? [Int](repeating: -1, count: n)
        let membership = canonical(raw, labels: graph.labels)
        let f = best?.f ?? 0
        let tri = Balance.triangleBalance(graph)
        return BlocAssignment(labels: graph.labels, membership: membership, frustration: f,
                              normalisedFrustration: Balance.normalisedFrustration(graph, frustration: f),
                              balancedTriangles: tri.balanced, triangles: tri.triangles)
    }

    /// Local moves until no node can lower the frustration.
    static func optimise(_ graph: Graph, _ membership: inout [Int], active: [Bool], maxBlocs: Int?,
                         rng: inout SplitMix64) {
        let n = graph.nodeCount
        var order = (0..<n).filter { active[$0] }
        var score = [Double](repeating: 0, count: n + 1)
        var isTouched = [Bool](repeating: false, count: n + 1)
        var touched: [Int] = []
        var size = [Int](repeating: 0, count: n + 1)
        for v in 0..<n where membership[v] >= 0 { size[membership[v]] += 1 }
        for _ in 0..<200 {
            rng.shuffle(&order)
            var moved = false
            for v in order {
                // value(b) = negative weight into b − positive weight into b; lower is better.
                for e in graph.neighborRange(v) where graph.signs[e] != 0 {
                    let b = membership[Int(graph.neighbors[e])]
                    guard b >= 0 else { continue }
                    if !isTouched[b] { isTouched[b] = true; touched.append(b) }
                    score[b] += graph.signs[e] < 0 ? graph.weights[e] : -graph.weights[e]
                }
                let current = membership[v]
                var bestBloc = current
                var bestValue = score[current]
                for b in touched.sorted() where score[b] < bestValue - 1e-12 {
                    bestBloc = b
                    bestValue = score[b]
                }
                // A bloc of its own has value 0.
                let used = size.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
                if bestValue > 1e-12, size[current] > 1, maxBlocs.map({ used < $0 }) ?? true,
                   let empty = size.firstIndex(of: 0) {
                    bestBloc = empty
                    bestValue = 0
                }
                for b in touched { score[b] = 0; isTouched[b] = false }
                touched.removeAll(keepingCapacity: true)
                if bestBloc != current {
                    size[current] -= 1
                    size[bestBloc] += 1
                    membership[v] = bestBloc
                    moved = true
                }
            }
            if !moved { break }
        }
    }

    /// An actor alone in its bloc with only hostile ties joins the one bloc it has no
    /// quarrel with, when there is exactly one: the frustration is unchanged and the
    /// picture has one bloc fewer. With several such blocs it stays alone.
    static func adoptLoners(_ graph: Graph, _ membership: inout [Int]) {
        var size: [Int: Int] = [:]
        for b in membership where b >= 0 { size[b, default: 0] += 1 }
        for v in 0..<graph.nodeCount where membership[v] >= 0 && size[membership[v]] == 1 {
            let ties = graph.neighborRange(v).filter { graph.signs[$0] != 0 }
            guard !ties.isEmpty, ties.allSatisfy({ graph.signs[$0] < 0 }) else { continue }
            let hostile = Set(ties.map { membership[Int(graph.neighbors[$0])] })
            let friendly = Set(size.filter { $0.value > 1 }.keys).subtracting(hostile)
            guard friendly.count == 1, let target = friendly.first else { continue }
            size[membership[v]] = nil
            membership[v] = target
            size[target, default: 0] += 1
        }
    }

    /// Merges the two blocs whose union lowers frustration most; false when none does.
    static func mergeBest(_ graph: Graph, _ membership: inout [Int]) -> Bool {
        var between: [PairKey: Double] = [:]
        for v in 0..<graph.nodeCount where membership[v] >= 0 {
            for e in graph.neighborRange(v) where graph.signs[e] != 0 {
                let u = Int(graph.neighbors[e])
                guard u > v, membership[u] >= 0, membership[u] != membership[v] else { continue }
                // Merging turns a positive cross tie from frustrated to fine, and a negative one the other way.
                between[PairKey(String(membership[u]), String(membership[v])), default: 0] +=
                    graph.signs[e] > 0 ? graph.weights[e] : -graph.weights[e]
            }
        }
        guard let best = between.filter({ $0.value > 1e-12 }).max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else {
            return false
        }
        let from = Int(best.key.b)!, into = Int(best.key.a)!
        for v in membership.indices where membership[v] == from { membership[v] = into }
        return true
    }

    /// Connected components of the positive ties among active nodes.
    static func positiveComponents(_ graph: Graph, active: [Bool]) -> [Int] {
        let n = graph.nodeCount
        var component = [Int](repeating: -1, count: n)
        var next = 0
        for s in 0..<n where active[s] && component[s] < 0 {
            var stack = [s]
            component[s] = next
            while let v = stack.popLast() {
                for e in graph.neighborRange(v) where graph.signs[e] > 0 {
                    let u = Int(graph.neighbors[e])
                    if component[u] < 0 { component[u] = next; stack.append(u) }
                }
            }
            next += 1
        }
        return component
    }

    static func canonical(_ raw: [Int], labels: [String]) -> [Int] {
        let activeIndices = raw.indices.filter { raw[$0] >= 0 }
        let sub = Partition.canonical(activeIndices.map { raw[$0] }, labels: activeIndices.map { labels[$0] })
        var out = [Int](repeating: -1, count: raw.count)
        for (k, v) in activeIndices.enumerated() { out[v] = sub[k] }
        return out
    }

    /// Exhaustive minimum frustration over all two-bloc partitions, for checking the
    /// search on small graphs (n ≤ 24).
    public static func exactTwoBlocFrustration(_ graph: Graph) -> Double {
        let n = graph.nodeCount
        precondition(n <= 24, "exhaustive search is for small graphs")
        var best = Double.infinity
        var membership = [Int](repeating: 0, count: n)
        for mask in 0..<(1 << max(0, n - 1)) {
            for v in 0..<n { membership[v] = v == n - 1 ? 0 : (mask >> v) & 1 }
            best = min(best, Balance.frustration(graph, membership: membership))
        }
        return best
    }
}
