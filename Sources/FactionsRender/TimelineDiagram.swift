import FactionsCore
import FactionsIO

/// Periods from left to right, each period's blocs as boxes listing their members,
/// flows between consecutive periods as wide as the actors they carry, and shifts
/// drawn as red arrows labelled with the actors that moved (an alluvial view drawn
/// with dot).
public struct TimelineDiagram: Sendable {
    public struct Column: Sendable {
        public var id: String
        public var name: String
        public var dates: String
        /// (label, member ids)
        public var blocs: [(String, [String])]
        public init(id: String, name: String, dates: String, blocs: [(String, [String])]) {
            self.id = id
            self.name = name
            self.dates = dates
            self.blocs = blocs
        }
    }

    public struct Move: Sendable {
        public var actor: String
        public var fromPeriod: String
        public var toPeriod: String
        public var fromBloc: String
        public var toBloc: String
        public var quote: String?
        public init(actor: String, fromPeriod: String, toPeriod: String, fromBloc: String, toBloc: String, quote: String?) {
            self.actor = actor
            self.fromPeriod = fromPeriod
            self.toPeriod = toPeriod
            self.fromBloc = fromBloc
            self.toBloc = toBloc
            self.quote = quote
        }
    }

    public var columns: [Column]
    public var moves: [Move]
    public var names: [String: String]
    /// Mentions per actor: members are listed most-mentioned first.
    public var weight: [String: Double]
    public var options: DiagramOptions
    /// Members listed per bloc box before "+N more".
    public var maxListed: Int = 8

    public init(columns: [Column], moves: [Move], names: [String: String], weight: [String: Double],
                options: DiagramOptions = DiagramOptions()) {
        self.columns = columns
        self.moves = moves
        self.names = names
        self.weight = weight
        self.options = options
    }

    func nodeID(_ period: String, _ label: String) -> String { "\(period)/\(label)" }

    public func dot() -> String {
        var labels: [String] = []
        for c in columns { for (l, _) in c.blocs where !labels.contains(l) { labels.append(l) } }
        labels.sort { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
        let colour = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, DiagramStyle.blocFill($0)) })
        var out = "digraph \(DOTText.quoted(options.title.isEmpty ? "timeline" : options.title)) {\n"
        out += "  graph [layout=\"dot\", rankdir=\"LR\", ranksep=\"1.1\", nodesep=\"0.25\", splines=\"true\", fontname=\"DejaVu Sans\", labelloc=\"t\", labeljust=\"l\", pad=\"0.3\", newrank=\"true\"]\n"
        out += "  label=" + DiagramStyle.legend(title: options.title, subtitle: options.subtitle, kinds: [], edges: [],
                                               extra: ["columns: periods; boxes: signed blocs (stable labels); grey flows: actors staying",
                                                       "red arrows: shifts, labelled with the actors that changed side"]) + "\n"
        out += "  node [fontname=\"DejaVu Sans\", shape=\"plaintext\", fontsize=\"10\"]\n  edge [fontname=\"DejaVu Sans\"]\n"
        // Period headers in order.
        for (k, c) in columns.enumerated() {
            out += "  \(DOTText.quoted("header/\(c.id)")) [label=<<B>\(DiagramStyle.html(c.name))</B><BR/><FONT POINT-SIZE=\"9\">\(DiagramStyle.html(c.dates))</FONT>>, fontsize=\"12\"]\n"
            if k > 0 { out += "  \(DOTText.quoted("header/\(columns[k - 1].id)")) -> \(DOTText.quoted("header/\(c.id)")) [style=\"invis\", weight=\"100\"]\n" }
        }
        for c in columns {
            var ranked = "  { rank=\"same\"; \(DOTText.quoted("header/\(c.id)"))"
            for (label, members) in c.blocs {
                let id = nodeID(c.id, label)
                let sorted = members.sorted { (weight[$0] ?? 0, $1) > (weight[$1] ?? 0, $0) }
                var rows = "<TR><TD BGCOLOR=\"\(colour[label] ?? "#dddddd")\"><B>Bloc \(DiagramStyle.html(label))</B> (\(members.count))</TD></TR>"
                for m in sorted.prefix(maxListed) {
                    rows += "<TR><TD ALIGN=\"LEFT\">\(DiagramStyle.html(names[m] ?? m))</TD></TR>"
                }
                if sorted.count > maxListed { rows += "<TR><TD ALIGN=\"LEFT\"><I>+\(sorted.count - maxListed) more</I></TD></TR>" }
                let tooltip = "Bloc \(label), \(c.name): " + sorted.map { names[$0] ?? $0 }.joined(separator: ", ")
                out += "  \(DOTText.quoted(id)) [label=<<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\" COLOR=\"\(colour[label] ?? "#999999")\">\(rows)</TABLE>>, tooltip=\(DOTText.quoted(tooltip)), id=\(DOTText.quoted("bloc-\(c.id)-\(label)"))]\n"
                ranked += "; \(DOTText.quoted(id))"
            }
            out += ranked + " }\n"
        }
        // Flows: actors present in consecutive non-empty columns.
        let nonEmpty = columns.filter { !$0.blocs.isEmpty }
        for (a, b) in zip(nonEmpty, nonEmpty.dropFirst()) {
            var before: [String: String] = [:], after: [String: String] = [:]
            for (l, ms) in a.blocs { for m in ms { before[m] = l } }
            for (l, ms) in b.blocs { for m in ms { after[m] = l } }
            var flows: [String: [String]] = [:]
            for (m, l1) in before { if let l2 = after[m] { flows["\(l1)\u{1F}\(l2)", default: []].append(m) } }
            for (key, ms) in flows.sorted(by: { $0.key < $1.key }) {
                let parts = key.split(separator: "\u{1F}").map(String.init)
                let moved = parts[0] != parts[1]
                let names = ms.sorted().map { self.names[$0] ?? $0 }
                out += "  \(DOTText.quoted(nodeID(a.id, parts[0]))) -> \(DOTText.quoted(nodeID(b.id, parts[1])))" + DOTText.attributes([
                    ("penwidth", DOTText.number(1 + 1.5 * Double(ms.count).squareRoot(), digits: 2)),
                    ("color", moved ? DiagramStyle.enemyColour : "#bdbdbd"),
                    ("arrowsize", "0.6"),
                    ("label", moved ? NetworkDiagram.wrap(names.joined(separator: ", "), width: 28) : ""),
                    ("fontcolor", DiagramStyle.enemyColour),
                    ("fontsize", "9"),
                    ("tooltip", (moved ? "moved: " : "stayed: ") + names.joined(separator: ", ")),
                ]) + "\n"
            }
        }
        // Shifts across gaps (an actor silent in between) get their own arrow.
        let adjacent = Set(zip(nonEmpty, nonEmpty.dropFirst()).map { "\($0.id)>\($1.id)" })
        for m in moves where !adjacent.contains("\(m.fromPeriod)>\(m.toPeriod)") {
            var tooltip = "\(names[m.actor] ?? m.actor): bloc \(m.fromBloc) → \(m.toBloc)"
            if let q = m.quote { tooltip += "\n“\(q)”" }
            out += "  \(DOTText.quoted(nodeID(m.fromPeriod, m.fromBloc))) -> \(DOTText.quoted(nodeID(m.toPeriod, m.toBloc)))" + DOTText.attributes([
                ("color", DiagramStyle.enemyColour), ("style", "dashed"), ("constraint", "false"),
                ("label", names[m.actor] ?? m.actor), ("fontcolor", DiagramStyle.enemyColour), ("fontsize", "9"),
                ("tooltip", tooltip),
            ]) + "\n"
        }
        out += "}\n"
        return out
    }
}
