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
        let delegate = Delegate()
        try XMLInput.parse(bytes, path: path, format: "GEXF", delegate: delegate)
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

    final class Delegate: XMLStructureDelegate {
        struct Node { var label: String?; var attributes: [String: String] }
        struct Edge { var source: String; var target: String; var weight: String?; var attributes: [String: String]; var line: Int }

        var attributeTitles: [String: String] = [:]
        var nodes: [String: Node] = [:]
        var nodeOrder: [String] = []
        var edges: [Edge] = []
        var sawGEXF = false
        private var current: (node: String?, edge: Int?) = (nil, nil)

        override func start(_ name: String, attributes: [String: String], parser: XMLParser) {
            switch name {
            case "gexf": sawGEXF = true
            case "attribute":
                if let id = attributes["id"] { attributeTitles[id] = attributes["title"] ?? id }
            case "node":
                guard open.count <= 5 else { return }
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

        override func end(_ name: String, parser: XMLParser) {
            if name == "node" || name == "edge" { current = (nil, nil) }
        }
    }
}
