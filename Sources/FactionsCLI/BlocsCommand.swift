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

    @Flag(name: .long, help: "Signed blocs of the ally/enemy ties, minimising frustration, with balance figures.")
    var signed = false

    @Option(name: .long, help: "With --signed: a fixed number of blocs (default: chosen by the data).")
    var blocs: Int?

    func validate() throws {
        if !(resolution > 0) || !resolution.isFinite { throw ValidationError("--resolution must be a positive number") }
    }

    func run() throws {
        try runReportingErrors {
            let loaded = try input.load()
            let network = loaded.network
            var filter = NetworkFilter()
            if let period { filter.period = try PeriodSelection.resolve(period, in: network).interval }
            if signed {
                emit(try SignedBlocsReport.render(network: network, filter: filter, blocs: blocs, seed: seed, format: format))
                return
            }
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

/// `factions blocs --signed`: the partition of the signed network and its balance.
enum SignedBlocsReport {
    static func render(network: ActorNetwork, filter: NetworkFilter, blocs: Int?, seed: UInt64,
                       format: TableFormat) throws -> String {
        var f = filter
        f.kinds = [.person, .party, .body, .group]
        let graph = NetworkView.signed(network, filter: f)
        let p = SignedBlocs.partition(graph, blocs: blocs, seed: seed)
        let names = Dictionary(uniqueKeysWithValues: network.actors.map { ($0.id, $0.name) })
        struct Tie: Encodable { var a: String; var b: String; var sign: Int; var weight: Double }
        struct Bloc: Encodable {
            var id: Int
            var members: [String]
            var strongest_internal: [Tie]
            var strongest_external: [Tie]
        }
        struct Output: Encodable {
            var blocs: [Bloc]
            var frustration: Double
            var normalised_frustration: Double
            var triangle_balance: Double?
            var triangles: Int
            var balanced_triangles: Int
            var no_evidence: [String]
        }
        var out: [Bloc] = []
        for (i, members) in p.blocs.enumerated() {
            var internalTies: [Tie] = [], externalTies: [Tie] = []
            for v in members {
                for e in graph.neighborRange(v) where graph.signs[e] != 0 {
                    let u = Int(graph.neighbors[e])
                    let t = Tie(a: graph.labels[v], b: graph.labels[u], sign: Int(graph.signs[e]), weight: graph.weights[e])
                    if p.membership[u] == i { if u > v { internalTies.append(t) } } else { externalTies.append(t) }
                }
            }
            let order: (Tie, Tie) -> Bool = { ($0.weight, $1.a, $1.b) > ($1.weight, $0.a, $0.b) }
            out.append(Bloc(id: i + 1, members: members.map { graph.labels[$0] },
                            strongest_internal: Array(internalTies.sorted(by: order).prefix(3)),
                            strongest_external: Array(externalTies.sorted(by: order).prefix(3))))
        }
        let noEvidence = graph.labels.indices.filter { p.membership[$0] < 0 }.map { graph.labels[$0] }
        let result = Output(blocs: out, frustration: p.frustration, normalised_frustration: p.normalisedFrustration,
                            triangle_balance: p.triangles == 0 ? nil : p.triangleBalance, triangles: p.triangles,
                            balanced_triangles: p.balancedTriangles, no_evidence: noEvidence)
        func tieText(_ t: Tie) -> String {
            "\(names[t.a] ?? t.a) \(t.sign > 0 ? "+" : "−") \(names[t.b] ?? t.b) (\(formatScore(t.weight)))"
        }
        switch format {
        case .json: return try CanonicalJSON.string(result)
        case .csv:
            return TextTable(headers: ["bloc", "id", "name"], rows: out.flatMap { b in b.members.map { [String(b.id), $0, names[$0] ?? $0] } }).csv()
        case .table, .markdown:
            var s = "\(out.count) signed blocs; frustration \(formatScore(p.frustration)) (normalised \(formatScore(p.normalisedFrustration))); "
            s += p.triangles == 0 ? "no signed triangles\n\n" : "\(p.balancedTriangles) of \(p.triangles) triangles balanced (\(formatScore(p.triangleBalance)))\n\n"
            for b in out {
                s += (format == .markdown ? "- **Bloc \(b.id)**: " : "Bloc \(b.id): ") + b.members.map { names[$0] ?? $0 }.joined(separator: ", ") + "\n"
                if !b.strongest_internal.isEmpty { s += "    strongest inside: " + b.strongest_internal.map(tieText).joined(separator: "; ") + "\n" }
                if !b.strongest_external.isEmpty { s += "    strongest across: " + b.strongest_external.map(tieText).joined(separator: "; ") + "\n" }
            }
            return s
        }
    }
}
