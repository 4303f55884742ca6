/// A sentence: a run of tokens inside one block.
public struct Sentence: Sendable, Hashable {
    /// Index of the sentence in its document, from 0.
    public var index: Int
    public var tokens: Range<Int>
    /// Index of the block (paragraph, heading or note) it belongs to.
    public var block: Int
    public var role: TextBlock.Role
    /// Original scalar offsets of the sentence's text.
    public var start: Int
    public var end: Int
}

/// Splits blocks into sentences.
///
/// A `.`, `!` or `?` ends a sentence unless it closes an abbreviation (`Gen.`, `St.`,
/// `p.`), an initial (`F. F. Raskolnikov`, `E.H. Carr`), or is followed by a lowercase
/// word (an elision or a question inside a quotation). Closing quotes and brackets
/// that follow the mark stay with the sentence they close.
public struct SentenceSplitter: Sendable {
    public init() {}

    public static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "gen", "col", "capt", "lt", "maj", "sgt", "adm", "prof", "rev", "hon",
        "gov", "pres", "sen", "rep", "jr", "sr", "vol", "vols", "no", "nos", "pp", "p", "ed", "eds", "cf", "vs",
        "etc", "ibid", "op", "cit", "ch", "chap", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "dept", "univ", "approx", "ca", "c", "e", "i",
        "viz", "al", "esp", "trans", "tr", "repr", "mt", "ft", "vs", "comp", "n", "nn",
    ]

    public func split(tokens: Tokens, blocks: [TextBlock], scalars: [Unicode.Scalar]) -> [Sentence] {
        var sentences: [Sentence] = []
        for (b, block) in blocks.enumerated() {
            var start = block.tokens.lowerBound
            var i = start
            let end = block.tokens.upperBound
            func emit(_ upTo: Int) {
                guard upTo > start else { return }
                // Drop sentences made only of punctuation or note markers.
                if (start..<upTo).contains(where: { tokens[$0].kind != .punctuation }) {
                    // A note marker is punctuation: most sentences open with a word, which
                    // then needs no string compared.
                    let marker = tokens[start].kind == .punctuation && tokens.text(start) == "⁰"
                    let first = marker && upTo > start + 1 ? start + 1 : start
                    sentences.append(Sentence(index: sentences.count, tokens: start..<upTo, block: b, role: block.role,
                                              start: tokens[first].start, end: tokens[upTo - 1].end))
                }
                start = upTo
            }
            // Only prose is split; in it, words are most tokens, passed over in place to
            // the next mark.
            if block.role != .prose { i = end }
            while i < end {
                tokens.elements.withUnsafeBufferPointer { p in
                    while i < end && p[i].kind != .punctuation { i &+= 1 }
                }
                guard i < end else { break }
                // One-byte marks compared as bytes (a tenth of splitting was comparing strings).
                let t = tokens[i]
                let m = t.mark
                if m == UInt8(ascii: ".") || m == UInt8(ascii: "!") || m == UInt8(ascii: "?") {
                    var j = i + 1
                    // Ellipses and runs of marks.
                    while j < end, Self.isStop(tokens[j].mark) { j += 1 }
                    // Closing quotes and brackets belong to this sentence.
                    while j < end, Self.isCloser(tokens[j].mark) {
                        // A quote that opens the next sentence is followed by a capital
                        // with no space; an apostrophe closing a quote follows the mark.
                        if tokens[j].start != tokens[j - 1].end { break }
                        j += 1
                    }
                    if m == UInt8(ascii: "."), isAbbreviation(tokens, i, blockStart: block.tokens.lowerBound) {
                        i += 1
                        continue
                    }
                    if j < end, tokens[j].firstScalarIsLowercase {
                        i = j
                        continue
                    }
                    emit(j)
                    i = j
                    continue
                }
                i += 1
            }
            emit(end)
        }
        return sentences
    }

    @inline(__always) static func isStop(_ m: UInt8) -> Bool {
        m == UInt8(ascii: ".") || m == UInt8(ascii: "!") || m == UInt8(ascii: "?")
    }

    @inline(__always) static func isCloser(_ m: UInt8) -> Bool {
        m == UInt8(ascii: "\"") || m == UInt8(ascii: "'") || m == UInt8(ascii: ")") || m == UInt8(ascii: "]")
    }

    /// The abbreviations, where an ASCII word is found with its capitals read as
    /// lowercase and a word longer than any of them is turned away unhashed:
    /// lowercasing each word before a full stop into a new string for the set was 2 %
    /// of extraction (callgrind, 5 MB corpus).
    private static let abbreviationWords = WordSet(abbreviations)
    private static let longestAbbreviation = abbreviations.map(\.utf8.count).max()!

    /// `word` lowercased is one of `abbreviations`.
    static func isAbbreviation(_ word: String) -> Bool { abbreviationWords.containsLowercased(word) }

    private func isAbbreviation(_ tokens: Tokens, _ dot: Int, blockStart: Int) -> Bool {
        guard dot > blockStart else { return false }
        // Fields read in place: a copy of the token before the full stop, and of its
        // text, was a third of the cost of asking (callgrind).
        let (glued, kind, length, initial) = tokens.elements.withUnsafeBufferPointer {
            ($0[dot - 1].end == $0[dot].start, $0[dot - 1].kind, $0[dot - 1].length, $0[dot - 1].initial)
        }
        // The dot must be glued to the word it abbreviates.
        guard glued, kind != .punctuation else { return false }
        // A single capital letter is an initial (told from the first byte and length
        // the token keeps when they are ASCII: counting the scalars cost 300
        // instructions a full stop).
        let ascii = initial < 0x80
        if ascii {
            if length == 1 && initial >= 0x41 && initial <= 0x5A { return true }
            // Longer than any abbreviation: no string asked for.
            if Int(length) > Self.longestAbbreviation { return false }
        }
        let word = tokens.text(dot - 1)
        if !ascii, word.unicodeScalars.count == 1, word.unicodeScalars.first!.properties.isUppercase { return true }
        if Self.isAbbreviation(word) {
            // "in Oct." at a sentence's end is rare; "Oct. 24" is common. Month names
            // and "no"/"p" count only when a number or lowercase word follows.
            if dot + 1 < tokens.count {
                let next = tokens[dot + 1]
                if ["no", "p", "pp", "vol", "ch", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                    "oct", "nov", "dec", "c", "e", "i", "n"].contains(word.lowercased()) {
                    return next.kind == .number || next.firstScalarIsLowercase || next.mark == UInt8(ascii: ",")
                }
            }
            return true
        }
        return false
    }
}
