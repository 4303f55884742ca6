import ArgumentParser
import Foundation
import FactionsCore
import FactionsAnalysis
import FactionsIO
import FactionsRender

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the network for other tools: GraphML, GEXF (Gephi), CSV, DOT or JSON.",
        discussion: """
        graphml  every tie an edge with type, sign, weight, dates, periods and evidence (NetworkX, igraph, yEd)
        gexf     GEXF 1.3 with a spell per period, so Gephi's timeline plays the alliance history
        csv      nodes.csv and edges.csv in the folder given with -o
        dot      DOT text with one cluster per signed bloc (or community)
        json     the canonical network.json

        Examples:
          factions export --format gexf -o russia-1917.gexf
          factions export --format csv -o russia-1917-csv/
        """
    )

    enum ExportFormat: String, CaseIterable, ExpressibleByArgument { case graphml, gexf, csv, dot, json }

    @OptionGroup var input: NetworkInput

    @Option(name: .long, help: "graphml, gexf, csv, dot or json (default: from the file extension).")
    var format: ExportFormat?

    @Option(name: .shortAndLong, help: "Output file (a folder for csv).")
    var output: String

    func run() throws {
        try runReportingErrors {
            let ext = (output as NSString).pathExtension.lowercased()
            guard let format = format ?? ExportFormat(rawValue: ext == "gv" ? "dot" : ext) ?? (ext.isEmpty ? .csv : nil) else {
                throw ValidationError("cannot tell the format from '\(output)'; add --format graphml|gexf|csv|dot|json")
            }
            let loaded = try input.load()
            let network = loaded.network
            switch format {
            case .graphml: try AtomicFile.write(GraphMLWriter.write(network), to: output)
            case .gexf: try AtomicFile.write(GEXFWriter.write(network), to: output)
            case .json: try NetworkJSON.write(network, to: output)
            case .dot:
                try AtomicFile.write(DOTWriter.write(network, blocs: Self.blocs(network)), to: output)
            case .csv:
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: output, isDirectory: &isDir), !isDir.boolValue {
                    throw FileError(path: output, reason: "is a file; CSV export writes nodes.csv and edges.csv into a folder")
                }
                do {
                    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                } catch {
                    throw FileError(path: output, reason: "cannot create the folder: \(error.localizedDescription)")
                }
                try AtomicFile.write(CSVWriter.nodes(network), to: (output as NSString).appendingPathComponent("nodes.csv"))
                try AtomicFile.write(CSVWriter.edges(network), to: (output as NSString).appendingPathComponent("edges.csv"))
            }
            emit("\(output): \(network.actors.count) actors, \(network.ties.count) ties (\(format.rawValue))\n")
        }
    }

    /// Signed blocs when the network has signed ties, else Leiden communities.
    static func blocs(_ network: ActorNetwork) -> [(label: String, members: [String])] {
        let signed = NetworkView.signed(network, filter: NetworkFilter(kinds: [.person, .party, .body, .group]))
        if signed.edgeCount > 0 {
            let p = SignedBlocs.partition(signed, seed: 1)
            return p.blocs.enumerated().map { (AllianceTimelineBuilder.label($0), $1.map { signed.labels[$0] }) }
        }
        let graph = NetworkView.cooccurrence(network)
        return CommunityMethod.leiden.detect(graph, seed: 1).communities.enumerated().map { (AllianceTimelineBuilder.label($0), $1.map { graph.labels[$0] }) }
    }
}
