import ArgumentParser
import Foundation
import FactionsCore
import FactionsAnalysis
import FactionsIO
import FactionsRender

extension LayoutEngine: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}

enum DiagramKind: String, CaseIterable, ExpressibleByArgument {
    case network
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a diagram of the network through Graphviz (in-process).",
        discussion: """
        Examples:
          factions render --diagram network -o network.svg
          factions render --format png --engine sfdp -o network.png
          factions render --format dot -o network.dot      the DOT text the picture is drawn from
        """
    )

    @OptionGroup var input: NetworkInput

    @Option(name: .long, help: "Diagram: network.")
    var diagram: DiagramKind = .network

    @Option(name: .long, help: "Output format: svg, png, pdf or dot (default: from the file extension, else svg).")
    var format: OutputFormat?

    @Option(name: .long, help: "Layout engine: dot, neato, fdp, sfdp, circo, twopi (default: chosen by diagram and size).")
    var engine: LayoutEngine?

    @Option(name: .long, help: "A period id or months (1917-07..1917-09): only ties with evidence in it.")
    var period: String?

    @Option(name: .long, help: "Measure that sizes the nodes.")
    var sizeBy: CentralityMeasure = .degree

    @Option(name: .long, help: "Label only the N largest actors.")
    var labels: Int?

    @Option(name: .long, help: "Hide ties lighter than this weight.")
    var minWeight: Double?

    @Option(name: .shortAndLong, help: "Output file (default: Output/<dataset>/<diagram>.<format>).")
    var output: String?

    func run() throws {
        try runReportingErrors {
            let loaded = try input.load()
            let format = self.format ?? output.flatMap { OutputFormat(rawValue: ($0 as NSString).pathExtension.lowercased()) } ?? .svg
            let path = output ?? "Output/\(loaded.name)/\(diagram.rawValue).\(format.fileExtension)"
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            let (dot, engine) = try DiagramBuilder.network(loaded, period: period, sizeBy: sizeBy, labels: labels,
                                                           minWeight: minWeight, engine: engine)
            try DiagramFile.write(dot: dot, engine: engine, format: format, to: path)
            emit("\(path)\n")
        }
    }
}

/// Wires analysis results into diagrams for the render and report commands.
enum DiagramBuilder {
    static func network(_ loaded: LoadedNetwork, period: String?, sizeBy: CentralityMeasure, labels: Int?,
                        minWeight: Double?, engine: LayoutEngine?) throws -> (String, LayoutEngine) {
        let network = loaded.network
        var filter = NetworkFilter()
        var subtitle = "\(network.actors.count) actors, \(network.ties.filter { $0.type == Tie.cooccurrence }.count) co-occurrence ties"
        if let period {
            let resolved = try PeriodSelection.resolve(period, in: network)
            filter.period = resolved.interval
            subtitle = "period: \(resolved.label) (\(resolved.interval)) · " + subtitle
        }
        let graph = NetworkView.cooccurrence(network, filter: filter)
        let size = try sizeBy.compute(on: graph)
        let degree = Degree.compute(graph)
        let betweenness = try Betweenness.compute(graph)
        let diagram = NetworkDiagram(
            network: network, scores: size.dictionary, blocs: nil,
            tooltipScores: [("degree", degree.dictionary), ("betweenness", betweenness.dictionary)],
            options: DiagramOptions(title: "\(loaded.name): actor network", subtitle: subtitle, labels: labels,
                                    minWeight: minWeight, sizeBy: sizeBy.rawValue),
            period: filter.period)
        let chosen = engine ?? diagram.defaultEngine
        return (diagram.dot(engine: chosen), chosen)
    }
}
