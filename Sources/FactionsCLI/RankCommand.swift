import ArgumentParser
import Foundation
import FactionsCore
import FactionsAnalysis
import FactionsIO

extension CentralityMeasure: ExpressibleByArgument {}
extension ActorKind: ExpressibleByArgument {}
extension TableFormat: ExpressibleByArgument {}

struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Who mattered: actors ranked by a centrality measure.",
        discussion: """
        Measures follow NetworkX's conventions (normalised betweenness, closeness with the
        Wasserman–Faust correction, eigenvector with unit norm, PageRank with alpha 0.85).

        Examples:
          factions rank --by betweenness --top 10
          factions rank Graphs/russia-1917 --by pagerank --kind person --format json
        """
    )

    @OptionGroup var input: NetworkInput

    @Option(name: .long, help: "Measure: \(CentralityMeasure.allCases.map(\.rawValue).joined(separator: ", ")).")
    var by: CentralityMeasure = .degree

    @Option(name: .long, help: "Only actors of this kind (repeatable): person, party, body, event, group.")
    var kind: [ActorKind] = []

    @Option(name: .long, help: "A period id from periods.yaml, or months such as 1917-07..1917-09.")
    var period: String?

    @Option(name: .long, help: "How many actors to list.")
    var top: Int = 15

    @Flag(name: .long, help: "List every actor.")
    var all = false

    @Flag(name: .long, help: "Use tie weights (distance = 1/weight for path measures).")
    var weighted = false

    @Option(name: .long, help: "Output: table, json or csv.")
    var format: TableFormat = .table

    @Option(name: .long, help: "Explain one actor's rank: neighbours, strongest ties with quotes, shortest paths it lies on.")
    var explain: String?

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if format == .markdown { throw ValidationError("rank prints table, json or csv") }
    }

    func run() throws {
        try runReportingErrors {
            let loaded = try input.load()
            let network = loaded.network
            var filter = NetworkFilter(kinds: kind.isEmpty ? nil : Set(kind))
            if let period { filter.period = try PeriodSelection.resolve(period, in: network).interval }
            let graph = NetworkView.cooccurrence(network, filter: filter)
            let scores = try by.compute(on: graph, weighted: weighted)
            if let explain {
                let id = try loaded.resolveActor(explain)
                guard let x = RankExplanation.explain(id, scores: scores, graph: graph, network: network) else {
                    throw AnalysisError.unknownActor(explain, suggestions: [])
                }
                emit(format == .json ? try CanonicalJSON.string(x) : Self.describe(x))
                return
            }
            let order = scores.ranking()
            let shown = all ? order : Array(order.prefix(top))
            let index = network.actorIndex
            struct Row: Encodable {
                var rank: Int
                var id: String
                var name: String
                var kind: String
                var score: Double
            }
            let rows = shown.enumerated().map { r, v -> Row in
                let actor = index[scores.labels[v]].map { network.actors[$0] }
                return Row(rank: r + 1, id: scores.labels[v], name: actor?.name ?? scores.labels[v],
                           kind: actor?.kind.rawValue ?? "", score: scores.values[v])
            }
            switch format {
            case .json:
                emit(try CanonicalJSON.string(rows))
            default:
                let table = TextTable(headers: ["rank", "id", "name", "kind", by.rawValue],
                                      rows: rows.map { [String($0.rank), $0.id, $0.name, $0.kind, formatScore($0.score)] },
                                      numeric: [0, 4])
                emit(table.render(format))
            }
        }
    }

    static func describe(_ x: RankExplanation) -> String {
        var out = "\(x.name) (\(x.actor)) ranks \(x.rank) of \(x.of) by \(x.measure) with \(formatScore(x.score)).\n\n"
        out += "It co-occurs with \(x.degree) actors; the strongest ties:\n"
        for n in x.neighbours.prefix(10) {
            out += "  \(formatScore(n.weight)) × \(n.name)"
            if let q = n.quote, let d = n.document, let s = n.sentence {
                let short = q.count > 160 ? String(q.prefix(160)) + "…" : q
                out += "\n      “\(short.split(whereSeparator: \.isNewline).joined(separator: " "))” (\(d), sentence \(s + 1))"
            }
            out += "\n"
        }
        out += "\nIt lies on \(formatScore(x.shortestPathShare * 100))% of the shortest paths between other actors"
        out += " and on every shortest path of \(x.gatekeeperPairs) pairs.\n"
        if !x.topBrokeredPairs.isEmpty {
            out += "Pairs it brokers most: " + x.topBrokeredPairs.prefix(5).map { "\($0.a)–\($0.b) (\(formatScore($0.share * 100))%)" }.joined(separator: ", ") + "\n"
        }
        return out
    }
}
