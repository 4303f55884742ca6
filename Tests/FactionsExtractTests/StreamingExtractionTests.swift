import Foundation
import Testing
@testable import FactionsExtract
import FactionsCore

/// A corpus on disk is read one document at a time; what comes out must not depend
/// on that, and progress and errors must be reported as a user sees them.
@Suite struct StreamingExtractionTests {
    static let bundled = Annotation.root.appendingPathComponent("Graphs/russia-1917")

    /// A dataset folder holding the bundled texts `copies` times over.
    static func corpus(copies: Int) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("factions-stream-\(UUID().uuidString)")
        let corpus = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for name in ["lexicon.yaml", "periods.yaml"] {
            try FileManager.default.copyItem(at: bundled.appendingPathComponent(name), to: root.appendingPathComponent(name))
        }
        let texts = try FileManager.default.contentsOfDirectory(atPath: bundled.appendingPathComponent("corpus").path).sorted()
        for copy in 1...copies {
            for text in texts {
                try FileManager.default.copyItem(at: bundled.appendingPathComponent("corpus/\(text)"),
                                                 to: corpus.appendingPathComponent("\(copy)-\(text)"))
            }
        }
        return root
    }

    final class Statuses: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [ExtractionStatus] = []
        func add(_ s: ExtractionStatus) { lock.lock(); list.append(s); lock.unlock() }
        var all: [ExtractionStatus] { lock.lock(); defer { lock.unlock() }; return list }
    }

    @Test func filesReadLazilyGiveTheSameNetworkAsTextsInMemory() throws {
        let root = try Self.corpus(copies: 2)
        defer { try? FileManager.default.removeItem(at: root) }
        let onDisk = try Dataset.load(path: root.path)
        // Nothing is read at load time: documents carry only their size and path.
        #expect(onDisk.documents.allSatisfy { $0.document.title == $0.document.id })
        var inMemory = onDisk
        inMemory.documents = try onDisk.documents.map { d in
            let (document, text) = try d.load()
            return DatasetDocument(document: document, text: text)
        }
        let statuses = Statuses()
        let a = try Extractor(lexicon: onDisk.lexicon).extract(onDisk, progress: { statuses.add($0) })
        let b = try Extractor(lexicon: inMemory.lexicon).extract(inMemory)
        #expect(a == b)
        #expect(a.documents.count == 10)
        #expect(a.documents.first?.title == "Celebrating Red October")

        // One report per document and pass, always growing, ending at twice the corpus.
        let seen = statuses.all
        let size = onDisk.byteCount
        #expect(size == 2 * 197_937)
        #expect(seen.count == 20)
        #expect(seen.allSatisfy { $0.corpusBytes == size && $0.passes == 2 })
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.done < $1.done })
        #expect(seen.last?.done == 2 * size)
        #expect(seen.last?.fraction == 1)
    }

    /// Each worker numbers the words it reads in a vocabulary that starts afresh when
    /// full (a million words in use); starting afresh before every document must give
    /// the same candidates and the same network, down to the discovery counts it
    /// carries over.
    @Test func aVocabularyStartingAfreshChangesNothing() throws {
        let root = try Self.corpus(copies: 2)
        defer { try? FileManager.default.removeItem(at: root) }
        let dataset = try Dataset.load(path: root.path)
        let usual = Extractor(lexicon: dataset.lexicon)
        var afresh = usual
        afresh.vocabularyLimit = 1
        let candidates = try usual.candidates(dataset)
        #expect(candidates.count >= 10)
        #expect(try afresh.candidates(dataset) == candidates)
        let network = try usual.extract(dataset)
        #expect(network.actors.contains { $0.inferred })
        #expect(try afresh.extract(dataset) == network)
    }

    @Test func theVocabularyNumbersEachTextOnceAndCountsWhatItWasTold() {
        var vocabulary = Vocabulary()
        let a = vocabulary.intern("Bolsheviks")
        let b = vocabulary.intern("Bolshevik")
        #expect(a != b)
        #expect(vocabulary.intern("Bolsheviks") == a)
        #expect(vocabulary.intern("Мир") == vocabulary.intern("Мир"))
        #expect(vocabulary.strings[Int(a)] == "Bolsheviks")
        #expect(vocabulary.count == 3)
        vocabulary.lowercaseCount[Int(b)] += 2
        vocabulary.capitalisedCount[Int(b)] += 5
        var counts = WordCounts()
        counts.countCapitalised("BOLSHEVIK")
        vocabulary.flushCounts(into: &counts)
        let all = counts.counts()
        #expect(all["Bolshevik"]?.lower == 2)
        // Capitalised forms are counted under their lowercase form.
        #expect(all["bolshevik"]?.capital == 6)
        #expect(vocabulary.capitalisedCount[Int(b)] == 0)
        var full = Vocabulary(limit: 2)
        _ = full.intern("one")
        #expect(!full.isFull)
        _ = full.intern("two")
        #expect(full.isFull)
    }

    @Test func aBadFileFoundWhileStreamingIsNamedAndTheFirstInOrderWins() throws {
        let root = try Self.corpus(copies: 1)
        defer { try? FileManager.default.removeItem(at: root) }
        let corpus = root.appendingPathComponent("corpus")
        try Data("The Bolsheviks met.\n".utf8 + [0xFF, 0xFE] + Data("\n".utf8)).write(to: corpus.appendingPathComponent("0-bad.txt"))
        try Data([0x00, 0x01]).write(to: corpus.appendingPathComponent("9-binary.txt"))
        let dataset = try Dataset.load(path: root.path)
        #expect(throws: InputError.self) { try Extractor(lexicon: dataset.lexicon).extract(dataset) }
        do {
            _ = try Extractor(lexicon: dataset.lexicon).extract(dataset)
        } catch {
            #expect(error.path.hasSuffix("corpus/0-bad.txt"))
            #expect(error.line == 2)
            #expect(error.description.contains("invalid UTF-8 at byte 20"))
        }
    }
}
