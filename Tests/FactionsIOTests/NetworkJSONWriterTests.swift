import Foundation
import Testing
@testable import FactionsIO
import FactionsCore
import FactionsExtract

/// `network.json` is written by a direct writer for speed; its bytes must stay those
/// of Foundation's encoder with the canonical settings, which readers and the
/// committed examples were made with.
@Suite struct NetworkJSONWriterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func foundationBytes(_ network: ActorNetwork) throws -> [UInt8] {
        Array(try CanonicalJSON.encode(network))
    }

    /// Mention counts come out in the order of their files' names whether the files
    /// are ranked (the network's documents) or not (a count for a file no document has,
    /// compared by name), as Foundation's sorted keys put them.
    @Test func mentionCountsAreInFileNameOrder() {
        let files = ["corpus/b.txt", "corpus/a.txt", "corpus/Ä.txt", "corpus/c10.txt", "corpus/c2.txt"]
        let counts = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        let rank = Dictionary(uniqueKeysWithValues: files.sorted().enumerated().map { ($1, $0) })
        let expected = counts.sorted { $0.key < $1.key }.map(\.key)
        #expect(NetworkJSONWriter.byFile(counts, rank: rank).map(\.key) == expected)
        var more = counts
        more["corpus/0.txt"] = 9
        #expect(NetworkJSONWriter.byFile(more, rank: rank).map(\.key) == ["corpus/0.txt"] + expected)
        #expect(NetworkJSONWriter.byFile([:], rank: rank).isEmpty)
    }

    @Test func bundledNetworkBytesEqualFoundations() throws {
        let dataset = try Dataset.load(path: Self.root.appendingPathComponent("Graphs/russia-1917").path)
        let network = try Extractor(lexicon: dataset.lexicon).extract(dataset)
        let fast = try #require(NetworkJSONWriter.write(network))
        let reference = try Self.foundationBytes(network)
        #expect(fast.count == reference.count)
        let same = fast == reference
        #expect(same)
        #expect(try NetworkJSON.decode(fast, path: "network.json") == network)

        // Written in small pieces through a temporary file: the same bytes.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("factions-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var pieces = 0
        var joined: [UInt8] = []
        try NetworkJSONWriter.write(network, chunk: 4096) { (piece: UnsafeRawBufferPointer) throws(FileError) in
            pieces += 1
            joined += piece
        }
        #expect(pieces > 100)
        let chunkedSame = joined == reference
        #expect(chunkedSame)
        let path = dir.appendingPathComponent("network.json").path
        try NetworkJSON.write(network, to: path)
        let onDisk = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let diskSame = onDisk == reference
        #expect(diskSame)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["network.json"])

        // A write that fails part way: the error comes back, after the bytes before it
        // in order, and no run is written after it.
        for failAt in [1, 7, 60, pieces - 1] {
            var written: [UInt8] = []
            var calls = 0
            let failure = FileError(path: "network.json", reason: "disk full")
            #expect(throws: failure) {
                try NetworkJSONWriter.write(network, chunk: 4096) { (piece: UnsafeRawBufferPointer) throws(FileError) in
                    calls += 1
                    if calls == failAt { throw failure }
                    written += piece
                }
            }
            #expect(calls == failAt)
            let prefix = Array(reference.prefix(written.count)) == written
            #expect(prefix)
        }
    }

    @Test func hostileStringsEmptyContainersAndOptionalFieldsEqualFoundations() throws {
        var every = ""
        for v in 0..<0x80 { every.unicodeScalars.append(Unicode.Scalar(v)!) }
        every += "\u{2028}\u{2029}\u{FEFF}é😀/\\\"Пётр 中文 e\u{301}"
        let actors = [
            Actor(id: "a", name: every, kind: .person, inferred: true, aliases: [], mentions: [:]),
            Actor(id: "b\"q", name: "B", kind: .body, aliases: ["x", every], mentions: ["z.txt": 3, "a b.txt": 1, "é.txt": 2]),
        ]
        let evidence = [
            Evidence(document: "d", sentence: 0, start: 0, end: 5, quote: every,
                     interval: MonthInterval(from: Month(year: 1917, month: 2)!, to: Month(year: 1917, month: 10)!),
                     dating: "explicit"),
            Evidence(document: "d/2", sentence: 12, start: 40, end: 90, quote: "plain"),
        ]
        let ties = [
            Tie(source: "a", target: "b\"q", weight: 2, evidence: evidence),
            Tie(source: "b\"q", target: "a", type: "arrest", sign: .negative, weight: 1, directed: true,
                from: Month(year: 1917, month: 7)!, to: Month(year: 1917, month: 7)!, cues: ["arrest", every], evidence: []),
            Tie(source: "a", target: "c", weight: 123_456_789_012, evidence: [evidence[1]]),
        ]
        let network = ActorNetwork(calendar: "julian",
                                   documents: [Document(id: "d", file: "d.txt", title: every)],
                                   periods: [Period(id: "p", name: "P", from: Month(year: 1917, month: 1)!,
                                                    to: Month(year: 1917, month: 3)!, description: every),
                                             Period(id: "q", name: "Q", from: Month(year: 1917, month: 4)!,
                                                    to: Month(year: 1917, month: 4)!)],
                                   actors: actors, ties: ties)
        let fast = try #require(NetworkJSONWriter.write(network))
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: try Self.foundationBytes(network), as: UTF8.self))
        let empty = ActorNetwork(actors: [], ties: [])
        #expect(NetworkJSONWriter.write(empty) == (try Self.foundationBytes(empty)))
    }

    /// Quotes are scanned eight bytes at a time: each character that needs escaping, at
    /// every place in and across those eight-byte steps, next to multi-byte characters.
    @Test func escapesAtEveryOffsetEqualFoundations() throws {
        var quotes: [String] = []
        // Offsets past two sixteen-byte steps and an eight-byte one.
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}", "\t"] {
            for offset in 0..<41 {
                quotes.append(String(repeating: "a", count: offset) + special + String(repeating: "é", count: 9))
                quotes.append(String(repeating: "Пё", count: offset) + special + "z")
            }
        }
        let evidence = quotes.enumerated().map { Evidence(document: "d", sentence: $0, start: 0, end: 1, quote: $1) }
        let network = ActorNetwork(actors: [Actor(id: "a", name: "A", kind: .person)],
                                   ties: [Tie(source: "a", target: "a", weight: 1, evidence: evidence)])
        let fast = try #require(NetworkJSONWriter.write(network))
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: try Self.foundationBytes(network), as: UTF8.self))
    }

    /// Numbers are written digit by digit into the buffer: every digit count, both
    /// signs and both ends of `Int` must read as `String(v)` does.
    @Test func numbersAsDecimalStrings() {
        var values: [Int] = [0, 1, 9, 10, 11, 99, 100, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -(power - 1), -power, -(power + 1)]
        }
        for v in values {
            let buffer = ByteBuffer(capacity: 4)
            buffer.int(v)
            #expect(String(decoding: buffer.bytes, as: UTF8.self) == String(v))
        }
    }

    @Test func fractionalWeightsAreLeftToFoundation() throws {
        let network = ActorNetwork(actors: [Actor(id: "a", name: "A", kind: .person)],
                                   ties: [Tie(source: "a", target: "a", weight: 2.5)])
        #expect(NetworkJSONWriter.write(network) == nil)
        #expect(try NetworkJSON.encode(network) == (try Self.foundationBytes(network)))
    }
}
