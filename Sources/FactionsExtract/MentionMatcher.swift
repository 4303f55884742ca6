import FactionsCore

/// A name found in a text.
public struct Mention: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// A lexicon entry, by index.
        case entry(Int)
        /// A context-dependent form, by index into the lexicon's `ambiguous` list.
        case ambiguous(Int)
        /// A form the lexicon says to ignore (a place, a book title): it takes part in
        /// longest match, so "The Bolshevik Revolution" does not yield "Bolshevik".
        case ignored
    }

    public var target: Target
    /// Token range in the document.
    public var tokens: Range<Int>
    /// Original scalar offsets.
    public var start: Int
    public var end: Int
    // No `String` here (its normalised form is `Tokens.form(of:)`): a mention holds
    // plain values, so a sentence's array of them is freed without a release for each.
}

/// Finds every lexicon alias in a token stream with one trie over all aliases,
/// keyed by token: at each position the longest alias wins, so nested names stay
/// distinct (`Left SRs` is not `SRs`, `Bolshevik Central Committee` is not
/// `Bolsheviks`). Possessives are split off by the tokenizer; plural and singular
/// forms of each alias's last word are added unless another actor claims them.
///
/// Matching is O(n · L) for n tokens and L the longest alias in tokens.
public struct MentionMatcher: Sendable {
    /// The alias trie while it is built, keyed by words.
    private struct TrieBuilder {
        struct Node {
            var children: [String: Int] = [:]
            var target: Mention.Target? = nil
            /// Explicit aliases outrank generated plural/singular variants.
            var explicit = false
        }
        var nodes = [Node()]

        mutating func insert(_ key: [String], _ target: Mention.Target, explicit: Bool) {
            var node = 0
            for part in key {
                if let next = nodes[node].children[part] {
                    node = next
                } else {
                    nodes.append(Node())
                    nodes[node].children[part] = nodes.count - 1
                    node = nodes.count - 1
                }
            }
            if nodes[node].target == nil || (explicit && !nodes[node].explicit) {
                nodes[node].target = target
                nodes[node].explicit = explicit
            }
        }
    }

    public let lexicon: Lexicon
    /// The trie for matching, flattened once built: every word of every alias gets an
    /// id, so a token is looked up once per sentence and the walk compares integers.
    private var words = WordTable()
    /// Children of node v: `childWord[childStart[v]..<childStart[v + 1]]` (sorted word
    /// ids) and the nodes they lead to in `childNode`.
    private var childStart: [Int32] = []
    private var childWord: [Int32] = []
    private var childNode: [Int32] = []
    private var nodeTarget: [Mention.Target?] = []
    /// The root's child along each word id, or -1: every match starts at the root,
    /// which has a child for most words, too many for a quick binary search.
    private var rootChild: [Int32] = []

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        let tokenizer = Tokenizer()
        var trie = TrieBuilder()
        var variantOwners: [[String]: Set<Int>] = [:]
        var explicitKeys = Set<[String]>()
        // One vocabulary for all the aliases: a fresh one per alias (its table and
        // arrays allocated and cleared) was a third of building a matcher.
        var vocabulary = Vocabulary()
        func keys(_ alias: String) -> [String] {
            let scalars = Array(alias.unicodeScalars)
            let tokens = tokenizer.tokenize(scalars, vocabulary: &vocabulary).tokens
            return tokens.indices.map { tokens[$0].possessive ? tokens.text($0) + "'s" : tokens.text($0) }
        }
        for (e, entry) in lexicon.entries.enumerated() {
            for alias in entry.aliases {
                let k = keys(alias)
                guard !k.isEmpty else { continue }
                trie.insert(k, .entry(e), explicit: true)
                explicitKeys.insert(k)
                // Common-noun aliases ("soviets") get no singular/plural variants:
                // the lowercase singular is usually an adjective ("soviet power").
                if k.last?.first?.isUppercase == true {
                    for variant in Self.variants(k) { variantOwners[variant, default: []].insert(e) }
                } else if let last = k.last, !last.hasSuffix("s"), last.allSatisfy(\.isLetter) {
                    var plural = k
                    plural[plural.count - 1] = last + "s"
                    variantOwners[plural, default: []].insert(e)
                }
            }
        }
        for (a, form) in lexicon.ambiguous.enumerated() {
            let k = keys(form.form)
            guard !k.isEmpty else { continue }
            trie.insert(k, .ambiguous(a), explicit: true)
            explicitKeys.insert(k)
            if k[0] == "the" || k[0] == "The" {
                var other = k
                other[0] = k[0] == "the" ? "The" : "the"
                if !explicitKeys.contains(other) {
                    trie.insert(other, .ambiguous(a), explicit: true)
                    explicitKeys.insert(other)
                }
            }
        }
        for form in lexicon.ignore {
            let k = keys(form)
            guard !k.isEmpty, !explicitKeys.contains(k) else { continue }
            trie.insert(k, .ignored, explicit: true)
            explicitKeys.insert(k)
        }
        let byText = variantOwners.map { (text: $0.key.joined(separator: " "), variant: $0.key, owners: $0.value) }
            .sorted { $0.text < $1.text }
        for (_, variant, owners) in byText where owners.count == 1 && !explicitKeys.contains(variant) {
            trie.insert(variant, .entry(owners.first!), explicit: false)
        }
        flatten(trie.nodes)
    }

    private mutating func flatten(_ nodes: [TrieBuilder.Node]) {
        var vocabulary: [String: Int32] = [:]
        var list: [String] = []
        for node in nodes {
            for word in node.children.keys where vocabulary[word] == nil {
                vocabulary[word] = Int32(list.count)
                list.append(word)
            }
        }
        words = WordTable(list)
        childStart = [0]
        for node in nodes {
            let sorted = node.children.map { (vocabulary[$0.key]!, Int32($0.value)) }.sorted { $0.0 < $1.0 }
            childWord += sorted.map(\.0)
            childNode += sorted.map(\.1)
            childStart.append(Int32(childWord.count))
        }
        nodeTarget = nodes.map(\.target)
        rootChild = [Int32](repeating: -1, count: vocabulary.count)
        for k in Int(childStart[0])..<Int(childStart[1]) { rootChild[Int(childWord[k])] = childNode[k] }
    }

    /// The child of `node` along word `word`, or -1.
    @inline(__always)
    private func child(_ node: Int, _ word: Int32) -> Int {
        guard word >= 0 else { return -1 }
        if node == 0 { return Int(rootChild[Int(word)]) }
        var lo = Int(childStart[node]), hi = Int(childStart[node + 1])
        while lo < hi {
            let mid = (lo + hi) >> 1
            let w = childWord[mid]
            if w == word { return Int(childNode[mid]) }
            if w < word { lo = mid + 1 } else { hi = mid }
        }
        return -1
    }

    /// Plural and singular of the last word: `Bolshevik` ↔ `Bolsheviks`, `SR` → `SRs`.
    static func variants(_ key: [String]) -> [[String]] {
        guard let last = key.last, last.unicodeScalars.count >= 2,
              last.unicodeScalars.allSatisfy({ Tokenizer.isWordScalar($0) }) else { return [] }
        var out: [[String]] = []
        var plural = key
        if last.hasSuffix("s") {
            if !last.hasSuffix("ss"), last.count >= 4 {
                var singular = key
                singular[singular.count - 1] = String(last.dropLast())
                out.append(singular)
            }
        } else {
            plural[plural.count - 1] = last + "s"
            out.append(plural)
        }
        return out
    }

    /// The longest alias starting at token `i`: its end and target. `answer(j)` is
    /// what token j is to matching (see `AliasWord`).
    @inline(__always)
    private func longest(at i: Int, limit: Int, _ answer: (Int) -> AliasWord) -> (end: Int, target: Mention.Target)? {
        var node = 0
        var best: (end: Int, target: Mention.Target)? = nil
        var j = i
        while j < limit {
            let found = answer(j)
            // A possessive continues a name only where the alias has one
            // ("International Women's Day"); otherwise the name stops there
            // ("Lenin's Bolsheviks").
            let possessive = found.possessive != -2
            if possessive {
                let next = child(node, found.possessive)
                if next >= 0 {
                    node = next
                    j += 1
                    if let t = nodeTarget[node] { best = (j, t) }
                    continue
                }
            }
            let next = child(node, found.id)
            guard next >= 0 else { break }
            node = next
            j += 1
            if let t = nodeTarget[node] { best = (j, t) }
            if possessive { break }
        }
        return best
    }

    /// "anti-Bolshevik", "pro-Kerensky": the name after the prefix is a mention. Asked
    /// only of tokens whose word has such a name (`AliasWord.prefixed`).
    private func prefixed(_ tokens: Tokens, index: Int) -> Mention? {
        let token = tokens[index]
        let text = tokens.text(index)
        guard let (prefix, target) = prefixedName(text) else { return nil }
        // Only when the token is written plainly (no markers inside), so offsets add up.
        guard token.end - token.start == text.unicodeScalars.count else { return nil }
        return Mention(target: target, tokens: index..<(index + 1), start: token.start + prefix, end: token.end)
    }

    /// The length in scalars of the prefix of `text` that an entry's name follows, and
    /// the entry, if any.
    private func prefixedName(_ text: String) -> (prefix: Int, target: Mention.Target)? {
        for prefix in ["anti-", "pro-", "non-", "ex-"] where text.hasPrefix(prefix) {
            let rest = String(text.dropFirst(prefix.count))
            let node = child(0, words.id(of: rest).id)
            guard node >= 0, let target = nodeTarget[node], case .entry = target else { return nil }
            return (prefix.unicodeScalars.count, target)
        }
        return nil
    }

    /// Mentions in `tokens[range]`, left to right, non-overlapping, including spans of
    /// ignored forms (target `.ignored`) so that discovery can skip them. Where two aliases
    /// overlap, the one reaching further wins ("the Soviet government" is the Soviet
    /// government, not "the Soviet" followed by a stray word).
    public func mentions(in tokens: Tokens, range: Range<Int>) -> [Mention] {
        Array(mentions(in: tokens, ranges: [range])[0])
    }

    /// `mentions(in:range:)` for each range (a document's sentences), looking every
    /// token up once.
    public func mentions(in tokens: Tokens, ranges: [Range<Int>]) -> PerSentence<Mention> {
        // The tokens numbered in a vocabulary of their own, as a worker numbers a document's.
        var vocabulary = Vocabulary()
        let numbered = vocabulary.numbered(tokens)
        return mentions(in: numbered, ranges: ranges, vocabulary: &vocabulary)
    }

    /// `mentions(in:ranges:)` for tokens numbered in `vocabulary`: each distinct word is
    /// looked up in the alias table once per worker, not once per token.
    ///
    /// Words are numbered in the order the vocabulary first met them, so the words
    /// added since the last call are the ones without an answer: they are answered
    /// first, without reading the tokens; then the tokens are read once, with the
    /// vocabulary's answers through a pointer (held in a local, an inout's array is
    /// reloaded and bounds-checked for every token). A first pass over the tokens to
    /// find the words without an answer cost 8 instructions a token, and a second
    /// first touch of the answers of a document's words (callgrind, 4.95 MB corpus).
    func mentions(in tokens: Tokens, ranges: [Range<Int>], vocabulary: inout Vocabulary) -> PerSentence<Mention> {
        for w in vocabulary.aliasAnswered..<vocabulary.count {
            vocabulary.aliasWords[w] = aliasWord(vocabulary.strings[w])
        }
        vocabulary.aliasAnswered = vocabulary.count
        var out = PerSentence<Mention>()
        out.reserveCapacity(sentences: ranges.count, items: ranges.count)
        tokens.elements.withUnsafeBufferPointer { elements in
            vocabulary.aliasWords.withUnsafeMutableBufferPointer { known in
                for range in ranges {
                    mentions(in: tokens, elements: elements, known: known, range: range, into: &out)
                    out.closeSentence()
                }
            }
        }
        return out
    }

    /// What matching asks of a token's text: its id among alias words (-1: none), the id
    /// of the text with `'s` (`Vocabulary.unknown` until a token of the word is seen
    /// possessive), whether an entry's name follows a prefix in it ("anti-Bolshevik"),
    /// and whether, not possessive, it starts nothing: no alias starts with it and it
    /// has no such prefix. Asked once per word: a hyphenated word's prefixes were
    /// compared at every one of its tokens (67,000 in the 4.95 MB corpus's two readings).
    struct AliasWord {
        var id: Int32
        var possessive: Int32
        var prefixed: Bool
        var startsNone: Bool
    }

    private func aliasWord(_ text: String) -> AliasWord {
        let (id, hyphen) = words.id(of: text)
        let prefixed = hyphen && prefixedName(text) != nil
        return AliasWord(id: id, possessive: Vocabulary.unknown, prefixed: prefixed,
                         startsNone: !prefixed && (id < 0 || rootChild[Int(id)] < 0))
    }

    /// The id of `text` + `'s`, asked the first time a token of the word is possessive.
    @inline(never)
    private func possessiveID(_ text: String) -> Int32 {
        words.id(of: text + "'s").id
    }

    /// Mentions in `range`, every token's answer in `known` (by word number).
    private func mentions(in tokens: Tokens, elements: UnsafeBufferPointer<Token>,
                          known: UnsafeMutableBufferPointer<AliasWord?>, range: Range<Int>,
                          into out: inout PerSentence<Mention>) {
        /// Token j's answer, with the id of its 's form for a possessive token (worked
        /// out on the word's first possessive token) and -2 for any other.
        @inline(__always) func answer(_ j: Int) -> AliasWord {
            let w = Int(elements[j].word)
            var a = known[w].unsafelyUnwrapped
            if !elements[j].possessive {
                a.possessive = -2
            } else if a.possessive == Vocabulary.unknown {
                a.possessive = possessiveID(tokens.words[w])
                known[w] = a
            }
            return a
        }
        var i = range.lowerBound
        let limit = range.upperBound
        while i < limit {
            // No alias starts with the word (nor its 's form) and it has no prefix to
            // strip: most tokens, passed over without walking the trie. Words inside
            // aliases ("of", "the") have ids but start none: asking the root's children
            // here halved the walks (callgrind, 1 MB corpus: 139,420 to 65,505).
            let f = answer(i)
            if f.startsNone && (f.possessive < 0 || rootChild[Int(f.possessive)] < 0) {
                i += 1
                continue
            }
            guard let best = longest(at: i, limit: limit, answer) else {
                if f.prefixed, let m = prefixed(tokens, index: i) { out.append(m) }
                i += 1
                continue
            }
            var overtaken = false
            if best.end - i > 1 {
                for j in (i + 1)..<best.end {
                    if let other = longest(at: j, limit: limit, answer), other.end > best.end {
                        overtaken = true
                        break
                    }
                }
            }
            if overtaken { i += 1; continue }
            out.append(Mention(target: best.target, tokens: i..<best.end, start: elements[i].start,
                               end: elements[best.end - 1].end))
            i = best.end
        }
    }
}

/// Words with ids (the words of all aliases), for looking up every token of a text.
///
/// Most tokens are no alias word. ASCII words (nearly all of them) are found in
/// `ByteWords`, a quarter full, so a miss costs one pass over the bytes and one probe;
/// the standard dictionary, whose seeded hash of each token was a tenth of extraction
/// time, is left for other words.
struct WordTable: Sendable {
    /// Every word, numbered by its id (other words too, so that numbers are ids; only
    /// ASCII words are looked up there).
    private var table = ByteWords(sparsity: 4)
    private var other: [String: Int32] = [:]
    /// One bit per 16-bit slice of the hash, set for the table's ASCII words: 8 KB,
    /// which stays in the first-level cache where the table does not, so most tokens
    /// (no alias word) are turned away before the table is read.
    private var filter = [UInt64](repeating: 0, count: 1024)

    init() {}

    /// The table of `words` (distinct), each word's id its position.
    init(_ words: [String]) {
        table = ByteWords(capacity: words.count, sparsity: 4)
        for (k, word) in words.enumerated() {
            var word = word
            let ascii = word.withUTF8 { utf8 in
                let (hash, ascii, _) = ByteWords.fnv(utf8)
                let slot = table.find(utf8, hash: hash, lowercasing: false)
                precondition(slot < 0, "words are distinct")
                table.insert(utf8, hash: hash, lowercasing: false, slot: -1 - slot)
                if ascii { filter[Int(hash >> 22)] |= 1 << ((hash >> 16) & 63) }
                return ascii
            }
            if !ascii { other[word] = Int32(k) }
        }
    }

    /// The id of `text` (-1 when no alias has the word), and whether it has a hyphen.
    @inline(__always)
    func id(of text: String) -> (id: Int32, hyphen: Bool) {
        let found = text.utf8.withContiguousStorageIfAvailable { utf8 -> (id: Int32, hyphen: Bool)? in
            let (hash, ascii, hyphen) = ByteWords.fnv(utf8)
            return ascii ? (find(utf8, hash: hash, lowercasing: false), hyphen) : nil
        }
        if case let found?? = found { return found }
        return (other[text] ?? -1, text.utf8.contains(UInt8(ascii: "-")))
    }

    @inline(__always)
    private func find(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt32, lowercasing: Bool) -> Int32 {
        guard filter.withUnsafeBufferPointer({ $0[Int(hash >> 22)] & (1 << ((hash >> 16) & 63)) != 0 }) else { return -1 }
        return Int32(max(-1, table.find(utf8, hash: hash, lowercasing: lowercasing)))
    }
}
