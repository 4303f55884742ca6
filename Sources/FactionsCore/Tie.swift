/// Where a tie was read: a verbatim slice of one document.
///
/// `start` and `end` count Unicode scalars (code points) from the start of the file,
/// so `Array(text.unicodeScalars)[start..<end]` — or Python's `text[start:end]` —
/// is exactly `quote`.
public struct Evidence: Codable, Sendable, Hashable, Comparable {
    public var document: String
    public var quote: String
    /// How the date was found: `explicit`, `event`, `heading`, `inherited` or `undated`.
    public var dating: String?
    // Numbers in 32 bits and months as an index (0: none), read and written through
    // the properties below: a piece of evidence takes 72 bytes instead of 120, and a
    // 100 MB corpus holds 600,000 of them, appended, merged, sorted and written out.
    private var sentenceIndex: Int32
    private var startOffset: Int32
    private var endOffset: Int32
    private var fromIndex: Int32
    private var toIndex: Int32

    /// Index of the sentence in its document, from 0.
    public var sentence: Int {
        get { Int(sentenceIndex) }
        set { sentenceIndex = Int32(newValue) }
    }
    public var start: Int {
        get { Int(startOffset) }
        set { startOffset = Int32(newValue) }
    }
    public var end: Int {
        get { Int(endOffset) }
        set { endOffset = Int32(newValue) }
    }
    /// The months the sentence speaks of, when the text dates it.
    public var from: Month? {
        get { Self.month(fromIndex) }
        set { fromIndex = Self.index(newValue) }
    }
    public var to: Month? {
        get { Self.month(toIndex) }
        set { toIndex = Self.index(newValue) }
    }

    /// `sentence`, `start` and `end` must be at most `Int32.max` (a text is at most
    /// `TextFile.maxBytes` long).
    public init(document: String, sentence: Int, start: Int, end: Int, quote: String,
                interval: MonthInterval? = nil, dating: String? = nil) {
        self.document = document
        self.quote = quote
        self.dating = dating
        sentenceIndex = Int32(sentence)
        startOffset = Int32(start)
        endOffset = Int32(end)
        fromIndex = Self.index(interval?.from)
        toIndex = Self.index(interval?.to)
    }

    /// A month as its `ordinal` + 1 (at most 120,000: years run to 9999), 0 for none.
    private static func index(_ month: Month?) -> Int32 {
        month.map { Int32($0.ordinal + 1) } ?? 0
    }

    private static func month(_ index: Int32) -> Month? {
        index > 0 ? Month(ordinal: Int(index) - 1) : nil
    }

    private enum CodingKeys: String, CodingKey {
        case document, sentence, start, end, quote, from, to, dating
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Sentence numbers and offsets past 32 bits are no file's (a text is at most
        // 512 MB): refused as what they are, not trapped on.
        func number(_ key: CodingKeys) throws -> Int {
            let value = try c.decode(Int.self, forKey: key)
            guard value >= 0, value <= Int(Int32.max) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c,
                    debugDescription: "\(value) is not a sentence number or offset (0 to \(Int32.max))")
            }
            return value
        }
        self.init(document: try c.decode(String.self, forKey: .document), sentence: try number(.sentence),
                  start: try number(.start), end: try number(.end), quote: try c.decode(String.self, forKey: .quote),
                  dating: try c.decodeIfPresent(String.self, forKey: .dating))
        from = try c.decodeIfPresent(Month.self, forKey: .from)
        to = try c.decodeIfPresent(Month.self, forKey: .to)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(document, forKey: .document)
        try c.encode(sentence, forKey: .sentence)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(quote, forKey: .quote)
        try c.encodeIfPresent(from, forKey: .from)
        try c.encodeIfPresent(to, forKey: .to)
        try c.encodeIfPresent(dating, forKey: .dating)
    }

    public var interval: MonthInterval? {
        guard let from, let to else { return nil }
        return MonthInterval(from: from, to: to)
    }

    public static func < (a: Evidence, b: Evidence) -> Bool {
        (a.document, a.sentence, a.start, a.end) < (b.document, b.sentence, b.start, b.end)
    }
}

/// The sign of a tie: ally (+1), enemy (−1) or plain co-occurrence (0).
public enum TieSign: Int, Codable, Sendable, Comparable, CaseIterable {
    case negative = -1
    case neutral = 0
    case positive = 1

    public static func < (a: TieSign, b: TieSign) -> Bool { a.rawValue < b.rawValue }

    public var label: String {
        switch self {
        case .positive: "ally"
        case .negative: "enemy"
        case .neutral: "co-occurrence"
        }
    }
}

/// A tie between two actors, with every sentence that supports it.
///
/// Co-occurrence ties (`type == "co-occurrence"`, sign 0) are undirected and stored with
/// `source < target`. Typed ties carry the cue that produced them and keep direction
/// where the cue has one (A arrests B).
public struct Tie: Codable, Sendable, Hashable {
    public var source: String
    public var target: String
    /// `co-occurrence`, or the relation read from a cue: `support`, `oppose`, `arrest` …
    public var type: String
    public var sign: TieSign
    /// Number of supporting sentences (for co-occurrence) or cues (for typed ties).
    public var weight: Double
    public var directed: Bool
    /// The months the evidence is dated in; nil when every sentence is undated.
    public var from: Month?
    public var to: Month?
    /// The cue words that produced a typed tie (empty for co-occurrence).
    public var cues: [String]
    public var evidence: [Evidence]

    public init(source: String, target: String, type: String = Tie.cooccurrence, sign: TieSign = .neutral,
                weight: Double = 1, directed: Bool = false, from: Month? = nil, to: Month? = nil,
                cues: [String] = [], evidence: [Evidence] = []) {
        self.source = source
        self.target = target
        self.type = type
        self.sign = sign
        self.weight = weight
        self.directed = directed
        self.from = from
        self.to = to
        self.cues = cues
        self.evidence = evidence
    }

    public static let cooccurrence = "co-occurrence"

    /// The identity under which evidence from several sentences or documents merges.
    public var key: TieKey {
        TieKey(source: source, target: target, type: type, sign: sign, directed: directed)
    }

    public var interval: MonthInterval? {
        guard let from, let to else { return nil }
        return MonthInterval(from: from, to: to)
    }

    /// The tie's weight restricted to a period: the share of its weight carried by
    /// evidence dated in the period (undated evidence counts nowhere), or the whole
    /// weight when no period is asked for.
    public func weight(in period: MonthInterval?) -> Double {
        guard let period else { return weight }
        if evidence.isEmpty { return interval.map { $0.overlaps(period) ? weight : 0 } ?? 0 }
        let perEvidence = weight / Double(evidence.count)
        var w = 0.0
        for e in evidence {
            if let i = e.interval ?? interval, i.overlaps(period) { w += perEvidence }
        }
        return w
    }
}

/// Identity of a tie: two ties with the same key are the same relation told twice.
public struct TieKey: Hashable, Sendable, Comparable {
    public var source: String
    public var target: String
    public var type: String
    public var sign: TieSign
    public var directed: Bool

    public init(source: String, target: String, type: String, sign: TieSign, directed: Bool) {
        self.source = source
        self.target = target
        self.type = type
        self.sign = sign
        self.directed = directed
    }

    public static func < (a: TieKey, b: TieKey) -> Bool {
        (a.source, a.target, a.type, a.sign.rawValue, a.directed ? 1 : 0)
            < (b.source, b.target, b.type, b.sign.rawValue, b.directed ? 1 : 0)
    }
}

/// An unordered pair of actor ids, stored with `a <= b`.
public struct PairKey: Hashable, Sendable, Comparable {
    public let a: String
    public let b: String

    public init(_ x: String, _ y: String) {
        if x <= y { a = x; b = y } else { a = y; b = x }
    }

    public static func < (l: PairKey, r: PairKey) -> Bool { (l.a, l.b) < (r.a, r.b) }
}
