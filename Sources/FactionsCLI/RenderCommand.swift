import ArgumentParser
import Foundation
import FactionsCore
import FactionsAnalysis
import FactionsIO
import FactionsRender

extension LayoutEngine: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}

enum DiagramKind: String, CaseIterable, ExpressibleByArgument {
    case network, ego, blocs, timeline
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a diagram of the network through Graphviz (in-process).",
        discussion: """
        Diagrams: network (the whole network), ego (an actor and its neighbours), blocs
        (one cluster per bloc), timeline (signed blocs per period and the shifts between them).

        Examples:
          factions render --diagram network -o network.svg
          factions render --diagram ego --actor lenin --radius 2 -o lenin.png
          factions render --diagram blocs --signed --period october -o october.pdf
          factions render --diagram timeline -o timeline.svg
          factions render --format dot -o network.dot      the DOT text the picture is drawn from
        """
    )

    @OptionGroup var input: NetworkInput

    @Option(name: .long, help: "Diagram: network, ego, blocs or timeline.")
    var diagram: DiagramKind = .network

    @Option(name: .long, help: "Output format: svg, png, pdf or dot (default: from the file extension, else svg).")
    var format: OutputFormat?

    @Option(name: .long, help: "Layout engine: dot, neato, fdp, sfdp, circo, twopi (default: chosen by diagram and size).")
    var engine: LayoutEngine?

    @Option(name: .long, help: "A period id or months (1917-07..1917-09): only ties with evidence in it.")
    var period: String?

    @Option(name: .long, help: "For ego: the actor (id or name).")
    var actor: String?

    @Option(name: .long, help: "For ego: 1 (neighbours) or 2 (their neighbours too).")
    var radius: Int = 1

    @Flag(name: .long, help: "For blocs: signed blocs of the ally/enemy ties instead of communities.")
    var signed = false

    @Option(name: .long, help: "Measure that sizes the nodes.")
    var sizeBy: CentralityMeasure = .degree

    @Option(name: .long, help: "Label only the N largest actors.")
    var labels: Int?

    @Option(name: .long, help: "Hide ties lighter than this weight.")
    var minWeight: Double?

    @Option(name: .shortAndLong, help: "Output file (default: Output/<dataset>/<diagram>.<format>).")
    var output: String?

    func validate() throws {
        if diagram == .ego && actor == nil { throw ValidationError("--diagram ego needs --actor ID") }
        if !(1...2).contains(radius) { throw ValidationError("--radius must be 1 or 2") }
        if let labels, labels < 0 { throw ValidationError("--labels must be 0 or more") }
    }

    func run() throws {
        try runReportingErrors {
            let loaded = try input.load()
            let format = self.format ?? output.flatMap { OutputFormat(rawValue: ($0 as NSString).pathExtension.lowercased()) } ?? .svg
            let name = diagram == .ego ? "ego-\(try loaded.resolveActor(actor ?? ""))" : diagram.rawValue
            let path = output ?? "Output/\(loaded.name)/\(name).\(format.fileExtension)"
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            let built = try DiagramBuilder.build(diagram, loaded, period: period, actor: actor, radius: radius, signed: signed,
                                                 sizeBy: sizeBy, labels: labels, minWeight: minWeight, engine: engine)
            if let note = built.note { FileHandle.standardError.write(Array("factions: \(note)\n".utf8)) }
            try DiagramFile.write(dot: built.dot, engine: built.engine, format: format, to: path)
            emit("\(path)\n")
        }
    }
}

/// Wires analysis results into diagrams for the render and report commands.
enum DiagramBuilder {
    struct Built {
        var dot: String
        var engine: LayoutEngine
        /// Said to the user when a requested engine was replaced.
        var note: String?
    }

    /// dot lays out dense networks in time that grows far faster than the graph
    /// (232 s for 250 nodes here, see GRAPHVIZ.md); above this many nodes a network
    /// diagram asked of dot goes to sfdp.
    static let dotNodeLimit = 150

    static func build(_ kind: DiagramKind, _ loaded: LoadedNetwork, period: String?, actor: String?, radius: Int,
                      signed: Bool, sizeBy: CentralityMeasure, labels: Int?, minWeight: Double?,
                      engine: LayoutEngine?, links: Set<String>? = nil) throws -> Built {
        let network = loaded.network
        var filter = NetworkFilter()
        var periodText = "all periods"
        if let period {
            let resolved = try PeriodSelection.resolve(period, in: network)
            filter.period = resolved.interval
            periodText = "\(resolved.label) (\(resolved.interval))"
        }
        let graph = NetworkView.cooccurrence(network, filter: filter)
        let degree = Degree.compute(graph)
        let betweenness = try Betweenness.compute(graph)
        let tooltips = [("degree", degree.dictionary), ("betweenness", betweenness.dictionary)]
        switch kind {
        case .network:
            let size = try sizeBy.compute(on: graph)
            let communities = CommunityMethod.leiden.detect(graph, seed: 1)
            var blocOf: [String: Int] = [:]
            for (v, c) in communities.membership.enumerated() { blocOf[graph.labels[v]] = c }
            let diagram = NetworkDiagram(
                network: network, scores: size.dictionary, blocs: blocOf, tooltipScores: tooltips,
                options: DiagramOptions(title: "\(loaded.name): actor network",
                                        subtitle: "\(periodText) · \(network.actors.count) actors · fill: \(communities.count) communities (Leiden, modularity \(formatScore(communities.modularity)))",
                                        labels: labels, minWeight: minWeight, sizeBy: sizeBy.rawValue, links: links),
                period: filter.period)
            var chosen = engine ?? diagram.defaultEngine
            var note: String? = nil
            if chosen == .dot && network.actors.count > dotNodeLimit {
                chosen = .sfdp
                note = "dot does not scale to a \(network.actors.count)-actor network; drawing with sfdp instead"
            }
            return Built(dot: diagram.dot(engine: chosen), engine: chosen, note: note)
        case .ego:
            let id = try loaded.resolveActor(actor ?? "")
            let diagram = EgoDiagram(network: network, actor: id, radius: radius,
                                     options: DiagramOptions(subtitle: "\(loaded.name) · \(periodText)", links: links),
                                     period: filter.period, tooltipScores: tooltips)
            let chosen = engine ?? .neato
            return Built(dot: diagram.dot(engine: chosen), engine: chosen, note: nil)
        case .blocs:
            var specs: [BlocsDiagram.BlocSpec] = []
            var subtitle = "\(loaded.name) · \(periodText)"
            if signed {
                let signedGraph = NetworkView.signed(network, filter: NetworkFilter(period: filter.period, kinds: [.person, .party, .body, .group]))
                let p = SignedBlocs.partition(signedGraph, seed: 1)
                specs = p.blocs.enumerated().map { BlocsDiagram.BlocSpec(label: AllianceTimelineBuilder.label($0), members: $1.map { signedGraph.labels[$0] }) }
                subtitle += " · frustration \(formatScore(p.frustration))" + (p.triangles > 0 ? ", \(p.balancedTriangles)/\(p.triangles) triangles balanced" : "")
            } else {
                let p = CommunityMethod.leiden.detect(graph, seed: 1)
                specs = p.communities.enumerated().map { BlocsDiagram.BlocSpec(label: AllianceTimelineBuilder.label($0), members: $1.map { graph.labels[$0] }) }
                subtitle += " · modularity \(formatScore(p.modularity))"
            }
            // Each bloc is laid out by the chosen engine, then the blocs are pinned in
            // place and neato draws the clusters (deterministic, unlike fdp's clusters).
            let chosen = engine ?? .neato
            var note: String? = nil
            let used = BlocsDiagram.blocEngine(for: chosen)
            if used != chosen {
                let why = chosen == .fdp ? "fdp lays blocs out differently from run to run" : "\(chosen.rawValue) does not draw clusters"
                note = "\(why); blocs are laid out with \(used.rawValue)"
            }
            let diagram = BlocsDiagram(network: network, blocs: specs, signed: signed,
                                       options: DiagramOptions(title: "\(loaded.name): \(signed ? "signed blocs" : "blocs")", subtitle: subtitle, minWeight: minWeight, links: links),
                                       period: filter.period, scores: degree.dictionary)
            return Built(dot: try diagram.dot(engine: chosen), engine: .neato, note: note)
        case .timeline:
            let periods = PeriodSelection.periods(of: network)
            let timeline = AllianceTimelineBuilder.build(network, periods: periods)
            let diagram = timelineDiagram(timeline, network: network, title: "\(loaded.name): who sided with whom, period by period")
            if let engine, engine != .dot {
                return Built(dot: diagram.dot(), engine: .dot, note: "the timeline is drawn with dot (ranks are periods); ignoring --engine \(engine.rawValue)")
            }
            return Built(dot: diagram.dot(), engine: .dot, note: nil)
        }
    }

    static func timelineDiagram(_ timeline: AllianceTimeline, network: ActorNetwork, title: String) -> TimelineDiagram {
        let columns = timeline.periods.map { p in
            TimelineDiagram.Column(id: p.period, name: p.name, dates: p.from == p.to ? p.from : "\(p.from) – \(p.to)",
                                   blocs: p.blocs.map { ($0.label, $0.members) })
        }
        let moves = timeline.shifts.map {
            TimelineDiagram.Move(actor: $0.actor, fromPeriod: $0.fromPeriod, toPeriod: $0.toPeriod, fromBloc: $0.fromBloc,
                                 toBloc: $0.toBloc, quote: $0.evidence.first?.quote)
        }
        let names = Dictionary(uniqueKeysWithValues: network.actors.map { ($0.id, $0.name) })
        let weight = Dictionary(uniqueKeysWithValues: network.actors.map { ($0.id, Double($0.totalMentions)) })
        return TimelineDiagram(columns: columns, moves: moves, names: names, weight: weight,
                               options: DiagramOptions(title: title, subtitle: "\(timeline.shifts.count) shifts, \(timeline.flips.count) flips; memory \(formatScore(timeline.memory))"))
    }
}
