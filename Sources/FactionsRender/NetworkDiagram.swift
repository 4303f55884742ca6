import FactionsCore
import FactionsIO

/// Options shared by the diagrams.
public struct DiagramOptions: Sendable {
    /// Title drawn in the legend (dataset name by default).
    public var title: String
    /// Second legend line: period, measure.
    public var subtitle: String
    /// Label only the top N actors by size measure; nil labels all up to 80 actors and
    /// the top 60 beyond.
    public var labels: Int?
    /// Hide ties lighter than this; nil picks a threshold that keeps the picture legible.
    public var minWeight: Double?
    /// Name of the measure that sizes the nodes (shown in the legend).
    public var sizeBy: String
    /// Actors whose nodes link to `#ego-<id>` (the report's ego sections); nil links none.
    public var links: Set<String>?

    public init(title: String = "", subtitle: String = "", labels: Int? = nil, minWeight: Double? = nil,
                sizeBy: String = "degree", links: Set<String>? = nil) {
        self.links = links
        self.title = title
        self.subtitle = subtitle
        self.labels = labels
        self.minWeight = minWeight
        self.sizeBy = sizeBy
    }
}

/// The whole actor network: shape by kind, fill by bloc, size by a centrality score,
/// ties coloured by net sign and as wide as their weight, tooltips back to the text.
public struct NetworkDiagram: Sendable {
    public var network: ActorNetwork
    /// Size score per actor id.
    public var scores: [String: Double]
    /// Bloc per actor id (fill colour); nil fills by kind.
    public var blocs: [String: Int]?
    /// Extra scores shown in node tooltips (measure name → actor → value).
    public var tooltipScores: [(String, [String: Double])]
    public var options: DiagramOptions
    /// Only ties with evidence in this interval.
    public var period: MonthInterval?

    public init(network: ActorNetwork, scores: [String: Double], blocs: [String: Int]? = nil,
                tooltipScores: [(String, [String: Double])] = [], options: DiagramOptions = DiagramOptions(),
                period: MonthInterval? = nil) {
        self.network = network
        self.scores = scores
        self.blocs = blocs
        self.tooltipScores = tooltipScores
        self.options = options
        self.period = period
    }

    /// Default engine by size: neato (stress majorisation) draws small networks best;
    /// sfdp scales. dot is never used for networks (see GRAPHVIZ.md).
    public var defaultEngine: LayoutEngine { network.actors.count <= 150 ? .neato : .sfdp }

    /// One drawn edge per pair of actors.
    struct Pair {
        var a: String
        var b: String
        var weight: Double
        var net: Double
        var evidence: Evidence?
        var types: [String]
    }

    func pairs() -> [Pair] {
        var byPair: [PairKey: Pair] = [:]
        for tie in network.ties where tie.source != tie.target {
            let w = tie.weight(in: period)
            guard w > 0 else { continue }
            let key = PairKey(tie.source, tie.target)
            var p = byPair[key] ?? Pair(a: key.a, b: key.b, weight: 0, net: 0, evidence: nil, types: [])
            if tie.type == Tie.cooccurrence {
                p.weight += w
                if p.evidence == nil { p.evidence = TieWeights.strongestEvidence(tie) }
            } else {
                p.net += w * Double(tie.sign.rawValue)
                if !p.types.contains(tie.type) { p.types.append(tie.type) }
                if let e = TieWeights.strongestEvidence(tie) { p.evidence = e }
                if p.weight == 0 { p.weight = w }
            }
            byPair[key] = p
        }
        return byPair.keys.sorted().map { byPair[$0]! }
    }

    public func dot(engine: LayoutEngine? = nil) -> String {
        let engine = engine ?? defaultEngine
        let actors = network.actors
        let allPairs = pairs()
        let threshold = options.minWeight ?? Self.autoThreshold(allPairs.map(\.weight), nodes: actors.count)
        let shown = allPairs.filter { $0.weight >= threshold }
        let ranked = actors.sorted { (scores[$0.id] ?? 0, $1.id) > (scores[$1.id] ?? 0, $0.id) }
        let labelCount = options.labels ?? (actors.count <= 80 ? actors.count : 60)
        let labelled = Set(ranked.prefix(labelCount).map(\.id))
        let maxScore = max(ranked.first.map { scores[$0.id] ?? 0 } ?? 0, 1e-12)
        let maxWeight = max(shown.map(\.weight).max() ?? 1, 1)

        var out = "graph \(DOTText.quoted(options.title.isEmpty ? "network" : options.title)) {\n"
        out += "  graph [" + Self.layoutAttributes(engine) + ", fontname=\"DejaVu Sans\", labelloc=\"t\", labeljust=\"l\", pad=\"0.3\"]\n"
        let kinds = Array(Set(actors.map(\.kind))).sorted()
        let signs = Array(Set(shown.map { TieSign(rawValue: $0.net > 0 ? 1 : ($0.net < 0 ? -1 : 0))! })).sorted(by: >)
        let hidden = allPairs.count - shown.count
        var extra = ["size: \(options.sizeBy)"]
        if hidden > 0 { extra.append("\(hidden) ties lighter than \(DOTText.number(threshold)) hidden") }
        if labelled.count < actors.count { extra.append("labels: top \(labelled.count) of \(actors.count) actors") }
        out += "  label=" + DiagramStyle.legend(title: options.title, subtitle: options.subtitle, kinds: kinds,
                                               edges: signs, extra: extra, scale: actors.count > 60 ? 1.8 : 1) + "\n"
        out += "  node [fontname=\"DejaVu Sans\", style=\"filled\", color=\"#444444\", penwidth=\"0.8\"]\n"
        out += "  edge [fontname=\"DejaVu Sans\"]\n"
        for actor in actors {
            let s = (scores[actor.id] ?? 0) / maxScore
            let size = 0.25 + 1.1 * s.squareRoot()
            let isLabelled = labelled.contains(actor.id)
            let fill = blocs.map { DiagramStyle.blocFill($0[actor.id]) } ?? (DiagramStyle.kindFill[actor.kind] ?? "#eeeeee")
            var tooltip = "\(actor.name) (\(actor.kind.rawValue))"
            for (measure, values) in tooltipScores {
                tooltip += "\n\(measure): \(DOTText.number(values[actor.id] ?? 0, digits: 4))"
            }
            if let bloc = blocs?[actor.id] { tooltip += "\nbloc: \(bloc + 1)" }
            let attributes: [(String, String)] = [
                ("label", isLabelled ? Self.wrap(actor.name, width: 14) : ""),
                ("xlabel", ""),
                ("shape", DiagramStyle.shape(actor.kind)),
                ("width", DOTText.number(size * (actor.kind == .party || actor.kind == .body ? 1.3 : 1.1))),
                ("height", DOTText.number(size * 0.8)),
                ("fixedsize", isLabelled ? "false" : "true"),
                ("fontsize", DOTText.number(9 + 9 * s.squareRoot(), digits: 1)),
                ("fillcolor", fill),
                ("tooltip", tooltip),
                ("id", "actor-\(actor.id)"),
            ] + (options.links?.contains(actor.id) == true ? [("URL", "#ego-\(actor.id)")] : [])
            out += "  \(DOTText.quoted(actor.id))\(DOTText.attributes(attributes.filter { $0.0 != "xlabel" }))\n"
        }
        for p in shown {
            let sign: TieSign = p.net > 0 ? .positive : (p.net < 0 ? .negative : .neutral)
            let width = 0.6 + 4.0 * (p.weight / maxWeight).squareRoot()
            var tooltip = "\(name(p.a)) – \(name(p.b)): \(sign.label)"
            if !p.types.isEmpty { tooltip += " (\(p.types.sorted().joined(separator: ", ")))" }
            tooltip += ", weight \(DOTText.number(p.weight))"
            if let e = p.evidence { tooltip += "\n\(TieWeights.citation(e))" }
            let attributes: [(String, String)] = [
                ("color", DiagramStyle.edgeColour(sign) + (sign == .neutral ? "99" : "")),
                ("penwidth", DOTText.number(width, digits: 2)),
                ("weight", DOTText.number(p.weight)),
                ("tooltip", tooltip),
                ("id", "tie-\(p.a)--\(p.b)"),
            ]
            out += "  \(DOTText.quoted(p.a)) -- \(DOTText.quoted(p.b))\(DOTText.attributes(attributes))\n"
        }
        out += "}\n"
        return out
    }

    private func name(_ id: String) -> String { network.actor(id)?.name ?? id }

    /// Keeps the ties a reader can follow: at most about four per node on average.
    static func autoThreshold(_ weights: [Double], nodes: Int) -> Double {
        let budget = max(nodes * 4, 60)
        guard weights.count > budget else { return 0 }
        let sorted = weights.sorted(by: >)
        return max(sorted[budget - 1], 1)
    }

    static func layoutAttributes(_ engine: LayoutEngine) -> String {
        switch engine {
        case .neato:
            return "layout=\"neato\", overlap=\"prism\", overlap_scaling=\"2\", sep=\"+6\", splines=\"curved\", start=\"1\", outputorder=\"edgesfirst\", mode=\"major\""
        case .sfdp:
            return "layout=\"sfdp\", overlap=\"prism\", overlap_scaling=\"2\", sep=\"+4\", splines=\"false\", start=\"1\", outputorder=\"edgesfirst\""
        case .fdp:
            return "layout=\"fdp\", overlap=\"prism\", sep=\"+6\", splines=\"curved\", start=\"1\", outputorder=\"edgesfirst\""
        case .dot:
            return "layout=\"dot\", rankdir=\"LR\", splines=\"true\", outputorder=\"edgesfirst\""
        case .circo:
            return "layout=\"circo\", splines=\"true\", outputorder=\"edgesfirst\""
        case .twopi:
            return "layout=\"twopi\", overlap=\"prism\", splines=\"true\", outputorder=\"edgesfirst\""
        }
    }

    /// Breaks a name into lines of about `width` characters at spaces.
    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + word.count + 1 > width {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }
}

/// How ties are weighed and cited in diagrams.
public enum TieWeights {
    /// The evidence to quote for a tie: dated evidence first, then the shortest quote
    /// (a short sentence states a relation more plainly than a long one).
    public static func strongestEvidence(_ tie: Tie) -> Evidence? {
        tie.evidence.min { a, b in
            let ad = a.interval != nil, bd = b.interval != nil
            if ad != bd { return ad }
            let al = a.quote.count, bl = b.quote.count
            if al != bl { return al < bl }
            return a < b
        }
    }

    /// "“quote” — document, sentence N (1917-07)".
    public static func citation(_ e: Evidence, limit: Int = 300) -> String {
        var quote = e.quote.split(whereSeparator: \.isNewline).joined(separator: " ")
        if quote.count > limit { quote = String(quote.prefix(limit)) + "…" }
        let date = e.interval.map { " (\($0))" } ?? ""
        return "“\(quote)” — \(e.document), sentence \(e.sentence + 1)\(date)"
    }
}
