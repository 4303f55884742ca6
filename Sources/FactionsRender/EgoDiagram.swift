import FactionsCore
import FactionsIO

/// An actor and its neighbourhood (radius 1 or 2), its ties labelled by type.
public struct EgoDiagram: Sendable {
    public var network: ActorNetwork
    public var actor: String
    public var radius: Int
    public var options: DiagramOptions
    public var period: MonthInterval?
    /// Extra scores for node tooltips.
    public var tooltipScores: [(String, [String: Double])]

    public init(network: ActorNetwork, actor: String, radius: Int = 1, options: DiagramOptions = DiagramOptions(),
                period: MonthInterval? = nil, tooltipScores: [(String, [String: Double])] = []) {
        self.network = network
        self.actor = actor
        self.radius = max(1, min(2, radius))
        self.options = options
        self.period = period
        self.tooltipScores = tooltipScores
    }

    /// The actors within `radius` co-occurrence steps of the centre.
    public func neighbourhood() -> [String] {
        var adjacency: [String: Set<String>] = [:]
        for tie in network.ties where tie.source != tie.target && tie.weight(in: period) > 0 {
            adjacency[tie.source, default: []].insert(tie.target)
            adjacency[tie.target, default: []].insert(tie.source)
        }
        var seen: Set<String> = [actor]
        var frontier: Set<String> = [actor]
        for _ in 0..<radius {
            var next = Set<String>()
            for v in frontier { for u in adjacency[v] ?? [] where !seen.contains(u) { next.insert(u) } }
            seen.formUnion(next)
            frontier = next
        }
        return seen.sorted()
    }

    public func dot(engine: LayoutEngine = .neato) -> String {
        let members = Set(neighbourhood())
        let centre = network.actor(actor)
        var out = "graph \(DOTText.quoted("ego " + actor)) {\n"
        out += "  graph [" + NetworkDiagram.layoutAttributes(engine) + ", fontname=\"DejaVu Sans\", labelloc=\"t\", labeljust=\"l\", pad=\"0.3\"]\n"
        var kinds = Set<ActorKind>()
        var signs = Set<TieSign>()
        var body = ""
        // One edge per pair: co-occurrence weight, typed relations as the label.
        var pairs: [PairKey: (weight: Double, types: [String], net: Double, evidence: Evidence?)] = [:]
        for tie in network.ties where members.contains(tie.source) && members.contains(tie.target) && tie.source != tie.target {
            let w = tie.weight(in: period)
            guard w > 0 else { continue }
            // At radius 2 keep only ties that touch the centre or its neighbours' ties to each other at weight ≥ 2.
            let key = PairKey(tie.source, tie.target)
            var p = pairs[key] ?? (0, [], 0, nil)
            if tie.type == Tie.cooccurrence {
                p.weight += w
                if p.evidence == nil { p.evidence = TieWeights.strongestEvidence(tie) }
            } else {
                let label = (tie.directed ? "\(tie.type) →" : tie.type)
                if !p.types.contains(label) { p.types.append(label) }
                p.net += w * Double(tie.sign.rawValue)
                p.evidence = TieWeights.strongestEvidence(tie) ?? p.evidence
                if p.weight == 0 { p.weight = w }
            }
            pairs[key] = p
        }
        let maxWeight = max(pairs.values.map(\.weight).max() ?? 1, 1)
        for id in members.sorted() {
            guard let a = network.actor(id) else { continue }
            kinds.insert(a.kind)
            var tooltip = "\(a.name) (\(a.kind.rawValue))"
            for (measure, values) in tooltipScores { tooltip += "\n\(measure): \(DOTText.number(values[id] ?? 0, digits: 4))" }
            let isCentre = id == actor
            body += "  \(DOTText.quoted(id))" + DOTText.attributes([
                ("label", NetworkDiagram.wrap(a.name, width: 16)),
                ("shape", DiagramStyle.shape(a.kind)),
                ("fillcolor", isCentre ? "#fdd49e" : (DiagramStyle.kindFill[a.kind] ?? "#eeeeee")),
                ("penwidth", isCentre ? "2.5" : "0.8"),
                ("fontsize", isCentre ? "16" : "11"),
                ("tooltip", tooltip),
                ("id", "actor-\(id)"),
            ] + (options.links?.contains(id) == true ? [("URL", "#ego-\(id)")] : [])) + "\n"
        }
        for (key, p) in pairs.sorted(by: { $0.key < $1.key }) {
            // Around a busy actor, ties between two neighbours only add noise unless strong.
            if key.a != actor && key.b != actor && p.types.isEmpty && p.weight < 2 && members.count > 25 { continue }
            let sign: TieSign = p.net > 0 ? .positive : (p.net < 0 ? .negative : .neutral)
            signs.insert(sign)
            var tooltip = "\(network.actor(key.a)?.name ?? key.a) – \(network.actor(key.b)?.name ?? key.b): weight \(DOTText.number(p.weight))"
            if !p.types.isEmpty { tooltip += " (\(p.types.sorted().joined(separator: ", ")))" }
            if let e = p.evidence { tooltip += "\n" + TieWeights.citation(e) }
            body += "  \(DOTText.quoted(key.a)) -- \(DOTText.quoted(key.b))" + DOTText.attributes([
                ("color", DiagramStyle.edgeColour(sign) + (sign == .neutral ? "99" : "")),
                ("penwidth", DOTText.number(0.6 + 3.5 * (p.weight / maxWeight).squareRoot(), digits: 2)),
                ("label", p.types.sorted().joined(separator: "\n")),
                ("fontsize", "9"),
                ("fontcolor", DiagramStyle.edgeColour(sign)),
                ("tooltip", tooltip),
            ]) + "\n"
        }
        let radiusText = radius == 1 ? "the actors named with it" : "the actors within two steps"
        out += "  label=" + DiagramStyle.legend(
            title: options.title.isEmpty ? "\(centre?.name ?? actor) and \(radiusText)" : options.title,
            subtitle: options.subtitle, kinds: Array(kinds).sorted(), edges: Array(signs).sorted(by: >),
            extra: ["edge labels: typed ties (→ direction)"]) + "\n"
        out += "  node [fontname=\"DejaVu Sans\", style=\"filled\", color=\"#444444\"]\n  edge [fontname=\"DejaVu Sans\"]\n"
        out += body + "}\n"
        return out
    }
}
