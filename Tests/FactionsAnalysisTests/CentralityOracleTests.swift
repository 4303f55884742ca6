import Foundation
import Testing
@testable import FactionsAnalysis
import FactionsCore

/// Every measure against NetworkX on the public datasets (values from
/// Scripts/make_fixtures.py): 1e-9 for combinatorial measures, 1e-6 for iterative ones.
@Suite("Centrality against NetworkX")
struct CentralityOracleTests {
    static let datasets = ["karate", "karate-weighted", "florentine", "lesmis", "davis", "gnp60", "ba200",
                           "gnm80-weighted", "two-components"]

    struct Check: Sendable {
        var key: String
        var tolerance: Double
        var compute: @Sendable (Graph) throws -> NodeScores
    }

    static let checks: [Check] = [
        Check(key: "degree", tolerance: 1e-9) { Degree.compute($0) },
        Check(key: "strength", tolerance: 1e-9) { Strength.compute($0) },
        Check(key: "betweenness", tolerance: 1e-9) { try Betweenness.compute($0) },
        Check(key: "betweenness_weighted", tolerance: 1e-9) { try Betweenness.compute($0, weighted: true) },
        Check(key: "closeness", tolerance: 1e-9) { try Closeness.compute($0) },
        Check(key: "closeness_weighted", tolerance: 1e-9) { try Closeness.compute($0, weighted: true) },
        Check(key: "harmonic", tolerance: 1e-9) { try Harmonic.compute($0) },
        Check(key: "eigenvector", tolerance: 1e-6) { try Eigenvector.compute($0) },
        Check(key: "eigenvector_weighted", tolerance: 1e-6) { try Eigenvector.compute($0, weighted: true) },
        Check(key: "pagerank", tolerance: 1e-6) { PageRank.compute($0) },
        Check(key: "pagerank_weighted", tolerance: 1e-6) { PageRank.compute($0, weighted: true) },
        Check(key: "coreness", tolerance: 1e-9) { Coreness.compute($0) },
    ]

    @Test(arguments: datasets)
    func everyMeasureMatches(_ name: String) throws {
        let graph = try Fixtures.graph("centrality", name)
        let expected = try Fixtures.expected("centrality", name)
        var compared = 0
        for check in Self.checks {
            guard let want = Fixtures.scores(expected, check.key) else { continue }
            let got = try check.compute(graph).dictionary
            #expect(Set(got.keys) == Set(want.keys), "\(name) \(check.key): node sets differ")
            var worst = 0.0
            for (node, value) in want { worst = max(worst, abs((got[node] ?? .nan) - value)) }
            #expect(worst <= check.tolerance, "\(name) \(check.key): max difference \(worst)")
            print("ORACLE \(check.key) \(name) \(worst)")
            compared += 1
        }
        #expect(compared >= 6, "\(name): only \(compared) measures compared")
    }

    /// With NetworkX's default stopping rule (L1 change under n · 1e-6) PageRank and
    /// power-iteration eigenvector centrality stop after the same iteration as NetworkX's
    /// `pagerank` and `eigenvector_centrality` and agree to rounding, not to the 1e-6 of
    /// two different stopping points: the benchmark's `-nx-rule` rows time this same
    /// computation against NetworkX.
    @Test(arguments: datasets)
    func networkXStoppingRuleGivesNetworkXsIterate(_ name: String) throws {
        let graph = try Fixtures.graph("centrality", name)
        let expected = try Fixtures.expected("centrality", name)
        var compared = 0
        let runs: [(String, () throws -> NodeScores)] = [
            ("pagerank_nx_default", { PageRank.compute(graph, tolerance: 1e-6) }),
            ("eigenvector_nx_default", { try Eigenvector.powerIteration(graph, tolerance: 1e-6, maxIterations: 100) }),
        ]
        for (key, run) in runs {
            guard let want = Fixtures.scores(expected, key) else { continue }
            let got = try run().dictionary
            var worst = 0.0
            for (node, value) in want { worst = max(worst, abs((got[node] ?? .nan) - value)) }
            #expect(worst <= 1e-13, "\(name) \(key): max difference \(worst)")
            compared += 1
        }
        #expect(compared >= 1, "\(name): no NetworkX-default fixture")
    }

    @Test func karateBetweennessOfTheInstructor() throws {
        // Published value: node 0 of Zachary's karate club, 0.43763528…
        let b = try Betweenness.compute(try Fixtures.graph("centrality", "karate"))
        #expect(abs(b["0"]! - 0.4376352813852814) < 1e-12)
    }
}

@Suite("Communities against NetworkX and igraph")
struct CommunityOracleTests {
    @Test(arguments: ["karate", "lesmis", "karate-weighted", "florentine", "davis"])
    func modularityAtLeastNetworkXBestOfTen(_ name: String) throws {
        let graph = try Fixtures.graph("centrality", name)
        let expected = try Fixtures.expected("centrality", name)
        let networkx = try #require(expected["louvain_best_modularity"] as? Double)
        for method in CommunityMethod.allCases {
            let p = method.detect(graph, seed: 42)
            #expect(p.modularity >= networkx - 1e-9, "\(name) \(method): Q \(p.modularity) < NetworkX best \(networkx)")
            #expect(abs(Modularity.compute(graph, membership: p.membership) - p.modularity) < 1e-12)
        }
    }

    /// On a scale-free graph single Louvain runs spread widely (NetworkX's own runs give
    /// 0.364–0.377 over 20 seeds); Leiden's refinement reaches past NetworkX's best of 10.
    @Test func leidenBeatsNetworkXBestOfTenOnScaleFree() throws {
        let graph = try Fixtures.graph("centrality", "ba200")
        let networkx = try #require(try Fixtures.expected("centrality", "ba200")["louvain_best_modularity"] as? Double)
        #expect(Leiden.detect(graph, seed: 42).modularity >= networkx)
    }

    @Test func sameSeedSamePartition() throws {
        let graph = try Fixtures.graph("centrality", "lesmis")
        for method in CommunityMethod.allCases {
            #expect(method.detect(graph, seed: 7) == method.detect(graph, seed: 7))
        }
    }

    @Test func modularityMatchesNetworkXOnItsOwnPartition() throws {
        let graph = try Fixtures.graph("centrality", "lesmis")
        let expected = try Fixtures.expected("centrality", "lesmis")
        let partition = try #require(expected["louvain_best_partition"] as? [String: Int])
        let membership = graph.labels.map { partition[$0]! }
        let q = Modularity.compute(graph, membership: membership)
        #expect(abs(q - (expected["louvain_best_modularity"] as! Double)) < 1e-12)
    }

    @Test func resolutionChangesTheScale() throws {
        let graph = try Fixtures.graph("centrality", "lesmis")
        let coarse = Louvain.detect(graph, resolution: 0.5, seed: 1)
        let fine = Louvain.detect(graph, resolution: 2.0, seed: 1)
        #expect(coarse.count < fine.count)
    }

    /// One Leiden run per seed, as igraph's `community_leiden` makes, against igraph's
    /// runs for seeds 0–9 (Scripts/make_fixtures.py): on average over ten seeds no more
    /// than 0.002 below igraph (the benchmark's criterion; on graphs with clear
    /// communities both land within 1e-4 of each other), and on the scale-free graph,
    /// where the third iteration, after igraph's two, still gains, above igraph by
    /// 0.004 (measured: 0.0048).
    @Test(arguments: ["centrality/ba200", "centrality/gnp60", "centrality/gnm80-weighted", "centrality/lesmis",
                      "centrality/karate", "communities/lfr-mu01", "communities/lfr-mu03"])
    func leidenAgainstIgraphLeiden(_ fixture: String) throws {
        let parts = fixture.split(separator: "/").map(String.init)
        let graph = try Fixtures.graph(parts[0], parts[1])
        let igraph = try #require(Fixtures.expected(parts[0], parts[1])["igraph_leiden_modularity"] as? [Double])
        let ours = (1...10).map { Leiden.detect(graph, seed: UInt64($0), restarts: 1).modularity }
        let mean = ours.reduce(0, +) / Double(ours.count)
        let igraphMean = igraph.reduce(0, +) / Double(igraph.count)
        #expect(mean >= igraphMean - 0.002, "\(fixture): mean Q \(mean), igraph's \(igraphMean)")
        if fixture == "centrality/ba200" {
            #expect(mean >= igraphMean + 0.004, "mean Q \(mean), igraph's \(igraphMean)")
        }
    }

    /// Each iteration starts from the partition the previous one found, so allowing
    /// more iterations never lowers modularity; on a scale-free graph, where igraph
    /// stops after two, the default three gain on every seed.
    @Test func furtherIterationsNeverLowerModularity() throws {
        let graph = try Fixtures.graph("centrality", "ba200")
        for seed in UInt64(1)...5 {
            let q = (1...6).map {
                Leiden.detect(graph, seed: seed, restarts: 1, maxIterations: $0, tolerance: 0).modularity
            }
            for k in 1..<q.count { #expect(q[k] >= q[k - 1] - 1e-12, "seed \(seed): \(k + 1) iterations \(q[k]) < \(k) \(q[k - 1])") }
            let twoIterations = Leiden.detect(graph, seed: seed, restarts: 1, maxIterations: 2).modularity
            #expect(Leiden.detect(graph, seed: seed, restarts: 1).modularity > twoIterations)
        }
    }

    /// The Leiden guarantee survives the extra iterations: every community induces a
    /// connected subgraph (here also on a disconnected graph).
    @Test(arguments: ["centrality/ba200", "centrality/gnp60", "communities/lfr-mu03"])
    func leidenCommunitiesAreConnected(_ fixture: String) throws {
        let parts = fixture.split(separator: "/").map(String.init)
        let graph = try Fixtures.graph(parts[0], parts[1])
        for seed in UInt64(1)...5 {
            let membership = Leiden.detect(graph, seed: seed, restarts: 1).membership
            var reached = [Bool](repeating: false, count: graph.nodeCount)
            var components = 0
            for start in 0..<graph.nodeCount where !reached[start] {
                components += 1
                reached[start] = true
                var stack = [start]
                while let v = stack.popLast() {
                    for e in graph.neighborRange(v) {
                        let u = Int(graph.neighbors[e])
                        if !reached[u] && membership[u] == membership[v] {
                            reached[u] = true
                            stack.append(u)
                        }
                    }
                }
            }
            #expect(components == Set(membership).count, "\(fixture) seed \(seed): a community is disconnected")
        }
    }

    @Test(arguments: ["lfr-mu01", "lfr-mu03"])
    func lfrRecoveryAtLeastIgraph(_ name: String) throws {
        let graph = try Fixtures.graph("communities", name)
        let expected = try Fixtures.expected("communities", name)
        let planted = try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.root.appendingPathComponent("communities/\(name).planted.json"))) as! [String: Int]
        let truth = graph.labels.map { planted[$0]! }
        let igraphNMI = try #require((expected["igraph_multilevel_nmi"] ?? expected["igraph_nmi"]) as? Double)
        for method in CommunityMethod.allCases {
            let p = method.detect(graph, seed: 42)
            let nmi = NMI.compute(p.membership, truth)
            #expect(nmi >= igraphNMI - 1e-9, "\(name) \(method): NMI \(nmi) < igraph \(igraphNMI)")
        }
    }
}
