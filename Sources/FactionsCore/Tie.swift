/// Where a tie was read: a verbatim slice of one document.
///
/// `start` and `end` count Unicode scalars (code points) from the start of the file,
/// so `Array(text.unicodeScalars)[start..<end]` — or Python's `text[start:end]` —
/// is exactly `quote`.
public struct Evidence: Codable, Sendable, Hashable, Comparable {
    public var document: String
    /// Index of the sentence in its document, from 0.
    public var sentence: Int
    public var start: Int
    public var end: Int
    public var quote: String
    /// The months the sentence speaks of, when the text dates it.
    public var from: Month?
    public var to: Month?
    /// How the date was found: `explicit`, `event`, `heading`, `inherited` or `undated`.
    public var dating: String?

    public init(document: String, sentence: Int, start: Int, end: Int, quote: String,
                interval: MonthInterval? = nil, dating: String? = nil) {
        self.document = document
        self.sentence = sentence
        self.start = start
        self.end = end
        self.quote = quote
        self.from = interval?.from
        self.to = interval?.to
        self.dating = dating
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
