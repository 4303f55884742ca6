/// Per word of a corpus's prose: how often it is written starting in lowercase, and how
/// often capitalised mid-sentence (counted under its lowercase form).
///
/// Discovery counts every word of every document, so this is on the hot path of the
/// first pass: the standard dictionary hashed each token twice with its seeded hash
/// (a tenth of extraction). ASCII words (nearly all) are kept here by FNV-1a over
/// their bytes, lowercasing on the fly, in an open-addressed table at most half full;
/// other words go to a dictionary, and `counts()` joins both under `String` equality.
struct WordCounts: Sendable {
    /// Per slot: the word's hash in the high 32 bits and its entry + 1 in the low
    /// (0: empty).
    private var slots = [UInt64](repeating: 0, count: 1024)
    /// The UTF-8 of entry k: `bytes[starts[k]..<starts[k + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int32] = [0]
    private var lower: [Int] = []
    private var capital: [Int] = []
    private var other: [String: (lower: Int, capital: Int)] = [:]

    init() {}

    /// Counts `word` as written in lowercase.
    mutating func countLowercase(_ word: String) {
        var word = word
        let done = word.withUTF8 { add($0, lowercasing: false, lower: 1, capital: 0) }
        if !done { other[word, default: (0, 0)].lower += 1 }
    }

    /// Counts `word` as capitalised, under its lowercase form.
    mutating func countCapitalised(_ word: String) {
        var word = word
        let done = word.withUTF8 { add($0, lowercasing: true, lower: 0, capital: 1) }
        if !done { other[word.lowercased(), default: (0, 0)].capital += 1 }
    }

    mutating func merge(_ other: WordCounts) {
        other.bytes.withUnsafeBufferPointer { bytes in
            for k in 0..<other.lower.count {
                let word = UnsafeBufferPointer(rebasing: bytes[Int(other.starts[k])..<Int(other.starts[k + 1])])
                _ = add(word, lowercasing: false, lower: other.lower[k], capital: other.capital[k])
            }
        }
        for (word, c) in other.other {
            self.other[word, default: (0, 0)].lower += c.lower
            self.other[word, default: (0, 0)].capital += c.capital
        }
    }

    /// Every word counted, with both counts, under the standard library's equality
    /// of strings (which the table's bytes alone would not give for canonically
    /// equivalent forms).
    func counts() -> [String: (lower: Int, capital: Int)] {
        var all = other
        all.reserveCapacity(other.count + lower.count)
        bytes.withUnsafeBufferPointer { bytes in
            for k in 0..<lower.count {
                let word = String(decoding: bytes[Int(starts[k])..<Int(starts[k + 1])], as: UTF8.self)
                all[word, default: (0, 0)].lower += lower[k]
                all[word, default: (0, 0)].capital += capital[k]
            }
        }
        return all
    }

    /// Adds the counts to an ASCII word's entry (made when new); false, and nothing
    /// done, for a word with other bytes.
    private mutating func add(_ utf8: UnsafeBufferPointer<UInt8>, lowercasing: Bool, lower l: Int, capital c: Int) -> Bool {
        let (hash, ascii, _) = WordTable.fnv(utf8, lowercasing: lowercasing)
        guard ascii else { return false }
        // The entry, or -1 - the empty slot where it goes.
        let found = slots.withUnsafeBufferPointer { slots in
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
                            if Int(starts[k + 1]) - from == utf8.count {
                                var i = 0
                                if lowercasing {
                                    while i < utf8.count, bytes[from + i] == WordTable.lower(utf8[i]) { i += 1 }
                                } else {
                                    while i < utf8.count, bytes[from + i] == utf8[i] { i += 1 }
                                }
                                if i == utf8.count { return k }
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        if found >= 0 {
            lower[found] += l
            capital[found] += c
            return true
        }
        let k = lower.count
        if lowercasing { bytes.append(contentsOf: utf8.lazy.map(WordTable.lower)) } else { bytes.append(contentsOf: utf8) }
        starts.append(Int32(bytes.count))
        lower.append(l)
        capital.append(c)
        slots[-1 - found] = UInt64(hash) << 32 | UInt64(k + 1)
        if 2 * lower.count > slots.count { grow() }
        return true
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
