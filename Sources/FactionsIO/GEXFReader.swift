import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import FactionsCore

/// Reads GEXF (1.1–1.3, as Gephi and NetworkX write it) into an actor network. Node
/// labels become names; a `kind` attribute, edge `weight`, and `sign`/`type`
/// attributes are used when present. Spells are not read: periods come from the
/// dataset. Documents with a DTD are refused, as for GraphML.
public enum GEXFReader {
    public static func read(_ bytes: [UInt8], path: String) throws(InputError) -> ActorNetwork {
        if GraphMLReader.containsDTD(bytes) {
            throw InputError(path: path, message: "has a DOCTYPE/ENTITY declaration; GEXF needs none and factions refuses them (external entities and entity expansion)")
        }
        // Only UTF-8 reaches FoundationXML, which traps on names with invalid UTF-8 (see
        // GraphMLReader; found by Fuzz/FuzzGEXF).
        _ = try TextFile.decodeUTF8(bytes, path: path)
        if let line = GraphMLReader.emptyProcessingInstructionLine(bytes) {
            throw InputError(path: path, line: line, message: "has a processing instruction without data (<?name?>); GEXF needs none and the XML parser cannot read it; remove it")
        }
        let delegate = Delegate()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        if !parser.parse() || delegate.error != nil {
            if let error = delegate.error { throw InputError(path: path, line: delegate.line, message: error) }
            throw InputError(path: path, line: parser.lineNumber > 0 ? parser.lineNumber : nil,
                             message: "not well-formed XML: \(parser.parserError?.localizedDescription ?? "parse error")")
        }
        guard delegate.sawGEXF else { throw InputError(path: path, message: "not GEXF: no <gexf> element") }
        var actors: [Actor] = []
        for id in delegate.nodeOrder {
            let n = delegate.nodes[id]!
            var kind = ActorKind.group
            if let k = n.attributes["kind"] {
                guard let parsed = ActorKind(rawValue: k) else {
                    throw InputError(path: path, message: "node '\(id)' has unknown kind '\(k)'; use person, party, body, event or group")
                }
                kind = parsed
            }
            actors.append(Actor(id: id, name: n.label ?? id, kind: kind, inferred: n.attributes["inferred"] == "true"))
        }
        var ties: [TieKey: Tie] = [:]
        for e in delegate.edges {
            guard delegate.nodes[e.source] != nil, delegate.nodes[e.target] != nil else {
                throw InputError(path: path, line: e.line, message: "edge \(e.source)–\(e.target) names a node that is not declared")
            }
            guard let weight = Double(e.weight ?? "1"), weight.isFinite else {
                throw InputError(path: path, line: e.line, message: "edge \(e.source)–\(e.target) has weight '\(e.weight ?? "")', not a number")
            }
            let (a, b) = e.source <= e.target ? (e.source, e.target) : (e.target, e.source)
            let signValue = Double(e.attributes["sign"] ?? "0") ?? 0
            let sign: TieSign = signValue > 0 ? .positive : (signValue < 0 ? .negative : .neutral)
            let type = e.attributes["type"] ?? (sign == .neutral ? Tie.cooccurrence : "signed")
            let key = TieKey(source: a, target: b, type: sign == .neutral ? Tie.cooccurrence : type, sign: sign, directed: false)
            ties[key, default: Tie(source: a, target: b, type: key.type, sign: sign, weight: 0)].weight += abs(weight)
        }
        return ActorNetwork(actors: actors, ties: Array(ties.values))
    }

    final class Delegate: NSObject, XMLParserDelegate {
        struct Node { var label: String?; var attributes: [String: String] }
        struct Edge { var source: String; var target: String; var weight: String?; var attributes: [String: String]; var line: Int }

        var attributeTitles: [String: String] = [:]
        var nodes: [String: Node] = [:]
        var nodeOrder: [String] = []
        var edges: [Edge] = []
        var sawGEXF = false
        var error: String?
        var line: Int?
        private var current: (node: String?, edge: Int?) = (nil, nil)
        private var depth = 0
        /// Open elements: Foundation's parser on Linux accepts some mismatched or
        /// unclosed tags, so nesting is checked here.
        private var open: [String] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            depth += 1
            open.append(name)
            if depth > 64 { fail(parser, "nested more than 64 elements deep"); return }
            switch name {
            case "gexf": sawGEXF = true
            case "attribute":
                if let id = attributes["id"] { attributeTitles[id] = attributes["title"] ?? id }
            case "node":
                guard depth <= 5 else { return }
                guard let id = attributes["id"] else { fail(parser, "<node> without id"); return }
                if nodes[id] != nil { fail(parser, "duplicate node id '\(id)'"); return }
                nodes[id] = Node(label: attributes["label"], attributes: [:])
                nodeOrder.append(id)
                current = (id, nil)
            case "edge":
                guard let s = attributes["source"], let t = attributes["target"] else { fail(parser, "<edge> without source or target"); return }
                edges.append(Edge(source: s, target: t, weight: attributes["weight"], attributes: [:], line: parser.lineNumber))
                current = (nil, edges.count - 1)
            case "attvalue":
                guard let key = attributes["for"] ?? attributes["id"], let value = attributes["value"] else { return }
                let title = attributeTitles[key] ?? key
                if let e = current.edge { edges[e].attributes[title] = value }
                else if let n = current.node { nodes[n]?.attributes[title] = value }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            guard open.last == name else {
                fail(parser, "</\(name)> closes <\(open.last ?? "nothing")>; the XML is not well formed")
                return
            }
            open.removeLast()
            if name == "node" || name == "edge" { current = (nil, nil) }
        }

        func parserDidEndDocument(_ parser: XMLParser) {
            if let unclosed = open.last, error == nil {
                error = "<\(unclosed)> is never closed; the file is cut short or not well formed"
                line = parser.lineNumber
            }
        }

        private func fail(_ parser: XMLParser, _ message: String) {
            if error == nil { error = message; line = parser.lineNumber }
            parser.abortParsing()
        }
    }
}
