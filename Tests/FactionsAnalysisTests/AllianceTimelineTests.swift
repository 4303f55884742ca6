import Foundation
import Testing
@testable import FactionsAnalysis
import FactionsCore

/// A signed network with planted blocs over five months and planted defections.
struct PlantedTimeline {
    var network: ActorNetwork
    var periods: [Period]
    /// Planted bloc of each actor per period.
    var truth: [[String: Int]]
    var defections: [(actor: String, period: Int)]

    init(seed: UInt64, within: Double = 0.6, across: Double = 0.4) {
        var rng = SplitMix64(seed: seed)
        let actors = (0..<3).flatMap { b in (0..<6).map { "b\(b)-\($0)" } }
        defections = [("b0-3", 2), ("b2-2", 3)]
        periods = (1...5).map { Period(id: "p\($0)", name: "P\($0)", from: Month(year: 1917, month: $0)!, to: Month(year: 1917, month: $0)!) }
        truth = []
        var ties: [TieKey: Tie] = [:]
        var sentence = 0
        for (k, period) in periods.enumerated() {
            var bloc: [String: Int] = [:]
            for a in actors { bloc[a] = Int(String(a.dropFirst().prefix(1)))! }
            for d in defections where k >= d.period { bloc[d.actor] = d.actor == "b0-3" ? 1 : 0 }
            truth.append(bloc)
            for i in actors.indices {
                for j in actors.indices where j > i {
                    let same = bloc[actors[i]] == bloc[actors[j]]
                    let roll = Double(rng.next() % 1000) / 1000
                    guard roll < (same ? within : across) else { continue }
                    let sign: TieSign = same ? .positive : .negative
                    let key = TieKey(source: actors[i], target: actors[j], type: same ? "support" : "oppose", sign: sign, directed: false)
                    let e = Evidence(document: "synthetic", sentence: sentence, start: 0, end: 0, quote: "s\(sentence)",
                                     interval: period.interval, dating: "explicit")
                    sentence += 1
                    var tie = ties[key] ?? Tie(source: actors[i], target: actors[j], type: key.type, sign: sign, weight: 0)
                    tie.weight += 1
                    tie.evidence.append(e)
                    ties[key] = tie
                }
            }
        }
        network = ActorNetwork(periods: periods, actors: actors.map { Actor(id: $0, name: $0, kind: .person) },
                               ties: Array(ties.values))
    }
}

@Suite("Alliance shifts")
struct AllianceTimelineTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as [UInt64])
    func plantedBlocsAndDefectionsAreRecovered(_ seed: UInt64) {
        let planted = PlantedTimeline(seed: seed)
        let timeline = AllianceTimelineBuilder.build(planted.network, periods: planted.periods)
        for (k, period) in timeline.periods.enumerated() {
            var label: [String: Int] = [:]
            for (b, bloc) in period.blocs.enumerated() { for m in bloc.members { label[m] = b } }
            let actors = planted.truth[k].keys.sorted()
            let ari = NMI.adjustedRand(actors.map { label[$0] ?? -1 }, actors.map { planted.truth[k][$0]! })
            #expect(ari >= 0.9, "seed \(seed) \(period.period): ARI \(ari)")
        }
        for d in planted.defections {
            #expect(timeline.shifts.contains { $0.actor == d.actor && $0.toPeriod == "p\(d.period + 1)" },
                    "seed \(seed): defection of \(d.actor) in p\(d.period + 1) not reported; shifts \(timeline.shifts.map { "\($0.actor)@\($0.toPeriod)" })")
        }
        let planted2 = Set(planted.defections.map { "\($0.actor)@p\($0.period + 1)" })
        let falseShifts = timeline.shifts.filter { !planted2.contains("\($0.actor)@\($0.toPeriod)") }
        #expect(falseShifts.count <= 1, "seed \(seed): false shifts \(falseShifts.map { "\($0.actor)@\($0.toPeriod)" })")
        // Every shift carries quoted evidence.
        for s in timeline.shifts { #expect(!s.evidence.isEmpty && s.evidence.allSatisfy { !$0.quote.isEmpty }) }
    }

    @Test func bootstrapIsSeededAndMarksSupport() {
        let planted = PlantedTimeline(seed: 1)
        let a = AllianceBootstrap.run(planted.network, periods: planted.periods, options: TimelineOptions(), samples: 20, seed: 4)
        let b = AllianceBootstrap.run(planted.network, periods: planted.periods, options: TimelineOptions(), samples: 20, seed: 4)
        #expect(a == b)
        #expect(a.bootstrap == 20)
        for s in a.shifts { #expect(s.support != nil && s.weak == (s.support! < 0.5)) }
        let stable = a.periods[0].stability ?? [:]
        #expect(!stable.isEmpty)
        #expect(stable.values.reduce(0, +) / Double(stable.count) > 0.7)
    }

    @Test func actorsWithoutEvidenceAreNotMoved() {
        var planted = PlantedTimeline(seed: 1)
        // Remove every tie of b1-0 dated in P3.
        planted.network.ties = planted.network.ties.compactMap { tie in
            var t = tie
            if t.source == "b1-0" || t.target == "b1-0" { t.evidence.removeAll { $0.from?.month == 3 } }
            t.weight = Double(t.evidence.count)
            return t.evidence.isEmpty ? nil : t
        }
        let timeline = AllianceTimelineBuilder.build(planted.network, periods: planted.periods)
        #expect(timeline.periods[2].noEvidence.contains("b1-0"))
        #expect(!timeline.periods[2].blocs.contains { $0.members.contains("b1-0") })
        #expect(!timeline.shifts.contains { $0.actor == "b1-0" })
    }
}
