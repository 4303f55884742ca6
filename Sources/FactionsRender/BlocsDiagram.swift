import Foundation
import FactionsCore
import FactionsIO

/// One Graphviz cluster per bloc; ties inside blocs and across them, coloured by sign.
/// Only engines that draw clusters (dot, neato, fdp) are used.
public struct BlocsDiagram: Sendable {
    public struct BlocSpec: Sendable {
        public var label: String
        public var members: [String]
        public init(label: String, members: [String]) {
            self.label = label
            self.members = members
        }
    }

    public var network: ActorNetwork
    public var blocs: [BlocSpec]
    /// Draw the net signed ties (ally/enemy) rather than co-occurrence.
    public var signed: Bool
    public var options: DiagramOptions
    public var period: MonthInterval?
    /// Size per actor id (e.g. degree).
    public var scores: [String: Double]

    public init(network: ActorNetwork, blocs: [BlocSpec], signed: Bool, options: DiagramOptions = DiagramOptions(),
                period: MonthInterval? = nil, scores: [String: Double] = [:]) {
        self.network = network
        self.blocs = blocs
        self.signed = signed
        self.options = options
        self.period = period
        self.scores = scores
    }

    /// DOT with every actor pinned: each bloc is laid out on its own (so blocs never
    /// overlap and the picture is the same on every run — fdp's cluster layout is not),
    /// the blocs are packed in rows, largest first, and neato draws the clusters around
    /// the pinned members. `engine` is asked to lay out the inside of each bloc;
    /// `blocEngine(for:)` says which engine does.
    public func dot(engine: LayoutEngine = .neato) throws(GraphvizError) -> String {
        let positions = try packedPositions(engine: Self.blocEngine(for: engine))
        return assemble(positions: positions)
    }

    /// The engine that lays out the inside of each bloc when `requested` is asked for:
    /// dot, or else neato. fdp is not used even when asked for: in one process, fdp lays
    /// the same DOT out differently each time (even with the random generators reset),
    /// so the bundled dataset's blocs drawn with fdp differed between two runs of the
    /// same command; sfdp, circo and twopi draw no clusters.
    public static func blocEngine(for requested: LayoutEngine) -> LayoutEngine {
        requested == .dot ? .dot : .neato
    }

    /// Lays out each bloc alone and packs the blocs: positions in points.
    func packedPositions(engine: LayoutEngine) throws(GraphvizError) -> [String: (Double, Double, Double, Double)] {
        var blocOf: [String: Int] = [:]
        for (b, bloc) in blocs.enumerated() { for m in bloc.members { blocOf[m] = b } }
        var inside: [Int: [(String, String, Double)]] = [:]
        for tie in network.ties where tie.source != tie.target {
            guard let a = blocOf[tie.source], let b = blocOf[tie.target], a == b else { continue }
            guard signed ? tie.sign != .neutral : tie.type == Tie.cooccurrence else { continue }
            let w = tie.weight(in: period)
            if w > 0 { inside[a, default: []].append((tie.source, tie.target, w)) }
        }
        struct Box { var bloc: Int; var width: Double; var height: Double; var nodes: [String: (Double, Double, Double, Double)] }
        var boxes: [Box] = []
        let maxScore = max(scores.values.max() ?? 1, 1e-12)
        for (b, bloc) in blocs.enumerated() {
            var text = "graph \(DOTText.quoted("bloc " + bloc.label)) {\n  graph [" + NetworkDiagram.layoutAttributes(engine) + "]\n"
            text += "  node [fontname=\"DejaVu Sans\", fontsize=\"11\"]\n"
            for m in bloc.members {
                let s = (scores[m] ?? 0) / maxScore
                text += "  \(DOTText.quoted(m))" + DOTText.attributes([
                    ("label", NetworkDiagram.wrap(network.actor(m)?.name ?? m, width: 16)),
                    ("shape", DiagramStyle.shape(network.actor(m)?.kind ?? .group)),
                    ("fontsize", DOTText.number(9 + 6 * s.squareRoot(), digits: 1)),
                ]) + "\n"
            }
            for (x, y, w) in (inside[b] ?? []).sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
                text += "  \(DOTText.quoted(x)) -- \(DOTText.quoted(y)) [weight=\(DOTText.quoted(DOTText.number(w)))]\n"
            }
            text += "}\n"
            let json = try Graphviz.shared.render(dot: text, engine: engine.rawValue, format: "json")
            var nodes: [String: (Double, Double, Double, Double)] = [:]
            var width = 100.0, height = 60.0
            if let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] {
                if let bb = (object["bb"] as? String)?.split(separator: ",").compactMap({ Double($0) }), bb.count == 4 {
                    width = bb[2] - bb[0]
                    height = bb[3] - bb[1]
                }
                for o in object["objects"] as? [[String: Any]] ?? [] {
                    guard let name = o["name"] as? String, let pos = (o["pos"] as? String)?.split(separator: ",").compactMap({ Double($0) }),
                          pos.count == 2 else { continue }
                    let w = Double(o["width"] as? String ?? "") ?? 0.75, h = Double(o["height"] as? String ?? "") ?? 0.5
                    nodes[name] = (pos[0], pos[1], w * 36, h * 36)
                }
            }
            boxes.append(Box(bloc: b, width: width, height: height, nodes: nodes))
        }
        // Shelf packing, largest blocs first, rows about as wide as the whole is tall.
        let margin = 60.0
        let area = boxes.reduce(0.0) { $0 + ($1.width + margin) * ($1.height + margin) }
        let rowWidth = max(area.squareRoot() * 1.4, boxes.map { $0.width + margin }.max() ?? 0)
        var positions: [String: (Double, Double, Double, Double)] = [:]
        var x = 0.0, y = 0.0, rowHeight = 0.0
        for box in boxes.sorted(by: { ($0.width * $0.height, -$0.bloc) > ($1.width * $1.height, -$1.bloc) }) {
            if x > 0 && x + box.width > rowWidth {
                x = 0
                y -= rowHeight + margin
                rowHeight = 0
            }
            for (name, p) in box.nodes { positions[name] = (x + p.0, y - box.height + p.1, p.2, p.3) }
            x += box.width + margin
            rowHeight = max(rowHeight, box.height)
        }
        return positions
    }

    func assemble(positions: [String: (Double, Double, Double, Double)]) -> String {
        let engine = LayoutEngine.neato
        var blocOf: [String: Int] = [:]
        for (b, bloc) in blocs.enumerated() { for m in bloc.members { blocOf[m] = b } }
        var pairs: [PairKey: (weight: Double, net: Double, evidence: Evidence?)] = [:]
        for tie in network.ties where blocOf[tie.source] != nil && blocOf[tie.target] != nil && tie.source != tie.target {
            guard signed ? tie.sign != .neutral : tie.type == Tie.cooccurrence else { continue }
            let w = tie.weight(in: period)
            guard w > 0 else { continue }
            let key = PairKey(tie.source, tie.target)
            var p = pairs[key] ?? (0, 0, nil)
            p.weight += w
            p.net += w * Double(tie.sign.rawValue)
            if p.evidence == nil || tie.sign != .neutral { p.evidence = TieWeights.strongestEvidence(tie) ?? p.evidence }
            pairs[key] = p
        }
        if signed { pairs = pairs.filter { $0.value.net != 0 } }
        // Co-occurrence diagrams keep the ties a reader can follow.
        let threshold = signed ? 0 : (options.minWeight ?? 1)
        let shown = pairs.filter { $0.value.weight >= threshold }.sorted { $0.key < $1.key }
        let maxWeight = max(shown.map(\.value.weight).max() ?? 1, 1)
        let maxScore = max(scores.values.max() ?? 1, 1e-12)
        var out = "graph \(DOTText.quoted(options.title.isEmpty ? "blocs" : options.title)) {\n"
        _ = engine
        out += "  graph [layout=\"neato\", inputscale=\"72\", splines=\"curved\", outputorder=\"edgesfirst\", fontname=\"DejaVu Sans\", labelloc=\"t\", labeljust=\"l\", pad=\"0.3\"]\n"
        var kinds = Set<ActorKind>()
        let signs: [TieSign] = signed ? [.positive, .negative] : [.neutral]
        out += "  label=" + DiagramStyle.legend(title: options.title, subtitle: options.subtitle, kinds: [], edges: signs,
                                               extra: [signed ? "boxes: signed blocs (frustration-minimising)" : "boxes: communities of the co-occurrence network",
                                                       threshold > 1 ? "ties lighter than \(DOTText.number(threshold)) hidden" : ""].filter { !$0.isEmpty },
                                               scale: blocOf.count > 60 ? 1.5 : 1) + "\n"
        out += "  node [fontname=\"DejaVu Sans\", style=\"filled\", color=\"#444444\", fontsize=\"11\"]\n  edge [fontname=\"DejaVu Sans\"]\n"
        // Each bloc is a box drawn behind its members. (Not a Graphviz cluster: cgraph
        // orders subgraphs by the address of their interned names, so cluster output —
        // and fdp's cluster layout — changes from run to run; pinned boxes do not.)
        for (b, bloc) in blocs.enumerated() {
            let boxes = bloc.members.compactMap { positions[$0] }
            guard !boxes.isEmpty else { continue }
            let pad = 18.0, title = 24.0
            let minX = boxes.map { $0.0 - $0.2 }.min()! - pad, maxX = boxes.map { $0.0 + $0.2 }.max()! + pad
            let minY = boxes.map { $0.1 - $0.3 }.min()! - pad, maxY = boxes.map { $0.1 + $0.3 }.max()! + pad + title
            let width = max(maxX - minX, 110)
            out += "  \(DOTText.quoted("bloc:" + bloc.label))" + DOTText.attributes([
                ("label", "Bloc \(bloc.label) (\(bloc.members.count))"),
                ("shape", "box"), ("style", "rounded,filled"), ("fixedsize", "true"), ("labelloc", "t"),
                ("fillcolor", DiagramStyle.blocFill(b) + "40"), ("color", DiagramStyle.blocFill(b)), ("fontsize", "14"),
                ("width", DOTText.number(width / 72, digits: 3)), ("height", DOTText.number((maxY - minY) / 72, digits: 3)),
                ("pos", "\(DOTText.number(minX + width / 2, digits: 2)),\(DOTText.number((minY + maxY) / 2, digits: 2))!"),
                ("id", "bloc-\(bloc.label)"),
                ("tooltip", "Bloc \(bloc.label): " + bloc.members.map { network.actor($0)?.name ?? $0 }.joined(separator: ", ")),
            ]) + "\n"
        }
        for (b, bloc) in blocs.enumerated() {
            for m in bloc.members {
                guard let a = network.actor(m) else { continue }
                kinds.insert(a.kind)
                let s = (scores[m] ?? 0) / maxScore
                out += "  \(DOTText.quoted(m))" + DOTText.attributes([
                    ("label", NetworkDiagram.wrap(a.name, width: 16)),
                    ("shape", DiagramStyle.shape(a.kind)),
                    ("fillcolor", DiagramStyle.blocFill(b)),
                    ("fontsize", DOTText.number(9 + 6 * s.squareRoot(), digits: 1)),
                    ("tooltip", "\(a.name) (\(a.kind.rawValue))\nbloc \(bloc.label)"),
                    ("id", "actor-\(m)"),
                    ("pos", positions[m].map { "\(DOTText.number($0.0, digits: 2)),\(DOTText.number($0.1, digits: 2))!" } ?? "0,0!"),
                ] + (options.links?.contains(m) == true ? [("URL", "#ego-\(m)")] : [])) + "\n"
            }
        }
        // Ties inside blocs are drawn one by one; ties across blocs are summed into one
        // edge per pair of blocs (between their largest members), or drawn one by one
        // for signed blocs, where each enmity matters.
        var across: [PairKey: (weight: Double, net: Double, count: Int)] = [:]
        let top: [Int: String] = Dictionary(uniqueKeysWithValues: blocs.enumerated().compactMap { b, bloc in
            bloc.members.max { (scores[$0] ?? 0, $1) < (scores[$1] ?? 0, $0) }.map { (b, $0) }
        })
        for (key, p) in shown {
            let sign: TieSign = p.net > 0 ? .positive : (p.net < 0 ? .negative : .neutral)
            let ba = blocOf[key.a]!, bb = blocOf[key.b]!
            if ba != bb && !signed {
                var agg = across[PairKey(String(ba), String(bb))] ?? (0, 0, 0)
                agg.weight += p.weight
                agg.net += p.net
                agg.count += 1
                across[PairKey(String(ba), String(bb))] = agg
                continue
            }
            var tooltip = "\(network.actor(key.a)?.name ?? key.a) – \(network.actor(key.b)?.name ?? key.b): \(sign.label), weight \(DOTText.number(p.weight))"
            if let e = p.evidence { tooltip += "\n" + TieWeights.citation(e) }
            out += "  \(DOTText.quoted(key.a)) -- \(DOTText.quoted(key.b))" + DOTText.attributes([
                ("color", DiagramStyle.edgeColour(sign) + (sign == .neutral ? "99" : "")),
                ("penwidth", DOTText.number(0.5 + 3 * (p.weight / maxWeight).squareRoot(), digits: 2)),
                ("style", ba != bb && sign == .negative ? "dashed" : "solid"),
                ("tooltip", tooltip),
            ]) + "\n"
        }
        let maxAcross = max(across.values.map(\.weight).max() ?? 1, 1)
        for (key, agg) in across.sorted(by: { $0.key < $1.key }) {
            guard let ba = Int(key.a), let bb = Int(key.b), let ta = top[ba], let tb = top[bb] else { continue }
            out += "  \(DOTText.quoted(ta)) -- \(DOTText.quoted(tb))" + DOTText.attributes([
                ("color", "#7f7f7f80"),
                ("penwidth", DOTText.number(1 + 6 * (agg.weight / maxAcross).squareRoot(), digits: 2)),
                ("label", "\(agg.count) ties"), ("fontsize", "9"), ("fontcolor", "#555555"),
                ("tooltip", "Bloc \(blocs[ba].label) – Bloc \(blocs[bb].label): \(agg.count) ties, weight \(DOTText.number(agg.weight))"),
            ]) + "\n"
        }
        _ = kinds
        out += "}\n"
        return out
    }
}
