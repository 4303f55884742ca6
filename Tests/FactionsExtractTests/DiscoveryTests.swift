import Foundation
import Testing
@testable import FactionsExtract
import FactionsCore

@Suite struct DiscoveryTests {
    static let root = Annotation.root

    /// With every person taken out of the lexicon, discovery must find the people an
    /// annotated text names at least twice.
    @Test(arguments: ["how-the-revolution-was-won", "workers-power-and-the-soviets"])
    func findsPersonsMissingFromTheLexicon(_ name: String) throws {
        var dataset = try Dataset.load(path: Self.root.appendingPathComponent("Graphs/russia-1917").path)
        let annotation = try Annotation.load(name)
        let persons = Set(dataset.lexicon.entries.filter { $0.kind == .person }.map(\.id))
        dataset.lexicon.entries.removeAll { $0.kind == .person }
        dataset.lexicon.ambiguous = dataset.lexicon.ambiguous.compactMap { form in
            var f = form
            f.candidates.removeAll { persons.contains($0) }
            return f.candidates.isEmpty ? nil : f
        }
        dataset.documents = dataset.documents.filter { $0.document.file == annotation.file }
        let candidates = try Extractor(lexicon: dataset.lexicon).candidates(dataset, minimumCount: 2)
        var counts: [String: Int] = [:]
        var forms: [String: Set<String>] = [:]
        for m in annotation.mentions where persons.contains(m.actor) && m.descriptive != true {
            counts[m.actor, default: 0] += 1
            forms[m.actor, default: []].insert(m.text.replacingOccurrences(of: "’", with: "'"))
        }
        let named = counts.filter { $0.value >= 2 }.map(\.key).sorted()
        var found: [String] = [], missed: [String] = []
        for person in named {
            let surfaces = forms[person]!
            let hit = candidates.contains { c in
                c.kind == .person && c.forms.contains { f in surfaces.contains { $0 == f || $0.hasSuffix(" " + f) || f.hasSuffix(" " + $0) } }
            }
            if hit { found.append(person) } else { missed.append(person) }
        }
        let share = Double(found.count) / Double(max(1, named.count))
        print("DISCOVERY \(name): \(found.count)/\(named.count) found; missed \(missed)")
        #expect(named.count >= 3)
        #expect(share >= 0.8, "found \(found), missed \(missed)")
    }

    @Test func kindsAreGuessedFromHeadsAndTitles() throws {
        let text = """
        General Brusilov met the Petrograd Committee. Later General Brusilov addressed the Kronstadt revolt.
        The Kronstadt revolt failed. The Petrograd Committee met F. F. Ilyin. F. F. Ilyin spoke.
        The Government fell. Despite this, they met in Riga. Despite everything they met in Riga.
        """
        let dataset = Dataset(name: "t", path: "t", documents: [(Document(id: "t", file: "t.txt", title: "t"), text)],
                              lexicon: .empty, periods: [], calendar: "gregorian")
        let candidates = try Extractor(lexicon: .empty).candidates(dataset, minimumCount: 2)
        let kinds = Dictionary(uniqueKeysWithValues: candidates.map { ($0.name, $0.kind) })
        #expect(kinds["Brusilov"] == .person)
        #expect(kinds["Petrograd Committee"] == .body)
        #expect(kinds["Kronstadt revolt"] == .event)
        #expect(kinds["F. F. Ilyin"] == .person)
        #expect(kinds["Government"] == nil)
        #expect(kinds["Despite"] == nil)
        #expect(kinds["Riga"] == nil)
    }
}

@Suite struct WordCountsTests {
    /// The FNV table against the standard dictionary it replaced, on a seeded stream of
    /// words: ASCII with capitals inside, non-ASCII, forms that only `String` equality
    /// joins (the Kelvin sign is canonically `K`), enough words to grow the table
    /// several times, and tallies merged across two halves as two cores merge them.
    @Test func countsAsTheStandardDictionaryDoes() {
        struct LCG {
            var state: UInt64 = 7
            mutating func next(below n: Int) -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((state >> 33) % UInt64(n))
            }
        }
        var rng = LCG()
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var words: [String] = ["Kelvin", "\u{212A}elvin", "kelvin", "Éclair", "éclair", "E\u{301}clair", "naïve", "iPhone"]
        for _ in 0..<6000 {
            let length = 1 + rng.next(below: 9)
            words.append(String((0..<length).map { _ in letters[rng.next(below: letters.count)] }))
        }
        var expectedLower: [String: Int] = [:]
        var expectedCapital: [String: Int] = [:]
        var halves = [WordCounts(), WordCounts()]
        for k in 0..<40_000 {
            let word = words[rng.next(below: words.count)]
            if rng.next(below: 2) == 0 {
                expectedLower[word, default: 0] += 1
                halves[k % 2].countLowercase(word)
            } else {
                expectedCapital[word.lowercased(), default: 0] += 1
                halves[k % 2].countCapitalised(word)
            }
        }
        var counts = halves[0]
        counts.merge(halves[1])
        let all = counts.counts()
        #expect(Set(all.keys) == Set(expectedLower.keys).union(expectedCapital.keys))
        for (word, c) in all {
            #expect(c.lower == expectedLower[word] ?? 0, "\(word)")
            #expect(c.capital == expectedCapital[word] ?? 0, "\(word)")
        }
        #expect(all["kelvin"]?.capital == (expectedCapital["kelvin"] ?? 0))
    }
}
