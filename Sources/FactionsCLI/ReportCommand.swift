import ArgumentParser
import Foundation
import FactionsCore
import FactionsAnalysis
import FactionsIO
import FactionsRender

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Extract, rank and draw a dataset into Output/<dataset>/.",
        discussion: """
        Writes network.json, rank.csv, network.svg, network.png, network.dot and report.md,
        and prints the most-connected actors.

        Examples:
          factions report
          factions report my-corpus -o out/my-corpus
        """
    )

    @OptionGroup var input: NetworkInput

    @Option(name: .shortAndLong, help: "Output folder (default: Output/<dataset>).")
    var output: String?

    @Option(name: .long, help: "How many actors the printed table lists.")
    var top: Int = 15

    func run() throws {
        try runReportingErrors {
            let loaded = try input.load()
            let network = loaded.network
            let dir = output ?? "Output/\(loaded.name)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try AtomicFile.write(try NetworkJSON.encode(network), to: "\(dir)/network.json")

            let graph = NetworkView.cooccurrence(network)
            let degree = Degree.compute(graph)
            let betweenness = try Betweenness.compute(graph)
            let order = degree.values.indices.sorted { a, b in
                (degree.values[a], betweenness.values[a], degree.labels[b]) > (degree.values[b], betweenness.values[b], degree.labels[a])
            }
            let index = network.actorIndex
            func row(_ r: Int, _ v: Int) -> [String] {
                let actor = network.actors[index[graph.labels[v]]!]
                return [String(r + 1), actor.name, actor.kind.rawValue, formatScore(degree.values[v]),
                        formatScore(betweenness.values[v]), String(actor.totalMentions)]
            }
            let headers = ["rank", "actor", "kind", "degree", "betweenness", "mentions"]
            let table = TextTable(headers: headers, rows: order.prefix(top).enumerated().map { row($0, $1) },
                                  numeric: [0, 3, 4, 5])
            let full = TextTable(headers: ["rank", "id", "name", "kind", "degree", "betweenness", "mentions"],
                                 rows: order.enumerated().map { r, v in
                                     let a = network.actors[index[graph.labels[v]]!]
                                     return [String(r + 1), a.id, a.name, a.kind.rawValue, formatScore(degree.values[v]),
                                             formatScore(betweenness.values[v]), String(a.totalMentions)]
                                 })
            try AtomicFile.write(full.csv(), to: "\(dir)/rank.csv")

            let (dot, engine) = try DiagramBuilder.network(loaded, period: nil, sizeBy: .degree, labels: nil,
                                                           minWeight: nil, engine: nil)
            try AtomicFile.write(dot, to: "\(dir)/network.dot")
            for format in [OutputFormat.svg, .png] {
                try DiagramFile.write(dot: dot, engine: engine, format: format, to: "\(dir)/network.\(format.fileExtension)")
            }

            var md = "# \(loaded.name)\n\n"
            md += "\(network.actors.count) actors and \(network.ties.count) ties extracted from \(network.documents.count) documents.\n\n"
            md += "![actor network](network.svg)\n\n## Most-connected actors\n\n"
            md += TextTable(headers: headers, rows: order.prefix(top).enumerated().map { row($0, $1) }, numeric: [0, 3, 4, 5]).markdown()
            md += "\nDegree counts distinct co-occurring actors; betweenness is normalised as NetworkX's `betweenness_centrality`.\n"
            try AtomicFile.write(md, to: "\(dir)/report.md")

            emit("Most-connected actors in \(loaded.name) (\(network.actors.count) actors, \(network.ties.count) ties):\n\n")
            emit(table.aligned())
            emit("\nWrote \(dir)/: network.json rank.csv network.dot network.svg network.png report.md\n")
        }
    }
}
