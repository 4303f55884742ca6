import ArgumentParser
import Foundation
import FactionsCore
import FactionsAnalysis
import FactionsIO

extension CommunityMethod: ExpressibleByArgument {}

struct BlocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocs",
        abstract: "Who sided with whom: communities of the co-occurrence network.",
        discussion: """
        Louvain or Leiden modularity optimisation, seeded: the same seed gives the same blocs.

        Examples:
          factions blocs
          factions blocs --method louvain --resolution 1.5 --format json
          factions blocs network.csv --seed 7
        """
    )

    @OptionGroup var input: NetworkInput

    @Option(name: .long, help: "Algorithm: louvain or leiden.")
    var method: CommunityMethod = .leiden

    @Option(name: .long, help: "Resolution γ: above 1 gives more, smaller blocs.")
    var resolution: Double = 1

    @Option(name: .long, help: "Seed of the node order.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "A period id or months (1917-07..1917-09).")
    var period: String?

    @Option(name: .long, help: "Output: table, json, csv or markdown.")
    var format: TableFormat = .table

    func validate() throws {
        if !(resolution > 0) || !resolution.isFinite { throw ValidationError("--resolution must be a positive number") }
    }

    func run() throws {
        try runReportingErrors {
            let loaded = try input.load()
            let network = loaded.network
            var filter = NetworkFilter()
            if let period { filter.period = try PeriodSelection.resolve(period, in: network).interval }
            let graph = NetworkView.cooccurrence(network, filter: filter)
            let partition = method.detect(graph, resolution: resolution, seed: seed)
            let names = Dictionary(uniqueKeysWithValues: network.actors.map { ($0.id, $0.name) })
            struct Bloc: Encodable {
                var id: Int
                var size: Int
                var members: [String]
            }
            struct Output: Encodable {
                var method: String
                var resolution: Double
                var seed: UInt64
                var modularity: Double
                var blocs: [Bloc]
            }
            let blocs = partition.communities.enumerated().map { i, members in
                Bloc(id: i + 1, size: members.count, members: members.map { graph.labels[$0] })
            }
            switch format {
            case .json:
                emit(try CanonicalJSON.string(Output(method: method.rawValue, resolution: resolution, seed: seed,
                                                     modularity: partition.modularity, blocs: blocs)))
            case .csv:
                let rows = blocs.flatMap { b in b.members.map { [String(b.id), $0, names[$0] ?? $0] } }
                emit(TextTable(headers: ["bloc", "id", "name"], rows: rows).csv())
            case .table, .markdown:
                let rows = blocs.map { b in
                    [String(b.id), String(b.size), b.members.map { names[$0] ?? $0 }.joined(separator: ", ")]
                }
                if format == .table {
                    emit("\(blocs.count) blocs by \(method.rawValue) (resolution \(formatScore(resolution)), seed \(seed)); modularity \(formatScore(partition.modularity))\n\n")
                    for b in blocs {
                        emit("Bloc \(b.id) (\(b.size)): " + b.members.map { names[$0] ?? $0 }.joined(separator: ", ") + "\n\n")
                    }
                } else {
                    emit("Modularity \(formatScore(partition.modularity)) (\(method.rawValue), resolution \(formatScore(resolution)), seed \(seed)).\n\n")
                    emit(TextTable(headers: ["bloc", "size", "members"], rows: rows, numeric: [0, 1]).markdown())
                }
            }
        }
    }
}
