import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import FactionsRender
import FactionsCore

/// Collects the `<title>` of every `<g class="node">` in an SVG document.
final class SVGNodeTitles: NSObject, XMLParserDelegate {
    var titles: [String] = []
    var edgeTitles: [String] = []
    private var stack: [String] = []
    private var text = ""
    private var capturing = false

    static func parse(_ bytes: [UInt8]) -> (nodes: [String], edges: [String], ok: Bool) {
        let parser = XMLParser(data: Data(bytes))
        let delegate = SVGNodeTitles()
        parser.delegate = delegate
        let ok = parser.parse()
        return (delegate.titles, delegate.edgeTitles, ok)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "g" { stack.append(attributes["class"] ?? "") }
        if name == "title" { capturing = true; text = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if capturing { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" {
            capturing = false
            if stack.last == "node" { titles.append(text) }
            if stack.last == "edge" { edgeTitles.append(text) }
        }
        if name == "g" { _ = stack.popLast() }
    }
}

let sampleDOT = """
graph "sample" {
  a -- b
  b -- c
  "Ünïcödé & <co>" -- a
}
"""

@Suite("Graphviz in-process rendering")
struct GraphvizTests {
    @Test func svgHasEveryNode() throws {
        let svg = try Graphviz.shared.render(dot: sampleDOT, engine: .dot, format: .svg)
        let parsed = SVGNodeTitles.parse(svg)
        #expect(parsed.ok)
        #expect(parsed.nodes.sorted() == ["a", "b", "c", "Ünïcödé & <co>"].sorted())
        #expect(parsed.edges.count == 3)
    }

    @Test(arguments: LayoutEngine.allCases)
    func everyEngineLaysOut(_ engine: LayoutEngine) throws {
        let svg = try Graphviz.shared.render(dot: sampleDOT, engine: engine, format: .svg)
        #expect(SVGNodeTitles.parse(svg).nodes.count == 4)
    }

    @Test func pngAndPdfMagicBytes() throws {
        let png = try Graphviz.shared.render(dot: sampleDOT, engine: .neato, format: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let pdf = try Graphviz.shared.render(dot: sampleDOT, engine: .neato, format: .pdf)
        #expect(Array(pdf.prefix(5)) == Array("%PDF-".utf8))
    }

    @Test func dotFormatReturnsTheTextItself() throws {
        let out = try Graphviz.shared.render(dot: sampleDOT, engine: .dot, format: .dot)
        #expect(out == Array(sampleDOT.utf8))
    }

    @Test func pdfIsDeterministic() throws {
        let a = try Graphviz.shared.render(dot: sampleDOT, engine: .dot, format: .pdf)
        Thread.sleep(forTimeInterval: 1.1)
        let b = try Graphviz.shared.render(dot: sampleDOT, engine: .dot, format: .pdf)
        #expect(a == b)
        #expect(String(decoding: a, as: UTF8.self).contains("/CreationDate (D:19700101000000"))
    }

    @Test func unknownEngine() {
        #expect(throws: GraphvizError.unknownEngine("nope")) {
            try Graphviz.shared.render(dot: sampleDOT, engine: "nope", format: "svg:svg:core")
        }
    }

    @Test func unknownFormat() {
        #expect(throws: GraphvizError.unknownFormat("nope")) {
            try Graphviz.shared.render(dot: sampleDOT, engine: "dot", format: "nope")
        }
    }

    @Test func syntaxErrorNamesItsLine() {
        let bad = "graph {\n  a -- b\n  c -- ;\n}\n"
        do {
            _ = try Graphviz.shared.render(dot: bad, engine: .dot, format: .svg)
            Issue.record("expected a syntax error")
        } catch let error {
            guard case let .syntax(line, message) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(line == 3)
            #expect(message.contains("syntax error"))
        }
    }

    @Test func emptyPluginListIsReportedAsSuch() {
        let message = "Layout type: \"dot\" not recognized. Use one of:"
        #expect(Graphviz.classifyLayoutFailure(message, engine: "dot") == .pluginsNotRegistered)
        #expect(Graphviz.classifyLayoutFailure("Layout type: \"x\" not recognized. Use one of: circo dot", engine: "x")
            == .unknownEngine("x"))
    }

    @Test func errorsLeaveNoFileBehindAndKeepTheOldOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("factions-render-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = "\(dir)/out.svg"
        #expect(throws: GraphvizError.self) {
            try DiagramFile.write(dot: "graph { a -- }", engine: .dot, format: .svg, to: target)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        try DiagramFile.write(dot: sampleDOT, engine: .dot, format: .svg, to: target)
        let before = try Data(contentsOf: URL(fileURLWithPath: target))
        #expect(throws: GraphvizError.self) {
            try DiagramFile.write(dot: "graph { a -- }", engine: .dot, format: .svg, to: target)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.svg"])
        // An unwritable destination is a FileError naming the path.
        #expect(throws: FileError.self) {
            try DiagramFile.write(dot: sampleDOT, engine: .dot, format: .svg, to: "\(dir)/missing/out.svg")
        }
    }

    @Test func concurrentRendersAreSafeAndIdentical() async throws {
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for i in 0..<32 {
                group.addTask {
                    try Graphviz.shared.render(dot: sampleDOT, engine: i % 2 == 0 ? .neato : .neato, format: i % 4 == 3 ? .png : .svg)
                }
            }
            var all: [[UInt8]] = []
            for try await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 32)
        let svgs = Set(results.filter { $0.starts(with: Array("<?xml".utf8)) })
        let pngs = Set(results.filter { $0.first == 0x89 })
        #expect(svgs.count == 1)
        #expect(pngs.count == 1)
    }

    /// A network of `nodes` actors, each tied to two earlier ones picked by a fixed
    /// linear congruential sequence: big enough for sfdp's multilevel scheme.
    static func sfdpNetwork(nodes: Int, multiplier: UInt64) -> String {
        var state: UInt64 = 7
        var lines = ["graph G {", "  graph [layout=sfdp, start=1, overlap=prism];", "  node [shape=circle, label=\"\"];"]
        for v in 1..<nodes {
            for _ in 0..<min(2, v) {
                state = state &* multiplier &+ 1_442_695_040_888_963_407
                lines.append("  n\(v) -- n\(Int(state >> 33) % v);")
            }
        }
        return (lines + ["}"]).joined(separator: "\n")
    }

    /// sfdp draws from the C library's `rand()` without seeding it, so without a reset
    /// the second layout of the same DOT in one process came out different from the
    /// first (and from the `sfdp` command), e.g. a report's PNG from its SVG.
    @Test func sfdpLaysOutTheSameDOTAlikeEveryTimeInOneProcess() throws {
        let dot = Self.sfdpNetwork(nodes: 300, multiplier: 6_364_136_223_846_793_005)
        let other = Self.sfdpNetwork(nodes: 250, multiplier: 2_862_933_555_777_941_757)
        let first = try Graphviz.shared.render(dot: dot, engine: .sfdp, format: .svg)
        _ = try Graphviz.shared.render(dot: other, engine: .sfdp, format: .svg)
        let again = try Graphviz.shared.render(dot: dot, engine: .sfdp, format: .svg)
        let third = try Graphviz.shared.render(dot: dot, engine: .sfdp, format: .svg)
        #expect(first.count > 10_000)
        // Compared apart from #expect, which would print both pictures byte by byte.
        let sameAfterAnother = again == first, sameThird = third == first
        #expect(sameAfterAnother, "the second layout of the same DOT differs from the first")
        #expect(sameThird, "the third layout of the same DOT differs from the first")
    }
}
