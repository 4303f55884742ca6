import Testing
@testable import FactionsAnalysis
import FactionsCore

/// The fast paths (BFS without predecessor lists, several threads, bit-parallel
/// closeness, Lanczos, gathering PageRank, 32-bit peeling) give the numbers of
/// the simple reference implementation to 1e-12.
@Suite struct FastPathTests {
    static func randomGraph(nodes: Int, edges: Int, seed: UInt64) -> Graph {
        var rng = SplitMix64(seed: seed)
        var b = GraphBuilder()
        for v in 0..<nodes { b.addNode("n\(v)") }
        for _ in 0..<edges {
            let a = rng.below(nodes), c = rng.below(nodes)
            if a != c { b.addEdge(a, c) }
        }
        return b.build()
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func betweennessAndClosenessMatchTheReference(_ seed: UInt64) throws {
        let g = Self.randomGraph(nodes: 300, edges: 700, seed: seed)
        let reference = Betweenness.accumulate(g, weighted: false, sources: 0..<g.nodeCount)
        let fast = Betweenness.accumulateUnweighted(.init(g), sources: 0..<g.nodeCount)
        #expect(zip(reference, fast).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($0)) })
        let one = try Betweenness.compute(g, threads: 1).values
        let two = try Betweenness.compute(g, threads: 2).values
        #expect(zip(one, two).allSatisfy { abs($0 - $1) <= 1e-12 })
        let closeness = try Closeness.compute(g, threads: 2).values
        #expect(zip(closeness, Self.referenceCloseness(g)).allSatisfy { abs($0 - $1) <= 1e-12 })
    }

    /// Sparse graphs, with many components and isolated nodes, where the breadth-first
    /// relabelling restarts often; whole and partial source ranges (as one of several
    /// threads gets), so that a wrong mapping of labels or sources back fails.
    @Test(arguments: [4, 5, 6] as [UInt64])
    func unweightedBetweennessOnScatteredGraphsMatchesTheReference(_ seed: UInt64) {
        let g = Self.randomGraph(nodes: 200, edges: 130, seed: seed)
        #expect((0..<g.nodeCount).contains { g.degree($0) == 0 })
        for sources in [0..<g.nodeCount, 37..<121] {
            let reference = Betweenness.accumulate(g, weighted: false, sources: sources)
            let fast = Betweenness.accumulateUnweighted(.init(g), sources: sources)
            #expect(reference.contains { $0 > 0 })
            #expect(zip(reference, fast).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($0)) })
        }
    }

    /// Closeness by the Dijkstra workspace with unit weights, one source at a time.
    static func referenceCloseness(_ g: Graph) -> [Double] {
        var workspace = ShortestPathWorkspace(graph: g, weighted: false)
        let n = g.nodeCount
        return (0..<n).map { u in
            workspace.run(from: u, trackPredecessors: false)
            let total = workspace.order.reduce(0.0) { $0 + workspace.distance[Int($1)] }
            let r = Double(workspace.order.count)
            return total > 0 ? (r - 1) / total * ((r - 1) / Double(n - 1)) : 0
        }
    }

    /// Bit-parallel closeness (64 sources per pass) against one search per source, on
    /// graphs where searches run long (a 200-node path: 199 levels), end early (isolated
    /// nodes, small components) and where a batch straddles components.
    @Test func bitParallelClosenessMatchesOneSearchPerSource() throws {
        var path = GraphBuilder()
        for v in 0..<200 { path.addNode("p\(v)") }
        for v in 0..<199 { path.addEdge(v, v + 1) }
        var mixed = GraphBuilder()
        for v in 0..<150 { mixed.addNode("m\(v)") }
        for v in 0..<60 { mixed.addEdge(v, (v + 1) % 60) }          // a 60-cycle
        for v in 60..<100 { mixed.addEdge(v, 60 + (v * 7) % 40) }     // a tangle
        mixed.addEdge(120, 121)                                        // a pair; 122… isolated
        for g in [path.build(), mixed.build(), Self.randomGraph(nodes: 500, edges: 900, seed: 9)] {
            let fast = try Closeness.compute(g, threads: 1).values
            // Distance sums are whole numbers, so the scores are equal, not just close.
            for (u, expected) in Self.referenceCloseness(g).enumerated() {
                #expect(fast[u] == expected, "node \(u)")
            }
        }
    }

    /// Two dense groups joined by a few edges: the second eigenvalue is close to the
    /// first, where power iteration is slow and Lanczos must still agree with it.
    static func twoCommunities(size: Int, bridges: Int, seed: UInt64, weighted: Bool) -> Graph {
        var rng = SplitMix64(seed: seed)
        var b = GraphBuilder()
        for v in 0..<(2 * size) { b.addNode("n\(v)") }
        for group in 0..<2 {
            for _ in 0..<(size * 4) {
                let a = group * size + rng.below(size), c = group * size + rng.below(size)
                if a != c { b.addEdge(a, c, weight: weighted ? 1 + Double(rng.below(5)) : 1) }
            }
        }
        for _ in 0..<bridges { b.addEdge(rng.below(size), size + rng.below(size)) }
        return b.build()
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func eigenvectorByLanczosMatchesPowerIteration(_ seed: UInt64) throws {
        let graphs = [
            Self.randomGraph(nodes: 300, edges: 700, seed: seed),     // with isolated nodes and small components
            Self.randomGraph(nodes: 2000, edges: 6000, seed: seed),
            Self.twoCommunities(size: 150, bridges: 2, seed: seed, weighted: false),
            Self.twoCommunities(size: 150, bridges: 3, seed: seed, weighted: true),
        ]
        for (i, g) in graphs.enumerated() {
            for weighted in [false, true] {
                let reference = try Eigenvector.powerIteration(g, weighted: weighted, tolerance: 1e-17).values
                let fast = try Eigenvector.compute(g, weighted: weighted).values
                let worst = zip(reference, fast).map { abs($0 - $1) }.max() ?? 0
                #expect(worst <= 1e-12, "graph \(i) weighted \(weighted): max difference \(worst)")
            }
        }
    }

    /// A random graph with weights in [0.5, 3), a few self-loops, isolated nodes and
    /// parallel edges (merged by the builder).
    static func randomWeightedGraph(nodes: Int, edges: Int, seed: UInt64) -> Graph {
        var rng = SplitMix64(seed: seed)
        var b = GraphBuilder()
        for v in 0..<nodes { b.addNode("n\(v)") }
        for k in 0..<edges {
            let a = rng.below(nodes), c = k % 50 == 0 ? a : rng.below(nodes)
            b.addEdge(a, c, weight: 0.5 + Double(rng.below(1000)) / 400)
        }
        return b.build()
    }

    /// PageRank by scattering each node's share to its neighbours with checked
    /// indexing, as NetworkX's Python implementation does, to the same stopping rule.
    static func referencePageRank(_ g: Graph, weighted: Bool, alpha: Double = 0.85) -> [Double] {
        let n = g.nodeCount
        let loop = { (v: Int) in weighted ? g.selfLoopWeight[v] : (g.selfLoopWeight[v] != 0 ? 1.0 : 0) }
        let out = (0..<n).map { v in g.neighborRange(v).reduce(loop(v)) { $0 + (weighted ? g.weights[$1] : 1) } }
        var x = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0..<10_000 {
            let dangling = (0..<n).filter { out[$0] == 0 }.reduce(0) { $0 + x[$1] }
            var next = [Double](repeating: (1 - alpha) / Double(n) + alpha * dangling / Double(n), count: n)
            for v in 0..<n where out[v] > 0 {
                let share = alpha * x[v] / out[v]
                for e in g.neighborRange(v) { next[Int(g.neighbors[e])] += share * (weighted ? g.weights[e] : 1) }
                next[v] += share * loop(v)
            }
            let change = zip(next, x).reduce(0) { $0 + abs($1.0 - $1.1) }
            x = next
            if change < Double(n) * 1e-15 { break }
        }
        return x
    }

    /// The gathering PageRank against the scattering reference, weighted and not, on
    /// graphs with self-loops and dangling (isolated) nodes.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func pageRankMatchesTheReference(_ seed: UInt64) {
        let g = Self.randomWeightedGraph(nodes: 400, edges: 900, seed: seed)
        for weighted in [false, true] {
            let fast = PageRank.compute(g, weighted: weighted).values
            let worst = zip(fast, Self.referencePageRank(g, weighted: weighted)).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-12, "weighted \(weighted): max difference \(worst)")
        }
    }

    /// Core numbers by peeling: repeatedly remove a node of least remaining degree; its
    /// core number is the largest such degree seen so far. O(n²), for checking.
    static func referenceCoreness(_ g: Graph) -> [Double] {
        let n = g.nodeCount
        var degree = (0..<n).map { g.degree($0) }
        var removed = [Bool](repeating: false, count: n)
        var core = [Double](repeating: 0, count: n)
        var k = 0
        for _ in 0..<n {
            let v = (0..<n).filter { !removed[$0] }.min { degree[$0] < degree[$1] }!
            k = max(k, degree[v])
            core[v] = Double(k)
            removed[v] = true
            for e in g.neighborRange(v) where !removed[Int(g.neighbors[e])] { degree[Int(g.neighbors[e])] -= 1 }
        }
        return core
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func corenessMatchesPeeling(_ seed: UInt64) {
        for g in [Self.randomWeightedGraph(nodes: 300, edges: 1200, seed: seed),
                  Self.randomGraph(nodes: 300, edges: 400, seed: seed)] {
            #expect(Coreness.compute(g).values == Self.referenceCoreness(g))
        }
    }
}
