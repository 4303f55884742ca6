import FactionsCore

/// Uncertainty of a timeline by resampling its evidence.
///
/// Each resample draws the evidence sentences with replacement (a sentence drawn
/// twice counts twice, one not drawn counts zero) and rebuilds the timeline with the
/// same options. Resampled blocs are mapped to the original labels by largest member
/// overlap in the same period. Reported: for each placed actor, the share of resamples
/// that put it in its original bloc; for each shift and flip, the share in which it
/// recurs (same actor or pair, same periods, same blocs or signs). Shifts and flips
/// recurring in fewer than half the resamples are marked weak.
public enum AllianceBootstrap {
    public static func run(_ network: ActorNetwork, periods: [Period], options: TimelineOptions,
                           samples: Int, seed: UInt64 = 1) -> AllianceTimeline {
        var timeline = AllianceTimelineBuilder.build(network, periods: periods, options: options)
        guard samples > 0 else { return timeline }
        struct Key: Hashable { var document: String; var sentence: Int }
        var keys = Set<Key>()
        for tie in network.ties where tie.sign != .neutral { for e in tie.evidence { keys.insert(Key(document: e.document, sentence: e.sentence)) } }
        let pool = keys.sorted { ($0.document, $0.sentence) < ($1.document, $1.sentence) }
        guard !pool.isEmpty else { return timeline }
        var rng = SplitMix64(seed: seed)
        var placed: [[String: Int]] = Array(repeating: [:], count: timeline.periods.count)
        var shiftHits = [Int](repeating: 0, count: timeline.shifts.count)
        var flipHits = [Int](repeating: 0, count: timeline.flips.count)
        for _ in 0..<samples {
            var counts: [Key: Double] = [:]
            for _ in 0..<pool.count { counts[pool[rng.below(pool.count)], default: 0] += 1 }
            let resample = AllianceTimelineBuilder.build(network, periods: periods, options: options) { e in
                counts[Key(document: e.document, sentence: e.sentence)] ?? 0
            }
            // Map resampled labels to original labels, per period.
            var mapped: [[String: String]] = []
            for (k, original) in timeline.periods.enumerated() {
                var actorLabel: [String: String] = [:]
                for bloc in resample.periods[k].blocs {
                    let best = original.blocs.max { a, b in
                        let x = Set(a.members).intersection(bloc.members).count, y = Set(b.members).intersection(bloc.members).count
                        return (x, b.label) < (y, a.label)
                    }
                    let label = best.flatMap { Set($0.members).isDisjoint(with: bloc.members) ? nil : $0.label } ?? "?"
                    for m in bloc.members { actorLabel[m] = label }
                }
                for bloc in original.blocs {
                    for m in bloc.members where actorLabel[m] == bloc.label { placed[k][m, default: 0] += 1 }
                }
                mapped.append(actorLabel)
            }
            let periodIndex = Dictionary(uniqueKeysWithValues: timeline.periods.enumerated().map { ($1.period, $0) })
            for (i, shift) in timeline.shifts.enumerated() {
                if let j = periodIndex[shift.fromPeriod], let k = periodIndex[shift.toPeriod],
                   mapped[j][shift.actor] == shift.fromBloc, mapped[k][shift.actor] == shift.toBloc {
                    shiftHits[i] += 1
                }
            }
            for (i, flip) in timeline.flips.enumerated() {
                if resample.flips.contains(where: { $0.a == flip.a && $0.b == flip.b && $0.toPeriod == flip.toPeriod
                    && $0.fromSign == flip.fromSign && $0.toSign == flip.toSign }) {
                    flipHits[i] += 1
                }
            }
        }
        let n = Double(samples)
        for k in timeline.periods.indices {
            var stability: [String: Double] = [:]
            for bloc in timeline.periods[k].blocs { for m in bloc.members { stability[m] = Double(placed[k][m] ?? 0) / n } }
            timeline.periods[k].stability = stability
        }
        for i in timeline.shifts.indices {
            timeline.shifts[i].support = Double(shiftHits[i]) / n
            timeline.shifts[i].weak = Double(shiftHits[i]) / n < 0.5
        }
        for i in timeline.flips.indices {
            timeline.flips[i].support = Double(flipHits[i]) / n
            timeline.flips[i].weak = Double(flipHits[i]) / n < 0.5
        }
        timeline.bootstrap = samples
        return timeline
    }
}
