import Testing
@testable import FactionsAnalysis
import FactionsCore

/// The fast paths (BFS without predecessor lists, several threads) give the numbers of
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
        let fast = Betweenness.accumulateUnweighted(g, sources: 0..<g.nodeCount)
        #expect(zip(reference, fast).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($0)) })
        let one = try Betweenness.compute(g, threads: 1).values
        let two = try Betweenness.compute(g, threads: 2).values
        #expect(zip(one, two).allSatisfy { abs($0 - $1) <= 1e-12 })
        // Closeness by the Dijkstra workspace with unit weights is the reference.
        var workspace = ShortestPathWorkspace(graph: g, weighted: false)
        let n = g.nodeCount
        let closeness = try Closeness.compute(g, threads: 2).values
        for u in 0..<n {
            workspace.run(from: u, trackPredecessors: false)
            let total = workspace.order.reduce(0.0) { $0 + workspace.distance[Int($1)] }
            let r = Double(workspace.order.count)
            let expected = total > 0 ? (r - 1) / total * ((r - 1) / Double(n - 1)) : 0
            #expect(abs(closeness[u] - expected) <= 1e-12)
        }
    }
}
