/// Per word of a corpus's prose: how often it is written starting in lowercase, and how
/// often capitalised mid-sentence (counted under its lowercase form).
///
/// Discovery counts every word of every document, so this is on the hot path of the
/// first pass: the standard dictionary hashed each token twice with its seeded hash
/// (a tenth of extraction). ASCII words (nearly all) are kept in `ByteWords`, at most
/// half full, lowercased on the fly; other words go to a dictionary, and `counts()`
/// joins both under `String` equality.
struct WordCounts: Sendable {
    private var table = ByteWords(capacity: 512, sparsity: 2)
    /// Per word of `table`, by its number.
    private var lower: [Int] = []
    private var capital: [Int] = []
    private var other: [String: (lower: Int, capital: Int)] = [:]

    init() {}

    /// Counts `word` as written in lowercase, `times` times.
    mutating func countLowercase(_ word: String, times: Int = 1) {
        var word = word
        let done = word.withUTF8 { add($0, lowercasing: false, lower: times, capital: 0) }
        if !done { other[word, default: (0, 0)].lower += times }
    }

    /// Counts `word` as capitalised, under its lowercase form, `times` times.
    mutating func countCapitalised(_ word: String, times: Int = 1) {
        var word = word
        let done = word.withUTF8 { add($0, lowercasing: true, lower: 0, capital: times) }
        if !done { other[word.lowercased(), default: (0, 0)].capital += times }
    }

    /// `countLowercase` or `countCapitalised`.
    mutating func count(_ word: String, lowercase: Bool) {
        if lowercase { countLowercase(word) } else { countCapitalised(word) }
    }

    mutating func merge(_ other: WordCounts) {
        for k in 0..<other.lower.count {
            _ = other.table.withWord(k) { add($0, lowercasing: false, lower: other.lower[k], capital: other.capital[k]) }
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
        for k in 0..<lower.count {
            let word = table.withWord(k) { String(decoding: $0, as: UTF8.self) }
            all[word, default: (0, 0)].lower += lower[k]
            all[word, default: (0, 0)].capital += capital[k]
        }
        return all
    }

    /// Adds the counts to an ASCII word's entry (made when new); false, and nothing
    /// done, for a word with other bytes.
    private mutating func add(_ utf8: UnsafeBufferPointer<UInt8>, lowercasing: Bool, lower l: Int, capital c: Int) -> Bool {
        let (hash, ascii, _) = ByteWords.fnv(utf8, lowercasing: lowercasing)
        guard ascii else { return false }
        let found = table.find(utf8, hash: hash, lowercasing: lowercasing)
        if found >= 0 {
            lower[found] += l
            capital[found] += c
        } else {
            table.insert(utf8, hash: hash, lowercasing: lowercasing, slot: -1 - found)
            lower.append(l)
            capital.append(c)
        }
        return true
    }
}
