import Foundation
import Testing
@testable import FactionsAnalysis
import FactionsCore

@Suite("Signed blocs and balance")
struct SignedTests {
    /// Read's Highland tribes (Gahuku–Gama): R signnet publishes triangle balance
    /// 0.8676471 and normalised frustration 0.7586207 (7 frustrated ties).
    @Test func highlandTribes() throws {
        let graph = try Fixtures.graph("signed", "tribes")
        let expected = try Fixtures.expected("signed", "tribes")
        #expect(graph.nodeCount == 16 && graph.edgeCount == 58)
        let tri = Balance.triangleBalance(graph)
        #expect(abs(tri.share - 0.8676471) < 1e-7)
        #expect(abs(tri.share - (expected["balance_triangles"] as! Double)) < 1e-12)
        let two = SignedBlocs.partition(graph, blocs: 2, seed: 1)
        #expect(two.frustration == 7)
        #expect(two.frustration == SignedBlocs.exactTwoBlocFrustration(graph))
        #expect(abs(two.normalisedFrustration - 0.7586207) < 1e-7)
        // The optimal split is unique: {Gama, Gavev, Kotun, Nagad} against the rest.
        let small = two.blocs.min { $0.count < $1.count }!.map { graph.labels[$0] }
        #expect(small == ["Gama", "Gavev", "Kotun", "Nagad"])
        // Letting the data choose the number of blocs never does worse.
        let free = SignedBlocs.partition(graph, seed: 1)
        #expect(free.frustration <= 7)
        #expect(SignedBlocs.partition(graph, seed: 5) == SignedBlocs.partition(graph, seed: 5))
    }

    @Test func perfectlyBalancedGraphHasNoFrustration() {
        var b = GraphBuilder()
        for (x, y) in [("a", "b"), ("b", "c"), ("d", "e")] { b.addEdge(x, y, sign: 1) }
        for (x, y) in [("a", "d"), ("c", "e"), ("b", "e")] { b.addEdge(x, y, sign: -1) }
        b.addNode("loner")
        let p = SignedBlocs.partition(b.build(), seed: 3)
        #expect(p.frustration == 0)
        #expect(p.blocCount == 2)
        #expect(p.membership[5] == -1)
        #expect(p.normalisedFrustration == 1)
    }
}
