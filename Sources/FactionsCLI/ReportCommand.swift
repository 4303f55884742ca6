import ArgumentParser
import Foundation
import FactionsCore
import FactionsAnalysis
import FactionsIO
import FactionsRender

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Everything at once: extract, rank, blocs, shifts and every diagram into Output/<dataset>/.",
        discussion: """
        Writes network.json, rank.csv, shifts.json, the diagrams network, blocs, signed-blocs and
        timeline as SVG, PNG and DOT, an ego diagram (SVG) for each of the most-connected actors in
        ego/, report.md and a self-contained index.html (no network access needed), and prints
        the most-connected actors. Re-running overwrites the folder's files in place.

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

    @Option(name: .long, help: "How many actors get an ego diagram.")
    var egos: Int = 20

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if egos < 0 { throw ValidationError("--egos must be 0 or more") }
    }

    func run() throws {
        try runReportingErrors {
            let loaded = try input.load()
            let network = loaded.network
            let dir = output ?? "Output/\(loaded.name)"
            try FileManager.default.createDirectory(atPath: "\(dir)/ego", withIntermediateDirectories: true)
            try NetworkJSON.write(network, to: "\(dir)/network.json")

            let graph = NetworkView.cooccurrence(network)
            let degree = Degree.compute(graph)
            let betweenness = try Betweenness.compute(graph)
            let order = degree.values.indices.sorted { a, b in
                (degree.values[a], betweenness.values[a], degree.labels[b]) > (degree.values[b], betweenness.values[b], degree.labels[a])
            }
            let index = network.actorIndex
            let ranked = order.map { v in
                ReportPage.RankedActor(actor: network.actors[index[graph.labels[v]]!], degree: degree.values[v],
                                       betweenness: betweenness.values[v])
            }
            let full = TextTable(headers: ["rank", "id", "name", "kind", "degree", "betweenness", "mentions"],
                                 rows: ranked.enumerated().map { r, x in
                                     [String(r + 1), x.actor.id, x.actor.name, x.actor.kind.rawValue, formatScore(x.degree),
                                      formatScore(x.betweenness), String(x.actor.totalMentions)]
                                 })
            try AtomicFile.write(full.csv(), to: "\(dir)/rank.csv")

            let timeline = AllianceTimelineBuilder.build(network, periods: PeriodSelection.periods(of: network))
            try AtomicFile.write(try CanonicalJSON.string(timeline), to: "\(dir)/shifts.json")

            // Ego diagrams for the most-connected actors and every actor that shifts.
            var egoActors = ranked.prefix(egos).map(\.actor.id)
            for s in timeline.shifts where !egoActors.contains(s.actor) { egoActors.append(s.actor) }
            let links = Set(egoActors)
            var svgs: [String: String] = [:]
            for kind in [DiagramKind.network, .blocs, .timeline] {
                let built = try DiagramBuilder.build(kind, loaded, period: nil, actor: nil, radius: 1, signed: false,
                                                     sizeBy: .degree, labels: nil, minWeight: nil, engine: nil, links: links)
                svgs[kind.rawValue] = try write(built, name: kind.rawValue, in: dir)
            }
            let signed = try DiagramBuilder.build(.blocs, loaded, period: nil, actor: nil, radius: 1, signed: true,
                                                  sizeBy: .degree, labels: nil, minWeight: nil, engine: nil, links: links)
            svgs["signed-blocs"] = try write(signed, name: "signed-blocs", in: dir)
            var egoSVGs: [(String, String)] = []
            for id in egoActors {
                let built = try DiagramBuilder.build(.ego, loaded, period: nil, actor: id, radius: 1, signed: false,
                                                     sizeBy: .degree, labels: nil, minWeight: nil, engine: nil, links: links)
                let svg = try Graphviz.shared.render(dot: built.dot, engine: built.engine, format: .svg)
                try AtomicFile.write(svg, to: "\(dir)/ego/\(id).svg")
                egoSVGs.append((id, String(decoding: svg, as: UTF8.self)))
            }

            let page = ReportPage(name: loaded.name, network: network, ranked: ranked, timeline: timeline, top: top,
                                  egoActors: Set(egoActors))
            try AtomicFile.write(page.markdown(), to: "\(dir)/report.md")
            try AtomicFile.write(page.html(diagrams: svgs, egos: egoSVGs), to: "\(dir)/index.html")

            let table = TextTable(headers: ["rank", "actor", "kind", "degree", "betweenness", "mentions"],
                                  rows: ranked.prefix(top).enumerated().map { r, x in
                                      [String(r + 1), x.actor.name, x.actor.kind.rawValue, formatScore(x.degree),
                                       formatScore(x.betweenness), String(x.actor.totalMentions)]
                                  }, numeric: [0, 3, 4, 5])
            emit("Most-connected actors in \(loaded.name) (\(network.actors.count) actors, \(network.ties.count) ties):\n\n")
            emit(table.aligned())
            emit("\n\(timeline.shifts.count) alliance shifts and \(timeline.flips.count) flips across \(timeline.periods.count) periods (factions shifts).\n")
            emit("Wrote \(dir)/: index.html report.md network.json rank.csv shifts.json; network, blocs, signed-blocs, timeline (.svg .png .dot); ego/ (\(egoActors.count) actors)\n")
        }
    }

    /// Writes a diagram as DOT, SVG and PNG; returns the SVG text for the page.
    private func write(_ built: DiagramBuilder.Built, name: String, in dir: String) throws -> String {
        try AtomicFile.write(built.dot, to: "\(dir)/\(name).dot")
        let svg = try Graphviz.shared.render(dot: built.dot, engine: built.engine, format: .svg)
        try AtomicFile.write(svg, to: "\(dir)/\(name).svg")
        try DiagramFile.write(dot: built.dot, engine: built.engine, format: .png, to: "\(dir)/\(name).png")
        return String(decoding: svg, as: UTF8.self)
    }
}
