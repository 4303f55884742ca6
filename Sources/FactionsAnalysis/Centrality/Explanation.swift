import FactionsCore

/// Why an actor ranks where it does: its rank and score, its neighbours, its
/// strongest ties with their evidence, and the shortest paths it brokers.
public struct RankExplanation: Sendable, Encodable {
    public struct Neighbour: Sendable, Encodable {
        public var id: String
        public var name: String
        public var weight: Double
        public var quote: String?
        public var document: String?
        public var sentence: Int?
    }

    public struct BrokeredPair: Sendable, Encodable {
        public var a: String
        public var b: String
        /// Share of the shortest a–b paths that pass through the actor.
        public var share: Double
    }

    public var actor: String
    public var name: String
    public var measure: String
    public var score: Double
    public var rank: Int
    public var of: Int
    public var degree: Int
    /// Ties by weight, strongest first.
    public var neighbours: [Neighbour]
    /// Sum over other pairs of the share of their shortest paths through the actor,
    /// divided by the number of such pairs (the normalised betweenness).
    public var shortestPathShare: Double
    /// Pairs all of whose shortest paths run through the actor.
    public var gatekeeperPairs: Int
    public var topBrokeredPairs: [BrokeredPair]

    /// Explains `actorID`'s place in `scores` on the co-occurrence `graph`.
    /// Path shares use hop distance; O(n·m).
    public static func explain(_ actorID: String, scores: NodeScores, graph: Graph, network: ActorNetwork,
                               top: Int = 10) -> RankExplanation? {
        guard let v = graph.index(of: actorID) else { return nil }
        let order = scores.ranking()
        let rank = (order.firstIndex(of: v) ?? 0) + 1
        let names = Dictionary(uniqueKeysWithValues: network.actors.map { ($0.id, $0.name) })
        // Strongest evidence per neighbour, from the co-occurrence ties.
        var quoteOf: [String: Evidence] = [:]
        for tie in network.ties where tie.type == Tie.cooccurrence && (tie.source == actorID || tie.target == actorID) {
            let other = tie.source == actorID ? tie.target : tie.source
            if let e = tie.evidence.min(by: { ($0.quote.count, $0) < ($1.quote.count, $1) }) { quoteOf[other] = e }
        }
        var neighbours = graph.neighborRange(v).map { e -> Neighbour in
            let u = graph.labels[Int(graph.neighbors[e])]
            let ev = quoteOf[u]
            return Neighbour(id: u, name: names[u] ?? u, weight: graph.weights[e], quote: ev?.quote,
                             document: ev?.document, sentence: ev?.sentence)
        }
        neighbours.sort { ($0.weight, $1.id) > ($1.weight, $0.id) }

        // Path shares: σ_sv·σ_vt/σ_st for pairs with d(s,v)+d(v,t) = d(s,t).
        let n = graph.nodeCount
        var fromV = ShortestPathWorkspace(graph: graph, weighted: false)
        fromV.run(from: v, trackPredecessors: false)
        let dv = fromV.distance, sv = fromV.sigma
        var ws = ShortestPathWorkspace(graph: graph, weighted: false)
        var total = 0.0
        var gatekeeper = 0
        var pairs: [BrokeredPair] = []
        for s in 0..<n where s != v && dv[s].isFinite {
            ws.run(from: s, trackPredecessors: false)
            for t in (s + 1)..<max(s + 1, n) where t != v && dv[t].isFinite {
                let dst = ws.distance[t]
                guard dst.isFinite, dv[s] + dv[t] == dst else { continue }
                let share = sv[s] * sv[t] / ws.sigma[t]
                total += share
                if share >= 1 - 1e-12 { gatekeeper += 1 }
                pairs.append(BrokeredPair(a: graph.labels[s], b: graph.labels[t], share: share))
            }
        }
        let otherPairs = Double(n - 1) * Double(n - 2) / 2
        pairs.sort { ($0.share, $1.a, $1.b) > ($1.share, $0.a, $0.b) }
        return RankExplanation(actor: actorID, name: names[actorID] ?? actorID, measure: scores.measure,
                               score: scores.values[v], rank: rank, of: n, degree: graph.degree(v),
                               neighbours: neighbours, shortestPathShare: otherPairs > 0 ? total / otherPairs : 0,
                               gatekeeperPairs: gatekeeper, topBrokeredPairs: Array(pairs.prefix(top)))
    }
}
