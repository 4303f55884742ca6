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
        var verdicts = [UInt8](repeating: 0, count: tokens.words.count)
        return verdicts.withUnsafeMutableBufferPointer { split(tokens: tokens, blocks: blocks, verdicts: $0) }
    }

    /// `split(tokens:blocks:scalars:)` for tokens numbered in `vocabulary`, which keeps
    /// what a full stop after each word makes of it from document to document.
    func split(tokens: Tokens, blocks: [TextBlock], vocabulary: inout Vocabulary) -> [Sentence] {
        vocabulary.abbreviation.withUnsafeMutableBufferPointer { split(tokens: tokens, blocks: blocks, verdicts: $0) }
    }

    /// `verdicts` holds `AbbreviationVerdict`s by word number, 0 until worked out.
    private func split(tokens: Tokens, blocks: [TextBlock], verdicts: UnsafeMutableBufferPointer<UInt8>) -> [Sentence] {
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
                    if m == UInt8(ascii: "."), isAbbreviation(tokens, i, blockStart: block.tokens.lowerBound, verdicts) {
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

    /// What a full stop glued to a word makes of it, worked out once per word: the
    /// word's text, lowercased against the set, was asked at every full stop (14 M
    /// instructions for 64,500 of them, callgrind, 4.95 MB corpus).
    enum AbbreviationVerdict: UInt8 {
        case no = 1
        /// An abbreviation or an initial.
        case yes = 2
        /// Month names and "no", "p": an abbreviation only before a number, a lowercase
        /// word or a comma ("in Oct." at a sentence's end is rare; "Oct. 24" is common).
        case beforeNumber = 3
    }

    private static let abbreviationsBeforeNumbers: Set<String> = [
        "no", "p", "pp", "vol", "ch", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "c", "e", "i", "n",
    ]

    static func abbreviationVerdict(_ word: String) -> AbbreviationVerdict {
        if word.unicodeScalars.count == 1, word.unicodeScalars.first!.properties.isUppercase { return .yes }
        guard isAbbreviation(word) else { return .no }
        return abbreviationsBeforeNumbers.contains(word.lowercased()) ? .beforeNumber : .yes
    }

    private func isAbbreviation(_ tokens: Tokens, _ dot: Int, blockStart: Int,
                                _ verdicts: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        guard dot > blockStart else { return false }
        // Fields read in place: a copy of the token before the full stop, and of its
        // text, was a third of the cost of asking (callgrind).
        let (glued, kind, length, initial, w) = tokens.elements.withUnsafeBufferPointer {
            ($0[dot - 1].end == $0[dot].start, $0[dot - 1].kind, $0[dot - 1].length, $0[dot - 1].initial,
             Int($0[dot - 1].word))
        }
        // The dot must be glued to the word it abbreviates.
        guard glued, kind != .punctuation else { return false }
        // A single capital letter is an initial, and a word longer than any abbreviation
        // is none: told from the first byte and length the token keeps when they are
        // ASCII.
        if initial < 0x80 {
            if length == 1 && initial >= 0x41 && initial <= 0x5A { return true }
            if Int(length) > Self.longestAbbreviation { return false }
        }
        if verdicts[w] == 0 { verdicts[w] = Self.abbreviationVerdict(tokens.words[w]).rawValue }
        switch AbbreviationVerdict(rawValue: verdicts[w])! {
        case .no: return false
        case .yes: return true
        case .beforeNumber:
            guard dot + 1 < tokens.count else { return true }
            let next = tokens[dot + 1]
            return next.kind == .number || next.firstScalarIsLowercase || next.mark == UInt8(ascii: ",")
        }
    }
}
