import FactionsCore

/// A name found in the text that the lexicon does not list.
public struct Candidate: Sendable, Hashable, Encodable {
    public var id: String
    public var name: String
    public var kind: ActorKind
    public var count: Int
    /// Surface forms seen, most frequent first.
    public var forms: [String]
    /// Why the kind was guessed: the head word or title that decided it.
    public var evidence: String
    public var examples: [Example]

    public struct Example: Sendable, Hashable, Encodable {
        public var document: String
        public var sentence: Int
        public var quote: String
    }
}

/// Finds actors the lexicon lacks, from capitalisation and head words.
///
/// A candidate is a run of capitalised words (with `of`, `the`, `de` inside it and
/// initials such as `F. F.`) that no alias or ignored form covers, or a capitalised
/// word followed by an event head in lowercase (`Kronstadt revolt`). Titles
/// (`General`, `Prince`, `Minister`) and initials mark persons; heads such as
/// `Committee`, `Soviet`, `Guard`, `Fleet` mark bodies, `Party` parties, and `Days`,
/// `Revolution`, `Offensive`, `Theses`, `revolt`, `coup` events. Left out: a lone
/// sentence-initial word that the text also uses in lowercase, months and weekdays,
/// nationalities, words mostly after a preposition of place (`in Petrograd`), and
/// words inside markdown emphasis (book titles).
public struct Discovery: Sendable {
    public var minimumCount: Int

    public init(minimumCount: Int = 2) {
        self.minimumCount = minimumCount
    }

    static let titles: Set<String> = [
        "General", "Prince", "Princess", "Minister", "Tsar", "Tsarina", "Czar", "Admiral", "Colonel", "Captain",
        "Comrade", "Count", "Countess", "Baron", "President", "Premier", "Lieutenant", "Sergeant", "Mr", "Mrs", "Ms",
        "Dr", "Professor", "Father", "Grand", "Duke", "Emperor", "Empress", "King", "Queen", "Commissar", "Chairman",
        "Ataman", "Marshal", "Senator", "Deputy", "Major", "Lord", "Lady", "Sir", "Madame", "Monsieur", "Citizen",
    ]
    static let bodyHeads: Set<String> = [
        "Committee", "Committees", "Soviet", "Soviets", "Congress", "Guard", "Guards", "Conference", "Assembly", "Fleet",
        "Council", "Government", "Army", "Regiment", "Union", "Bureau", "Duma", "Commissariat", "Cabinet", "Ministry",
        "Court", "Senate", "Parliament", "Directory", "Division", "Brigade", "Corps", "Battalion", "Police", "Cheka",
        "Federation", "League", "Front", "Comintern", "International", "Convention", "Club", "Society", "Association",
        "Executive", "Presidium", "Politburo", "Sovnarkom", "Legion", "Navy", "Militia", "Section",
    ]
    static let partyHeads: Set<String> = ["Party", "Parties", "Bloc", "Faction", "Democrats", "Revolutionaries",
                                           "Socialists", "Communists", "Liberals", "Conservatives", "Anarchists"]
    static let eventHeads: Set<String> = [
        "Days", "Revolution", "Offensive", "Theses", "Revolt", "Coup", "Uprising", "Insurrection", "Affair", "Crisis",
        "War", "Strike", "Mutiny", "Massacre", "Treaty", "Rising", "Rebellion", "Putsch", "Campaign", "Battle", "Siege",
        "Sunday", "Peace", "Decree", "Manifesto", "Agreement", "Election", "Elections",
    ]
    static let lowercaseEventHeads: Set<String> = ["revolt", "coup", "uprising", "insurrection", "mutiny", "rising",
                                                    "rebellion", "putsch", "offensive", "strike", "massacre", "affair",
                                                    "days", "revolution", "theses", "crisis", "strikes"]
    static let connectors: Set<String> = ["of", "the", "for", "de", "von", "van", "der", "du", "la", "and"]
    static let months: Set<String> = ["January", "February", "March", "April", "May", "June", "July", "August",
                                      "September", "October", "November", "December", "Monday", "Tuesday",
                                      "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Jan", "Feb", "Mar",
                                      "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
    static let placePrepositions: Set<String> = ["in", "at", "from", "to", "near", "across", "throughout", "outside",
                                                 "into", "towards", "toward", "around", "inside", "within", "through"]
    static let stopwords: Set<String> = [
        "I", "The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "You", "His", "Her",
        "Their", "Our", "Its", "But", "And", "Or", "If", "When", "While", "As", "In", "On", "At", "By", "For", "From",
        "With", "Without", "After", "Before", "During", "Since", "Until", "Yet", "So", "Thus", "Then", "There", "Here",
        "What", "Which", "Who", "Whom", "Whose", "Why", "How", "Where", "All", "Some", "Many", "Most", "No", "Not",
        "One", "Two", "Three", "First", "Second", "Third", "Last", "Next", "Other", "Such", "Even", "Only", "Also",
        "However", "Although", "Though", "Because", "Unlike", "Like", "Between", "Against", "Under", "Over", "Once",
        "Now", "Today", "Yes", "Mr", "Ibid", "Part", "Chapter", "Vol", "See", "Notes", "Note", "Return", "Back",
        "Top", "Page", "Menu", "Home", "Next", "Previous", "Both", "Each", "Every", "Any", "Another", "Instead",
        "Indeed", "Still", "Meanwhile", "Moreover", "Furthermore", "Therefore", "Hence", "Whether", "Why", "Let",
        "Ex", "Socialism", "Marxism", "Marxist", "Marxists", "Capitalism", "Bolshevism", "Menshevism", "Socialist",
        "Communist", "Communism", "God", "Christ", "Internet", "Web", "Url", "Http", "Https", "Www",
    ]

    /// The sets `scan` asks of nearly every capitalised word and its neighbours.
    private static let connectorSet = WordSet(connectors)
    private static let stopwordSet = WordSet(stopwords)
    private static let titleSet = WordSet(titles)
    private static let lowercaseEventHeadSet = WordSet(lowercaseEventHeads)
    private static let placePrepositionSet = WordSet(placePrepositions)

    /// A run of capitalised words as the text has it, before the checks that need the
    /// whole corpus (which words the corpus writes in lowercase). Equal spans are
    /// counted once, so what discovery keeps grows with the corpus's vocabulary of
    /// names, not with its length.
    struct Span: Hashable, Sendable {
        /// The words, connectors and stopwords trimmed at the edges, any title removed.
        var words: [String]
        var title: String?
        var initials: Bool
        /// The span opens its sentence.
        var startsSentence: Bool
        /// The span opens its sentence or follows only an opening quote or bracket.
        var initialPosition: Bool
        /// A preposition of place comes right before ("in Petrograd").
        var afterPlacePreposition: Bool
        /// A lowercase event head follows ("Kronstadt revolt").
        var lowercaseHead: String?
    }

    struct SpanTally: Sendable {
        var count = 0
        /// The first three occurrences, with their positions in the corpus (document,
        /// then order in it), in order.
        var examples: [(position: Int, example: Candidate.Example)] = []

        /// Position of the first occurrence: always the first example.
        var first: Int { examples.first?.position ?? Int.max }

        mutating func merge(_ other: SpanTally) {
            count += other.count
            if examples.count < 3 || other.examples.contains(where: { $0.position < examples.last!.position }) {
                examples = Array((examples + other.examples).sorted { $0.position < $1.position }.prefix(3))
            }
        }
    }

    /// What discovery keeps of a set of documents: how often each word is written in
    /// lowercase and capitalised mid-sentence, and the capitalised spans with counts
    /// and first examples. Tallies of separate documents merge, so a corpus is tallied
    /// one document at a time.
    public struct Tally: Sendable {
        var words = WordCounts()
        var spans: [Span: SpanTally] = [:]

        public init() {}

        public mutating func merge(_ other: Tally) {
            words.merge(other.words)
            for (span, t) in other.spans { spans[span, default: SpanTally()].merge(t) }
        }
    }

    /// Tallies one read document; `index` is its place in the corpus (for the order of
    /// examples).
    public func tally(_ r: Extractor.Reading, document: Document, index: Int) -> Tally {
        var tally = Tally()
        self.tally(r, document: document, index: index, into: &tally)
        return tally
    }

    /// `tally(_:document:index:)` added into `tally`: a core adds every document it
    /// reads into one tally, without a tally per document to merge. Documents must come
    /// in increasing `index` (examples are kept in corpus order).
    public func tally(_ r: Extractor.Reading, document: Document, index: Int, into tally: inout Tally) {
        countedWords(r) { token, lowercase in tally.words.count(r.tokens.text(of: token), lowercase: lowercase) }
        var known = [UInt8](repeating: 0, count: r.tokens.words.count)
        spans(r, document: document, index: index, into: &tally, known: &known)
    }

    /// `tally(_:document:index:into:)` for a reading whose tokens are numbered in
    /// `vocabulary`: words are counted there, by number, until `flushCounts` adds them
    /// to the tally.
    func tally(_ r: Extractor.Reading, document: Document, index: Int, into tally: inout Tally,
               vocabulary: inout Vocabulary) {
        // The counts written through pointers: each `+= 1` on the inout's arrays checked
        // their uniqueness and bounds.
        vocabulary.lowercaseCount.withUnsafeMutableBufferPointer { lower in
            vocabulary.capitalisedCount.withUnsafeMutableBufferPointer { capital in
                countedWords(r) { token, lowercase in
                    let w = Int(token.word)
                    if lowercase { lower[w] += 1 } else { capital[w] += 1 }
                }
            }
        }
        spans(r, document: document, index: index, into: &tally, known: &vocabulary.scanFlags)
    }

    /// Calls `count` with each word of the prose that the tally counts, and whether it
    /// is written in lowercase (else it is capitalised mid-sentence). Tokens are read
    /// in place, and handed over as plain values.
    @inline(__always)
    private func countedWords(_ r: Extractor.Reading, _ count: (Token, Bool) -> Void) {
        r.tokens.elements.withUnsafeBufferPointer { tokens in
            for sentence in r.sentences where sentence.role == .prose {
                for i in sentence.tokens {
                    let token = tokens[i]
                    guard token.kind == .word else { continue }
                    if token.startsLowercase {
                        count(token, true)
                    } else if i > sentence.tokens.lowerBound {
                        count(token, false)
                    }
                }
            }
        }
    }

    /// The capitalised spans of a reading, into `tally`.
    private func spans(_ r: Extractor.Reading, document: Document, index: Int, into tally: inout Tally,
                       known: inout [UInt8]) {
        var order = index << 32
        // Tokens inside a mention or an ignored form, set and cleared sentence by sentence.
        var covered = [Bool](repeating: false, count: r.tokens.count)
        for (s, sentence) in r.sentences.enumerated() where sentence.role == .prose {
            for m in r.mentions[s] { for i in m.tokens { covered[i] = true } }
            for span in r.ignored[s] { for i in span { covered[i] = true } }
            defer { for i in sentence.tokens { covered[i] = false } }
            var quote: String? = nil
            for span in scan(r.tokens, sentence: sentence, covered: covered, known: &known) {
                order += 1
                func example() -> (Int, Candidate.Example) {
                    let q = quote ?? ScalarText.string(r.scalars[sentence.start..<sentence.end])
                    quote = q
                    return (order, Candidate.Example(document: document.id, sentence: sentence.index, quote: q))
                }
                // Changed in place: a copy taken out and stored back copied its examples.
                if let k = tally.spans.index(forKey: span) {
                    tally.spans.values[k].count += 1
                    if tally.spans.values[k].examples.count < 3 { tally.spans.values[k].examples.append(example()) }
                } else {
                    tally.spans[span] = SpanTally(count: 1, examples: [example()])
                }
            }
        }
    }

    /// One span's verdict once the corpus is known.
    struct Occurrence {
        var key: String
        var form: String
        var kind: ActorKind?
        var evidence: String
        var sentenceInitial: Bool
        var afterPlacePreposition: Bool
        var tally: SpanTally
    }

    /// Candidates from a corpus's tally.
    public func candidates(_ tally: Tally, lexicon: Lexicon, ignore: Set<String>) -> [Candidate] {
        // Words the prose writes in lowercase more often than capitalised mid-sentence
        // are ordinary words ("Despite", "Justice"); notes are left out because URLs
        // and citations write names in lowercase.
        let lowercase = Set(tally.words.counts().filter { $0.value.lower > 0 && $0.value.lower >= $0.value.capital }.map(\.key))
        var knownFirstWords = Set<String>()
        for entry in lexicon.entries {
            for alias in entry.aliases {
                let words = alias.split(separator: " ")
                // Adjectives that open known names ("Provisional Government").
                if words.count > 1, let f = words.first,
                   ["al", "ary", "ive", "ic", "ory", "ent", "ant"].contains(where: { f.hasSuffix($0) }) {
                    knownFirstWords.insert(String(f))
                }
            }
        }
        // Group by key; a lone surname joins the full name that ends with it. The
        // joined occurrences come after the full name's own (segment 1).
        var groups: [String: [(segment: Int, occurrence: Occurrence)]] = [:]
        for (span, t) in tally.spans {
            guard let o = judge(span, tally: t, lowercase: lowercase, ignore: ignore, knownFirstWords: knownFirstWords) else {
                continue
            }
            groups[o.key, default: []].append((0, o))
        }
        // Full names by their last word (filtering all full names per surname was
        // quadratic in the names of a large corpus).
        var fullNames: [Substring: [String]] = [:]
        for key in groups.keys where key.contains(" ") {
            fullNames[key.split(separator: " ").last!, default: []].append(key)
        }
        for key in groups.keys.sorted() where !key.contains(" ") {
            let owners = (fullNames[Substring(key)] ?? []).filter {
                groups[$0]?.contains { $0.occurrence.kind == .person || $0.occurrence.kind == nil } ?? false
            }
            if owners.count == 1, let owner = owners.first, let occ = groups[key] {
                groups[owner, default: []].append(contentsOf: occ.map { (1, $0.occurrence) })
                groups[key] = nil
            }
        }
        var out: [Candidate] = []
        let lexiconIDs = Set(lexicon.entries.map(\.id))
        for (key, unordered) in groups {
            let occ = unordered.sorted { ($0.segment, $0.occurrence.tally.first) < ($1.segment, $1.occurrence.tally.first) }
                .map(\.occurrence)
            let total = occ.reduce(0) { $0 + $1.tally.count }
            // Mostly sentence-initial single words and mostly places are not names.
            let places = occ.filter(\.afterPlacePreposition).reduce(0) { $0 + $1.tally.count }
            if Double(places) / Double(total) >= 0.5 { continue }
            if !key.contains(" "), occ.allSatisfy(\.sentenceInitial) { continue }
            var formCounts: [String: Int] = [:]
            for o in occ { formCounts[o.form, default: 0] += o.tally.count }
            let forms = formCounts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
            let decided = occ.first { $0.kind != nil }
            let kind = decided?.kind ?? .person
            let name = forms.max { ($0.count, formCounts[$0]!) < ($1.count, formCounts[$1]!) } ?? key
            var id = Self.slug(name)
            if lexiconIDs.contains(id) { id += "-inferred" }
            // The first three in corpus order within each segment, the full name's first.
            var examples: [Candidate.Example] = []
            for segment in 0...1 where examples.count < 3 {
                let inSegment = unordered.filter { $0.segment == segment }.flatMap(\.occurrence.tally.examples)
                    .sorted { $0.position < $1.position }
                examples += inSegment.prefix(3 - examples.count).map(\.example)
            }
            out.append(Candidate(id: id, name: name, kind: kind, count: total, forms: forms,
                                 evidence: decided?.evidence ?? "capitalised name", examples: examples))
        }
        return out.sorted { ($0.count, $1.id) > ($1.count, $0.id) }
    }

    /// What `scan` asks of a word: the word lists it is in. Worked out once per word
    /// of a worker's vocabulary (`scan`'s `known`) instead of looked up in the lists
    /// for every capitalised word and its neighbours, five lookups a span: with the
    /// span's words' flags kept beside them, discovery's scan fell from 68 M to 56 M
    /// instructions (callgrind, 4.95 MB corpus).
    struct ScanFlags: OptionSet {
        let rawValue: UInt8
        /// Worked out (a word's entry in `known` is 0 until then).
        static let known = ScanFlags(rawValue: 1)
        static let connector = ScanFlags(rawValue: 2)
        static let stopword = ScanFlags(rawValue: 4)
        static let title = ScanFlags(rawValue: 8)
        static let lowercaseEventHead = ScanFlags(rawValue: 16)
        /// Lowercased, a preposition of place.
        static let placePreposition = ScanFlags(rawValue: 32)
    }

    static func scanFlags(_ text: String) -> ScanFlags {
        var flags: ScanFlags = .known
        if connectorSet.contains(text) { flags.insert(.connector) }
        if stopwordSet.contains(text) { flags.insert(.stopword) }
        if titleSet.contains(text) { flags.insert(.title) }
        if lowercaseEventHeadSet.contains(text) { flags.insert(.lowercaseEventHead) }
        if placePrepositionSet.containsLowercased(text) { flags.insert(.placePreposition) }
        return flags
    }

    /// Candidate spans in one sentence, before the corpus-wide checks, with the words'
    /// `ScanFlags` kept in `known` (by word number, 0 until worked out) from sentence
    /// to sentence.
    func scan(_ tokens: Tokens, sentence: Sentence, covered: [Bool], known: inout [UInt8]) -> [Span] {
        var out: [Span] = []
        var i = sentence.tokens.lowerBound
        let end = sentence.tokens.upperBound
        func isCap(_ j: Int) -> Bool {
            j < end && !covered[j] && tokens[j].kind == .word && tokens[j].isCapitalised && !tokens[j].emphasised
        }
        func isInitial(_ j: Int) -> Bool {
            // The full stop first: most capitalised words are not followed by one.
            isCap(j) && j + 1 < end && tokens[j + 1].mark == UInt8(ascii: ".") && isOneCharacter(tokens, j)
        }
        func flags(_ j: Int) -> ScanFlags {
            let w = Int(tokens[j].word)
            if known[w] == 0 { known[w] = Self.scanFlags(tokens.text(j)).rawValue }
            return ScanFlags(rawValue: known[w])
        }
        // A connector at `j` that joins a name ("Council of People's Commissars"): after
        // a word that is no title, before a capitalised word.
        func joinsName(_ j: Int, after previous: ScanFlags) -> Bool {
            j + 1 < end && flags(j).contains(.connector) && !covered[j] && isCap(j + 1) && !previous.contains(.title)
        }
        while i < end {
            // To the next capitalised word outside a mention: most words are not.
            tokens.elements.withUnsafeBufferPointer { t in
                covered.withUnsafeBufferPointer { c in
                    while i < end && !(t[i].kind == .word && t[i].isCapitalised && !t[i].emphasised && !c[i]) { i &+= 1 }
                }
            }
            guard i < end else { break }
            let start = i
            // A capitalised stopword or connector on its own ("The", "In" opening a
            // sentence), which trimming would leave empty: passed over before its span
            // is built. Most spans were these (27,000 of 35,000 in a 4.95 MB corpus),
            // each an array allocated, trimmed and freed: passing them over took 15 M
            // of 1,285 M instructions off extraction (callgrind).
            if !isInitial(i), !flags(i).isDisjoint(with: [.stopword, .connector]),
               tokens[i].possessive || !(isInitial(i + 1) || isCap(i + 1) || joinsName(i + 1, after: flags(i))) {
                i += 1
                continue
            }
            // The span's words with their flags.
            var words: [(text: String, flags: ScanFlags)] = []
            // Room for a name's usual few words at once, not grown one, two, four.
            words.reserveCapacity(4)
            var j = i
            var initials = false
            while j < end {
                if isInitial(j) {
                    let initial = tokens.text(j) + "."
                    words.append((initial, Self.scanFlags(initial)))
                    initials = true
                    j += 2
                    continue
                }
                if isCap(j) {
                    words.append((tokens.text(j), flags(j)))
                    j += 1
                    if tokens[j - 1].possessive { break }
                    continue
                }
                if let last = words.last, joinsName(j, after: last.flags) {
                    words.append((tokens.text(j), flags(j)))
                    j += 1
                    continue
                }
                break
            }
            i = max(j, i + 1)
            // Trim connectors and stopwords at the edges.
            while let f = words.first, !f.flags.isDisjoint(with: [.stopword, .connector]) { words.removeFirst() }
            while let l = words.last, l.flags.contains(.connector) { words.removeLast() }
            guard !words.isEmpty else { continue }
            var title: String? = nil
            // "Later General Brusilov": what precedes a title is not part of the name.
            if let t = words.lastIndex(where: { $0.flags.contains(.title) }), t < words.count - 1 {
                title = words[t].text
                words.removeFirst(t + 1)
            }
            let lowercaseHead = j < end && !covered[j] && flags(j).contains(.lowercaseEventHead) ? tokens.text(j) : nil
            let startsSentence = start == sentence.tokens.lowerBound
            // Opening quotes and brackets are one-character marks, curly quotes
            // normalised to straight ones.
            let opening = start > sentence.tokens.lowerBound ? tokens[start - 1].mark : 0
            let initialPosition = startsSentence
                || ((opening == UInt8(ascii: "\"") || opening == UInt8(ascii: "'") || opening == UInt8(ascii: "("))
                    && start - 1 == sentence.tokens.lowerBound)
            let place = start > sentence.tokens.lowerBound && title == nil && flags(start - 1).contains(.placePreposition)
            out.append(Span(words: words.map(\.text), title: title, initials: initials, startsSentence: startsSentence,
                            initialPosition: initialPosition, afterPlacePreposition: place, lowercaseHead: lowercaseHead))
        }
        return out
    }

    /// Token `j`'s text is one character: one byte is one character, and several ASCII
    /// bytes are several (a word token holds no CR LF); only other words are counted.
    private func isOneCharacter(_ tokens: Tokens, _ j: Int) -> Bool {
        if tokens[j].length == 1 { return true }
        let text = tokens.text(j)
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return false }
        return text.count == 1
    }

    /// The verdict on a span once the corpus's lowercase words are known: nil when it
    /// is not a name.
    func judge(_ span: Span, tally: SpanTally, lowercase: Set<String>, ignore: Set<String>,
               knownFirstWords: Set<String>) -> Occurrence? {
        var words = span.words
        let title = span.title
        // A sentence-initial ordinary word glued to a name: "Later Brusilov".
        if words.count > 1, span.startsSentence, lowercase.contains(words[0].lowercased()) {
            words.removeFirst()
        }
        guard !words.isEmpty else { return nil }
        if words.allSatisfy({ Self.months.contains($0) || Self.stopwords.contains($0) }) { return nil }
        if words.count == 1, let w = words.first, Self.isDemonym(w) { return nil }
        // Hyphenated adjectives: "Bolshevik-led", "Petrograd-based".
        if words.count == 1, let w = words.first, let dash = w.lastIndex(of: "-"),
           w[w.index(after: dash)...].first?.isLowercase == true { return nil }
        var kind: ActorKind? = nil
        var evidence = ""
        // Lowercase event head right after: "Kronstadt revolt".
        if let head = span.lowercaseHead {
            words.append(head)
            kind = .event
            evidence = "event head '\(head)'"
        }
        let head = words.last!
        if kind == nil {
            if Self.eventHeads.contains(head) { kind = .event; evidence = "event head '\(head)'" }
            else if Self.partyHeads.contains(head) { kind = .party; evidence = "party head '\(head)'" }
            else if Self.bodyHeads.contains(head) { kind = .body; evidence = "body head '\(head)'" }
            else if let title { kind = .person; evidence = "title '\(title)'" }
            else if span.initials { kind = .person; evidence = "initials" }
        }
        if kind == nil || kind == .person, words.count > 4 { return nil }
        if kind == nil, words.contains("and") { return nil }
        // A role without a name: "Foreign Minister".
        if let last = words.last, Self.titles.contains(last) { return nil }
        // Plural common nouns ("Deputies", "Agricultural Labourers") name groups of
        // people, not actors, unless a head word made them a body or party.
        if kind == nil, let last = words.last,
           ["ers", "ies", "ants", "ists", "ions", "ors", "ents"].contains(where: { last.hasSuffix($0) }) { return nil }
        // The first word of a known name on its own is a fragment ("Provisional").
        if words.count == 1, kind == nil, knownFirstWords.contains(words[0]) { return nil }
        // A bare head ("the Government", "the War") is a common noun, not a name.
        if words.count == 1, kind != nil, kind != .person { return nil }
        // Title Case phrases of ordinary words ("Agricultural Labourers", "Winter Palace").
        if kind == nil, words.count > 1, words.allSatisfy({ lowercase.contains($0.lowercased()) || Self.connectors.contains($0) }) {
            return nil
        }
        let form = words.joined(separator: " ")
        if ignore.contains(form) { return nil }
        // A lone capitalised word the text also writes in lowercase is an ordinary word.
        let sentenceInitial = title == nil && kind == nil && span.initialPosition
        if words.count == 1, kind == nil, lowercase.contains(form.lowercased()) { return nil }
        if words.count == 1, kind == nil, form.count <= 2 { return nil }
        // Key: the name without initials, so "F. F. Raskolnikov" and "Raskolnikov" meet.
        let key = words.filter { !$0.hasSuffix(".") }.joined(separator: " ")
        guard !key.isEmpty else { return nil }
        return Occurrence(key: key, form: form, kind: kind, evidence: evidence, sentenceInitial: sentenceInitial,
                          afterPlacePreposition: span.afterPlacePreposition && kind == nil, tally: tally)
    }

    static func isDemonym(_ w: String) -> Bool {
        for suffix in ["ian", "ians", "ish", "ese", "ean", "ans"] where w.hasSuffix(suffix) && w.count > 4 { return true }
        return ["German", "Germans", "French", "English", "British", "American", "Americans", "Russians", "Russian",
                "Czech", "Czechs", "Polish", "Dutch", "Swiss", "Greek", "Greeks", "Turk", "Turks", "Jew", "Jews",
                "Jewish", "Europe", "European", "Western", "Eastern", "Northern", "Southern", "Soviet"].contains(w)
    }

    static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for s in text.lowercased().unicodeScalars {
            if s.isASCII, s.properties.isAlphabetic || s.properties.numericType != nil {
                out.unicodeScalars.append(s)
                dash = false
            } else if !s.isASCII, s.properties.isAlphabetic {
                out.unicodeScalars.append(s)
                dash = false
            } else if !dash, !out.isEmpty {
                out += "-"
                dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "actor" : out
    }
}
