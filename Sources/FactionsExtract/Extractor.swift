import FactionsCore

/// Settings of an extraction.
public struct ExtractionOptions: Sendable, Hashable {
    /// Keep actors the lexicon marks `role: source` (cited historians) in the network.
    public var includeSources: Bool = false

    public init(includeSources: Bool = false) {
        self.includeSources = includeSources
    }
}

/// What one document yields; results of several documents merge associatively, so a
/// corpus can be extracted in parallel or in shards.
public struct DocumentExtraction: Sendable {
    public var document: Document
    /// Mentions per lexicon entry index.
    public var mentionCounts: [Int: Int] = [:]
    /// Surface forms seen per lexicon entry index.
    public var forms: [Int: Set<String>] = [:]
    public var ties: [TieKey: Tie] = [:]
    /// Ambiguous forms that no candidate could be chosen for.
    public var unresolved: Int = 0
    public var sentenceCount: Int = 0
}

/// Text → actor network. See DESIGN.md, "Extraction".
public struct Extractor: Sendable {
    public let lexicon: Lexicon
    public let options: ExtractionOptions
    private let matcher: MentionMatcher

    public init(lexicon: Lexicon, options: ExtractionOptions = ExtractionOptions()) {
        self.lexicon = lexicon
        self.options = options
        self.matcher = MentionMatcher(lexicon: lexicon)
    }

    /// Extracts the whole dataset into a network.
    public func extract(_ dataset: Dataset) -> ActorNetwork {
        let parts = dataset.documents.map { analyse(document: $0.document, text: $0.text) }
        return merge(parts, documents: dataset.documents.map(\.document), periods: dataset.periods,
                     calendar: dataset.calendar)
    }

    /// One document: tokens, sentences, mentions, ties.
    public func analyse(document: Document, text: String) -> DocumentExtraction {
        let scalars = Array(text.unicodeScalars)
        let (tokens, blocks) = Tokenizer().tokenize(scalars)
        let sentences = SentenceSplitter().split(tokens: tokens, blocks: blocks, scalars: scalars)
        var result = DocumentExtraction(document: document)
        result.sentenceCount = sentences.count

        // Mentions per sentence, then ambiguous forms resolved by paragraph and section.
        var sentenceMentions: [[Mention]] = sentences.map { matcher.mentions(in: tokens, range: $0.tokens) }
        resolveAmbiguous(&sentenceMentions, sentences: sentences, blocks: blocks, unresolved: &result.unresolved)

        for (s, sentence) in sentences.enumerated() where sentence.role != .note {
            var actorsInSentence: [Int] = []
            for mention in sentenceMentions[s] {
                guard case .entry(let e) = mention.target else { continue }
                let entry = lexicon.entries[e]
                if entry.role == .source && !options.includeSources { continue }
                result.mentionCounts[e, default: 0] += 1
                result.forms[e, default: []].insert(surface(scalars, mention))
                if !actorsInSentence.contains(e) { actorsInSentence.append(e) }
            }
            guard sentence.role == .prose, actorsInSentence.count >= 2 else { continue }
            let quote = String(String.UnicodeScalarView(scalars[sentence.start..<sentence.end]))
            let evidence = Evidence(document: document.id, sentence: sentence.index, start: sentence.start,
                                    end: sentence.end, quote: quote)
            let ids = actorsInSentence.map { lexicon.entries[$0].id }.sorted()
            for a in 0..<ids.count {
                for b in (a + 1)..<ids.count {
                    let key = TieKey(source: ids[a], target: ids[b], type: Tie.cooccurrence, sign: .neutral, directed: false)
                    result.ties[key, default: Tie(source: ids[a], target: ids[b], weight: 0)].add(evidence)
                }
            }
        }
        return result
    }

    /// The original text of a mention with quotes normalised, as shown in `aliases`.
    private func surface(_ scalars: [Unicode.Scalar], _ m: Mention) -> String {
        var out = ""
        var lastSpace = false
        for s in scalars[m.start..<m.end] {
            if Tokenizer.isSpace(s) || Tokenizer.isLineBreak(s) {
                if !lastSpace { out += " " }
                lastSpace = true
            } else if !Tokenizer.isSuperscriptDigit(s) && s != "*" && s != "_" {
                out += Tokenizer.isWordScalar(s) ? String(s) : Tokenizer.normalisePunctuation(s)
                lastSpace = false
            }
        }
        return out
    }

    /// Resolves `the Soviet`-style forms to the candidate mentioned most in the same
    /// paragraph, else in the same section (since the last heading); a tie between
    /// candidates, or no candidate at all, leaves the mention unresolved.
    private func resolveAmbiguous(_ mentions: inout [[Mention]], sentences: [Sentence], blocks: [TextBlock],
                                  unresolved: inout Int) {
        guard !lexicon.ambiguous.isEmpty else { return }
        var blockCounts: [Int: [Int: Int]] = [:]
        var sectionOf = [Int](repeating: 0, count: blocks.count)
        var section = 0
        for (b, block) in blocks.enumerated() {
            if block.role == .heading { section += 1 }
            sectionOf[b] = section
        }
        var sectionCounts: [Int: [Int: Int]] = [:]
        for (s, sentence) in sentences.enumerated() {
            for m in mentions[s] {
                if case .entry(let e) = m.target {
                    blockCounts[sentence.block, default: [:]][e, default: 0] += 1
                    sectionCounts[sectionOf[sentence.block], default: [:]][e, default: 0] += 1
                }
            }
        }
        func pick(_ counts: [Int: Int]?, _ candidates: [Int]) -> Int?? {
            guard let counts else { return nil }
            let scored = candidates.map { ($0, counts[$0] ?? 0) }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
            guard let top = scored.first else { return nil }
            if scored.count > 1, scored[1].1 == top.1 { return .some(nil) }
            return .some(top.0)
        }
        let entryIndex = Dictionary(uniqueKeysWithValues: lexicon.entries.enumerated().map { ($1.id, $0) })
        for (s, sentence) in sentences.enumerated() {
            var kept: [Mention] = []
            for var m in mentions[s] {
                guard case .ambiguous(let a) = m.target else { kept.append(m); continue }
                let candidates = lexicon.ambiguous[a].candidates.compactMap { entryIndex[$0] }
                var choice = pick(blockCounts[sentence.block], candidates)
                if choice == nil { choice = pick(sectionCounts[sectionOf[sentence.block]], candidates) }
                if case .some(.some(let e)) = choice {
                    m.target = .entry(e)
                    kept.append(m)
                } else {
                    unresolved += 1
                }
            }
            mentions[s] = kept
        }
    }

    /// Merges per-document results: mentions summed, evidence unioned, actors and ties
    /// in canonical order.
    public func merge(_ parts: [DocumentExtraction], documents: [Document], periods: [Period],
                      calendar: String) -> ActorNetwork {
        var mentions: [Int: [String: Int]] = [:]
        var forms: [Int: Set<String>] = [:]
        var ties: [TieKey: Tie] = [:]
        for part in parts {
            for (e, count) in part.mentionCounts { mentions[e, default: [:]][part.document.file, default: 0] += count }
            for (e, f) in part.forms { forms[e, default: []].formUnion(f) }
            for (key, tie) in part.ties {
                if var existing = ties[key] {
                    existing.merge(tie)
                    ties[key] = existing
                } else {
                    ties[key] = tie
                }
            }
        }
        let actors = mentions.keys.sorted().map { e -> Actor in
            let entry = lexicon.entries[e]
            return Actor(id: entry.id, name: entry.name, kind: entry.kind, inferred: false,
                         aliases: (forms[e] ?? []).sorted(), mentions: mentions[e] ?? [:])
        }
        let finalTies = ties.values.map { tie -> Tie in
            var t = tie
            t.evidence.sort()
            return t
        }
        return ActorNetwork(generator: Generator(lexiconHash: lexicon.hash), calendar: calendar,
                            documents: documents, periods: periods, actors: actors, ties: finalTies)
    }
}

extension Tie {
    /// Adds one sentence of evidence, widening the tie's dates.
    mutating func add(_ evidence: Evidence, interval: MonthInterval? = nil) {
        self.evidence.append(evidence)
        weight += 1
        if let interval {
            from = from.map { min($0, interval.from) } ?? interval.from
            to = to.map { max($0, interval.to) } ?? interval.to
        }
    }

    mutating func merge(_ other: Tie) {
        evidence.append(contentsOf: other.evidence)
        weight += other.weight
        if let f = other.from { from = from.map { min($0, f) } ?? f }
        if let t = other.to { to = to.map { max($0, t) } ?? t }
        for cue in other.cues where !cues.contains(cue) { cues.append(cue) }
        cues.sort()
    }
}
