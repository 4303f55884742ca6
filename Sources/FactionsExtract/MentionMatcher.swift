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
    /// The normalised surface form.
    public var form: String
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
    /// id, so a token is hashed once per sentence and the walk compares integers.
    private var vocabulary: [String: Int32] = [:]
    /// Children of node v: `childWord[childStart[v]..<childStart[v + 1]]` (sorted word
    /// ids) and the nodes they lead to in `childNode`.
    private var childStart: [Int32] = []
    private var childWord: [Int32] = []
    private var childNode: [Int32] = []
    private var nodeTarget: [Mention.Target?] = []
    /// A 65,536-bit filter of the vocabulary's words by an FNV-1a hash of their bytes:
    /// most tokens are no alias word, and the filter tells so without hashing the
    /// string for the dictionary (a tenth of extraction time). Only ASCII tokens use
    /// it: for those, equal strings are equal bytes.
    private var filter = [UInt64](repeating: 0, count: 1024)

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        let tokenizer = Tokenizer()
        var trie = TrieBuilder()
        var variantOwners: [[String]: Set<Int>] = [:]
        var explicitKeys = Set<[String]>()
        func keys(_ alias: String) -> [String] {
            let scalars = Array(alias.unicodeScalars)
            return tokenizer.tokenize(scalars).tokens.map { $0.possessive ? $0.text + "'s" : $0.text }
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
        for (variant, owners) in variantOwners.sorted(by: { $0.key.joined(separator: " ") < $1.key.joined(separator: " ") })
            where owners.count == 1 && !explicitKeys.contains(variant) {
            trie.insert(variant, .entry(owners.first!), explicit: false)
        }
        flatten(trie.nodes)
    }

    private mutating func flatten(_ nodes: [TrieBuilder.Node]) {
        for node in nodes {
            for word in node.children.keys where vocabulary[word] == nil {
                vocabulary[word] = Int32(vocabulary.count)
            }
        }
        childStart = [0]
        for node in nodes {
            let sorted = node.children.map { (vocabulary[$0.key]!, Int32($0.value)) }.sorted { $0.0 < $1.0 }
            childWord += sorted.map(\.0)
            childNode += sorted.map(\.1)
            childStart.append(Int32(childWord.count))
        }
        nodeTarget = nodes.map(\.target)
        for word in vocabulary.keys {
            let (hash, _) = Self.fnv(word)
            filter[Int(hash >> 6) & 1023] |= 1 << (hash & 63)
        }
    }

    /// FNV-1a over the UTF-8 bytes, and whether all of them are ASCII.
    @inline(__always)
    static func fnv(_ text: String) -> (UInt32, Bool) {
        var hash: UInt32 = 2_166_136_261
        var high: UInt8 = 0
        for b in text.utf8 {
            hash = (hash ^ UInt32(b)) &* 16_777_619
            high |= b
        }
        return (hash, high < 0x80)
    }

    /// The word id of a token's text, -1 when no alias has the word.
    @inline(__always)
    private func wordID(_ text: String) -> Int32 {
        let (hash, ascii) = Self.fnv(text)
        if ascii && filter[Int(hash >> 6) & 1023] & (1 << (hash & 63)) == 0 { return -1 }
        return vocabulary[text] ?? -1
    }

    /// The child of `node` along word `word`, or -1.
    @inline(__always)
    private func child(_ node: Int, _ word: Int32) -> Int {
        guard word >= 0 else { return -1 }
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

    /// The longest alias starting at token `i`: its end and target. `words[j - base]`
    /// is token j's word id (-1 when no alias has it), `possessives` the id of the word
    /// with `'s` for possessive tokens.
    private func longest(at i: Int, in tokens: [Token], limit: Int, base: Int, words: [Int32],
                         possessives: [Int32]) -> (end: Int, target: Mention.Target)? {
        var node = 0
        var best: (end: Int, target: Mention.Target)? = nil
        var j = i
        while j < limit {
            // A possessive continues a name only where the alias has one
            // ("International Women's Day"); otherwise the name stops there
            // ("Lenin's Bolsheviks").
            let possessive = tokens[j].possessive
            if possessive {
                let next = child(node, possessives[j - base])
                if next >= 0 {
                    node = next
                    j += 1
                    if let t = nodeTarget[node] { best = (j, t) }
                    continue
                }
            }
            let next = child(node, words[j - base])
            guard next >= 0 else { break }
            node = next
            j += 1
            if let t = nodeTarget[node] { best = (j, t) }
            if possessive { break }
        }
        return best
    }

    /// "anti-Bolshevik", "pro-Kerensky": the name after the prefix is a mention.
    private func prefixed(_ token: Token, index: Int) -> Mention? {
        let text = token.text
        // Every prefix ends in a hyphen; most words have none.
        guard text.utf8.contains(UInt8(ascii: "-")) else { return nil }
        for prefix in ["anti-", "pro-", "non-", "ex-"] where text.hasPrefix(prefix) {
            let rest = String(text.dropFirst(prefix.count))
            let node = child(0, wordID(rest))
            guard node >= 0, let target = nodeTarget[node], case .entry = target else { return nil }
            // Only when the token is written plainly (no markers inside), so offsets add up.
            guard token.end - token.start == text.unicodeScalars.count else { return nil }
            let start = token.start + prefix.unicodeScalars.count
            return Mention(target: target, tokens: index..<(index + 1), start: start, end: token.end, form: rest)
        }
        return nil
    }

    /// Mentions in `tokens[range]`, left to right, non-overlapping, including spans of
    /// ignored forms (target `.ignored`) so that discovery can skip them. Where two aliases
    /// overlap, the one reaching further wins ("the Soviet government" is the Soviet
    /// government, not "the Soviet" followed by a stray word).
    public func mentions(in tokens: [Token], range: Range<Int>) -> [Mention] {
        var out: [Mention] = []
        var i = range.lowerBound
        let limit = range.upperBound
        let base = range.lowerBound
        var words = [Int32](repeating: -1, count: range.count)
        var possessives = [Int32](repeating: -1, count: range.count)
        for j in range {
            words[j - base] = wordID(tokens[j].text)
            if tokens[j].possessive { possessives[j - base] = wordID(tokens[j].text + "'s") }
        }
        while i < limit {
            guard let best = longest(at: i, in: tokens, limit: limit, base: base, words: words, possessives: possessives) else {
                if let m = prefixed(tokens[i], index: i) { out.append(m) }
                i += 1
                continue
            }
            var overtaken = false
            if best.end - i > 1 {
                for j in (i + 1)..<best.end {
                    if let other = longest(at: j, in: tokens, limit: limit, base: base, words: words,
                                           possessives: possessives), other.end > best.end {
                        overtaken = true
                        break
                    }
                }
            }
            if overtaken { i += 1; continue }
            let form = tokens[i..<best.end].map(\.text).joined(separator: " ")
            out.append(Mention(target: best.target, tokens: i..<best.end, start: tokens[i].start,
                               end: tokens[best.end - 1].end, form: form))
            i = best.end
        }
        return out
    }
}
