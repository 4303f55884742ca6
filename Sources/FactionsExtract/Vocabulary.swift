#if canImport(Glibc)
import Glibc
#endif

/// The distinct token texts one worker has read, numbered, with what later stages ask
/// of each: its `String` (a token holds the number), its token template, its ids in the
/// alias trie, discovery's counts of it written in lowercase and capitalised and the
/// word lists it is in, and the classifier's lowercase form and flags.
///
/// One per worker thread, passed `inout` from document to document: each answer is
/// worked out once per distinct word instead of once per token. Per token, building
/// the `String` (about 150 instructions for a short word), hashing it again for the
/// alias trie and once more for discovery's word counts came to a fifth of extraction;
/// the tokenizer hashes the bytes as it writes them, so a token costs one probe here.
struct Vocabulary {
    /// Worked out on first use.
    static let unknown = Int32.min

    private var table = ByteWords(capacity: 256, sparsity: 2)
    /// The plain words (one to sixteen ASCII letters) among them, for the tokenizer.
    private var packed = PackedWords()
    /// Per word, by number.
    private(set) var strings: [String] = []
    /// What the mention matcher asks of the word, nil until it asks.
    var aliasWords: [MentionMatcher.AliasWord?] = []
    /// The words below this number have their `aliasWords` answer: the matcher answers
    /// the words added since it last read a document, in one go.
    var aliasAnswered = 0
    /// Discovery's counts since the last `flushCounts`: written starting in lowercase,
    /// and capitalised mid-sentence.
    var lowercaseCount: [Int] = []
    var capitalisedCount: [Int] = []
    /// The word lowercased, nil until asked; and what that is to the tie classifier
    /// (worked out with the lowercase form).
    var lowercase: [String?] = []
    var classifierFlags: [TieClassifier.WordFlags] = []
    /// `TieClassifier.cueList` of the lowercase word, worked out with it.
    var cueList: [Int32] = []
    /// The lexicon entry whose surface forms (in the accumulator the worker adds into)
    /// already hold the word as a plainly written one-word mention, or -1.
    var formEntry: [Int32] = []
    /// Per lexicon entry, the scalars of the last few plainly written mentions of
    /// several words whose surface forms the accumulator holds (an entry's mentions
    /// alternate between a few forms: with the last one only, half were built again).
    private var recentForms: [[[Unicode.Scalar]]] = []
    static let recentFormsKept = 4

    /// Whether the worker's accumulator holds the form `scalars` of entry `e`, among
    /// the ones remembered for it.
    func isRecentForm(_ e: Int, _ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        guard e < recentForms.count else { return false }
        return scalars.withUnsafeBytes { new in
            recentForms[e].contains { old in
                old.count == scalars.count && old.withUnsafeBytes { memcmp($0.baseAddress!, new.baseAddress!, new.count) == 0 }
            }
        }
    }

    mutating func rememberForm(_ e: Int, _ scalars: ArraySlice<Unicode.Scalar>) {
        if e >= recentForms.count { recentForms += repeatElement([], count: e + 1 - recentForms.count) }
        if recentForms[e].count == Self.recentFormsKept { recentForms[e].removeFirst() }
        recentForms[e].append(Array(scalars))
    }

    /// The sentence splitter's `AbbreviationVerdict` on the word, 0 until worked out.
    var abbreviation: [UInt8] = []
    /// Discovery's `ScanFlags` of the word, 0 until worked out.
    var scanFlags: [UInt8] = []
    /// Whether the word can start a date (`DateResolver.mayStartDate`): 0 not asked yet,
    /// 1 no, 2 yes.
    private var dateStart: [UInt8] = []

    /// A worker keeps its vocabulary from document to document until it holds this
    /// many words (about 200 MB with the per-word arrays and tables: a 1.5 MB text of
    /// 300,000 distinct words took 58 MB more at peak than one of 1,000), then starts
    /// afresh: the words of a corpus keep growing with its size (numbers, misspellings,
    /// names).
    static let defaultLimit = 1 << 20
    let limit: Int

    init(limit: Int = Vocabulary.defaultLimit) {
        self.limit = limit
    }

    var count: Int { strings.count }
    /// Past `limit` words or 64 MB of them (long tokens: URLs, runs of letters).
    var isFull: Bool { strings.count >= limit || table.byteCount >= 64 << 20 }

    /// The number of the word `utf8` (valid UTF-8, `hash` its `ByteWords.fnv`), added
    /// when new.
    @inline(__always)
    mutating func intern(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 {
        let found = table.find(utf8, hash: hash, lowercasing: false)
        if found >= 0 { return Int32(truncatingIfNeeded: found) }
        return add(utf8, hash: hash, slot: -1 - found)
    }

    /// `intern` of a word of ASCII scalars (their values are its UTF-8), read where
    /// they lie.
    mutating func intern(ascii scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Int32 {
        let hash = ByteWords.fnv(scalars.lazy.map { UInt8(truncatingIfNeeded: $0.value) }).hash
        let found = table.find(ascii: scalars, hash: hash)
        if found >= 0 { return Int32(truncatingIfNeeded: found) }
        let utf8 = scalars.map { UInt8(truncatingIfNeeded: $0.value) }
        return utf8.withUnsafeBufferPointer { add($0, hash: hash, slot: -1 - found) }
    }

    /// `intern(ascii:)` of a word of one to sixteen ASCII letters, packed as
    /// `low` and `high` (see `PackedWords`).
    @inline(__always)
    mutating func intern(packed low: UInt64, _ high: UInt64, letters: UnsafeBufferPointer<Unicode.Scalar>) -> Int32 {
        if let word = packed.word(low, high) { return word }
        return learn(packed: low, high, letters: letters)
    }

    /// The first sight of a plain word since the vocabulary started: numbered through
    /// the byte table, which every other way of reading the word goes through.
    @inline(never)
    private mutating func learn(packed low: UInt64, _ high: UInt64, letters: UnsafeBufferPointer<Unicode.Scalar>) -> Int32 {
        let word = intern(ascii: letters)
        packed.insert(low, high, word: word)
        return word
    }

    /// `tokens` numbered here: how the public entry points that take tokens from
    /// anywhere reach the paths extraction takes, whose tokens are numbered in the
    /// worker's vocabulary.
    mutating func numbered(_ tokens: Tokens) -> Tokens {
        var numbered = tokens.elements
        for i in tokens.indices { numbered[i].word = intern(tokens.text(i)) }
        return Tokens(numbered, words: strings)
    }

    /// `intern` of a string (punctuation, note markers).
    mutating func intern(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { intern($0, hash: ByteWords.fnv($0).hash) }
    }

    private mutating func add(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt32, slot: Int) -> Int32 {
        let k = table.insert(utf8, hash: hash, lowercasing: false, slot: slot)
        strings.append(String(decoding: utf8, as: UTF8.self))
        aliasWords.append(nil)
        lowercaseCount.append(0)
        capitalisedCount.append(0)
        lowercase.append(nil)
        classifierFlags.append([])
        cueList.append(-1)
        formEntry.append(-1)
        scanFlags.append(0)
        abbreviation.append(0)
        templates.append(nil)
        dateStart.append(0)
        return Int32(k)
    }

    /// Per word, a token of it with what a token holds of its text (first byte,
    /// length, case of a first character outside ASCII), nil until first made: worked
    /// out from the string for every token, the case of a mark outside ASCII (a dash, a
    /// curly quote) cost 2,700 instructions a token (callgrind, 4.95 MB corpus).
    private var templates: [Token?] = []

    /// A token of word `w` (numbered here).
    mutating func token(_ w: Int32, kind: Token.Kind, start: Int, end: Int, possessive: Bool = false,
                        startsLine: Bool, emphasised: Bool = false) -> Token {
        let k = Int(w)
        var token: Token
        if let template = templates[k] {
            token = template
        } else {
            token = Token(strings[k], kind: kind, word: w, start: 0, end: 0)
            templates[k] = token
        }
        token.kind = kind
        token.start = start
        token.end = end
        token.possessive = possessive
        token.startsLine = startsLine
        token.emphasised = emphasised
        return token
    }

    /// The number of the normalised text of each ASCII mark (slots 0-127) and of each
    /// mark of Unicode's General Punctuation block (U+2000-U+206F: dashes, curly quotes,
    /// ellipsis; slots 128-239), -1 until first asked: normalising and hashing the text
    /// of a mark outside ASCII took 180 instructions a mark.
    private var markNumbers = [Int32](repeating: -1, count: 0x80 + 0x70)

    /// The number of mark `c`'s normalised text (`Tokenizer.normalisePunctuation`).
    @inline(__always)
    mutating func mark(_ c: Unicode.Scalar) -> Int32 {
        let v = Int(c.value)
        let slot = v < 0x80 ? v : v >= 0x2000 && v < 0x2070 ? v - 0x2000 + 0x80 : -1
        guard slot >= 0 else { return intern(Tokenizer.normalisePunctuation(c)) }
        if markNumbers[slot] < 0 { markNumbers[slot] = intern(Tokenizer.normalisePunctuation(c)) }
        return markNumbers[slot]
    }

    /// `DateResolver.mayStartDate` of word `w`.
    @inline(__always)
    mutating func mayStartDate(_ w: Int) -> Bool {
        if dateStart[w] == 0 { dateStart[w] = DateResolver.mayStartDate(strings[w]) ? 2 : 1 }
        return dateStart[w] == 2
    }

    /// Tokens `range` (and `Lowered.margin` either side) lowercased, with what each is
    /// to `classifier` (opens a cue, breaks a clause, connects mentions, is a negation,
    /// ...), for the classifier of a sentence. The tokens must be numbered here.
    mutating func lowered(_ tokens: Tokens, _ range: Range<Int>, for classifier: TieClassifier) -> TieClassifier.Lowered {
        let margin = TieClassifier.Lowered.margin
        let known = max(0, range.lowerBound - margin)..<min(tokens.count, range.upperBound + margin)
        for i in known {
            let w = Int(tokens[i].word)
            if lowercase[w] == nil {
                let lower = strings[w].lowercased()
                lowercase[w] = lower
                classifierFlags[w] = TieClassifier.flags(lower)
                cueList[w] = classifier.cueList(lower)
            }
        }
        return TieClassifier.Lowered(known: known, words: lowercase, flags: classifierFlags, cueLists: cueList)
    }

    /// Adds the counts kept here to `counts` and clears them.
    mutating func flushCounts(into counts: inout WordCounts) {
        for w in strings.indices where lowercaseCount[w] != 0 || capitalisedCount[w] != 0 {
            if lowercaseCount[w] != 0 { counts.countLowercase(strings[w], times: lowercaseCount[w]) }
            if capitalisedCount[w] != 0 { counts.countCapitalised(strings[w], times: capitalisedCount[w]) }
            lowercaseCount[w] = 0
            capitalisedCount[w] = 0
        }
    }
}
