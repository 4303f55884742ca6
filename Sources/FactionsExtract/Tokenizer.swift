/// A word or punctuation mark of a text, normalised for matching, with its place in
/// the original file. Its text is kept once for all the tokens that share it, in the
/// `Tokens` it belongs to: `tokens.text(i)`.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case word, number, punctuation }

    /// The number of the token's text in the `Tokens` (and the worker's `Vocabulary`)
    /// it was made for: equal tokens of one text have equal numbers.
    public internal(set) var word: Int32
    /// `start` and `end` in 32 bits (a file is at most `TextFile.maxBytes`, 512 MB).
    private var startOffset: UInt32
    private var endOffset: UInt32
    public var kind: Kind
    /// The word was followed by a possessive `'s` / `’s` (not part of the text).
    public var possessive: Bool = false
    /// The token is the first of its line in the original file.
    public var startsLine: Bool = false
    /// Inside markdown emphasis (`*…*`, `_…_`): book and paper titles.
    public var emphasised: Bool = false
    /// The first byte of the text and its length in bytes (at most 255): stages ask
    /// them of every token, and asking the string was a tenth of sentence splitting
    /// and discovery.
    var initial: UInt8
    var length: UInt8
    /// For a text that starts outside ASCII, whether its first scalar is uppercase
    /// (bit 0), its first character lowercase (bit 1) and its first scalar lowercase
    /// (bit 2): worked out from the text when the token is made, since the token does
    /// not hold it.
    private var caseBits: UInt8 = 0

    /// Offsets in Unicode scalars of the original file: `original[start..<end]`.
    public var start: Int {
        get { Int(startOffset) }
        set { startOffset = UInt32(newValue) }
    }
    public var end: Int {
        get { Int(endOffset) }
        set { endOffset = UInt32(newValue) }
    }

    /// A token of text `text`, number `word`. `text` is only read when its first byte
    /// is not ASCII.
    init(_ text: String, kind: Kind, word: Int32, start: Int, end: Int, possessive: Bool = false,
         startsLine: Bool = false, emphasised: Bool = false) {
        let initial = text.utf8.first ?? 0
        self.init(kind: kind, word: word, start: start, end: end, possessive: possessive, startsLine: startsLine,
                  emphasised: emphasised, initial: initial, length: UInt8(min(text.utf8.count, 255)))
        if initial >= 0x80 {
            let first = text.unicodeScalars.first!.properties
            caseBits = (first.isUppercase ? 1 : 0) | (text.first!.isLowercase ? 2 : 0) | (first.isLowercase ? 4 : 0)
        }
    }

    /// A token whose text starts with the ASCII byte `initial` and is `length` bytes long.
    @inline(__always)
    init(kind: Kind, word: Int32, start: Int, end: Int, possessive: Bool = false,
         startsLine: Bool = false, emphasised: Bool = false, initial: UInt8, length: UInt8) {
        self.word = word
        startOffset = UInt32(truncatingIfNeeded: start)
        endOffset = UInt32(truncatingIfNeeded: end)
        self.kind = kind
        self.possessive = possessive
        self.startsLine = startsLine
        self.emphasised = emphasised
        self.initial = initial
        self.length = length
    }

    /// The text when it is one ASCII character (a mark), else 0.
    @inline(__always) var mark: UInt8 { length == 1 ? initial : 0 }

    public var isCapitalised: Bool {
        if initial < 0x80 { return initial >= 0x41 && initial <= 0x5A }
        return caseBits & 1 != 0
    }

    /// The first character is a lowercase letter (`Character.isLowercase`).
    public var startsLowercase: Bool {
        if initial < 0x80 { return initial >= 0x61 && initial <= 0x7A }
        return caseBits & 2 != 0
    }

    /// The first scalar is lowercase (`Unicode.Scalar.Properties.isLowercase`), which
    /// sentence splitting asks.
    var firstScalarIsLowercase: Bool {
        if initial < 0x80 { return initial >= 0x61 && initial <= 0x7A }
        return caseBits & 4 != 0
    }
}

/// The tokens of a text and the texts they are numbered by.
///
/// A token holds the number of its text, not a `String`: strings in the tokens were
/// retained as each token was made and released one by one when a reading was
/// dropped, and made a token twice the size; every stage reads a document's tokens
/// again.
public struct Tokens: RandomAccessCollection, Sendable {
    public private(set) var elements: [Token]
    /// Texts by number: the worker's vocabulary as it stood after these tokens. Shared,
    /// not copied, as long as nothing is added to the vocabulary while they are kept.
    let words: [String]

    init(_ elements: [Token], words: [String]) {
        self.elements = elements
        self.words = words
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { elements.count }
    @inline(__always) public subscript(i: Int) -> Token { elements[i] }

    /// The normalised text of token `i`: straight quotes and apostrophes, hyphenation
    /// across line breaks undone, footnote markers and markdown emphasis removed.
    @inline(__always) public func text(_ i: Int) -> String { words[Int(elements[i].word)] }
    /// The text of `token`, one of these tokens.
    @inline(__always) public func text(of token: Token) -> String { words[Int(token.word)] }
    /// The texts of tokens `range`.
    public func texts(_ range: Range<Int>) -> [String] { range.map { text($0) } }

    /// The normalised surface form of `mention`, one of these tokens': its words'
    /// texts separated by single spaces; for a name after a prefix ("anti-Bolshevik")
    /// the name alone.
    public func form(of mention: Mention) -> String {
        let i = mention.tokens.lowerBound
        guard mention.tokens.count == 1 else { return texts(mention.tokens).joined(separator: " ") }
        let prefix = mention.start - self[i].start
        return prefix == 0 ? text(i) : String(text(i).unicodeScalars.dropFirst(prefix))
    }
}

/// A paragraph (or a line that stands alone: heading, list item, note) of a text.
public struct TextBlock: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, Codable {
        /// Running prose: sentences create ties.
        case prose
        /// A short line without closing punctuation: a title or section heading.
        case heading
        /// A footnote, endnote or bibliography entry: never creates ties.
        case note
    }

    public var tokens: Range<Int>
    public var role: Role
}

/// Splits a text into tokens and blocks in one pass, normalising as it goes.
///
/// What counts as noise is typographic, not lexical: superscript digits and
/// parenthesised numbers glued to a word are footnote markers, `*`/`_` around words
/// are markdown emphasis, a hyphen at the end of a line followed by a lowercase word
/// is a word broken across lines, and a single line break inside running text is a
/// soft wrap. Every token keeps the original offsets it came from.
public struct Tokenizer: Sendable {
    public init() {}

    public func tokenize(_ scalars: [Unicode.Scalar]) -> (tokens: Tokens, blocks: [TextBlock]) {
        var vocabulary = Vocabulary()
        return tokenize(scalars, vocabulary: &vocabulary)
    }

    /// `tokenize(_:)` with every token's text numbered in `vocabulary`.
    func tokenize(_ scalars: [Unicode.Scalar], vocabulary: inout Vocabulary) -> (tokens: Tokens, blocks: [TextBlock]) {
        let (tokens, blocks) = scalars.withUnsafeBufferPointer { tokenize($0, vocabulary: &vocabulary) }
        return (tokens, classify(blocks, tokens))
    }

    // Read through an unsafe buffer, with the word's UTF-8 built in place: bounds and
    // uniqueness checks per scalar, and turning scalar arrays into strings, were half
    // of tokenizing.
    private func tokenize(_ scalars: UnsafeBufferPointer<Unicode.Scalar>,
                          vocabulary: inout Vocabulary) -> (tokens: Tokens, blocks: [TextBlock]) {
        guard !scalars.isEmpty else { return (Tokens([], words: vocabulary.strings), []) }
        precondition(scalars.count <= UInt32.max, "a text of more than 2^32 scalars (files are at most 512 MB)")
        var blocks: [TextBlock] = []
        // Room for a token per scalar, the most there can be (each takes at least one):
        // tokens are written in place, where appending to an array checked its
        // uniqueness (a call) and capacity for every token. Only the pages written are
        // ever backed by memory.
        let array = [Token](unsafeUninitializedCapacity: scalars.count) { buffer, initialized in
            var tokens = TokenWriter(base: buffer.baseAddress!)
            defer { initialized = tokens.count }
            tokenize(scalars, into: &tokens, blocks: &blocks, vocabulary: &vocabulary)
        }
        return (Tokens(array, words: vocabulary.strings), blocks)
    }

    private func tokenize(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, into tokens: inout TokenWriter,
                          blocks: inout [TextBlock], vocabulary: inout Vocabulary) {
        var blockStart = 0
        let n = scalars.count
        var i = 0
        var atLineStart = true
        var lineHasContent = false
        var lineTokenCount = 0
        var inEmphasis = false
        // The word being read, reused from word to word.
        var text = WordBytes()
        defer { text.deallocate() }
        let marker = vocabulary.intern("⁰")
        /// The token of the mark `c` at `start`, normalised.
        func punctuation(_ c: Unicode.Scalar, start: Int, startsLine: Bool) -> Token {
            let v = Int(c.value)
            guard v < 0x80 else {
                return mark(vocabulary.mark(c), start: start, end: start + 1, startsLine: startsLine)
            }
            return Self.asciiMark(v, at: start, startsLine: startsLine, vocabulary: &vocabulary)
        }
        /// A punctuation token (a mark or a note marker) for vocabulary word `w`.
        func mark(_ w: Int32, start: Int, end: Int, startsLine: Bool) -> Token {
            vocabulary.token(w, kind: .punctuation, start: start, end: end, startsLine: startsLine)
        }

        func closeBlock() {
            if tokens.count > blockStart {
                blocks.append(TextBlock(tokens: blockStart..<tokens.count, role: .prose))
            }
            blockStart = tokens.count
        }

        while i < n {
            let c = scalars[i]
            // Most scalars are ASCII letters, digits and spaces: they skip the tests below.
            let v = c.value
            if v == 0x20 { i += 1; continue }
            let asciiWord = v < 0x80 && ((v | 0x20) &- 0x61 < 26 || v &- 0x30 < 10)
            if !asciiWord {
                if c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}" {
                    // Count the line breaks in this run of whitespace.
                    var breaks = 0
                    var j = i
                    while j < n, Self.isSpace(scalars[j]) || Self.isLineBreak(scalars[j]) {
                        if scalars[j] == "\n" || scalars[j] == "\u{2028}" || scalars[j] == "\u{2029}" { breaks += 1 }
                        else if scalars[j] == "\r", !(j + 1 < n && scalars[j + 1] == "\n") { breaks += 1 }
                        j += 1
                    }
                    let nextIsLower = j < n && Self.isLowercase(scalars[j])
                    let prevMark = tokens.last?.mark ?? 0
                    // A line that stops mid-sentence and resumes in lowercase is wrapped
                    // text, even across a blank line (a page break in a pasted essay).
                    let prevWord = tokens.last.map { $0.kind == .word } ?? false
                    let softWrap = nextIsLower && lineHasContent
                        && !(prevMark == UInt8(ascii: ".") || prevMark == UInt8(ascii: ":")
                             || prevMark == UInt8(ascii: "?") || prevMark == UInt8(ascii: "!"))
                        && (breaks == 1 || (breaks <= 3 && prevWord && (tokens.last?.startsLowercase == true
                            || tokens.last?.isCapitalised == true) && lineTokenCount >= 4))
                    if !softWrap {
                        inEmphasis = false
                        closeBlock()
                        atLineStart = true
                        lineHasContent = false
                        lineTokenCount = 0
                    }
                    i = j
                    continue
                }
                if Self.isSpace(c) { i += 1; continue }

                // Footnote markers: superscript digits anywhere; (12) or [12] glued to a
                // word on either side, or opening a line.
                if Self.isSuperscriptDigit(c) {
                    let start = i
                    while i < n, Self.isSuperscriptDigit(scalars[i]) { i += 1 }
                    // A marker opening a line starts a footnote entry.
                    if atLineStart && !lineHasContent {
                        tokens.append(mark(marker, start: start, end: i, startsLine: true))
                        lineHasContent = true
                        atLineStart = false
                    }
                    continue
                }
                if (c == "(" || c == "["), let close = Self.noteMarkerEnd(scalars, i) {
                    let gluedBefore = i > 0 && !Self.isSpace(scalars[i - 1]) && !Self.isLineBreak(scalars[i - 1])
                    let gluedAfter = close < n && (scalars[close].properties.isAlphabetic)
                    if gluedBefore || gluedAfter || atLineStart {
                        // A marker opening a line marks that line as a note entry.
                        if atLineStart && !lineHasContent {
                            tokens.append(mark(marker, start: i, end: close, startsLine: true))
                            lineHasContent = true
                            atLineStart = false
                        }
                        i = close
                        continue
                    }
                }
                if c == "*" || c == "_" {
                    // Opening when followed by a word character, closing otherwise.
                    if i + 1 < n, Self.isWordScalar(scalars[i + 1]) || scalars[i + 1] == "*" || scalars[i + 1] == "_" {
                        if !(i > 0 && Self.isWordScalar(scalars[i - 1])) { inEmphasis = true }
                    } else {
                        inEmphasis = false
                    }
                    i += 1
                    continue
                }
            }

            // A word of ASCII letters ended by what cannot continue a word (nearly every
            // word of an English text) is looked up where it lies: no call to
            // `readWord`, no copy of its bytes.
            if asciiWord, v > 0x39 {
                let before = tokens.count
                var words = 0
                let next = Self.plainRun(scalars, from: i, startsLine: atLineStart, emphasised: inEmphasis,
                                         tokens: &tokens, words: &words, vocabulary: &vocabulary)
                if tokens.count > before {
                    i = next
                    atLineStart = false
                    lineHasContent = true
                    lineTokenCount += words
                    continue
                }
            }

            if asciiWord || Self.isWordScalar(c) {
                let start = i
                let (next, end, possessive, allDigits) = Self.readWord(scalars, from: i, into: &text)
                i = next
                let bytes = text.bytes
                let word = vocabulary.intern(bytes, hash: text.hash)
                tokens.append(vocabulary.token(word, kind: allDigits ? .number : .word, start: start, end: end,
                                               possessive: possessive, startsLine: atLineStart, emphasised: inEmphasis))
                atLineStart = false
                lineHasContent = true
                lineTokenCount += 1
                continue
            }

            // Punctuation, normalised.
            tokens.append(punctuation(c, start: i, startsLine: atLineStart))
            atLineStart = false
            lineHasContent = true
            i += 1
        }
        closeBlock()
    }

    /// The plain words (see `plainWord`) from `start`, the spaces between them and the
    /// plain marks (see `isPlainMark`), as tokens; returns where the run stops (at
    /// `start` when its first word is not plain) and adds the words made to `words`.
    /// Most of a text is such runs: in a function of its own, with few values live, the
    /// loop keeps them in registers, where inside `tokenize` they went to memory and
    /// back for every word.
    @inline(never)
    private static func plainRun(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, from start: Int, startsLine: Bool,
                                 emphasised: Bool, tokens: inout TokenWriter, words: inout Int,
                                 vocabulary: inout Vocabulary) -> Int {
        let n = scalars.count
        var i = start
        var first = startsLine
        while i < n {
            let v = scalars[i].value
            if v == 0x20 { i &+= 1; continue }
            if (v | 0x20) &- 0x61 < 26 {
                guard let (end, low, high) = plainWord(scalars, from: i) else { break }
                let letters = UnsafeBufferPointer(rebasing: scalars[i..<end])
                let word = end &- i <= 16
                    ? vocabulary.intern(packed: low, high, letters: letters)
                    : vocabulary.intern(ascii: letters)
                tokens.append(Token(kind: .word, word: word,
                                    start: i, end: end, possessive: false, startsLine: first,
                                    emphasised: emphasised, initial: UInt8(truncatingIfNeeded: v),
                                    length: UInt8(min(end &- i, 255))))
                words &+= 1
                first = false
                i = end
                continue
            }
            guard isPlainMark(v) else { break }
            tokens.append(asciiMark(Int(v), at: i, startsLine: first, vocabulary: &vocabulary))
            first = false
            i &+= 1
        }
        return i
    }

    /// The ASCII marks `tokenize` makes a punctuation token of and nothing else: every
    /// printable one but letters, digits and the four it reads further (`(` and `[`,
    /// which may open a note marker; `*` and `_`, emphasis). Made in the run of plain
    /// words they stand in (a comma, a full stop), not each back in `tokenize`'s loop
    /// and a new run after it: runs fell from 234,096 to 113,434 and extraction's
    /// instructions by 11 M (callgrind, 4.95 MB corpus).
    @inline(__always)
    static func isPlainMark(_ v: UInt32) -> Bool {
        // Bits of !"#$%&')+,-./:;<=>? and of @\]^`{|}~.
        let low: UInt64 = 0xFC00_FAFE_0000_0000
        let high: UInt64 = 0x7800_0001_7000_0001
        return v < 0x80 && (v < 0x40 ? low &>> UInt64(v) : high &>> UInt64(v &- 0x40)) & 1 != 0
    }

    /// The token of ASCII mark `v` at `start`, normalised: its number kept by the
    /// vocabulary, the byte it is normalised to from a table, no string asked.
    @inline(__always)
    static func asciiMark(_ v: Int, at start: Int, startsLine: Bool, vocabulary: inout Vocabulary) -> Token {
        Token(kind: .punctuation, word: vocabulary.mark(Unicode.Scalar(UInt8(v))), start: start, end: start + 1,
              startsLine: startsLine, initial: asciiPunctuationBytes[v], length: 1)
    }

    /// The end of the run of ASCII letters from `start` (an ASCII letter) and, when it
    /// is at most sixteen letters long, the letters packed a byte each into two
    /// integers, the first eight into `low` (see `PackedWords`), when the word ends
    /// there: what follows is not a letter or digit, an apostrophe, a hyphen or anything
    /// outside ASCII, the cases `readWord` reads on through. Nil otherwise.
    @inline(__always)
    private static func plainWord(_ scalars: UnsafeBufferPointer<Unicode.Scalar>,
                                  from start: Int) -> (end: Int, low: UInt64, high: UInt64)? {
        let n = scalars.count
        var j = start
        var low: UInt64 = 0
        var high: UInt64 = 0
        if start &+ 8 <= n {
            let length = packEight(scalars.baseAddress! + start, into: &low)
            j &+= length
            if length == 8 {
                if start &+ 16 <= n {
                    j &+= packEight(scalars.baseAddress! + (start &+ 8), into: &high)
                } else {
                    pack(scalars, &j, upTo: n, into: &high)
                }
                if j &- start == 16 {
                    while j < n, (scalars[j].value | 0x20) &- 0x61 < 26 { j &+= 1 }
                }
            }
        } else {
            // Fewer than eight scalars left: the word fits in `low`.
            pack(scalars, &j, upTo: n, into: &low)
        }
        if j < n {
            // Digits, apostrophe and hyphen as bits of one mask.
            let v = scalars[j].value
            let continues: UInt64 = 0x03FF << 0x30 | 1 << 0x27 | 1 << 0x2D
            if v >= 0x80 || (v < 64 && continues &>> UInt64(v) & 1 != 0) { return nil }
        }
        return (j, low, high)
    }

    /// The number of ASCII letters (0 to 8) that open the eight scalars at `p`, and
    /// those letters packed into `value` as `pack` packs them, read eight at a time:
    /// the scalars narrowed to bytes (any outside ASCII keeping bit 7 set), then every
    /// byte tested at once. A loop of a letter at a time ended on a mispredicted branch
    /// in nearly every word.
    @inline(__always)
    private static func packEight(_ p: UnsafePointer<Unicode.Scalar>, into value: inout UInt64) -> Int {
        let v = UnsafeRawPointer(p).loadUnaligned(as: SIMD8<UInt32>.self)
        // Bit 31 of `high | -high` is set for a scalar past 0x7F; shifted down to bit 7.
        let high = v &>> 7
        let narrowed = v | ((high | (SIMD8<UInt32>(repeating: 0) &- high)) &>> 24)
        let bytes = unsafeBitCast(SIMD8<UInt8>(truncatingIfNeeded: narrowed), to: UInt64.self)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let seven = ones &* 0x7F
        let folded = bytes | (ones &* 0x20)
        // Per byte, bit 7 of: at least "a", at least "{", outside ASCII (no carries:
        // 0x7F + 0x1F < 0x100).
        let atLeastA = (folded & seven) &+ ones &* (0x80 - 0x61)
        let pastZ = (folded & seven) &+ ones &* (0x80 - 0x7B)
        let other = ~(atLeastA & ~pastZ & ~folded) & (ones &* 0x80)
        let length = other.trailingZeroBitCount &>> 3
        if length > 0 { value = bytes.byteSwapped &>> UInt64(64 &- 8 &* length) }
        return length
    }

    /// Shifts the ASCII letters from `j` into `value`, a byte each, until one is not a
    /// letter or `stop` is reached; `j` ends past the last. Only ASCII letters pass
    /// `(v | 0x20) - 0x61 < 26`: any other scalar with bit 5 set is at least 0x80.
    @inline(__always)
    private static func pack(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ j: inout Int, upTo stop: Int,
                             into value: inout UInt64) {
        while j < stop {
            let v = scalars[j].value
            guard (v | 0x20) &- 0x61 < 26 else { break }
            value = value &<< 8 | UInt64(truncatingIfNeeded: v)
            j &+= 1
        }
    }

    /// Reads the word starting at `start` into `text`: returns the index past it (and
    /// past a possessive or glued footnote marker) and the end of the word itself. In a
    /// function of its own, with the bytes, count and hash in local variables, so that
    /// they stay in registers: inside `tokenize`, where closures capture its state, and
    /// in the fields of an `inout` buffer (which a byte store may alias), they went to
    /// memory and back for every scalar. Unicode properties are asked in functions of
    /// their own for the same reason (their resilient types cost a prologue per call).
    @inline(never)
    private static func readWord(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, from start: Int,
                                 into text: inout WordBytes) -> (next: Int, end: Int, possessive: Bool, allDigits: Bool) {
        var bytes = text.storage
        var capacity = text.capacity
        var count = 0
        var hash = ByteWords.offset
        defer { text.update(storage: bytes, capacity: capacity, count: count, hash: hash) }
        @inline(__always) func appendASCII(_ b: UInt8) {
            if count == capacity { (bytes, capacity) = WordBytes.enlarged(bytes, capacity: capacity, count: count) }
            bytes[count] = b
            count &+= 1
            hash = ByteWords.step(hash, b)
        }
        @inline(__always) func append(_ s: Unicode.Scalar) {
            if count + 4 > capacity { (bytes, capacity) = WordBytes.enlarged(bytes, capacity: capacity, count: count) }
            let from = count
            count = ScalarText.append(s, to: UnsafeMutableBufferPointer(start: bytes, count: capacity), at: count)
            for k in from..<count { hash = ByteWords.step(hash, bytes[k]) }
        }
        let n = scalars.count
        var i = start
        var end = i
        var possessive = false
        var allDigits = true
        while i < n {
            let s = scalars[i]
            // ASCII letters first: most of a word.
            let v = s.value
            if v < 0x80 && (v | 0x20) &- 0x61 < 26 {
                appendASCII(UInt8(truncatingIfNeeded: v))
                allDigits = false
                i += 1
                end = i
                continue
            }
            if Self.isWordScalar(s) {
                append(s)
                if s.isASCII ? !(v >= 0x30 && v <= 0x39) : !isNumeric(s) { allDigits = false }
                i += 1
                end = i
                continue
            }
            // Superscript markers glued to the end of a word: skip them.
            if Self.isSuperscriptDigit(s) {
                var j = i
                while j < n, Self.isSuperscriptDigit(scalars[j]) { j += 1 }
                i = j
                break
            }
            if Self.isApostrophe(s), i + 1 < n, Self.isWordScalar(scalars[i + 1]) {
                // 's possessive (not 'sth): keep it out of the word.
                if (scalars[i + 1] == "s" || scalars[i + 1] == "S"),
                   i + 2 >= n || !Self.isWordScalar(scalars[i + 2]) {
                    possessive = true
                    i += 2
                    break
                }
                appendASCII(UInt8(ascii: "'"))
                i += 1
                continue
            }
            if Self.isHyphen(s), i + 1 < n {
                if Self.isWordScalar(scalars[i + 1]) {
                    appendASCII(UInt8(ascii: "-"))
                    i += 1
                    continue
                }
                // Word broken across a line: "Govern-\nment".
                var j = i + 1
                var sawBreak = false
                while j < n, Self.isSpace(scalars[j]) || Self.isLineBreak(scalars[j]) {
                    if Self.isLineBreak(scalars[j]) { sawBreak = true }
                    j += 1
                }
                if sawBreak, j < n, isLowercase(scalars[j]) {
                    i = j
                    continue
                }
            }
            // Initials and abbreviations with inner dots stay split: "E.H." is
            // E . H . so that "E. H. Carr" and "E.H. Carr" match alike.
            break
        }
        return (i, end, possessive, allDigits)
    }

    @inline(never)
    static func isNumeric(_ s: Unicode.Scalar) -> Bool { s.properties.numericType != nil }

    @inline(never)
    static func isLowercase(_ s: Unicode.Scalar) -> Bool {
        // ASCII without the property tables: asked at every line break.
        s.value < 0x80 ? s.value &- 0x61 < 26 : s.properties.isLowercase
    }

    @inline(never)
    static func isOtherWordScalar(_ c: Unicode.Scalar) -> Bool {
        // General Punctuation (dashes, curly quotes, ellipsis: most of the non-ASCII
        // scalars of an English text) holds no letter and no digit: answered without
        // the property tables.
        if c.value >= 0x2000 && c.value <= 0x206F { return false }
        if isSuperscriptDigit(c) { return false }
        let p = c.properties
        return p.isAlphabetic || p.numericType == .decimal
    }

    /// Marks headings and notes. A block opening with a footnote marker, or any block
    /// after a "Notes"/"References" heading, is a note.
    private func classify(_ blocks: [TextBlock], _ tokens: Tokens) -> [TextBlock] {
        var out = blocks
        var inNotes = false
        for b in out.indices {
            let range = out[b].tokens
            let first = tokens[range.lowerBound]
            // Marks compared as bytes, not strings: this runs for every block.
            let last = tokens[range.upperBound - 1].mark
            let closing = last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?")
                || last == UInt8(ascii: ":") || last == UInt8(ascii: ";")
                || ((last == UInt8(ascii: "\"") || last == UInt8(ascii: "'") || last == UInt8(ascii: ")")) && range.count >= 2
                    && SentenceSplitter.isStop(tokens[range.upperBound - 2].mark))
            if first.kind == .punctuation && tokens.text(of: first) == "⁰" {
                out[b].role = .note
                continue
            }
            if inNotes {
                out[b].role = .note
                continue
            }
            guard !closing else { continue }
            // Up to 13 words are looked at: a paragraph's words were all gathered just to
            // be counted.
            var words = 0
            var firstWord: Int? = nil
            for i in range where tokens[i].kind != .punctuation {
                if firstWord == nil { firstWord = i }
                words += 1
                if words > 12 { break }
            }
            if words <= 12 {
                out[b].role = .heading
                if let h = firstWord, words <= 3, Self.noteHeadings.contains(tokens.text(h).lowercased()) {
                    inNotes = true
                }
            }
        }
        return out
    }

    static let noteHeadings: Set<String> = [
        "notes", "note", "references", "endnotes", "footnotes", "sources", "bibliography", "further", "works",
    ]

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\u{00A0}" || c == "\u{2009}" || c == "\u{202F}" || c == "\u{200B}"
            || c == "\u{FEFF}" || c == "\u{000B}" || c == "\u{000C}"
    }

    @inline(__always) static func isLineBreak(_ c: Unicode.Scalar) -> Bool {
        c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}"
    }

    @inline(__always) static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            let v = c.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return isOtherWordScalar(c)
    }

    @inline(__always) static func isSuperscriptDigit(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x00B9, 0x00B2, 0x00B3, 0x2070, 0x2074...0x2079: true
        default: false
        }
    }

    @inline(__always) static func isApostrophe(_ c: Unicode.Scalar) -> Bool {
        c == "'" || c == "\u{2019}" || c == "\u{02BC}"
    }

    @inline(__always) static func isHyphen(_ c: Unicode.Scalar) -> Bool {
        c == "-" || c == "\u{2010}" || c == "\u{2011}" || c == "\u{00AD}"
    }

    /// `(12)` or `[12]` starting at `i`: returns the index after the closing bracket.
    static func noteMarkerEnd(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ i: Int) -> Int? {
        let close: Unicode.Scalar = s[i] == "(" ? ")" : "]"
        var j = i + 1
        var digits = 0
        while j < s.count, s[j].value >= 0x30 && s[j].value <= 0x39 { j += 1; digits += 1 }
        guard digits >= 1, digits <= 3, j < s.count, s[j] == close else { return nil }
        return j + 1
    }

    static func normalisePunctuation(_ c: Unicode.Scalar) -> String {
        c.value < 0x80 ? asciiPunctuation[Int(c.value)] : normalised(c)
    }

    /// `normalised` of each ASCII character, made once: most punctuation is ASCII.
    private static let asciiPunctuation: [String] = (0..<128).map { normalised(Unicode.Scalar(UInt8($0))) }
    /// Each of them is one ASCII byte (only "`" changes, to "'").
    private static let asciiPunctuationBytes: [UInt8] = asciiPunctuation.map {
        precondition($0.utf8.count == 1, "an ASCII mark is normalised to one ASCII byte")
        return $0.utf8.first!
    }

    private static func normalised(_ c: Unicode.Scalar) -> String {
        switch c {
        case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2032}", "`": "'"
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{00AB}", "\u{00BB}", "\u{2033}": "\""
        case "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}": "-"
        case "\u{2026}": "..."
        default: String(c)
        }
    }
}

/// Tokens written one after another into memory with room for them all.
private struct TokenWriter {
    let base: UnsafeMutablePointer<Token>
    private(set) var count = 0

    init(base: UnsafeMutablePointer<Token>) {
        self.base = base
    }

    @inline(__always)
    mutating func append(_ token: Token) {
        (base + count).initialize(to: token)
        count &+= 1
    }

    var last: Token? { count > 0 ? base[count - 1] : nil }
}

/// The UTF-8 of the word being read, and its FNV-1a hash so far: a buffer that grows
/// and is reused from word to word.
private struct WordBytes {
    private(set) var storage = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
    private(set) var capacity = 64
    private(set) var count = 0
    private(set) var hash = ByteWords.offset

    mutating func update(storage: UnsafeMutablePointer<UInt8>, capacity: Int, count: Int, hash: UInt32) {
        self.storage = storage
        self.capacity = capacity
        self.count = count
        self.hash = hash
    }

    /// `storage` moved to a buffer twice as large, its first `count` bytes kept.
    static func enlarged(_ storage: UnsafeMutablePointer<UInt8>, capacity: Int,
                         count: Int) -> (UnsafeMutablePointer<UInt8>, Int) {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: storage, count: count)
        storage.deallocate()
        return (bigger, capacity * 2)
    }

    /// The bytes of the last word read, valid until the next.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    func deallocate() { storage.deallocate() }
}
