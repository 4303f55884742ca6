import Foundation
import Testing
@testable import FactionsExtract
import FactionsCore

/// The extractor against the hand-annotated texts in Tests/Fixtures/annotated/.
struct Annotation: Decodable {
    struct Mention: Decodable {
        var actor: String
        var start: Int
        var end: Int
        var text: String
        var descriptive: Bool?
        var slogan: Bool?
    }

    struct Tie: Decodable {
        var source: String
        var target: String
        var sign: Int
        var type: String
        var month: String?
        var sentence_start: Int
        var sentence_end: Int
        var quote: String
        var note: String?
    }

    var document: String
    var file: String
    var mentions: [Mention]
    var ties: [Tie]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func load(_ name: String) throws -> Annotation {
        let url = root.appendingPathComponent("Tests/Fixtures/annotated/\(name).json")
        return try JSONDecoder().decode(Annotation.self, from: Data(contentsOf: url))
    }
}

struct Evaluation {
    var truePositives = 0, predicted = 0, gold = 0
    var tieGold = 0, tieFound = 0, tieSignCorrect = 0, monthCorrect = 0, monthGold = 0
    var falsePositives: [String] = []
    var falseNegatives: [String] = []
    var signErrors: [String] = []
    var monthErrors: [String] = []

    var precision: Double { predicted == 0 ? 1 : Double(truePositives) / Double(predicted) }
    var recall: Double { gold == 0 ? 1 : Double(truePositives) / Double(gold) }
    var signAccuracy: Double { tieFound == 0 ? 0 : Double(tieSignCorrect) / Double(tieFound) }
    var tieRecall: Double { tieGold == 0 ? 0 : Double(tieFound) / Double(tieGold) }

    static func run(_ names: [String]) throws -> Evaluation {
        let dataset = try Dataset.load(path: Annotation.root.appendingPathComponent("Graphs/russia-1917").path)
        let extractor = Extractor(lexicon: dataset.lexicon, options: ExtractionOptions(defaultYear: dataset.defaultYear))
        var ev = Evaluation()
        for name in names {
            let annotation = try Annotation.load(name)
            let text = try #require(dataset.documents.first { $0.document.file == annotation.file }).text()
            let reading = extractor.read(text: text)
            var predicted: [(String, Int, Int, String)] = []
            for sentenceMentions in reading.mentions {
                for m in sentenceMentions {
                    guard case .entry(let e) = m.target, dataset.lexicon.entries[e].role == .actor else { continue }
                    predicted.append((dataset.lexicon.entries[e].id, m.start, m.end, reading.tokens.form(of: m)))
                }
            }
            let gold = annotation.mentions.filter { $0.descriptive != true }
            // A name inside a description the annotator tagged as another actor
            // ("Kerensky's government") is neither right nor wrong.
            let descriptive = annotation.mentions.filter { $0.descriptive == true }
            predicted.removeAll { p in descriptive.contains { $0.start < p.2 && p.1 < $0.end } }
            ev.gold += gold.count
            ev.predicted += predicted.count
            var usedGold = Set<Int>()
            for p in predicted {
                if let g = gold.indices.first(where: { !usedGold.contains($0) && gold[$0].actor == p.0 && gold[$0].start < p.2 && p.1 < gold[$0].end }) {
                    usedGold.insert(g)
                    ev.truePositives += 1
                } else {
                    ev.falsePositives.append("\(name)@\(p.1) \(p.3) → \(p.0)")
                }
            }
            for (i, g) in gold.enumerated() where !usedGold.contains(i) {
                ev.falseNegatives.append("\(name)@\(g.start) \(g.text) → \(g.actor)")
            }
            let network = extractor.merge([extractor.analyse(document: Document(id: annotation.document, file: annotation.file, title: ""), text: text)],
                                          documents: [], periods: [], calendar: "julian")
            for t in annotation.ties {
                ev.tieGold += 1
                let candidates = network.ties.filter { tie in
                    tie.sign != .neutral && PairKey(tie.source, tie.target) == PairKey(t.source, t.target)
                        && tie.evidence.contains { $0.start < t.sentence_end && t.sentence_start < $0.end }
                }
                guard !candidates.isEmpty else { continue }
                ev.tieFound += 1
                let net = candidates.reduce(0) { $0 + $1.sign.rawValue }
                if (net > 0 ? 1 : (net < 0 ? -1 : 0)) == t.sign {
                    ev.tieSignCorrect += 1
                } else {
                    ev.signErrors.append("\(t.source)–\(t.target) gold \(t.sign) got \(candidates.map { "\($0.type)\($0.sign.rawValue)" }): \(t.quote.prefix(90))")
                }
                if let month = t.month {
                    ev.monthGold += 1
                    let e = candidates[0].evidence.first { $0.start < t.sentence_end && t.sentence_start < $0.end }
                    if let i = e?.interval, let m = Month(parsing: month), i.contains(m), i.to.ordinal - i.from.ordinal <= 2 {
                        ev.monthCorrect += 1
                    } else {
                        ev.monthErrors.append("gold \(month) got \(e?.interval?.description ?? "none") (\(e?.dating ?? "")): \(t.quote.prefix(100))")
                    }
                }
            }
        }
        return ev
    }
}

@Suite("Extraction against hand-annotated texts")
struct AnnotationEvaluationTests {
    static let texts = ["workers-power-and-the-soviets", "how-the-revolution-was-won"]

    @Test func mentionPrecisionAndRecall() throws {
        let ev = try Evaluation.run(Self.texts)
        print("EVAL mentions: P=\(ev.precision) R=\(ev.recall) (tp \(ev.truePositives), predicted \(ev.predicted), gold \(ev.gold))")
        for fp in ev.falsePositives { print("EVAL FP \(fp)") }
        for fn in ev.falseNegatives { print("EVAL FN \(fn)") }
        #expect(ev.precision >= 0.95)
        #expect(ev.recall >= 0.95)
    }

    @Test func signAccuracyOnTypedTies() throws {
        let ev = try Evaluation.run(Self.texts)
        print("EVAL ties: gold \(ev.tieGold) found \(ev.tieFound) sign-correct \(ev.tieSignCorrect) accuracy \(ev.signAccuracy) recall \(ev.tieRecall); months \(ev.monthCorrect)/\(ev.monthGold)")
        for e in ev.signErrors { print("EVAL SIGN \(e)") }
        for e in ev.monthErrors { print("EVAL MONTH \(e)") }
        #expect(ev.signAccuracy >= 0.90)
    }
}
