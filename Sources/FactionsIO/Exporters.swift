import Foundation
import FactionsCore

/// Writers for the formats other tools read. Each returns the whole file's bytes so
/// the caller can write it atomically.
public enum GraphMLWriter {
    /// GraphML with declared keys for every attribute; each tie is an edge (typed ties
    /// and co-occurrence ties between the same pair are separate, parallel edges, so
    /// readers keep their own types, signs and evidence).
    public static func write(_ network: ActorNetwork) -> [UInt8] {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        let nodeKeys = [("name", "string"), ("kind", "string"), ("inferred", "boolean"), ("mentions", "int")]
        let edgeKeys = [("type", "string"), ("sign", "int"), ("weight", "double"), ("directed", "boolean"),
                        ("from", "string"), ("to", "string"), ("period", "string"), ("evidence_count", "int"),
                        ("quote", "string"), ("evidence", "string")]
        for (name, type) in nodeKeys { out += "  <key id=\"n_\(name)\" for=\"node\" attr.name=\"\(name)\" attr.type=\"\(type)\"/>\n" }
        for (name, type) in edgeKeys { out += "  <key id=\"e_\(name)\" for=\"edge\" attr.name=\"\(name)\" attr.type=\"\(type)\"/>\n" }
        out += "  <graph id=\"G\" edgedefault=\"undirected\">\n"
        for a in network.actors {
            out += "    <node id=\"\(XML.escape(a.id))\">"
            out += "<data key=\"n_name\">\(XML.escape(a.name))</data><data key=\"n_kind\">\(a.kind.rawValue)</data>"
            out += "<data key=\"n_inferred\">\(a.inferred)</data><data key=\"n_mentions\">\(a.totalMentions)</data></node>\n"
        }
        for (i, t) in network.ties.enumerated() {
            // Direction is an attribute: mixed graphs trip up most readers.
            out += "    <edge id=\"e\(i)\" source=\"\(XML.escape(t.source))\" target=\"\(XML.escape(t.target))\">"
            out += "<data key=\"e_type\">\(XML.escape(t.type))</data><data key=\"e_sign\">\(t.sign.rawValue)</data>"
            out += "<data key=\"e_weight\">\(Number.text(t.weight))</data><data key=\"e_directed\">\(t.directed)</data>"
            if let f = t.from { out += "<data key=\"e_from\">\(f)</data>" }
            if let to = t.to { out += "<data key=\"e_to\">\(to)</data>" }
            let periods = Periods.names(of: t, in: network.periods)
            if !periods.isEmpty { out += "<data key=\"e_period\">\(XML.escape(periods.joined(separator: ";")))</data>" }
            out += "<data key=\"e_evidence_count\">\(t.evidence.count)</data>"
            if let q = t.evidence.first { out += "<data key=\"e_quote\">\(XML.escape(q.quote))</data>" }
            let refs = t.evidence.map { "\($0.document)#\($0.sentence):\($0.start)-\($0.end)" }.joined(separator: ";")
            out += "<data key=\"e_evidence\">\(XML.escape(refs))</data></edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return Array(out.utf8)
    }
}

/// GEXF 1.3 for Gephi: static attributes plus a spell per period in which a tie has
/// evidence, so Gephi's timeline plays the alliance history.
public enum GEXFWriter {
    public static func write(_ network: ActorNetwork) -> [UInt8] {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
        out += "  <meta><creator>factions \(XML.escape(network.generator.version))</creator><description>actor network; dates in the \(XML.escape(network.calendar)) calendar</description></meta>\n"
        out += "  <graph mode=\"dynamic\" defaultedgetype=\"undirected\" timeformat=\"date\">\n"
        out += "    <attributes class=\"node\"><attribute id=\"kind\" title=\"kind\" type=\"string\"/><attribute id=\"inferred\" title=\"inferred\" type=\"boolean\"/><attribute id=\"mentions\" title=\"mentions\" type=\"integer\"/></attributes>\n"
        out += "    <attributes class=\"edge\"><attribute id=\"type\" title=\"type\" type=\"string\"/><attribute id=\"sign\" title=\"sign\" type=\"integer\"/><attribute id=\"quote\" title=\"quote\" type=\"string\"/><attribute id=\"evidence_count\" title=\"evidence_count\" type=\"integer\"/><attribute id=\"directed\" title=\"directed\" type=\"boolean\"/></attributes>\n"
        out += "    <nodes>\n"
        // A node lives in every period any of its ties lives in.
        var nodeSpells: [String: Set<Int>] = [:]
        var tieSpells: [[Int]] = []
        for t in network.ties {
            let ks = Periods.indices(of: t, in: network.periods)
            tieSpells.append(ks)
            for k in ks { nodeSpells[t.source, default: []].insert(k); nodeSpells[t.target, default: []].insert(k) }
        }
        func spells(_ ks: [Int]) -> String {
            guard !ks.isEmpty else { return "" }
            var s = "<spells>"
            for k in ks {
                let p = network.periods[k]
                s += "<spell start=\"\(Dates.first(p.from))\" end=\"\(Dates.last(p.to))\"/>"
            }
            return s + "</spells>"
        }
        for a in network.actors {
            out += "      <node id=\"\(XML.escape(a.id))\" label=\"\(XML.escape(a.name))\">"
            out += "<attvalues><attvalue for=\"kind\" value=\"\(a.kind.rawValue)\"/><attvalue for=\"inferred\" value=\"\(a.inferred)\"/><attvalue for=\"mentions\" value=\"\(a.totalMentions)\"/></attvalues>"
            out += spells((nodeSpells[a.id] ?? []).sorted()) + "</node>\n"
        }
        out += "    </nodes>\n    <edges>\n"
        for (i, t) in network.ties.enumerated() {
            out += "      <edge id=\"\(i)\" source=\"\(XML.escape(t.source))\" target=\"\(XML.escape(t.target))\" weight=\"\(Number.text(t.weight))\""
            out += " label=\"\(XML.escape(t.type))\">"
            out += "<attvalues><attvalue for=\"type\" value=\"\(XML.escape(t.type))\"/><attvalue for=\"sign\" value=\"\(t.sign.rawValue)\"/>"
            if let q = t.evidence.first?.quote { out += "<attvalue for=\"quote\" value=\"\(XML.escape(q))\"/>" }
            out += "<attvalue for=\"evidence_count\" value=\"\(t.evidence.count)\"/><attvalue for=\"directed\" value=\"\(t.directed)\"/></attvalues>"
            out += spells(tieSpells[i]) + "</edge>\n"
        }
        out += "    </edges>\n  </graph>\n</gexf>\n"
        return Array(out.utf8)
    }
}

/// `nodes.csv` and `edges.csv`, RFC 4180, with headers.
public enum CSVWriter {
    public static func nodes(_ network: ActorNetwork) -> [UInt8] {
        let t = TextTable(headers: ["id", "name", "kind", "inferred", "mentions", "aliases"],
                          rows: network.actors.map { [$0.id, $0.name, $0.kind.rawValue, String($0.inferred), String($0.totalMentions),
                                                      $0.aliases.joined(separator: "|")] })
        return Array(t.csv().utf8)
    }

    public static func edges(_ network: ActorNetwork) -> [UInt8] {
        let t = TextTable(headers: ["source", "target", "type", "sign", "weight", "directed", "from", "to", "evidence_count", "quote"],
                          rows: network.ties.map { t in
                              [t.source, t.target, t.type, String(t.sign.rawValue), Number.text(t.weight), String(t.directed),
                               t.from?.description ?? "", t.to?.description ?? "", String(t.evidence.count),
                               t.evidence.first?.quote.split(whereSeparator: \.isNewline).joined(separator: " ") ?? ""]
                          })
        return Array(t.csv().utf8)
    }
}

/// DOT text of the network with one cluster per bloc.
public enum DOTWriter {
    public static func write(_ network: ActorNetwork, blocs: [(label: String, members: [String])]) -> [UInt8] {
        var out = "graph \(DOTText.quoted("network")) {\n  graph [layout=\"fdp\"]\n"
        var placed = Set<String>()
        for bloc in blocs {
            out += "  subgraph \(DOTText.quoted("cluster_\(bloc.label)")) {\n    graph [label=\(DOTText.quoted("Bloc \(bloc.label)"))]\n"
            for m in bloc.members {
                guard let a = network.actor(m) else { continue }
                placed.insert(m)
                out += "    \(DOTText.quoted(m))" + DOTText.attributes([("label", a.name), ("kind", a.kind.rawValue)]) + "\n"
            }
            out += "  }\n"
        }
        for a in network.actors where !placed.contains(a.id) {
            out += "  \(DOTText.quoted(a.id))" + DOTText.attributes([("label", a.name), ("kind", a.kind.rawValue)]) + "\n"
        }
        for t in network.ties {
            out += "  \(DOTText.quoted(t.source)) -- \(DOTText.quoted(t.target))" + DOTText.attributes([
                ("type", t.type), ("sign", String(t.sign.rawValue)), ("weight", Number.text(t.weight)),
            ]) + "\n"
        }
        out += "}\n"
        return Array(out.utf8)
    }
}

enum XML {
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case "\r": out += "&#13;"
            default:
                // Characters XML 1.0 cannot carry at all.
                if c.value < 0x20 || (0xFFFE...0xFFFF).contains(c.value) { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

enum Number {
    static func text(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }
}

enum Dates {
    static func first(_ m: Month) -> String { "\(m)-01" }
    static func last(_ m: Month) -> String {
        let days = [31, (m.year % 4 == 0 && (m.year % 100 != 0 || m.year % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return "\(m)-\(days[m.month - 1])"
    }
}

/// Which named periods a tie has evidence in.
enum Periods {
    static func indices(of tie: Tie, in periods: [Period]) -> [Int] {
        var out = Set<Int>()
        for e in tie.evidence {
            guard let i = e.interval ?? tie.interval else { continue }
            for (k, p) in periods.enumerated() where p.interval.overlaps(i) { out.insert(k) }
        }
        if tie.evidence.isEmpty, let i = tie.interval {
            for (k, p) in periods.enumerated() where p.interval.overlaps(i) { out.insert(k) }
        }
        return out.sorted()
    }

    static func names(of tie: Tie, in periods: [Period]) -> [String] {
        indices(of: tie, in: periods).map { periods[$0].id }
    }
}
