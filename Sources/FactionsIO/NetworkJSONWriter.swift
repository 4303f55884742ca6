import Foundation
import FactionsCore

/// Writes `network.json` byte for byte as `CanonicalJSON` (Foundation's encoder with
/// sorted keys, pretty printing and unescaped slashes) would, without building a
/// tree of values first. Keys are written in sorted order by hand, so a field added
/// to a network type must be added here too; `NetworkJSONWriterTests` compares the two
/// writers on the bundled network and on hostile strings.
enum NetworkJSONWriter {
    /// The whole file; nil when `canWrite` is false.
    static func write(_ network: ActorNetwork) -> [UInt8]? {
        guard canWrite(network) else { return nil }
        var all: [UInt8] = []
        // Nothing here can fail: the pieces go to memory.
        try? write(network, chunk: Int.max) { (piece: UnsafeRawBufferPointer) throws(FileError) in all += piece }
        return all
    }

    /// False when a value needs Foundation's own handling (a weight that is not a
    /// whole number below 2^53, whose formatting Foundation owns).
    static func canWrite(_ network: ActorNetwork) -> Bool {
        network.ties.allSatisfy { $0.weight.rounded() == $0.weight && abs($0.weight) < 9.0e15 }
    }

    /// Writes the network in pieces of about `chunk` bytes, handing each to `emit`.
    static func write(_ network: ActorNetwork, chunk: Int,
                      emit: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) {
        var w = Writer(capacity: min(chunk, 1 << 20) + 4096)
        // Offered each run of actors or ties as it is formatted, after the bytes so far.
        // A run of a chunk or more goes to `emit` as it lies: copied into the writer's
        // buffer first, every byte of network.json was copied once more on one core.
        func flush(_ w: inout Writer, _ run: ByteBuffer) throws(FileError) {
            if run.count >= chunk {
                if w.out.count > 0 {
                    try emit(UnsafeRawBufferPointer(w.out.bytes))
                    w.out.removeAll()
                }
                try emit(UnsafeRawBufferPointer(run.bytes))
                return
            }
            w.out.append(contentsOf: run.bytes)
            guard w.out.count >= chunk else { return }
            try emit(UnsafeRawBufferPointer(w.out.bytes))
            w.out.removeAll()
        }
        // Each actor's mention counts are keyed by file: the files ranked once, each
        // actor's are put in order by rank (sorting every actor's file names, 2,530 on
        // the 100 MB corpus, was a tenth of writing network.json on one core, perf).
        let fileRank = Dictionary(network.documents.map(\.file).sorted().enumerated().map { ($1, $0) },
                                  uniquingKeysWith: { first, _ in first })
        w.open("{")
        w.key("actors", first: true)
        try w.streamedArray(network.actors, chunk: chunk, flush: flush,
                            size: { $0.aliases.reduce(300) { $0 + $1.utf8.count + 10 } + 40 * $0.mentions.count }) { w, actor in
            w.open("{")
            w.key("aliases", first: true); w.array(actor.aliases) { w, a in w.string(a) }
            w.key("id"); w.string(actor.id)
            w.key("inferred"); w.raw(actor.inferred ? "true" : "false")
            w.key("kind"); w.string(actor.kind.rawValue)
            w.key("mentions")
            let mentions = Self.byFile(actor.mentions, rank: fileRank)
            if mentions.isEmpty { w.empty("{", "}") } else {
                w.open("{")
                for (i, (file, count)) in mentions.enumerated() {
                    w.key(named: file, first: i == 0); w.int(count)
                }
                w.close("}")
            }
            w.key("name"); w.string(actor.name)
            w.close("}")
        }
        w.key("calendar"); w.string(network.calendar)
        w.key("documents")
        w.array(network.documents) { w, d in
            w.open("{")
            w.key("file", first: true); w.string(d.file)
            w.key("id"); w.string(d.id)
            w.key("title"); w.string(d.title)
            w.close("}")
        }
        w.key("generator")
        w.open("{")
        w.key("lexicon_hash", first: true); w.string(network.generator.lexiconHash)
        w.key("name"); w.string(network.generator.name)
        w.key("version"); w.string(network.generator.version)
        w.close("}")
        w.key("periods")
        w.array(network.periods) { w, p in
            w.open("{")
            var first = true
            if let d = p.description { w.key("description", first: true); w.string(d); first = false }
            w.key("from", first: first); w.string(p.from.description)
            w.key("id"); w.string(p.id)
            w.key("name"); w.string(p.name)
            w.key("to"); w.string(p.to.description)
            w.close("}")
        }
        w.key("schema"); w.int(network.schema)
        w.key("ties")
        // Ties hold nearly all the bytes.
        try w.streamedArray(network.ties, chunk: chunk, flush: flush,
                            size: Self.estimatedSize) { w, t in
            w.open("{")
            w.key("cues", first: true); w.array(t.cues) { w, c in w.string(c) }
            w.key("directed"); w.raw(t.directed ? "true" : "false")
            w.key("evidence")
            w.evidence(t.evidence)
            if let f = t.from { w.key("from"); w.month(f) }
            w.key("sign"); w.int(t.sign.rawValue)
            w.key("source"); w.string(t.source)
            w.key("target"); w.string(t.target)
            if let to = t.to { w.key("to"); w.month(to) }
            w.key("type"); w.string(t.type)
            w.key("weight"); w.int(Int(t.weight))
            w.close("}")
        }
        w.close("}")
        w.out.append(0x0A)
        try emit(UnsafeRawBufferPointer(w.out.bytes))
    }

    /// `counts` in the order of their files' names, by `rank` (the files in that
    /// order); by comparing the names when a file has no rank.
    static func byFile(_ counts: [String: Int], rank: [String: Int]) -> [(key: String, value: Int)] {
        var ranked: [(rank: Int, key: String, value: Int)] = []
        ranked.reserveCapacity(counts.count)
        for (file, count) in counts {
            guard let r = rank[file] else { return counts.sorted { $0.key < $1.key } }
            ranked.append((r, file, count))
        }
        ranked.sort { $0.rank < $1.rank }
        return ranked.map { ($0.key, $0.value) }
    }

    /// About the bytes a tie takes in the file. Read in place: `reduce` over the
    /// evidence handed each piece over as a copy, retaining and releasing its strings
    /// (a third of the retains of writing a file).
    static func estimatedSize(_ tie: Tie) -> Int {
        tie.evidence.withUnsafeBufferPointer { evidence in
            var size = 200
            for i in evidence.indices { size += evidence[i].quote.utf8.count + 200 }
            return size
        }
    }

    /// Foundation's pretty printing: two spaces per level, `"key" : value`, empty
    /// containers as an opening bracket, a blank line and the closing bracket.
    struct Writer {
        var out: ByteBuffer
        var depth = 0

        init(capacity: Int = 4096) {
            out = ByteBuffer(capacity: capacity)
        }

        /// A writer appending to `out`.
        init(out: ByteBuffer) {
            self.out = out
        }

        mutating func raw(_ s: StaticString) {
            out.append(s)
        }

        mutating func newline() {
            out.append(0x0A)
            out.append(0x20, times: 2 * depth)
        }

        mutating func open(_ bracket: StaticString) {
            raw(bracket)
            depth += 1
        }

        mutating func close(_ bracket: StaticString) {
            depth -= 1
            newline()
            raw(bracket)
        }

        /// An empty array or object: the opening bracket, a blank line, the closing one.
        mutating func empty(_ opening: StaticString, _ closing: StaticString) {
            raw(opening)
            out.append(0x0A)
            newline()
            raw(closing)
        }

        /// Starts a member: a comma unless first, a new line, the key (one of the
        /// format's own keys: plain ASCII, nothing to escape, copied as it is).
        mutating func key(_ k: StaticString, first: Bool = false) {
            out.key(k, comma: !first, indent: 2 * depth)
        }

        /// `key` for a key from the data (a file name), escaped as any string.
        mutating func key(named k: String, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            newline()
            string(k)
            raw(" : ")
        }

        /// A tie's evidence, each piece read where it lies: handed to a closure by
        /// `array`, each was copied first, retaining and releasing its three strings
        /// (a third of the retains of writing a file, perf).
        mutating func evidence(_ items: [Evidence]) {
            guard !items.isEmpty else { return empty("[", "]") }
            open("[")
            items.withUnsafeBufferPointer { items in
                for i in items.indices {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    newline()
                    let e = items.baseAddress! + i
                    open("{")
                    var first = true
                    if let d = e.pointee.dating { key("dating", first: true); string(d); first = false }
                    key("document", first: first); string(e.pointee.document)
                    key("end"); int(e.pointee.end)
                    if let f = e.pointee.from { key("from"); month(f) }
                    key("quote"); string(e.pointee.quote)
                    key("sentence"); int(e.pointee.sentence)
                    key("start"); int(e.pointee.start)
                    if let to = e.pointee.to { key("to"); month(to) }
                    close("}")
                }
            }
            close("]")
        }

        mutating func array<T>(_ items: [T], _ element: (inout Writer, T) -> Void) {
            guard !items.isEmpty else { return empty("[", "]") }
            open("[")
            elements(items, 0..<items.count, element)
            close("]")
        }

        /// Elements `range` of an array: each after a comma (but the first of the array)
        /// on a new line.
        mutating func elements<T>(_ items: [T], _ range: Range<Int>, _ element: (inout Writer, T) -> Void) {
            // Read in place: `items[i]` handed over a copy, retaining and releasing the
            // three strings of every piece of evidence.
            items.withUnsafeBufferPointer { items in
                for i in range {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    newline()
                    element(&self, items[i])
                }
            }
        }

        /// `array` for long arrays: contiguous runs of about `chunk` bytes (by `size`, an
        /// estimate) are formatted on all cores, each run by whichever core is free, and
        /// handed to `flush` in order (which writes a run or keeps it after the bytes so
        /// far), so the output is the same as one writer's.
        mutating func streamedArray<T>(_ items: [T], chunk: Int, flush: (inout Writer, ByteBuffer) throws(FileError) -> Void,
                                       size: (T) -> Int, _ element: (inout Writer, T) -> Void) throws(FileError) {
            guard !items.isEmpty else { return empty("[", "]") }
            open("[")
            // Runs with their estimated sizes, which each run's buffer starts with: grown
            // from a small buffer, copying as it grew was a tenth of the writer
            // (callgrind, 5 MB corpus).
            var runs: [(range: Range<Int>, bytes: Int)] = []
            var start = 0, bytes = 0
            for (i, item) in items.enumerated() {
                bytes += size(item)
                if bytes >= chunk || i == items.count - 1 {
                    runs.append((start..<(i + 1), bytes))
                    start = i + 1
                    bytes = 0
                }
            }
            let inner = depth
            let cores = Parallel.cores
            // Each core takes the next run, formats it into a buffer of its own and, when
            // the run next in order is done, hands it and any done after it to `flush`
            // (one core at a time), so the file's writes (the kernel copying 300 MB)
            // overlap the formatting of later runs. At most `window` runs are formatted
            // and not yet written, their buffers kept from run to run: a fresh megabyte
            // per run came from the system and was faulted in page by page (3,900 page
            // faults of the 100 MB corpus). Formatted in groups of two runs a core with
            // each group waiting for its slowest run, a core sat idle for a sixth of
            // writing on two cores: runs hold whole ties, and the heaviest tie of the
            // 100 MB corpus is 7 MB (perf).
            let window = 4 * cores
            let state = RunPipeline(runs: runs.count, window: window)
            withUnsafeMutablePointer(to: &self) { me in
                // Only the core holding `RunPipeline`'s turn to write touches the writer.
                let writer = UnsafeSendable(me)
                _ = Parallel.map(Array(0..<cores)) { _ in
                    while let (index, buffer) = state.take() {
                        buffer.removeAll()
                        buffer.reserve(runs[index].bytes + runs[index].bytes / 8)
                        var part = Writer(out: buffer)
                        part.depth = inner
                        part.elements(items, runs[index].range, element)
                        state.finish(index, part.out) { (run: ByteBuffer) throws(FileError) in
                            try flush(&writer.value.pointee, run)
                        }
                    }
                }
            }
            if let failure = state.failure { throw failure }
            close("]")
        }

        /// A month as `"YYYY-MM"`, written in place: two per piece of evidence, each a
        /// string made and scanned for escapes through `description` (190 instructions).
        mutating func month(_ m: Month) {
            if !out.month(m) { string(m.description) }
        }

        /// Digits written straight into the output: through `String(v)` each number
        /// was a string made and dropped, three for every piece of evidence.
        mutating func int(_ v: Int) {
            out.int(v)
        }

        mutating func string(_ s: String) {
            // Read in place: a mutable copy for `withUTF8` retained and released every
            // string. A string without contiguous UTF-8 (bridged) goes through a copy.
            if s.utf8.withContiguousStorageIfAvailable({ quoted($0) }) == nil {
                var native = s
                native.makeContiguousUTF8()
                string(native)
            }
        }

        /// `utf8` as a JSON string, quotes included. Quotes are mostly plain text: runs
        /// without escapes are copied in one go.
        private mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
            out.append(UInt8(ascii: "\""))
            if let base = utf8.baseAddress {
                let n = utf8.count
                var run = 0
                var i = 0
                while i < n {
                    // Sixteen, then eight bytes at a time past runs with nothing to escape
                    // (quotes are nearly all of network.json): eight at a time took 33
                    // instructions a step (callgrind).
                    if i &+ 16 <= n, !Self.mayNeedEscape(UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)) {
                        i &+= 16
                        continue
                    }
                    if i &+ 8 <= n, !Self.mayNeedEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                        i &+= 8
                        continue
                    }
                    let b = base[i]
                    if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                        escape(b)
                        run = i + 1
                    }
                    i += 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
            }
            out.append(UInt8(ascii: "\""))
        }

        /// Whether one of the eight bytes is a control character, `"` or `\\`. Each
        /// test is the exact "some byte is zero / below n" bit trick, so the answer is
        /// never false when a byte needs escaping.
        @inline(__always)
        static func mayNeedEscape(_ x: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let high: UInt64 = 0x8080_8080_8080_8080
            func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & high != 0 }
            let control = (x &- ones &* 0x20) & ~x & high != 0
            return control || hasZero(x ^ (ones &* 0x22)) || hasZero(x ^ (ones &* 0x5C))
        }

        /// `mayNeedEscape` of sixteen bytes, exact: each byte's test is its own lane,
        /// with no borrow from its neighbours.
        @inline(__always)
        static func mayNeedEscape(_ x: SIMD16<UInt8>) -> Bool {
            let ones = SIMD16<UInt8>(repeating: 1)
            let control = (x &- SIMD16(repeating: 0x20)) & ~x
            let q = x ^ SIMD16(repeating: 0x22)
            let b = x ^ SIMD16(repeating: 0x5C)
            let flagged = unsafeBitCast(control | ((q &- ones) & ~q) | ((b &- ones) & ~b), to: SIMD2<UInt64>.self)
            return (flagged[0] | flagged[1]) & 0x8080_8080_8080_8080 != 0
        }

        mutating func escape(_ b: UInt8) {
            switch b {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x08: raw("\\b")
            case 0x09: raw("\\t")
            case 0x0A: raw("\\n")
            case 0x0C: raw("\\f")
            case 0x0D: raw("\\r")
            default:
                let hex: StaticString = "0123456789abcdef"
                raw("\\u00")
                out.append(hex.utf8Start[Int(b >> 4)])
                out.append(hex.utf8Start[Int(b & 0xF)])
            }
        }
    }
}

/// The runs of a long array shared by the cores formatting them: which run is next
/// to format and next to write, the runs formatted and waiting for the ones before
/// them, and the buffers to reuse.
private final class RunPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private let runs: Int
    private let window: Int
    private var next = 0
    private var written = 0
    private var done: [Int: ByteBuffer] = [:]
    private var spare: [ByteBuffer] = []
    private var writing = false
    private(set) var failure: FileError? = nil

    init(runs: Int, window: Int) {
        self.runs = runs
        self.window = window
    }

    /// The next run to format and a buffer for it; nil when every run is taken or
    /// writing failed. Waits while `window` runs are formatted and not written.
    func take() -> (Int, ByteBuffer)? {
        condition.lock()
        defer { condition.unlock() }
        while failure == nil && next < runs && next - written >= window { condition.wait() }
        guard failure == nil, next < runs else { return nil }
        let index = next
        next += 1
        return (index, spare.popLast() ?? ByteBuffer(capacity: 0))
    }

    /// Run `index` is formatted into `buffer`. If no core is writing, this one writes
    /// the runs that are next in order, through `flush`, outside the lock.
    func finish(_ index: Int, _ buffer: ByteBuffer, _ flush: (ByteBuffer) throws(FileError) -> Void) {
        condition.lock()
        done[index] = buffer
        guard !writing else { return condition.unlock() }
        writing = true
        while failure == nil, let run = done.removeValue(forKey: written) {
            condition.unlock()
            var failed: FileError? = nil
            do throws(FileError) { try flush(run) } catch { failed = error }
            condition.lock()
            if let failed { failure = failed }
            spare.append(run)
            written += 1
            condition.broadcast()
        }
        writing = false
        condition.unlock()
    }
}

/// The bytes being written, through a pointer: appending to an `[UInt8]` checked the
/// array's uniqueness and capacity for every byte, comma and key, which made a
/// member's key cost about 400 instructions (callgrind on a 1 MB corpus: the writer
/// was 7 % of extraction).
final class ByteBuffer: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func removeAll() { count = 0 }

    /// Room for `n` more bytes.
    @inline(__always)
    func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private func grow(_ needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    @inline(__always)
    func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always)
    func append(_ b: UInt8, times n: Int) {
        reserve(n)
        (base + count).initialize(repeating: b, count: n)
        count += n
    }

    /// `,` (when `comma`), a new line, `indent` spaces and `"key" : `, in one go: a
    /// member's key is written for every field of every piece of evidence.
    @inline(__always)
    func key(_ k: StaticString, comma: Bool, indent: Int) {
        let length = k.utf8CodeUnitCount
        reserve(indent + length + 7)
        var p = base + count
        if comma { p.initialize(to: UInt8(ascii: ",")); p += 1 }
        p.initialize(to: 0x0A)
        (p + 1).initialize(repeating: 0x20, count: indent)
        p += 1 + indent
        p.initialize(to: UInt8(ascii: "\""))
        (p + 1).update(from: k.utf8Start, count: length)
        p += 1 + length
        let colon: StaticString = "\" : "
        p.update(from: colon.utf8Start, count: colon.utf8CodeUnitCount)
        count = p - base + colon.utf8CodeUnitCount
    }

    /// `"YYYY-MM"`, quotes included (`Month.writeDigits`); false, with nothing
    /// written, for a year of more than four digits.
    @inline(__always)
    func month(_ m: Month) -> Bool {
        reserve(9)
        let p = base + count
        guard m.writeDigits(to: p + 1) else { return false }
        p[0] = UInt8(ascii: "\"")
        p[8] = UInt8(ascii: "\"")
        count += 9
        return true
    }

    /// The decimal digits of `v`, written in place.
    @inline(__always)
    func int(_ v: Int) {
        reserve(20)
        if v < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var m = v.magnitude
        var digits = 1
        var power: UInt = 10
        while digits < 19 && m >= power { digits += 1; power &*= 10 }
        if m >= power { digits += 1 }
        var k = count + digits
        count = k
        repeat {
            k -= 1
            base[k] = 0x30 + UInt8(truncatingIfNeeded: m % 10)
            m /= 10
        } while m > 0
    }

    /// A literal's bytes (the format's keys and marks), read in place: through
    /// `withUTF8Buffer` each cost a call of about 100 instructions.
    @inline(__always)
    func append(_ literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    @inline(__always)
    func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).update(from: from, count: bytes.count)
        count += bytes.count
    }
}
