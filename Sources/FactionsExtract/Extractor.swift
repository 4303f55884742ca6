import Foundation
import FactionsCore

/// Settings of an extraction.
public struct ExtractionOptions: Sendable, Hashable {
    /// Keep actors the lexicon marks `role: source` (cited historians) in the network.
    public var includeSources: Bool = false
    /// Year for months written without one before the text names a year.
    public var defaultYear: Int?
    /// Add names the lexicon lacks, seen at least `discoveryMinimum` times, as
    /// inferred actors.
    public var discover: Bool = true
    public var discoveryMinimum: Int = 2

    public init(includeSources: Bool = false, defaultYear: Int? = nil, discover: Bool = true, discoveryMinimum: Int = 2) {
        self.includeSources = includeSources
        self.defaultYear = defaultYear
        self.discover = discover
        self.discoveryMinimum = discoveryMinimum
    }
}

/// How far an extraction has got.
public struct ExtractionStatus: Sendable, Hashable {
    /// Size of the corpus in bytes.
    public var corpusBytes: Int
    /// Times the corpus is read: 2 when discovery reads it first to find new names.
    public var passes: Int
    /// Bytes read so far over all passes (at most `corpusBytes * passes`).
    public var done: Int

    public init(corpusBytes: Int, passes: Int, done: Int) {
        self.corpusBytes = corpusBytes
        self.passes = passes
        self.done = done
    }

    /// Bytes to read over all passes.
    public var total: Int { corpusBytes * passes }

    /// Share of the work done, 0...1.
    public var fraction: Double { total > 0 ? min(1, Double(done) / Double(total)) : 1 }

    public var finished: Bool { done >= total }

    /// The pass under way (from 1) and the bytes read in it; the last pass, whole,
    /// once finished.
    public var pass: (number: Int, done: Int) {
        guard corpusBytes > 0, !finished else { return (passes, corpusBytes) }
        let number = done / corpusBytes + 1
        return (number, done - (number - 1) * corpusBytes)
    }
}

/// Hears of every finished document. Called from worker threads, one call at a time.
public typealias ExtractionProgress = @Sendable (ExtractionStatus) -> Void

/// Adds up finished documents from the worker threads.
final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    private var status: ExtractionStatus
    private let report: ExtractionProgress?

    init(corpusBytes: Int, passes: Int, report: ExtractionProgress?) {
        self.status = ExtractionStatus(corpusBytes: corpusBytes, passes: passes, done: 0)
        self.report = report
    }

    func advance(_ bytes: Int) {
        guard let report else { return }
        lock.lock()
        defer { lock.unlock() }
        status.done = min(status.done + bytes, status.total)
        report(status)
    }
}

extension ExtractionOptions {
    func with(defaultYear: Int?) -> ExtractionOptions {
        var copy = self
        copy.defaultYear = defaultYear
        return copy
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
    public private(set) var options: ExtractionOptions
    private let matcher: MentionMatcher
    private let classifier = TieClassifier()
    /// Entry indices each ambiguous form may stand for, looked up once.
    private let ambiguousCandidates: [[Int]]
    /// Per entry: its place among all entries some ambiguous form may stand for, or -1;
    /// and how many such entries there are.
    private let candidateSlot: [Int]
    private let candidateCount: Int
    /// Per entry: the place of its id among the lexicon's distinct ids in `<` order, and
    /// the id at each place. Ties are summed under these numbers while documents are read
    /// (`MergeAccumulator.entryTies`), and ordered by them as by the ids.
    private let idRank: [Int32]
    private let idOfRank: [String]
    /// Words a worker's vocabulary holds before it starts afresh (tests set it low).
    var vocabularyLimit = Vocabulary.defaultLimit

    /// An extractor for another lexicon or options, with this one's internal settings.
    private func with(lexicon: Lexicon, options: ExtractionOptions) -> Extractor {
        var other = Extractor(lexicon: lexicon, options: options)
        other.vocabularyLimit = vocabularyLimit
        return other
    }

    public init(lexicon: Lexicon, options: ExtractionOptions = ExtractionOptions()) {
        self.lexicon = lexicon
        self.options = options
        self.matcher = MentionMatcher(lexicon: lexicon)
        let entryIndex = Dictionary(lexicon.entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let candidates = lexicon.ambiguous.map { Array(Set($0.candidates.compactMap { entryIndex[$0] })).sorted() }
        self.ambiguousCandidates = candidates
        var slot = [Int](repeating: -1, count: lexicon.entries.count)
        var slots = 0
        for e in Set(candidates.joined()).sorted() { slot[e] = slots; slots += 1 }
        self.candidateSlot = slot
        self.candidateCount = slots
        let ids = Array(Set(lexicon.entries.map(\.id))).sorted()
        let rank = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Int32($0)) })
        self.idRank = lexicon.entries.map { rank[$0.id]! }
        self.idOfRank = ids
    }

    /// Extracts the whole dataset into a network, with the dataset's overrides applied.
    ///
    /// Texts are read from disk one at a time per core and dropped once read, so
    /// memory holds the documents in hand, the discovery tally and the network, never
    /// the whole corpus. `progress` hears of every document finished.
    public func extract(_ dataset: Dataset, progress: ExtractionProgress? = nil) throws(InputError) -> ActorNetwork {
        let network = try extractWithoutOverrides(dataset, progress: progress)
        return dataset.overrides.isEmpty ? network : try dataset.overrides.apply(to: network)
    }

    func extractWithoutOverrides(_ dataset: Dataset, progress: ExtractionProgress? = nil) throws(InputError) -> ActorNetwork {
        var extractor = self
        if extractor.options.defaultYear == nil {
            // Same lexicon, so the same matcher: only the options change.
            extractor.options = options.with(defaultYear: dataset.defaultYear)
        }
        // With discovery every text is read twice: once to find names, once to extract.
        let meter = ProgressMeter(corpusBytes: dataset.byteCount, passes: options.discover ? 2 : 1, report: progress)
        return try extractor.extractDocuments(dataset, meter: meter)
    }

    /// Documents `0..<count` added into one accumulator per core, each core taking the
    /// next document when it is done with its last: with fixed runs of documents, one
    /// core sat idle for a second of a 100 MB corpus while the other finished its run.
    /// Accumulators must add up to the same result in any order. Throws the error of the
    /// first failing document in corpus order (every document before the last one
    /// claimed is read, so the earliest failure is among those seen).
    static func accumulate<A, E: Error>(_ count: Int, _ make: () -> A, readAhead: (Int) -> Void = { _ in },
                                        _ add: (inout A, Int) throws(E) -> Void) throws(E) -> [A] {
        let next = NextIndex()
        let cores = max(1, min(count, Parallel.cores))
        // Each index is announced to `readAhead` this many claims before it is added:
        // its file is read into the cache while the documents before it are worked on.
        let lead = 4 * cores
        for i in 0..<min(lead, count) { readAhead(i) }
        let workers = Parallel.map(Array(0..<cores)) { _ -> (A, (index: Int, error: E)?) in
            var accumulator = make()
            while let i = next.claim(below: count) {
                if i + lead < count { readAhead(i + lead) }
                do throws(E) { try add(&accumulator, i) } catch { return (accumulator, (i, error)) }
            }
            return (accumulator, nil)
        }
        if let first = workers.compactMap(\.1).min(by: { $0.index < $1.index }) { throw first.error }
        return workers.map(\.0)
    }

    /// Names in the dataset that the lexicon lacks, with counts and examples.
    public func candidates(_ dataset: Dataset, minimumCount: Int = 1,
                           progress: ExtractionProgress? = nil) throws(InputError) -> [Candidate] {
        try candidates(dataset, minimumCount: minimumCount, meter: ProgressMeter(corpusBytes: dataset.byteCount, passes: 1, report: progress))
    }

    private func candidates(_ dataset: Dataset, minimumCount: Int, meter: ProgressMeter) throws(InputError) -> [Candidate] {
        let discovery = Discovery(minimumCount: minimumCount)
        let documents = dataset.documents
        // Each core adds up the tallies of the documents it reads: holding one tally per
        // document until the end, and merging them all on one core, cost memory in
        // proportion to the corpus and a serial tail.
        typealias Sums = (tally: Discovery.Tally, vocabulary: Vocabulary)
        let limit = vocabularyLimit
        let tallies = try Self.accumulate(documents.count, { Sums(Discovery.Tally(), Vocabulary(limit: limit)) },
                                          readAhead: { documents[$0].willLoad() }) { (sums: inout Sums, index: Int) throws(InputError) in
            let (document, scalars) = try documents[index].loadScalars()
            if sums.vocabulary.isFull {
                sums.vocabulary.flushCounts(into: &sums.tally.words)
                sums.vocabulary = Vocabulary(limit: limit)
            }
            let reading = read(scalars: scalars, dated: false, resolved: false, proseOnly: true,
                               vocabulary: &sums.vocabulary)
            discovery.tally(reading, document: document, index: index, into: &sums.tally, vocabulary: &sums.vocabulary)
            meter.advance(documents[index].byteCount)
        }
        var tally = Discovery.Tally()
        for var t in tallies {
            t.vocabulary.flushCounts(into: &t.tally.words)
            tally.merge(t.tally)
        }
        return discovery.candidates(tally, lexicon: lexicon, ignore: Set(lexicon.ignore))
            .filter { $0.count >= minimumCount }
    }

    /// The lexicon plus the inferred actors discovery finds in the dataset.
    public func augmentedLexicon(_ dataset: Dataset) throws(InputError) -> Lexicon {
        try augmentedLexicon(dataset, meter: ProgressMeter(corpusBytes: dataset.byteCount, passes: 1, report: nil))
    }

    private func augmentedLexicon(_ dataset: Dataset, meter: ProgressMeter) throws(InputError) -> Lexicon {
        guard options.discover else { return lexicon }
        var augmented = lexicon
        var taken = Set(lexicon.entries.flatMap(\.aliases))
        var ids = Set(lexicon.entries.map(\.id))
        for c in try candidates(dataset, minimumCount: options.discoveryMinimum, meter: meter) {
            var forms = c.forms.filter { !taken.contains($0) }
            // The surname alone, for persons seen with a full name.
            if c.kind == .person, let last = c.name.split(separator: " ").last.map(String.init), last != c.name,
               !taken.contains(last), last.count > 2 {
                forms.append(last)
            }
            guard !forms.isEmpty, !ids.contains(c.id) else { continue }
            forms.forEach { taken.insert($0) }
            ids.insert(c.id)
            augmented.entries.append(Lexicon.Entry(id: c.id, name: c.name, kind: c.kind, aliases: forms, inferred: true))
        }
        return augmented
    }

    private func extractDocuments(_ dataset: Dataset, meter: ProgressMeter) throws(InputError) -> ActorNetwork {
        let augmented = try augmentedLexicon(dataset, meter: meter)
        if augmented.entries.count != lexicon.entries.count {
            var copy = options
            copy.discover = false
            return try with(lexicon: augmented, options: copy).extractDocuments(dataset, meter: meter)
        }
        // Documents are independent: each core adds up what it finds in the documents it
        // reads, so that memory holds the network being built, not every document's
        // findings as well; the sums merge to the same network in any order.
        let documents = dataset.documents
        typealias Sums = (accumulator: MergeAccumulator, titled: [(index: Int, document: Document)], vocabulary: Vocabulary)
        let limit = vocabularyLimit
        var partials = try Self.accumulate(documents.count, { Sums(MergeAccumulator(), [], Vocabulary(limit: limit)) },
                                           readAhead: { documents[$0].willLoad() }) { (sums: inout Sums, index: Int) throws(InputError) in
            let (document, scalars) = try documents[index].loadScalars()
            if sums.vocabulary.isFull { sums.vocabulary = Vocabulary(limit: limit) }
            analyse(document: document, scalars: scalars, vocabulary: &sums.vocabulary, into: &sums.accumulator)
            sums.titled.append((index, document))
            meter.advance(documents[index].byteCount)
        }
        let titled = partials.flatMap(\.titled).sorted { $0.index < $1.index }.map(\.document)
        // The sums handed over as the only references to what they hold: while a second
        // reference lived here, merging copied every tie's evidence before appending to
        // it, and the originals were freed on one core at the end (perf, 100 MB corpus,
        // two cores: freeing the sums fell from 1.5 % of the samples to 0.6 %).
        let accumulators = partials.map(\.accumulator)
        partials = []
        return network(accumulators, documents: titled, periods: dataset.periods, calendar: dataset.calendar)
    }

    /// Everything read from one document, stage by stage: tokens, blocks, sentences,
    /// the resolved actor mentions of each sentence and each sentence's date.
    public struct Reading: Sendable {
        public var scalars: [Unicode.Scalar]
        public var tokens: Tokens
        public var blocks: [TextBlock]
        public var sentences: [Sentence]
        /// Per sentence: mentions resolved to lexicon entries (ambiguous forms that
        /// could not be resolved are dropped).
        public var mentions: PerSentence<Mention>
        /// Per sentence: token spans of forms the lexicon says to ignore.
        public var ignored: PerSentence<Range<Int>>
        public var dates: [MonthInterval?]
        public var dating: [Dating]
        public var unresolved: Int
    }

    /// Reads one document up to dated, resolved mentions.
    /// `dated: false` skips dating (discovery does not need it).
    public func read(text: String, dated: Bool = true) -> Reading {
        var vocabulary = Vocabulary()
        return read(scalars: ScalarText.scalars(of: text), dated: dated, resolved: true, vocabulary: &vocabulary)
    }

    /// `resolved: false` leaves ambiguous forms unresolved in `mentions`: discovery
    /// only needs the tokens every form covers, resolved or not.
    /// `vocabulary` numbers the tokens' texts; a worker keeps one from document to document.
    /// `proseOnly: true` leaves notes and headings unmatched (discovery looks at prose
    /// only).
    private func read(scalars: [Unicode.Scalar], dated: Bool, resolved: Bool,
                      proseOnly: Bool = false, vocabulary: inout Vocabulary) -> Reading {
        let (tokens, blocks) = Tokenizer().tokenize(scalars, vocabulary: &vocabulary)
        let sentences = SentenceSplitter().split(tokens: tokens, blocks: blocks, vocabulary: &vocabulary)
        let ranges = !proseOnly ? sentences.map(\.tokens)
            : sentences.map { $0.role == .prose ? $0.tokens : $0.tokens.lowerBound..<$0.tokens.lowerBound }
        let all = matcher.mentions(in: tokens, ranges: ranges, vocabulary: &vocabulary)
        // Per sentence: its mentions without the ignored forms, and the spans of the
        // ignored forms then of the ambiguous ones (unresolved context forms are still
        // not new names).
        var sentenceMentions = all
        var ignoredOrAmbiguous = PerSentence<Range<Int>>()
        ignoredOrAmbiguous.reserveCapacity(sentences: all.count, items: 0)
        var anyIgnored = false
        for mentions in all {
            for m in mentions { if case .ignored = m.target { ignoredOrAmbiguous.append(m.tokens); anyIgnored = true } }
            for m in mentions { if case .ambiguous = m.target { ignoredOrAmbiguous.append(m.tokens) } }
            ignoredOrAmbiguous.closeSentence()
        }
        if anyIgnored { sentenceMentions.update { _, m in if case .ignored = m.target { false } else { true } } }
        var unresolved = 0
        if resolved {
            resolveAmbiguous(&sentenceMentions, sentences: sentences, blocks: blocks, tokens: tokens,
                             unresolved: &unresolved)
        }
        let (dates, dating) = dated
            ? date(sentences: sentences, blocks: blocks, tokens: tokens, mentions: sentenceMentions, vocabulary: &vocabulary)
            : ([MonthInterval?](repeating: nil, count: sentences.count), [Dating](repeating: .undated, count: sentences.count))
        return Reading(scalars: scalars, tokens: tokens, blocks: blocks, sentences: sentences, mentions: sentenceMentions,
                       ignored: ignoredOrAmbiguous, dates: dates, dating: dating, unresolved: unresolved)
    }

    /// Dates every sentence: its own explicit dates, else the dated events it
    /// mentions, else the previous dated sentence of its paragraph, else the last dated
    /// sentence of its section, else its section heading's date. A month written
    /// without a year takes a year written earlier in the same paragraph, else the
    /// dataset's year, else the last year written in the text. Notes are never dated
    /// and never set the year (citations are full of publication years).
    private func date(sentences: [Sentence], blocks: [TextBlock], tokens: Tokens,
                      mentions: PerSentence<Mention>, vocabulary: inout Vocabulary) -> ([MonthInterval?], [Dating]) {
        let resolver = DateResolver(defaultYear: defaultYear)
        var lastYear: Int? = nil
        var paragraphYear: Int? = nil
        var dates = [MonthInterval?](repeating: nil, count: sentences.count)
        var dating = [Dating](repeating: .undated, count: sentences.count)
        var headingDate: MonthInterval? = nil
        var sectionDate: MonthInterval? = nil
        var lastBlock = -1
        var paragraphDate: MonthInterval? = nil
        var narrative: Month? = nil
        var narrativeAge = 0
        for (s, sentence) in sentences.enumerated() {
            if sentence.role == .note { continue }
            if sentence.block != lastBlock {
                lastBlock = sentence.block
                paragraphDate = nil
                paragraphYear = nil
                // The narrative reference lasts into the next paragraph, no further.
                narrativeAge += 1
                if narrativeAge > 1 { narrative = nil }
            }
            var found = resolver.find(in: tokens, range: sentence.tokens, excluded: mentions[s].lazy.map(\.tokens)) { i in
                let w = Int(tokens[i].word)
                return w < 0 || vocabulary.mayStartDate(w)
            }
            let yearHere = found.last(where: { $0.year != nil && $0.year == $0.toYear })?.year
            let year = yearHere ?? paragraphYear ?? defaultYear ?? lastYear
            // Narratives move forward: "in January" after November of the assumed year
            // is the next January (only for months whose year is assumed, not written).
            if yearHere == nil, paragraphYear == nil, let y = year, let reference = narrative {
                for f in found.indices where found[f].year == nil {
                    if let m = Month(year: y, month: found[f].fromMonth), reference.ordinal - m.ordinal > 6 {
                        found[f].year = y + 1
                        found[f].toYear = y + 1
                    }
                }
            }
            var own = DateResolver.interval(found, year: year)
            if let y = found.last(where: { $0.year != nil && $0.year == $0.toYear })?.year {
                paragraphYear = y
                lastYear = y
            }
            var how = Dating.explicit
            if own == nil {
                var events: MonthInterval? = nil
                for m in mentions[s] {
                    if case .entry(let e) = m.target, let d = lexicon.entries[e].date {
                        events = events.map { MonthInterval(from: min($0.from, d.from), to: max($0.to, d.to)) } ?? d
                    }
                }
                if let events { own = events; how = .event }
            }
            if sentence.role == .heading {
                narrative = nil
                headingDate = own
                sectionDate = nil
                dates[s] = own
                dating[s] = own == nil ? .undated : how
                continue
            }
            // A whole year or more says little when the context is narrower and inside it.
            if let o = own, o.to.ordinal - o.from.ordinal >= 11 {
                for (context, kind) in [(paragraphDate, Dating.inherited), (headingDate, .heading), (sectionDate, .inherited)] {
                    if let c = context, o.from <= c.from, c.to <= o.to { own = c; how = kind; break }
                }
            }
            if let own {
                dates[s] = own
                dating[s] = how
                if own.to.ordinal - own.from.ordinal < 11 {
                    paragraphDate = own
                    sectionDate = own
                    if how == .explicit { narrative = own.to; narrativeAge = 0 }
                }
            } else if let p = paragraphDate {
                dates[s] = p
                dating[s] = .inherited
            } else if let c = sectionDate {
                // The latest date written in the section is more recent than its heading's.
                dates[s] = c
                dating[s] = .inherited
            } else if let h = headingDate {
                dates[s] = h
                dating[s] = .heading
            }
        }
        return (dates, dating)
    }

    /// The year a month without one belongs to, before any year is written: the year
    /// of the dataset's periods when they share one.
    public var defaultYear: Int? { options.defaultYear }

    /// One document: mentions, dated co-occurrence ties and typed ties.
    public func analyse(document: Document, text: String) -> DocumentExtraction {
        var vocabulary = Vocabulary()
        var sum = MergeAccumulator()
        let reading = analyse(document: document, scalars: ScalarText.scalars(of: text), vocabulary: &vocabulary, into: &sum)
        sum.settle()
        var result = DocumentExtraction(document: document)
        result.sentenceCount = reading.sentences.count
        result.unresolved = reading.unresolved
        for (e, files) in sum.mentions { result.mentionCounts[e] = files[document.file] }
        result.forms = sum.forms
        result.ties = sum.ties
        return result
    }

    /// `analyse(document:text:)` added straight into a worker's running sum: a
    /// dictionary of ties per document, merged into the sum afterwards, hashed every
    /// tie key twice and copied every piece of evidence once more (a twentieth of
    /// extraction). Returns the reading, for its counts.
    @discardableResult
    func analyse(document: Document, scalars: [Unicode.Scalar], vocabulary: inout Vocabulary,
                 into result: inout MergeAccumulator) -> Reading {
        let reading = read(scalars: scalars, dated: true, resolved: true, vocabulary: &vocabulary)
        let scalars = reading.scalars
        let kinds = lexicon.entries.map(\.kind)
        // Local, so that the closures making new ties capture the array, not a copy of
        // the whole extractor.
        let idRank = idRank, idOfRank = idOfRank
        // Counted here, then added under the file name once per actor: adding each
        // mention under it hashed the name every time.
        var mentionCounts = [Int](repeating: 0, count: lexicon.entries.count)
        defer {
            for (e, count) in mentionCounts.enumerated() where count > 0 {
                result.mentions[e, default: [:]][document.file, default: 0] += count
            }
        }

        // Emptied for each sentence, their storage kept: arrays made per sentence grew
        // from nothing every time (65,000 allocations in a 5 MB corpus).
        var actorsInSentence: [Int] = []
        var actorMentions: [(entry: Int, tokens: Range<Int>)] = []
        for (s, sentence) in reading.sentences.enumerated() where sentence.role != .note {
            actorsInSentence.removeAll(keepingCapacity: true)
            actorMentions.removeAll(keepingCapacity: true)
            for mention in reading.mentions[s] {
                guard case .entry(let e) = mention.target else { continue }
                if lexicon.entries[e].role == .source && !options.includeSources { continue }
                mentionCounts[e] += 1
                // A one-word mention written plainly is its word: once its surface is
                // among the entry's forms, the next is not built and hashed again. A
                // mention of several words is not either when it is written as one of
                // the entry's last few plain ones was (built and hashed at every
                // occurrence, they were 1.8 % of extraction's instructions, callgrind,
                // 4.95 MB).
                let range = mention.start..<mention.end
                let w = mention.tokens.count == 1 ? Int(reading.tokens[mention.tokens.lowerBound].word) : -1
                if w >= 0 ? vocabulary.formEntry[w] != Int32(e) || !Self.isPlain(scalars, range)
                          : !vocabulary.isRecentForm(e, scalars[range]) {
                    let (form, plain) = surface(scalars, mention)
                    result.forms[e, default: []].insert(form)
                    if plain {
                        if w >= 0 { vocabulary.formEntry[w] = Int32(e) } else { vocabulary.rememberForm(e, scalars[range]) }
                    }
                }
                actorMentions.append((e, mention.tokens))
                if !actorsInSentence.contains(e) { actorsInSentence.append(e) }
            }
            guard sentence.role == .prose, actorsInSentence.count >= 2 else { continue }
            let quote = ScalarText.string(scalars[sentence.start..<sentence.end])
            let interval = reading.dates[s]
            let evidence = Evidence(document: document.id, sentence: sentence.index, start: sentence.start,
                                    end: sentence.end, quote: quote, interval: interval,
                                    dating: reading.dating[s].rawValue)
            let ranks = actorsInSentence.map { idRank[$0] }.sorted()
            for a in 0..<ranks.count {
                for b in (a + 1)..<ranks.count {
                    let key = EntryTieKey(source: ranks[a], target: ranks[b], type: 0, sign: .neutral, directed: false)
                    result.addTie(key, evidence, interval: interval) {
                        Tie(source: idOfRank[Int(ranks[a])], target: idOfRank[Int(ranks[b])], weight: 0)
                    }
                }
            }
            let lowered = vocabulary.lowered(reading.tokens, sentence.tokens, for: classifier)
            for relation in classifier.relations(tokens: reading.tokens, sentence: sentence.tokens, mentions: actorMentions,
                                                 kinds: kinds, lowered: lowered) {
                var source = idRank[relation.source]
                var target = idRank[relation.target]
                if !relation.directed && target < source { swap(&source, &target) }
                let key = EntryTieKey(source: source, target: target, type: result.typeNumber(relation.type),
                                      sign: relation.sign, directed: relation.directed)
                var dated = evidence
                var when = interval
                if relation.earlier, let i = interval {
                    // "had supported": the month before the one the sentence speaks of.
                    when = MonthInterval(from: i.from.adding(months: -1), to: i.from.adding(months: -1))
                    dated = Evidence(document: evidence.document, sentence: evidence.sentence, start: evidence.start,
                                     end: evidence.end, quote: evidence.quote, interval: when, dating: "pluperfect")
                }
                result.addTie(key, dated, interval: when, cue: relation.cue) {
                    Tie(source: idOfRank[Int(source)], target: idOfRank[Int(target)], type: relation.type,
                        sign: relation.sign, weight: 0, directed: relation.directed)
                }
            }
        }
        return reading
    }

    /// Printable ASCII with single spaces and none of `*`, `_`, `` ` ``: nearly every
    /// mention, and its own surface. A one-word mention written so is its token's text,
    /// the same for every such mention of the word.
    private static func isPlain(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        var afterSpace = false
        for s in scalars[range] {
            let v = s.value
            if v >= 0x80 || v < 0x20 || v == 0x2A || v == 0x5F || v == 0x60 || (v == 0x20 && afterSpace) {
                return false
            }
            afterSpace = v == 0x20
        }
        return true
    }

    /// The original text of a mention with quotes normalised, as shown in `aliases`,
    /// and whether it was plain (`isPlain`).
    private func surface(_ scalars: [Unicode.Scalar], _ m: Mention) -> (form: String, plain: Bool) {
        // A plain mention's bytes are the string, with no scalar array built and no mark
        // normalised on the way.
        let range = m.start..<m.end
        if Self.isPlain(scalars, range) {
            let form = String(unsafeUninitializedCapacity: range.count) { bytes in
                for (k, s) in scalars[range].enumerated() { bytes[k] = UInt8(truncatingIfNeeded: s.value) }
                return range.count
            }
            return (form, true)
        }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(m.end - m.start)
        var lastSpace = false
        for s in scalars[m.start..<m.end] {
            if Tokenizer.isSpace(s) || Tokenizer.isLineBreak(s) {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else if !Tokenizer.isSuperscriptDigit(s) && s != "*" && s != "_" {
                if Tokenizer.isWordScalar(s) { out.append(s) } else { out += Tokenizer.normalisePunctuation(s).unicodeScalars }
                lastSpace = false
            }
        }
        return (ScalarText.string(out), false)
    }

    /// Resolves `the Soviet`-style forms to the candidate that is most salient where
    /// the form stands: the candidate mentioned most often before it in its paragraph
    /// (the latest on a tie), else before it in its section, else before it in the
    /// document, else after it in its paragraph. A form with no candidate in sight
    /// stays unresolved and is counted, never guessed.
    private func resolveAmbiguous(_ mentions: inout PerSentence<Mention>, sentences: [Sentence], blocks: [TextBlock],
                                  tokens: Tokens, unresolved: inout Int) {
        guard !lexicon.ambiguous.isEmpty else { return }
        var sectionOf = [Int](repeating: 0, count: blocks.count)
        var section = 0
        for (b, block) in blocks.enumerated() {
            if block.role == .heading { section += 1 }
            sectionOf[b] = section
        }
        // Every named (non-ambiguous) mention in document order: (entry, block, position).
        var named: [(entry: Int, block: Int, position: Int)] = []
        for (s, sentence) in sentences.enumerated() {
            for m in mentions[s] { if case .entry(let e) = m.target { named.append((e, sentence.block, m.tokens.lowerBound)) } }
        }
        // Where each candidate entry is named: ascending indices into `named`, so that
        // a candidate's count and latest mention in any run of `named` are two binary
        // searches (a scan of the runs made long documents quadratic).
        var namedAt = [[Int]](repeating: [], count: candidateCount)
        for (i, m) in named.enumerated() where candidateSlot[m.entry] >= 0 { namedAt[candidateSlot[m.entry]].append(i) }
        /// The candidate named most often in `named[run]`, the latest named on a tie.
        func pick(_ run: Range<Int>, _ candidates: [Int]) -> Int? {
            var best: (entry: Int, count: Int, last: Int)? = nil
            for e in candidates {
                let list = namedAt[candidateSlot[e]]
                let end = list.partitioningIndex { $0 >= run.upperBound }
                let count = end - list.partitioningIndex { $0 >= run.lowerBound }
                guard count > 0 else { continue }
                let last = list[end - 1]
                if best.map({ ($0.count, $0.last) < (count, last) }) ?? true { best = (e, count, last) }
            }
            return best?.entry
        }
        // Most documents and sentences have no ambiguous form: their mentions stay as
        // they are.
        guard mentions.items.contains(where: { if case .ambiguous = $0.target { true } else { false } }) else { return }
        mentions.update { s, m in
            guard case .ambiguous(let a) = m.target else { return true }
            let sentence = sentences[s]
            // "the soviet leaders": a lowercase form used as an adjective names no one.
            // (The form's last word is its last token's text.)
            if tokens[m.tokens.upperBound - 1].startsLowercase,
               m.tokens.upperBound < sentence.tokens.upperBound,
               Self.adjectivalHeads.contains(reading(tokens, m.tokens.upperBound)) {
                return false
            }
            let candidates = ambiguousCandidates[a]
            let position = m.tokens.lowerBound
            // Named mentions are in document order: those before are a prefix, and
            // as blocks and sections only grow along the document, the mentions of
            // this paragraph or section before it are runs ending there.
            let lo = named.partitioningIndex { $0.position >= position }
            let before = named[..<lo]
            let blockStart = before.partitioningIndex { $0.block >= sentence.block }
            let sectionStart = before.partitioningIndex { sectionOf[$0.block] >= sectionOf[sentence.block] }
            var after = lo
            while after < named.count, named[after].block == sentence.block { after += 1 }
            var later = lo
            while later < after, named[later].position <= position { later += 1 }
            let choice = pick(blockStart..<lo, candidates)
                ?? pick(sectionStart..<lo, candidates)
                ?? pick(0..<lo, candidates)
                ?? pick(later..<after, candidates)
            guard let e = choice else {
                unresolved += 1
                return false
            }
            m.target = .entry(e)
            return true
        }
    }

    /// Nouns that a lowercase "the soviet" / "the party" modifies when used as an adjective.
    static let adjectivalHeads: Set<String> = [
        "leaders", "leader", "leadership", "majority", "minority", "delegates", "power", "government", "executive",
        "members", "member", "congress", "deputies", "elections", "election", "democracy", "institutions", "assemblies",
        "movement", "system", "organs", "apparatus", "state", "republic", "officials", "representatives", "line",
        "ranks", "activists", "cadres", "organisation", "organization", "newspaper", "press", "programme", "program",
        "militants", "faction", "fraction", "structures", "bodies", "committees",
    ]

    private func reading(_ tokens: Tokens, _ i: Int) -> String { tokens.text(i).lowercased() }

    /// Merges per-document results: mentions summed, evidence unioned, actors and ties
    /// in canonical order.
    public func merge(_ parts: [DocumentExtraction], documents: [Document], periods: [Period],
                      calendar: String) -> ActorNetwork {
        // As extraction sums its documents: one sum per core, merged at the end.
        let sums = Self.accumulate(parts.count, MergeAccumulator.init) { (sum: inout MergeAccumulator, i: Int) in
            sum.add(parts[i])
        }
        return network(sums, documents: documents, periods: periods, calendar: calendar)
    }

    /// The network of summed per-document results, in canonical order.
    func network(_ partials: consuming [MergeAccumulator], documents: [Document], periods: [Period],
                 calendar: String) -> ActorNetwork {
        let cores = Parallel.cores
        // Ties: every sum's ties dealt into one share per core by key, each sum letting
        // go of its ties so that a share holds the only reference to each; every core
        // then merges its share in place and sorts its evidence. Merged pairwise, the
        // last pair of sums was left to one core.
        var sums = partials
        partials = []
        var shares = [[(key: TieKey, tie: Tie)]](repeating: [], count: cores)
        func deal(_ key: TieKey, _ tie: Tie) { shares[Int(UInt(bitPattern: key.hashValue) % UInt(cores))].append((key, tie)) }
        for p in sums.indices {
            for (key, tie) in sums[p].ties { deal(key, tie) }
            for tie in sums[p].entryTies.values { deal(tie.key, tie) }
            sums[p].ties = [:]
            sums[p].entryTies = [:]
        }
        let merged = shares.withUnsafeMutableBufferPointer { buffer -> [[Tie]] in
            let slots = UnsafeSendable(buffer)
            return Parallel.map(Array(0..<cores)) { c -> [Tie] in
                var share = slots.value[c]
                slots.value[c] = []
                // Taken out one by one, so that a tie's evidence is appended to (and then
                // sorted) in place: sorting copies of the ties copied every piece of
                // evidence first.
                var byKey: [TieKey: Tie] = [:]
                while let (key, tie) = share.popLast() {
                    if byKey[key] == nil { byKey[key] = tie } else { byKey[key]!.merge(tie) }
                }
                var ties = Array(byKey.values)
                byKey = [:]
                for i in ties.indices { ties[i].evidence.sort() }
                return ties
            }
        }
        let finalTies = merged.flatMap { $0 }
        // Mentions and surface forms, pairwise, each round on all cores and each pair in
        // place (slots i and i + 1 belong to one task).
        var level = sums
        sums = []
        while level.count > 1 {
            level.withUnsafeMutableBufferPointer { buffer in
                let slots = UnsafeSendable(buffer)
                _ = Parallel.map(Array(stride(from: 0, to: buffer.count - 1, by: 2))) { i in
                    slots.value[i].absorb(slots.value[i + 1])
                    slots.value[i + 1] = MergeAccumulator()
                }
            }
            level = stride(from: 0, to: level.count, by: 2).map { level[$0] }
        }
        let total = level.popLast() ?? MergeAccumulator()
        let actors = total.mentions.keys.sorted().map { e -> Actor in
            let entry = lexicon.entries[e]
            return Actor(id: entry.id, name: entry.name, kind: entry.kind, inferred: entry.inferred,
                         aliases: (total.forms[e] ?? []).sorted(), mentions: total.mentions[e] ?? [:])
        }
        return ActorNetwork(generator: Generator(lexiconHash: lexicon.hash), calendar: calendar,
                            documents: documents, periods: periods, actors: actors, ties: finalTies)
    }
}

/// Per-document results added up: mentions per actor and file, surface forms, ties.
struct MergeAccumulator {
    var mentions: [Int: [String: Int]] = [:]
    var forms: [Int: Set<String>] = [:]
    var ties: [TieKey: Tie] = [:]
    /// Ties as `analyse` finds them, under their ends' id numbers and a number for
    /// their type, until `settle` moves them into `ties`: a `TieKey` is three strings,
    /// and hashing and comparing one cost about 1,200 instructions a lookup (callgrind,
    /// 5 MB corpus: a fortieth of extraction).
    var entryTies: [EntryTieKey: Tie] = [:]
    private var typeNumbers: [String: Int32] = [Tie.cooccurrence: 0]

    /// The number of tie type `type` in `entryTies`' keys.
    mutating func typeNumber(_ type: String) -> Int32 {
        if let n = typeNumbers[type] { return n }
        let n = Int32(typeNumbers.count)
        typeNumbers[type] = n
        return n
    }

    /// Adds a sentence's evidence to tie `key` in `entryTies`, made by `make` when new.
    /// The tie is changed in place; through the dictionary's `default:` subscript, the
    /// closure making a new tie was allocated on the heap for every lookup (two
    /// allocations a co-occurring pair).
    @inline(__always)
    mutating func addTie(_ key: EntryTieKey, _ evidence: Evidence, interval: MonthInterval?, cue: String? = nil,
                         make: () -> Tie) {
        if let k = entryTies.index(forKey: key) {
            if let cue { entryTies.values[k].add(evidence, interval: interval, cue: cue) }
            else { entryTies.values[k].add(evidence, interval: interval) }
            return
        }
        var tie = make()
        if let cue { tie.add(evidence, interval: interval, cue: cue) } else { tie.add(evidence, interval: interval) }
        entryTies[key] = tie
    }

    /// Moves `entryTies` into `ties` (for a caller that reads `ties`).
    mutating func settle() {
        for tie in entryTies.values { add(tie.key, tie) }
        entryTies = [:]
    }

    mutating func add(_ part: DocumentExtraction) {
        for (e, count) in part.mentionCounts { mentions[e, default: [:]][part.document.file, default: 0] += count }
        for (e, f) in part.forms { forms[e, default: []].formUnion(f) }
        for (key, tie) in part.ties { add(key, tie) }
    }

    mutating func absorb(_ other: MergeAccumulator) {
        for (e, files) in other.mentions {
            for (file, count) in files { mentions[e, default: [:]][file, default: 0] += count }
        }
        for (e, f) in other.forms { forms[e, default: []].formUnion(f) }
        for (key, tie) in other.ties { add(key, tie) }
        // Type numbers are each accumulator's own: its ties go in under their keys.
        for tie in other.entryTies.values { add(tie.key, tie) }
    }

    private mutating func add(_ key: TieKey, _ tie: Tie) {
        // In place: a copy taken out of the dictionary would copy its evidence on
        // every append, quadratic in the evidence of a tie.
        if ties[key] == nil { ties[key] = tie } else { ties[key]!.merge(tie) }
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

    /// Adds a typed relation's sentence and cue; one sentence is one piece of
    /// evidence even if the cue repeats in it.
    mutating func add(_ evidence: Evidence, interval: MonthInterval?, cue: String) {
        if let last = self.evidence.last, last.sentence == evidence.sentence, last.document == evidence.document { return }
        add(evidence, interval: interval)
        if !cues.contains(cue) {
            cues.append(cue)
            cues.sort()
        }
    }

    /// Adds `other`'s evidence (in no particular order: evidence is sorted once all is
    /// merged) and widens the dates. The smaller array's pieces are moved to the end of
    /// the larger: appended as copies, each retained its three strings and the source
    /// released them, and an array still shared with `other` was copied whole on the
    /// way (merging two cores' sums was a tenth of their wall time after extraction,
    /// perf, 100 MB corpus).
    mutating func merge(_ other: consuming Tie) {
        var more: [Evidence] = []
        swap(&more, &other.evidence)
        if more.count > evidence.count { swap(&evidence, &more) }
        evidence.reserveCapacity(evidence.count + more.count)
        more.withUnsafeMutableBufferPointer { evidence.append(contentsOf: MovedEvidence(from: $0)) }
        weight += other.weight
        if let f = other.from { from = from.map { min($0, f) } ?? f }
        if let t = other.to { to = to.map { max($0, t) } ?? t }
        for cue in other.cues where !cues.contains(cue) { cues.append(cue) }
        cues.sort()
    }
}

/// The pieces of evidence of a buffer, each moved out as it is read and its place
/// left holding `Evidence.moved` (whose strings are small, held in place with nothing
/// to release): the buffer's array is then dropped without releasing what moved.
private struct MovedEvidence: Sequence, IteratorProtocol {
    let from: UnsafeMutableBufferPointer<Evidence>
    var index = 0

    var underestimatedCount: Int { from.count - index }

    mutating func next() -> Evidence? {
        guard index < from.count else { return nil }
        let slot = from.baseAddress! + index
        index += 1
        let piece = slot.move()
        slot.initialize(to: Self.moved)
        return piece
    }

    static let moved = Evidence(document: "", sentence: 0, start: 0, end: 0, quote: "")
}

/// A tie's identity in `MergeAccumulator.entryTies`: its ends' id numbers (in the order
/// of `TieKey`), its type's number, sign and direction.
struct EntryTieKey: Hashable {
    let ends: UInt64
    let kind: UInt64

    init(source: Int32, target: Int32, type: Int32, sign: TieSign, directed: Bool) {
        ends = UInt64(UInt32(bitPattern: source)) << 32 | UInt64(UInt32(bitPattern: target))
        kind = UInt64(UInt32(bitPattern: type)) << 32 | UInt64(UInt8(bitPattern: Int8(sign.rawValue))) << 1
            | (directed ? 1 : 0)
    }

    /// Two multiplies and shifts of the key's words, where the standard `Hasher`
    /// (SipHash, set up afresh for each lookup) was 3 % of extraction's time on one
    /// core (perf, 100 MB corpus): every co-occurring pair and relation of every
    /// sentence looks its tie up. The dictionary asks this in place of `hash(into:)`;
    /// the seed keeps its per-process variation, and nothing reads the dictionary's
    /// order (ties are sorted when the network is made).
    func _rawHashValue(seed: Int) -> Int {
        var h = (ends ^ UInt64(UInt(bitPattern: seed))) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ (h >> 32) ^ kind) &* 0xBF58_476D_1CE4_E5B9
        return Int(bitPattern: UInt(truncatingIfNeeded: h ^ (h >> 31)))
    }
}

/// The next document to read, handed to whichever core asks first.
final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func claim(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < count else { return nil }
        value += 1
        return value - 1
    }
}
