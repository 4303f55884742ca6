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
