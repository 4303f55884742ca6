import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import FactionsRender
import FactionsCore

/// Everything an SVG from Graphviz carries that a reader relies on.
final class SVGInspector: NSObject, XMLParserDelegate {
    var nodes: [String] = []
    var edges: [String] = []
    var clusters: [String] = []
    var tooltips: [String] = []
    var texts: [String] = []
    private var stack: [String] = []
    private var buffer = ""
    private var inTitle = false
    private var inText = false

    static func inspect(_ bytes: [UInt8]) -> SVGInspector? {
        let parser = XMLParser(data: Data(bytes))
        let inspector = SVGInspector()
        parser.delegate = inspector
        return parser.parse() ? inspector : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "g" { stack.append(attributes["class"] ?? "") }
        if name == "a", let t = attributes["xlink:title"] { tooltips.append(t) }
        if name == "title" { inTitle = true; buffer = "" }
        if name == "text" { inText = true; buffer = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle || inText { buffer += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" {
            inTitle = false
            switch stack.last {
            case "node": nodes.append(buffer)
            case "edge": edges.append(buffer)
            case "cluster": clusters.append(buffer)
            default: break
            }
        }
        if name == "text" { inText = false; texts.append(buffer) }
        if name == "g" { _ = stack.popLast() }
    }
}

/// A small network whose names are hostile to DOT, XML and HTML.
func hostileNetwork() -> ActorNetwork {
    let names = ["Lenin \"the Elder\"", "<script>alert(1)</script>", "Marx & Engels", "{curly} [square]",
                 "Line\nbreak", "Ленин", "列宁", "Back\\slash"]
    let actors = names.enumerated().map { i, n in
        Actor(id: "a\(i)", name: n, kind: ActorKind.allCases[i % ActorKind.allCases.count], mentions: ["d.txt": i + 1])
    }
    var ties: [Tie] = []
    for i in 0..<(names.count - 1) {
        let quote = "“\(names[i])” & <\(names[i + 1])> met; \"quote\" {brace}"
        let e = Evidence(document: "d", sentence: i, start: 0, end: quote.unicodeScalars.count, quote: quote,
                         interval: MonthInterval(parsing: "1917-0\(i % 9 + 1)"), dating: "explicit")
        ties.append(Tie(source: "a\(i)", target: "a\(i + 1)", weight: Double(i + 1), evidence: [e]))
        if i % 2 == 0 {
            ties.append(Tie(source: "a\(i)", target: "a\(i + 1)", type: "oppose", sign: .negative, weight: 1, directed: true, evidence: [e]))
        }
    }
    return ActorNetwork(actors: actors, ties: ties)
}

@Suite("Diagrams")
struct DiagramTests {
    let network = hostileNetwork()

    func render(_ dot: String, _ engine: LayoutEngine) throws -> SVGInspector {
        let svg = try Graphviz.shared.render(dot: dot, engine: engine, format: .svg)
        return try #require(SVGInspector.inspect(svg), "SVG does not parse as XML")
    }

    @Test func networkHasEveryActorTieTooltipAndLegend() throws {
        let scores = Dictionary(uniqueKeysWithValues: network.actors.map { ($0.id, Double($0.totalMentions)) })
        let diagram = NetworkDiagram(network: network, scores: scores, blocs: ["a0": 0, "a1": 1],
                                     tooltipScores: [("degree", scores)], options: DiagramOptions(title: "Hostile & <names>"))
        let svg = try render(diagram.dot(), .neato)
        #expect(svg.nodes.sorted() == network.actors.map(\.id).sorted())
        #expect(svg.edges.count == network.actors.count - 1)
        #expect(svg.tooltips.contains { $0.contains("<script>alert(1)</script> (") })
        #expect(svg.tooltips.contains { $0.contains("& <") && $0.contains("“") && $0.contains("sentence") })
        #expect(svg.texts.contains("Hostile & <names>"))
        #expect(svg.texts.contains { $0.contains("co-occurrence") })
        #expect(svg.texts.contains("列宁") && svg.texts.contains("Ленин"))
    }

    @Test func egoShowsTheNeighbourhoodWithTypedLabels() throws {
        let ego = EgoDiagram(network: network, actor: "a2", radius: 1)
        #expect(ego.neighbourhood() == ["a1", "a2", "a3"])
        #expect(EgoDiagram(network: network, actor: "a2", radius: 2).neighbourhood() == ["a0", "a1", "a2", "a3", "a4"])
        let svg = try render(ego.dot(), .neato)
        #expect(svg.nodes.sorted() == ["a1", "a2", "a3"])
        #expect(svg.texts.contains("oppose →"))
    }

    /// One box per bloc around its members, the same bytes on every run.
    @Test func blocsAreBoxesAroundTheirMembers() throws {
        let specs = [BlocsDiagram.BlocSpec(label: "A", members: ["a0", "a1", "a2"]),
                     BlocsDiagram.BlocSpec(label: "B", members: ["a3", "a4", "a5", "a6", "a7"])]
        for signed in [false, true] {
            let diagram = BlocsDiagram(network: network, blocs: specs, signed: signed, options: DiagramOptions(title: "blocs"))
            for engine in [LayoutEngine.fdp, .dot, .neato] {
                let dot = try diagram.dot(engine: engine)
                let svg = try render(dot, .neato)
                #expect(svg.nodes.filter { $0.hasPrefix("bloc:") }.sorted() == ["bloc:A", "bloc:B"], "\(engine)")
                #expect(svg.nodes.count == 10)
                #expect(try diagram.dot(engine: engine) == dot)
                let a = try Graphviz.shared.render(dot: dot, engine: .neato, format: .svg)
                let b = try Graphviz.shared.render(dot: dot, engine: .neato, format: .svg)
                #expect(a == b)
            }
            // fdp's layouts in one process change from one to the next: blocs asked of
            // fdp are laid out with neato.
            #expect(try diagram.dot(engine: .fdp) == diagram.dot(engine: .neato))
        }
    }

    @Test func timelineHasAColumnPerPeriodAndShiftArrows() throws {
        let columns = [
            TimelineDiagram.Column(id: "p1", name: "Spring", dates: "1917-03", blocs: [("A", ["a0", "a1"]), ("B", ["a2", "a3"])]),
            TimelineDiagram.Column(id: "p2", name: "Summer <hot>", dates: "1917-07", blocs: [("A", ["a0"]), ("B", ["a1", "a2", "a3"])]),
        ]
        let moves = [TimelineDiagram.Move(actor: "a1", fromPeriod: "p1", toPeriod: "p2", fromBloc: "A", toBloc: "B", quote: "a & b")]
        let names = Dictionary(uniqueKeysWithValues: network.actors.map { ($0.id, $0.name) })
        let diagram = TimelineDiagram(columns: columns, moves: moves, names: names, weight: [:], options: DiagramOptions(title: "t"))
        let svg = try render(diagram.dot(), .dot)
        #expect(svg.nodes.contains("header/p1") && svg.nodes.contains("p2/B"))
        #expect(svg.texts.contains("Summer <hot>"))
        #expect(svg.tooltips.contains { $0.hasPrefix("moved: ") && $0.contains("<script>") })
        let png = try Graphviz.shared.render(dot: diagram.dot(), engine: .dot, format: .png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let pdf = try Graphviz.shared.render(dot: diagram.dot(), engine: .dot, format: .pdf)
        #expect(pdf.starts(with: Array("%PDF".utf8)))
    }
}
