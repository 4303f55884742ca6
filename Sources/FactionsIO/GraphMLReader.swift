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
        let delegate = Delegate()
        try XMLInput.parse(bytes, path: path, format: "GraphML", delegate: delegate)
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

    final class Delegate: XMLStructureDelegate {
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
        private var currentNode: String?
        private var currentEdge: Edge?
        private var currentKey: String?
        private var text = ""

        override func start(_ name: String, attributes: [String: String], parser: XMLParser) {
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

        override func characters(_ string: String) {
            if currentKey != nil { text += string }
        }

        override func end(_ name: String, parser: XMLParser) {
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
    }
}
