import Foundation
import Testing
@testable import FactionsCore

@Suite struct MonthTests {
    @Test func parsesMonthsAndYears() {
        #expect(Month(parsing: "1917-10")?.description == "1917-10")
        // A year of more than four digits is written out whole, not as four digits.
        #expect(Month(ordinal: 10_000 * 12 + 2).description == "10000-03")
        #expect(Month(ordinal: 5 * 12).description == "0005-01")
        #expect(Month(parsing: "1917-13") == nil)
        #expect(Month(parsing: "17-10") == nil)
        #expect(Month(parsing: "1905", end: true)?.description == "1905-12")
        #expect(MonthInterval(parsing: "1917-07..1917-09")?.description == "1917-07..1917-09")
        #expect(MonthInterval(parsing: "1905")?.description == "1905-01..1905-12")
        #expect(MonthInterval(parsing: "July") == nil)
    }

    @Test func intervalsOverlap() throws {
        let july = try #require(MonthInterval(parsing: "1917-07"))
        let summer = try #require(MonthInterval(parsing: "1917-06..1917-08"))
        let autumn = try #require(MonthInterval(parsing: "1917-09..1917-11"))
        #expect(july.overlaps(summer))
        #expect(!july.overlaps(autumn))
    }
}

@Suite struct GraphBuilderTests {
    @Test func mergesParallelEdgesAndSeparatesLoops() {
        var b = GraphBuilder()
        b.addEdge("a", "b", weight: 1)
        b.addEdge("b", "a", weight: 2)
        b.addEdge("a", "a", weight: 5)
        b.addEdge("b", "c", weight: 1, sign: -1)
        b.addNode("d")
        let g = b.build()
        #expect(g.nodeCount == 4)
        #expect(g.edgeCount == 2)
        #expect(g.degree(0) == 1)
        #expect(g.weights[g.neighborRange(0).lowerBound] == 3)
        #expect(g.selfLoopWeight == [5, 0, 0, 0])
        #expect(g.degree(3) == 0)
        let bc = g.neighborRange(1).first { g.neighbors[$0] == 2 }!
        #expect(g.signs[bc] == -1)
        #expect(g.totalWeight == 9)
    }

    @Test func neighboursAreSorted() {
        var b = GraphBuilder()
        for v in ["e", "d", "c", "b"] { b.addEdge("a", v) }
        let g = b.build()
        let row = Array(g.neighbors[g.neighborRange(0)])
        #expect(row == row.sorted())
    }
}

@Suite struct AtomicFileTests {
    @Test func writesAndReplacesWithoutTemporaries() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("factions-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write("one", to: "\(dir)/f.txt")
        try AtomicFile.write("two", to: "\(dir)/f.txt")
        #expect(try String(contentsOfFile: "\(dir)/f.txt", encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["f.txt"])
        #expect(throws: FileError.self) { try AtomicFile.write("x", to: "\(dir)/nope/f.txt") }
        #expect(throws: FileError.self) { try AtomicFile.write("x", to: dir) }
    }

    /// Bytes that differ from one position to the next, so that a piece written at the
    /// wrong offset, twice or not at all shows.
    static func pattern(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    static func firstDifference(_ data: Data, _ bytes: [UInt8]) -> Int {
        let read = [UInt8](data)
        return (0..<min(read.count, bytes.count)).first { read[$0] != bytes[$0] } ?? min(read.count, bytes.count)
    }

    /// A file of 17 MB in pieces of odd sizes, forced to disk and not (the disk is
    /// asked to start on it every 16 MB, so a piece straddles that mark).
    @Test func largeFilesArriveWholeInPiecesOfAnySize() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("factions-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bytes = Self.pattern(17 << 20 | 1_234)
        let sizes = [1, 4095, 5000, 1 << 20, 3, 7 << 20, 65_537]
        for durable in [false, true] {
            try AtomicFile.write(to: "\(dir)/big.bin", durable: durable) { (emit: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) in
                let failure: FileError? = bytes.withUnsafeBytes { all in
                    do throws(FileError) {
                        var at = 0, k = 0
                        while at < all.count {
                            let n = min(sizes[k % sizes.count], all.count - at)
                            try emit(UnsafeRawBufferPointer(rebasing: all[at..<(at + n)]))
                            at += n
                            k += 1
                        }
                    } catch { return error }
                    return nil
                }
                if let failure { throw failure }
            }
            let back = try #require(FileManager.default.contents(atPath: "\(dir)/big.bin"))
            // A Bool, so that a failure reports the first difference, not a diff of two
            // collections of 17 million bytes (quadratic).
            let same = back == Data(bytes)
            #expect(same, "durable \(durable): \(back.count) bytes for \(bytes.count), first difference at \(Self.firstDifference(back, bytes))")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["big.bin"])
    }

    /// A producer that fails after 15 MB leaves the old file as it was and no
    /// temporary behind.
    @Test func failingLargeWriteLeavesTheOldFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("factions-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write("old", to: "\(dir)/f.json")
        let piece = Self.pattern(3 << 20)
        #expect(throws: FileError(path: "producer", reason: "gave up")) {
            try AtomicFile.write(to: "\(dir)/f.json") { (emit: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) in
                for _ in 0..<5 {
                    let failure: FileError? = piece.withUnsafeBytes { raw in
                        do throws(FileError) { try emit(raw) } catch { return error }
                        return nil
                    }
                    if let failure { throw failure }
                }
                throw FileError(path: "producer", reason: "gave up")
            }
        }
        #expect(try String(contentsOfFile: "\(dir)/f.json", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["f.json"])
    }
}

@Suite struct TextFileTests {
    @Test func rejectsInvalidUTF8AndNUL() {
        #expect(throws: InputError.self) { try TextFile.decodeUTF8([0x61, 0xFF, 0x62], path: "x.txt") }
        #expect(throws: InputError(path: "x.txt", line: 2, message: "NUL byte at byte 2: this is a binary file, not text")) {
            try TextFile.decodeUTF8([0x61, 0x0A, 0x00], path: "x.txt")
        }
        #expect((try? TextFile.decodeUTF8(Array("Ленин’s".utf8), path: "x")) == "Ленин’s")
    }

    /// The one-pass decoder against the standard library's validation, on every
    /// boundary of table 3-7 (overlong forms, surrogates, past U+10FFFF, truncated
    /// sequences) and on random bytes: it must accept exactly the same files and give
    /// the same scalars.
    @Test func readsWholeFilesWhateverSizeTheyReport() throws {
        // A regular file read in one go, empty and not.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("readbytes-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = Array(String(repeating: "The Petrograd Soviet met. ", count: 400).utf8)
        let path = dir.appendingPathComponent("a.txt").path
        try Data(text).write(to: URL(fileURLWithPath: path))
        #expect(try TextFile.readBytes(path) == text)
        let empty = dir.appendingPathComponent("empty.txt").path
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(try TextFile.readBytes(empty) == [])
        // A file that reports size 0 and has more (the kernel's files): read on past
        // the reported size, the buffer grown as it fills.
        let maps = String(decoding: try TextFile.readBytes("/proc/self/maps"), as: UTF8.self)
        #expect(maps.count > 1)
        #expect(maps.hasSuffix("\n"))
        #expect(maps.split(separator: "\n").allSatisfy { $0.contains("-") })
        #expect(throws: InputError.self) { try TextFile.readBytes(dir.appendingPathComponent("missing.txt").path) }
    }

    @Test func decodeScalarsAcceptsExactlyWhatDecodeUTF8Does() {
        var cases: [[UInt8]] = [
            [], [0x41], [0x7F], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xC2],
            [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xE1, 0x80, 0x80], [0xEC, 0xBF, 0xBF], [0xED, 0x9F, 0xBF],
            [0xED, 0xA0, 0x80], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xE2, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF0, 0x90, 0x80, 0x80], [0xF3, 0xBF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xF8], [0xFF], [0xF0, 0x90, 0x80], [0xEF, 0xBB, 0xBF, 0x61],
            Array("Ленин’s «Апрельские тезисы» 🇷🇺 Zürich".utf8),
        ]
        // A fixed sequence of random bytes (a 64-bit LCG), mostly bytes that take part
        // in multi-byte sequences.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        for _ in 0..<5000 {
            cases.append((0..<(1 + Int(next() % 12))).map { _ in next() % 3 == 0 ? 0x20 + next() % 0x60 : 0x80 | next() % 0x78 })
        }
        // ASCII runs of every length up to 40 around a multi-byte or invalid sequence,
        // so that runs of sixteen and eight bytes read at a time end at every offset.
        let ascii = Array("The Provisional Government fell in October".utf8)
        for run in 0...40 {
            for middle: [UInt8] in [[0xE2, 0x80, 0x94], [0xC3, 0xA9], [0xF0, 0x9F, 0x87, 0xB7], [0xFF], [0xE2, 0x80]] {
                cases.append(Array(ascii.prefix(run)) + middle + Array(ascii.prefix(40 - run)))
            }
        }
        for bytes in cases {
            let viaString = try? TextFile.decodeUTF8(bytes, path: "x.txt")
            let scalars = try? TextFile.decodeScalars(bytes, path: "x.txt")
            #expect(scalars.map { String(String.UnicodeScalarView($0)) } == viaString, "\(bytes)")
            let scalarsError = error { () throws(InputError) in _ = try TextFile.decodeScalars(bytes, path: "x.txt") }
            let stringError = error { () throws(InputError) in _ = try TextFile.decodeUTF8(bytes, path: "x.txt") }
            #expect(scalarsError == stringError)
        }
    }

    private func error(_ body: () throws(InputError) -> Void) -> InputError? {
        do { try body(); return nil } catch { return error }
    }

    @Test func sha256KnownVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func suggestsCloseNames() {
        #expect(Suggest.nearest("lenim", in: ["lenin", "trotsky", "kamenev"]) == ["lenin"])
    }
}

@Suite struct PartitioningIndexTests {
    /// Against a linear scan, on sorted arrays with repeats, for thresholds below, at,
    /// between and above the values, and on slices (whose indices do not start at 0).
    @Test func matchesALinearScan() {
        for length in 0..<40 {
            let values = (0..<length).map { ($0 * 7 + length) % 10 }.sorted()
            for threshold in -1...11 {
                let expected = values.firstIndex { $0 >= threshold } ?? values.count
                #expect(values.partitioningIndex { $0 >= threshold } == expected)
                let slice = values.dropFirst(length / 3)
                #expect(slice.partitioningIndex { $0 >= threshold } == (slice.firstIndex { $0 >= threshold } ?? slice.endIndex))
            }
        }
    }
}

@Suite struct ParallelTests {
    /// The workers are the CPUs the kernel lets this process run on (what `taskset`
    /// restricts), read here from /proc as a list of ranges ("0-3,6").
    @Test func coresAreTheCPUsOfTheAffinityMask() throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else {
            Issue.record("no Cpus_allowed_list in /proc/self/status")
            return
        }
        let list = line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)
        var allowed = 0
        for part in list.split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            allowed += bounds.count == 2 ? bounds[1] - bounds[0] + 1 : 1
        }
        #expect(allowed >= 1)
        #expect(Parallel.cores == min(allowed, ProcessInfo.processInfo.activeProcessorCount))
    }
}

@Suite struct EvidenceTests {
    /// Numbers and months are stored compactly: every month from year 1 to 9999 and no
    /// month read back as set, and a decoded piece equal to the encoded one.
    @Test func monthsAndNumbersReadBackAsSet() throws {
        #expect(MemoryLayout<Evidence>.stride == 72)
        var e = Evidence(document: "d", sentence: 7, start: 0, end: Int(Int32.max), quote: "q")
        #expect(e.from == nil && e.to == nil && e.end == Int(Int32.max))
        for year in [1, 2, 1917, 9998, 9999] {
            for month in 1...12 {
                e.from = Month(year: year, month: month)
                #expect(e.from?.year == year && e.from?.month == month)
            }
        }
        e.to = Month(year: 1917, month: 10)
        e.from = nil
        #expect(e.from == nil && e.to == Month(year: 1917, month: 10))
        e.from = Month(year: 1917, month: 2)
        let decoded = try JSONDecoder().decode(Evidence.self, from: JSONEncoder().encode(e))
        #expect(decoded == e && decoded.interval == MonthInterval(from: Month(year: 1917, month: 2)!, to: Month(year: 1917, month: 10)!))
    }

    /// A sentence number or offset no file has is a decoding error, not a trap.
    @Test func numbersPastThirtyTwoBitsAreRefused() {
        for bad in ["4294967296", "-1", "9223372036854775807"] {
            let json = #"{"document": "d", "sentence": 0, "start": "# + bad + #", "end": 5, "quote": "q"}"#
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(Evidence.self, from: Data(json.utf8)) }
        }
        let good = #"{"document": "d", "sentence": 3, "start": 2, "end": 5, "quote": "q", "dating": "explicit"}"#
        let e = try? JSONDecoder().decode(Evidence.self, from: Data(good.utf8))
        #expect(e?.sentence == 3 && e?.start == 2 && e?.end == 5 && e?.dating == "explicit" && e?.from == nil)
    }
}
