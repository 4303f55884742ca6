/// Words as UTF-8 bytes in an open-addressed table keyed by FNV-1a, each numbered in the
/// order it was added: the mechanism under `WordTable` (alias and cue words, looked up
/// for every token) and `WordCounts` (discovery's tally of every word). Looking a word
/// up costs one pass over its bytes to hash it, a probe or two, and one to compare; a
/// word may be looked up with ASCII capitals read as lowercase.
struct ByteWords: Sendable {
    /// Per slot: the word's hash in the high 32 bits and its number + 1 in the low
    /// (0: empty).
    private var slots: [UInt64]
    /// The UTF-8 of word k: `bytes[starts[k]..<starts[k + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int32] = [0]
    /// The table grows to keep at most one slot in `sparsity` filled.
    private let sparsity: Int

    /// A table for `capacity` words before it grows.
    init(capacity: Int = 0, sparsity: Int) {
        var size = 16
        while size < sparsity * capacity { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        self.sparsity = sparsity
    }

    var count: Int { starts.count - 1 }
    var byteCount: Int { bytes.count }

    /// FNV-1a's starting value and one byte's step, for hashing bytes as they are
    /// written (the tokenizer does, so that `Vocabulary` needs no second pass).
    static let offset: UInt32 = 2_166_136_261
    @inline(__always)
    static func step(_ hash: UInt32, _ byte: UInt8) -> UInt32 { (hash ^ UInt32(byte)) &* 16_777_619 }

    /// FNV-1a over the bytes (ASCII capitals as lowercase when `lowercasing`), whether
    /// all are ASCII, and whether one is a hyphen.
    @inline(__always)
    static func fnv<Bytes: Sequence<UInt8>>(_ utf8: Bytes, lowercasing: Bool = false) -> (hash: UInt32, ascii: Bool, hyphen: Bool) {
        var hash = offset
        var high: UInt8 = 0
        var hyphen = false
        for b in utf8 {
            hash = step(hash, lowercasing ? lower(b) : b)
            high |= b
            hyphen = hyphen || b == UInt8(ascii: "-")
        }
        return (hash, high < 0x80, hyphen)
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    /// The number of the word `utf8` (whose `fnv` is `hash`, lowercased alike), or
    /// −1 − the empty slot where it would go.
    @inline(__always)
    func find(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt32, lowercasing: Bool) -> Int {
        if lowercasing { return find(count: utf8.count, hash: hash) { Self.lower(utf8[$0]) } }
        return find(count: utf8.count, hash: hash) { utf8[$0] }
    }

    /// `find` of a word of ASCII scalars (their values are its UTF-8), read where they
    /// lie: the tokenizer looks most words up without copying them first.
    @inline(__always)
    func find(ascii scalars: UnsafeBufferPointer<Unicode.Scalar>, hash: UInt32) -> Int {
        find(count: scalars.count, hash: hash) { UInt8(truncatingIfNeeded: scalars[$0].value) }
    }

    /// The number of the word of `count` bytes, `byte(i)` its i-th, or −1 − the empty
    /// slot where it would go.
    @inline(__always)
    private func find(count: Int, hash: UInt32, byte: (Int) -> UInt8) -> Int {
        slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { bytes in
                starts.withUnsafeBufferPointer { starts -> Int in
                    let mask = slots.count - 1
                    var slot = Int(hash) & mask
                    while true {
                        let entry = slots[slot]
                        if entry == 0 { return -1 - slot }
                        if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                            let k = Int(entry & 0xFFFF_FFFF) - 1
                            let from = Int(starts[k])
                            if Int(starts[k &+ 1]) &- from == count {
                                // Offsets within the table's bytes: no overflow to check.
                                guard count > 0, let base = bytes.baseAddress else { return k }
                                let word = base + from
                                var i = 0
                                while i < count, word[i] == byte(i) { i &+= 1 }
                                if i == count { return k }
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// Adds `utf8` (lowercased when `lowercasing`) as word `count` in `slot`, the empty
    /// slot `find` gave for it; returns its number.
    @discardableResult
    mutating func insert(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt32, lowercasing: Bool, slot: Int) -> Int {
        let k = count
        if lowercasing { bytes.append(contentsOf: utf8.lazy.map(Self.lower)) } else { bytes.append(contentsOf: utf8) }
        starts.append(Int32(bytes.count))
        slots[slot] = UInt64(hash) << 32 | UInt64(k + 1)
        if sparsity * count > slots.count { grow() }
        return k
    }

    /// Calls `body` with the UTF-8 of word `k`.
    func withWord<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(starts[k])..<Int(starts[k + 1])])) }
    }

    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for entry in slots where entry != 0 {
            var slot = Int(UInt32(truncatingIfNeeded: entry >> 32)) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = entry
        }
        slots = larger
    }
}

/// A fixed set of ASCII words looked up by their bytes: FNV-1a and a probe, where a
/// `Set<String>` hashes every query with SipHash, and a word longer than any in the set
/// is turned away before it is hashed. Discovery, sentence splitting and dating ask such
/// sets of most words they look at. A query that is not ASCII goes to the `Set`: string
/// equality is canonical equivalence, and lowercasing can change a length, neither of
/// which bytes see.
struct WordSet: Sendable {
    let words: Set<String>
    /// The words in the table's order (a word's number is its place here).
    private let list: [String]
    private let longest: Int
    private var table: ByteWords

    init<Words: Sequence<String>>(_ words: Words) {
        self.words = Set(words)
        list = self.words.sorted()
        precondition(list.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }, "a WordSet holds ASCII words")
        longest = list.map(\.utf8.count).max() ?? 0
        table = ByteWords(capacity: list.count, sparsity: 4)
        for word in list {
            var word = word
            word.withUTF8 { utf8 in
                let hash = ByteWords.fnv(utf8).hash
                table.insert(utf8, hash: hash, lowercasing: false, slot: -1 - table.find(utf8, hash: hash, lowercasing: false))
            }
        }
    }

    /// `words.contains(text)`.
    func contains(_ text: String) -> Bool {
        switch find(text, lowercasing: false) {
        case .ascii(let k): k != nil
        case .other: words.contains(text)
        }
    }

    /// `words.contains(text.lowercased())`, without making the lowercase string when
    /// `text` is ASCII.
    func containsLowercased(_ text: String) -> Bool { member(lowercasing: text) != nil }

    /// `text.lowercased()` when the set holds it, else nil.
    func member(lowercasing text: String) -> String? {
        switch find(text, lowercasing: true) {
        case .ascii(let k): return k.map { list[$0] }
        case .other:
            let lower = text.lowercased()
            return words.contains(lower) ? lower : nil
        }
    }

    private enum Found {
        /// An ASCII query: the number of the word it matches, or nil.
        case ascii(Int?)
        /// A query that is not ASCII (or has no contiguous UTF-8): for the `Set`.
        case other
    }

    private func find(_ text: String, lowercasing: Bool) -> Found {
        // Read in place (a mutable copy for `withUTF8` retained and released the text).
        text.utf8.withContiguousStorageIfAvailable { utf8 -> Found in
            if utf8.count > longest { return utf8.allSatisfy { $0 < 0x80 } ? .ascii(nil) : .other }
            let (hash, ascii, _) = ByteWords.fnv(utf8, lowercasing: lowercasing)
            guard ascii else { return .other }
            let k = table.find(utf8, hash: hash, lowercasing: lowercasing)
            return .ascii(k >= 0 ? k : nil)
        } ?? .other
    }
}

/// Words of one to sixteen ASCII letters, each packed into two integers (a letter per
/// byte, the first eight in one, each shifted in after the one before; no letter is
/// zero, so the highest byte that is not zero marks the length): the tokenizer's lookup
/// of plain words, which are nearly all of a text's tokens. Packing a letter is a shift
/// and an OR, with no multiply on the chain from one letter to the next as FNV-1a has;
/// one multiply hashes the pair, and one comparison of the pair finds the word. Per
/// word, FNV-1a and `ByteWords`' byte-by-byte comparison cost about 19 instructions a
/// letter against about 11 here.
struct PackedWords {
    /// Words of up to eight letters (`high` is zero), nearly all of a text's tokens, in
    /// a table of their own with 16-byte slots. In one table of 24-byte slots for all,
    /// the load of the first slot probed took 39 % of the plain-word loop's samples
    /// (perf, 100 MB corpus of 4,600 distinct words: 384 KiB of slots against a
    /// 512 KiB second-level cache shared with the text read and the tokens written);
    /// split, the loop's samples fell by a tenth against the rest of extraction's
    /// (0.225 to 0.202 of them, three alternating runs each, 20 MB corpus).
    private var short = Table<ShortSlot>(capacity: 256)
    /// Words of nine to sixteen letters.
    private var long = Table<LongSlot>(capacity: 64)

    /// The number of the word packed as `low`, `high`; nil when it is not here.
    @inline(__always)
    func word(_ low: UInt64, _ high: UInt64) -> Int32? {
        let found = high == 0 ? short.word(low) : long.word(Pair(low: low, high: high))
        return found == 0 ? nil : found &- 1
    }

    /// Adds word number `word`, packed as `low`, `high` (not here yet).
    mutating func insert(_ low: UInt64, _ high: UInt64, word: Int32) {
        if high == 0 { short.insert(low, word: word &+ 1) } else { long.insert(Pair(low: low, high: high), word: word &+ 1) }
    }

    private struct Pair: Equatable {
        var low: UInt64
        var high: UInt64
    }

    private struct ShortSlot: PackedSlot {
        var key: UInt64
        var word: Int32
        static let empty = ShortSlot(key: 0, word: 0)
        @inline(__always) static func hash(_ key: UInt64) -> UInt64 { PackedWords.hash(key, 0) }
    }

    private struct LongSlot: PackedSlot {
        var key: Pair
        var word: Int32
        static let empty = LongSlot(key: Pair(low: 0, high: 0), word: 0)
        @inline(__always) static func hash(_ key: Pair) -> UInt64 { PackedWords.hash(key.low, key.high) }
    }

    @inline(__always)
    private static func hash(_ low: UInt64, _ high: UInt64) -> UInt64 {
        (low &+ high &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
    }

    /// Open addressing with linear probing, at most half full.
    private struct Table<Slot: PackedSlot> {
        private var slots: [Slot]
        private var shift: UInt64
        private(set) var count = 0

        init(capacity: Int) {
            var bits = 4
            while 1 << bits < 2 * capacity { bits += 1 }
            slots = [Slot](repeating: .empty, count: 1 << bits)
            shift = UInt64(64 - bits)
        }

        /// The word number + 1 stored for `key`, 0 when there is none.
        @inline(__always)
        func word(_ key: Slot.Key) -> Int32 {
            slots.withUnsafeBufferPointer { slots in
                let mask = slots.count &- 1
                var slot = Int(truncatingIfNeeded: Slot.hash(key) &>> shift)
                while true {
                    let s = slots[slot]
                    if s.word == 0 || s.key == key { return s.word }
                    slot = (slot &+ 1) & mask
                }
            }
        }

        mutating func insert(_ key: Slot.Key, word: Int32) {
            place(Slot(key: key, word: word))
            count += 1
            if 2 * count > slots.count {
                let old = slots
                slots = [Slot](repeating: .empty, count: old.count * 2)
                shift -= 1
                for s in old where s.word != 0 { place(s) }
            }
        }

        private mutating func place(_ s: Slot) {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: Slot.hash(s.key) &>> shift)
            while slots[slot].word != 0 { slot = (slot + 1) & mask }
            slots[slot] = s
        }
    }
}

/// A slot of a `PackedWords` table: a packed word and its number + 1 (0: empty).
private protocol PackedSlot {
    associatedtype Key: Equatable
    var key: Key { get }
    var word: Int32 { get }
    init(key: Key, word: Int32)
    static var empty: Self { get }
    static func hash(_ key: Key) -> UInt64
}
