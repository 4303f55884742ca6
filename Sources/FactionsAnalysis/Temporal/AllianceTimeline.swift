import FactionsCore

/// One side of the story in one period.
public struct Bloc: Sendable, Hashable, Encodable {
    /// Stable label across periods ("A", "B", …): a bloc keeps its label while its core stays.
    public var label: String
    public var members: [String]
}

/// A signed tie as evidence: what changed between two periods, with a sentence.
public struct TieEvidence: Sendable, Hashable, Encodable {
    public var a: String
    public var b: String
    /// `appeared`, `vanished` or `changed sign`.
    public var change: String
    public var sign: Int
    public var type: String
    public var quote: String
    public var document: String
    public var sentence: Int
    public var date: String?
}

/// The blocs of one period.
public struct PeriodBlocs: Sendable, Hashable, Encodable {
    public var period: String
    public var name: String
    public var from: String
    public var to: String
    public var blocs: [Bloc]
    /// Actors with no signed evidence dated in this period: not placed, not moved.
    public var noEvidence: [String]
    public var frustration: Double
    public var triangleBalance: Double?
    /// Bootstrap: for each placed actor, the share of resamples that put it in this bloc.
    public var stability: [String: Double]?
}

/// An actor whose bloc changed between two periods in which it has evidence.
public struct AllianceShift: Sendable, Hashable, Encodable {
    public var actor: String
    public var fromPeriod: String
    public var toPeriod: String
    public var fromBloc: String
    public var toBloc: String
    /// Members of the blocs it left and joined.
    public var fromMembers: [String]
    public var toMembers: [String]
    public var evidence: [TieEvidence]
    /// Bootstrap: share of resamples in which the same shift recurs.
    public var support: Double?
    /// True when the shift recurs in fewer than half the resamples.
    public var weak: Bool?

    enum CodingKeys: String, CodingKey {
        case actor, evidence, support, weak
        case fromPeriod = "from_period", toPeriod = "to_period", fromBloc = "from_bloc_label", toBloc = "to_bloc_label"
        case fromMembers = "from_bloc", toMembers = "to_bloc"
    }
}

/// A pair whose net sign changed between two periods.
public struct SignFlip: Sendable, Hashable, Encodable {
    public var a: String
    public var b: String
    public var fromPeriod: String
    public var toPeriod: String
    public var fromSign: Int
    public var toSign: Int
    public var evidence: [TieEvidence]
    public var support: Double?
    public var weak: Bool?

    enum CodingKeys: String, CodingKey {
        case a, b, evidence, support, weak
        case fromPeriod = "from_period", toPeriod = "to_period", fromSign = "from_sign", toSign = "to_sign"
    }
}

/// Blocs per period, shifts and flips: who sided with whom, and when that changed.
public struct AllianceTimeline: Sendable, Hashable, Encodable {
    public var periods: [PeriodBlocs]
    public var shifts: [AllianceShift]
    public var flips: [SignFlip]
    public var memory: Double
    public var bootstrap: Int?
}

/// Settings of the timeline.
public struct TimelineOptions: Sendable, Hashable {
    /// Weight kept, per period of silence, by a pair's last evidence (0 = every period
    /// on its own evidence; 0.5 halves it each period). A pair's new evidence replaces
    /// the old. Alliances persist until contradicted; without memory a period with a
    /// handful of ties says little.
    public var memory: Double = 0.5
    /// Fixed number of blocs per period, or nil to let the data choose.
    public var blocs: Int? = nil
    public var seed: UInt64 = 1
    /// Signed evidence (sentences) an actor needs in a period to be placed in it.
    public var minimumEvidence: Double = 1
    /// Kinds that take sides; events are what sides fight over, so they are left out.
    public var kinds: Set<ActorKind> = [.person, .party, .body, .group]

    public init(memory: Double = 0.5, blocs: Int? = nil, seed: UInt64 = 1, minimumEvidence: Double = 1,
                kinds: Set<ActorKind> = [.person, .party, .body, .group]) {
        self.memory = memory
        self.blocs = blocs
        self.seed = seed
        self.minimumEvidence = minimumEvidence
        self.kinds = kinds
    }
}

/// Computes an `AllianceTimeline` from a network's dated signed ties.
///
/// For each period the signed network is the net signed weight of every pair —
/// evidence dated in the period, plus `memory`-discounted evidence of earlier periods —
/// partitioned by `SignedBlocs`. Blocs are matched to the labels of the previous
/// periods by member overlap (largest overlap first), so a bloc keeps its label while
/// its core stays; a bloc with no overlap gets a new label. A shift is an actor with
/// evidence in two periods (its latest earlier one and this one) whose label differs;
/// a flip is a pair whose net sign differs between those periods. Each carries the
/// signed ties that appeared, vanished or changed sign, with a quote.
public enum AllianceTimelineBuilder {
    public static func build(_ network: ActorNetwork, periods: [Period], options: TimelineOptions = TimelineOptions(),
                             weights: ((Evidence) -> Double)? = nil) -> AllianceTimeline {
        let actors = network.actors.filter { options.kinds.contains($0.kind) }.map(\.id)
        let keep = Set(actors)
        let signed = network.ties.filter { $0.sign != .neutral && keep.contains($0.source) && keep.contains($0.target) && $0.source != $0.target }
        // Own net weight and evidence count per period and pair.
        var own: [[PairKey: Double]] = Array(repeating: [:], count: periods.count)
        var evidenceCount: [[String: Double]] = Array(repeating: [:], count: periods.count)
        for tie in signed {
            let pair = PairKey(tie.source, tie.target)
            let perEvidence = tie.evidence.isEmpty ? tie.weight : tie.weight / Double(tie.evidence.count)
            for e in tie.evidence {
                guard let interval = e.interval ?? tie.interval else { continue }
                let w = perEvidence * (weights?(e) ?? 1)
                guard w > 0 else { continue }
                guard let k = periodIndex(of: interval, in: periods) else { continue }
                own[k][pair, default: 0] += w * Double(tie.sign.rawValue)
                evidenceCount[k][tie.source, default: 0] += w
                evidenceCount[k][tie.target, default: 0] += w
            }
        }
        var carried: [PairKey: Double] = [:]
        var nets: [[PairKey: Double]] = []
        var result: [PeriodBlocs] = []
        var labelOf: [String: String] = [:]        // latest label of each actor
        var labelMembers: [String: Set<String>] = [:]
        var nextLabel = 0
        var assignments: [[String: String]] = []   // per period: actor → label (evidenced only)
        for (k, period) in periods.enumerated() {
            // A pair's own evidence in the period replaces what was carried; pairs silent
            // in the period keep their last net sign, discounted by `memory`.
            var net: [PairKey: Double] = [:]
            for (pair, w) in carried { net[pair] = w * options.memory }
            for (pair, w) in own[k] { net[pair] = w }
            net = net.filter { abs($0.value) > 1e-12 }
            carried = net
            nets.append(net)
            var builder = GraphBuilder()
            for id in actors { builder.addNode(id) }
            for (pair, w) in net.sorted(by: { $0.key < $1.key }) {
                builder.addEdge(pair.a, pair.b, weight: abs(w), sign: w > 0 ? 1 : -1)
            }
            let graph = builder.build()
            let partition = SignedBlocs.partition(graph, blocs: options.blocs, seed: options.seed)
            let evidenced = Set(actors.filter { (evidenceCount[k][$0] ?? 0) >= options.minimumEvidence })
            // Blocs of evidenced actors only; the rest are carried silently.
            var raw: [[String]] = partition.blocs.map { $0.map { graph.labels[$0] }.filter { evidenced.contains($0) } }
            raw = raw.filter { !$0.isEmpty }
            // Match to earlier labels by overlap, largest first.
            var candidates: [(overlap: Int, bloc: Int, label: String)] = []
            for (b, members) in raw.enumerated() {
                var counts: [String: Int] = [:]
                for m in members { if let l = labelOf[m] { counts[l, default: 0] += 1 } }
                for (l, c) in counts { candidates.append((c, b, l)) }
            }
            candidates.sort { ($0.overlap, $1.label, $1.bloc) > ($1.overlap, $0.label, $0.bloc) }
            var blocLabel = [String?](repeating: nil, count: raw.count)
            var usedLabels = Set<String>()
            for c in candidates where blocLabel[c.bloc] == nil && !usedLabels.contains(c.label) {
                // A bloc keeps a label only if it holds the label's core: a majority of the
                // label's previous members that are placed in this period.
                let previous = labelMembers[c.label] ?? []
                let present = previous.filter { evidenced.contains($0) }
                if c.overlap * 2 >= max(1, present.count) || c.overlap * 2 > raw[c.bloc].count {
                    blocLabel[c.bloc] = c.label
                    usedLabels.insert(c.label)
                }
            }
            for b in raw.indices where blocLabel[b] == nil {
                blocLabel[b] = Self.label(nextLabel)
                nextLabel += 1
            }
            var assignment: [String: String] = [:]
            var blocs: [Bloc] = []
            for (b, members) in raw.enumerated() {
                let label = blocLabel[b]!
                blocs.append(Bloc(label: label, members: members.sorted()))
                for m in members {
                    assignment[m] = label
                    labelOf[m] = label
                }
                labelMembers[label] = Set(members)
            }
            blocs.sort { $0.label.count != $1.label.count ? $0.label.count < $1.label.count : $0.label < $1.label }
            assignments.append(assignment)
            let mentioned = Set(actors.filter { id in net.keys.contains { $0.a == id || $0.b == id } })
            result.append(PeriodBlocs(period: period.id, name: period.name, from: period.from.description,
                                      to: period.to.description, blocs: blocs,
                                      noEvidence: mentioned.subtracting(evidenced).sorted(),
                                      frustration: partition.frustration,
                                      triangleBalance: partition.triangles == 0 ? nil : partition.triangleBalance,
                                      stability: nil))
        }
        // Shifts and flips against each actor's (pair's) latest earlier evidenced period.
        var shifts: [AllianceShift] = []
        var lastPeriod: [String: Int] = [:]
        for k in periods.indices {
            for (actor, label) in assignments[k].sorted(by: { $0.key < $1.key }) {
                if let j = lastPeriod[actor], let old = assignments[j][actor], old != label {
                    let from = result[j].blocs.first { $0.label == old }?.members ?? []
                    let to = result[k].blocs.first { $0.label == label }?.members ?? []
                    let evidence = changes(of: actor, from: j, to: k, nets: nets, ownNets: own, ties: signed, periods: periods)
                    shifts.append(AllianceShift(actor: actor, fromPeriod: periods[j].id, toPeriod: periods[k].id,
                                                fromBloc: old, toBloc: label, fromMembers: from, toMembers: to,
                                                evidence: evidence))
                }
                lastPeriod[actor] = k
            }
        }
        var flips: [SignFlip] = []
        var lastSign: [PairKey: (period: Int, sign: Int)] = [:]
        for k in periods.indices {
            for (pair, w) in own[k].sorted(by: { $0.key < $1.key }) where abs(w) > 1e-12 {
                let sign = nets[k][pair].map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } ?? 0
                guard sign != 0 else { continue }
                if let last = lastSign[pair], last.sign != sign {
                    let evidence = pairEvidence(pair, from: last.period, to: k, fromSign: last.sign, toSign: sign,
                                                ties: signed, periods: periods)
                    flips.append(SignFlip(a: pair.a, b: pair.b, fromPeriod: periods[last.period].id, toPeriod: periods[k].id,
                                          fromSign: last.sign, toSign: sign, evidence: evidence))
                }
                lastSign[pair] = (k, sign)
            }
        }
        return AllianceTimeline(periods: result, shifts: shifts, flips: flips, memory: options.memory, bootstrap: nil)
    }

    /// The period a dated sentence belongs to: the one it overlaps most (the earliest
    /// on a tie). A date that spans three or more periods (a bare year) places nothing.
    public static func periodIndex(of interval: MonthInterval, in periods: [Period]) -> Int? {
        var best: (index: Int, overlap: Int)? = nil
        var touched = 0
        for (k, p) in periods.enumerated() where p.interval.overlaps(interval) {
            touched += 1
            let overlap = min(p.to.ordinal, interval.to.ordinal) - max(p.from.ordinal, interval.from.ordinal) + 1
            if best == nil || overlap > best!.overlap { best = (k, overlap) }
        }
        if touched >= 3 { return nil }
        return best?.index
    }

    public static func label(_ n: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return n < 26 ? String(letters[n]) : String(letters[n % 26]) + String(n / 26)
    }

    /// The signed ties of `actor` that appeared, vanished or changed sign between two periods.
    static func changes(of actor: String, from j: Int, to k: Int, nets: [[PairKey: Double]], ownNets: [[PairKey: Double]],
                        ties: [Tie], periods: [Period]) -> [TieEvidence] {
        var out: [TieEvidence] = []
        let pairs = Set(nets[j].keys).union(nets[k].keys).filter { $0.a == actor || $0.b == actor }
        for pair in pairs.sorted() {
            let before = nets[j][pair].map { $0 > 0 ? 1 : -1 } ?? 0
            let after = nets[k][pair].map { $0 > 0 ? 1 : -1 } ?? 0
            guard before != after, ownNets[k][pair] != nil || after == 0 else { continue }
            let change = before == 0 ? "appeared" : (after == 0 ? "vanished" : "changed sign")
            let period = after == 0 ? j : k
            if let e = quote(pair, period: periods[period], sign: after == 0 ? before : after, ties: ties, change: change) {
                out.append(e)
            }
        }
        if out.isEmpty {
            // No single tie turned: the actor's own ties in the new period are what place it.
            for pair in Set(ownNets[k].keys).filter({ $0.a == actor || $0.b == actor }).sorted() {
                let sign = ownNets[k][pair]! > 0 ? 1 : -1
                if let e = quote(pair, period: periods[k], sign: sign, ties: ties, change: "in this period") { out.append(e) }
            }
        }
        return out.sorted { ($0.change == "vanished" ? 1 : 0, $0.a, $0.b) < ($1.change == "vanished" ? 1 : 0, $1.a, $1.b) }
    }

    static func pairEvidence(_ pair: PairKey, from j: Int, to k: Int, fromSign: Int, toSign: Int, ties: [Tie],
                             periods: [Period]) -> [TieEvidence] {
        var out: [TieEvidence] = []
        if let e = quote(pair, period: periods[j], sign: fromSign, ties: ties, change: "before") { out.append(e) }
        if let e = quote(pair, period: periods[k], sign: toSign, ties: ties, change: "changed sign") { out.append(e) }
        return out
    }

    /// The shortest dated sentence for a pair with the given sign in a period.
    static func quote(_ pair: PairKey, period: Period, sign: Int, ties: [Tie], change: String) -> TieEvidence? {
        var best: (Tie, Evidence)? = nil
        for tie in ties where PairKey(tie.source, tie.target) == pair && tie.sign.rawValue == sign {
            for e in tie.evidence {
                guard let i = e.interval ?? tie.interval, let k = periodIndex(of: i, in: [period]), k == 0 else { continue }
                if best == nil || (e.quote.count, e) < (best!.1.quote.count, best!.1) { best = (tie, e) }
            }
        }
        guard let (tie, e) = best else { return nil }
        return TieEvidence(a: tie.source, b: tie.target, change: change, sign: sign, type: tie.type, quote: e.quote,
                           document: e.document, sentence: e.sentence, date: e.interval?.description)
    }
}
