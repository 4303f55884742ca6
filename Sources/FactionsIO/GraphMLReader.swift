import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import FactionsCore

/// Reads GraphML (as written by NetworkX, Gephi, igraph or `factions export`) into an
/// actor network. Node attributes `name`/`label` and `kind`, edge attributes `weight`,
/// `sign` and `type` are used when declared; everything else is ignored.
///
/// Documents with a DTD are refused before parsing: GraphML needs none, and a DTD is
/// how external entities (XXE) and entity-expansion bombs get in.
public enum GraphMLReader {
    public static func read(_ bytes: [UInt8], path: String) throws(InputError) -> ActorNetwork {
        if containsDTD(bytes) {
            throw InputError(path: path, message: "has a DOCTYPE/ENTITY declaration; GraphML needs none and factions refuses them (external entities and entity expansion)")
        }
        // FoundationXML on Linux traps (force-unwraps a failed UTF-8 decode) when libxml2
        // hands it an element or attribute name with invalid UTF-8, e.g. "<\u{FF}\u{FF}>":
        // only UTF-8 documents reach the parser (found by Fuzz/FuzzGraphML).
        _ = try TextFile.decodeUTF8(bytes, path: path)
        if let line = emptyProcessingInstructionLine(bytes) {
            throw InputError(path: path, line: line, message: "has a processing instruction without data (<?name?>); GraphML needs none and the XML parser cannot read it; remove it")
        }
        let delegate = Delegate()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        if !parser.parse() {
            if let error = delegate.error { throw InputError(path: path, line: delegate.line, message: error) }
            let line = parser.lineNumber
            throw InputError(path: path, line: line > 0 ? line : nil,
                             message: "not well-formed XML: \(parser.parserError?.localizedDescription ?? "parse error")")
        }
        if let error = delegate.error { throw InputError(path: path, line: delegate.line, message: error) }
        guard delegate.sawGraphML else { throw InputError(path: path, message: "not GraphML: no <graphml> element") }
        var actors: [Actor] = []
        for id in delegate.nodeOrder {
            let attrs = delegate.nodes[id] ?? [:]
            let name = attrs["name"] ?? attrs["label"] ?? id
            var kind = ActorKind.group
            if let k = attrs["kind"] {
                guard let parsed = ActorKind(rawValue: k) else {
                    throw InputError(path: path, message: "node '\(id)' has unknown kind '\(k)'; use person, party, body, event or group")
                }
                kind = parsed
            }
            actors.append(Actor(id: id, name: name, kind: kind, inferred: attrs["inferred"] == "true"))
        }
        var ties: [TieKey: Tie] = [:]
        for edge in delegate.edges {
            let (a, b) = edge.source <= edge.target ? (edge.source, edge.target) : (edge.target, edge.source)
            var weight = 1.0
            if let w = edge.attributes["weight"] {
                guard let value = Double(w), value.isFinite else {
                    throw InputError(path: path, line: edge.line, message: "edge \(a)–\(b) has weight '\(w)', not a number")
                }
                weight = value
            }
            let signValue = edge.attributes["sign"].flatMap { Double($0) } ?? 0
            let sign: TieSign = signValue > 0 ? .positive : (signValue < 0 ? .negative : .neutral)
            let type = edge.attributes["type"] ?? (sign == .neutral ? Tie.cooccurrence : "signed")
            if sign == .neutral || type == Tie.cooccurrence {
                let key = TieKey(source: a, target: b, type: Tie.cooccurrence, sign: .neutral, directed: false)
                ties[key, default: Tie(source: a, target: b, weight: 0)].weight += weight
            } else {
                let key = TieKey(source: a, target: b, type: type, sign: sign, directed: false)
                ties[key, default: Tie(source: a, target: b, type: type, sign: sign, weight: 0)].weight += abs(weight)
            }
        }
        return ActorNetwork(actors: actors, ties: Array(ties.values))
    }

    static func containsDTD(_ bytes: [UInt8]) -> Bool {
        let needles = [Array("<!DOCTYPE".utf8), Array("<!ENTITY".utf8)]
        let n = bytes.count
        var i = 0
        while i < n {
            if bytes[i] == 0x3C, i + 1 < n, bytes[i + 1] == 0x21 {
                for needle in needles where i + needle.count <= n {
                    var match = true
                    for k in 0..<needle.count where bytes[i + k] | (k > 1 ? 0x20 : 0) != needle[k] | (k > 1 ? 0x20 : 0) {
                        match = false
                        break
                    }
                    if match { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// The line of the first `<?name?>`, a processing instruction without data, if any.
    /// libxml2 reports its data as NULL and FoundationXML on Linux passes that to strlen
    /// (SIGSEGV), wherever it stands, even inside an attribute value after an error
    /// (found by Fuzz/FuzzGEXF). Conservative: the pattern is refused inside comments and
    /// CDATA too, where no graph file has it.
    static func emptyProcessingInstructionLine(_ bytes: [UInt8]) -> Int? {
        let n = bytes.count
        var line = 1
        var i = 0
        while i < n {
            if bytes[i] == 0x0A { line += 1 }
            if bytes[i] == 0x3C, i + 1 < n, bytes[i + 1] == 0x3F {
                // The target runs to the first whitespace or '?'.
                var j = i + 2
                while j < n, bytes[j] != 0x3F, bytes[j] != 0x20, bytes[j] != 0x09, bytes[j] != 0x0A, bytes[j] != 0x0D {
                    j += 1
                }
                if j + 1 < n, bytes[j] == 0x3F, bytes[j + 1] == 0x3E { return line }
            }
            i += 1
        }
        return nil
    }

    final class Delegate: NSObject, XMLParserDelegate {
        struct Edge {
            var source: String
            var target: String
            var attributes: [String: String]
            var line: Int
        }

        var keys: [String: (forWhat: String, name: String)] = [:]
        var nodes: [String: [String: String]] = [:]
        var nodeOrder: [String] = []
        var edges: [Edge] = []
        var sawGraphML = false
        var error: String?
        var line: Int?
        private var currentNode: String?
        private var currentEdge: Edge?
        private var currentKey: String?
        private var text = ""
        private var depth = 0
        /// Open elements: Foundation's parser on Linux accepts some mismatched or
        /// unclosed tags, so nesting is checked here.
        private var open: [String] = []
        weak var parser: XMLParser?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            depth += 1
            open.append(name)
            if depth > 64 { fail(parser, "nested more than 64 elements deep"); return }
            switch name {
            case "graphml": sawGraphML = true
            case "key":
                if let id = attributes["id"] {
                    keys[id] = (attributes["for"] ?? "all", attributes["attr.name"] ?? id)
                }
            case "node":
                guard let id = attributes["id"] else { fail(parser, "<node> without id"); return }
                if nodes[id] != nil { fail(parser, "duplicate node id '\(id)'"); return }
                nodes[id] = [:]
                nodeOrder.append(id)
                currentNode = id
            case "edge":
                guard let s = attributes["source"], let t = attributes["target"] else {
                    fail(parser, "<edge> without source or target"); return
                }
                currentEdge = Edge(source: s, target: t, attributes: [:], line: parser.lineNumber)
            case "data":
                currentKey = attributes["key"]
                text = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if currentKey != nil { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            guard open.last == name else {
                fail(parser, "</\(name)> closes <\(open.last ?? "nothing")>; the XML is not well formed")
                return
            }
            open.removeLast()
            switch name {
            case "data":
                guard let key = currentKey else { return }
                let attr = keys[key]?.name ?? key
                if let n = currentNode, currentEdge == nil {
                    nodes[n]?[attr] = text
                } else if currentEdge != nil {
                    currentEdge?.attributes[attr] = text
                }
                currentKey = nil
            case "node": currentNode = nil
            case "edge":
                if let e = currentEdge {
                    for id in [e.source, e.target] where nodes[id] == nil {
                        nodes[id] = [:]
                        nodeOrder.append(id)
                    }
                    edges.append(e)
                }
                currentEdge = nil
            default: break
            }
        }

        func parserDidEndDocument(_ parser: XMLParser) {
            if let unclosed = open.last, error == nil {
                error = "<\(unclosed)> is never closed; the file is cut short or not well formed"
                line = parser.lineNumber
            }
        }

        private func fail(_ parser: XMLParser, _ message: String) {
            if error == nil {
                error = message
                line = parser.lineNumber
            }
            parser.abortParsing()
        }
    }
}
