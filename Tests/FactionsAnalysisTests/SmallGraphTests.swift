import Testing
@testable import FactionsAnalysis
import FactionsCore

/// Values worked out by hand on graphs small enough to check on paper.
@Suite struct SmallGraphTests {
    func path(_ n: Int) -> Graph {
        var b = GraphBuilder()
        for i in 0..<(n - 1) { b.addEdge("\(i)", "\(i + 1)") }
        return b.build()
    }

    @Test func betweennessOfAPath() throws {
        // Path 0-1-2-3-4: node 2 lies on the 4 pairs (0,3),(0,4),(1,3),(1,4) and (1..)…:
        // unnormalised undirected values 0, 3, 4, 3, 0; normalised by (n-1)(n-2)/2 = 6.
        let b = try Betweenness.compute(path(5))
        let expected = [0, 3.0 / 6, 4.0 / 6, 3.0 / 6, 0]
        for (x, y) in zip(b.values, expected) { #expect(abs(x - y) < 1e-12) }
    }

    @Test func emptyAndSingleNodeGraphs() throws {
        let empty = GraphBuilder().build()
        for m in CentralityMeasure.allCases {
            #expect(try m.compute(on: empty).values.isEmpty)
        }
        var one = GraphBuilder()
        one.addNode("solo")
        let g = one.build()
        #expect(try Betweenness.compute(g).values == [0])
        #expect(try Closeness.compute(g).values == [0])
        #expect(PageRank.compute(g).values == [1])
        #expect(Coreness.compute(g).values == [0])
    }

    @Test func weightedPathMeasuresRejectZeroAndNegativeWeights() {
        var b = GraphBuilder()
        b.addEdge("a", "b", weight: 0)
        #expect(throws: AnalysisError.zeroWeight(source: "a", target: "b")) { try Betweenness.compute(b.build(), weighted: true) }
        var c = GraphBuilder()
        c.addEdge("a", "b", weight: -2)
        #expect(throws: AnalysisError.negativeWeight(source: "a", target: "b", weight: -2)) {
            try Closeness.compute(c.build(), weighted: true)
        }
    }
}

/// igraph-style edge cases for every measure.
@Suite struct EdgeCaseTests {
    @Test func selfLoopsDoNotChangePathMeasuresAndCountTwiceInStrength() throws {
        var plain = GraphBuilder(), looped = GraphBuilder()
        for b in [0, 1] {
            var builder = b == 0 ? plain : looped
            builder.addEdge("a", "b"); builder.addEdge("b", "c"); builder.addEdge("c", "d")
            if b == 1 { builder.addEdge("b", "b", weight: 3) }
            if b == 0 { plain = builder } else { looped = builder }
        }
        let g0 = plain.build(), g1 = looped.build()
        #expect(try Betweenness.compute(g0).values == Betweenness.compute(g1).values)
        #expect(try Closeness.compute(g0).values == Closeness.compute(g1).values)
        #expect(Degree.compute(g1).values == [1, 2, 2, 1])
        #expect(Strength.compute(g1).values == [1, 8, 2, 1])
    }

    @Test func parallelTiesAreOneTieOfSummedWeight() throws {
        var b = GraphBuilder()
        b.addEdge("a", "b", weight: 1); b.addEdge("a", "b", weight: 2); b.addEdge("b", "c", weight: 1)
        let g = b.build()
        #expect(Degree.compute(g).values == [1, 2, 1])
        #expect(Strength.compute(g).values == [3, 4, 1])
        // a–b (distance 1/3) is shorter than b–c (distance 1): weighted closeness of b.
        let c = try Closeness.compute(g, weighted: true)
        #expect(abs(c.values[1] - 2 / (1.0 / 3 + 1)) < 1e-12)
    }

    @Test func isolatedNodesScoreZeroAndPageRankTeleports() throws {
        var b = GraphBuilder()
        b.addEdge("a", "b")
        b.addNode("z")
        let g = b.build()
        #expect(try Closeness.compute(g).values[2] == 0)
        #expect(try Harmonic.compute(g).values[2] == 0)
        #expect(Coreness.compute(g).values == [1, 1, 0])
        let pr = PageRank.compute(g)
        #expect(abs(pr.values.reduce(0, +) - 1) < 1e-12)
        #expect(pr.values[2] > 0)
    }

    @Test func communitiesOfDegenerateGraphs() {
        let empty = GraphBuilder().build()
        #expect(Louvain.detect(empty).membership.isEmpty)
        var edgeless = GraphBuilder()
        for v in ["a", "b", "c"] { edgeless.addNode(v) }
        let p = Leiden.detect(edgeless.build())
        #expect(p.count == 3)
        #expect(p.modularity == 0)
    }
}
