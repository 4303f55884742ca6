import FactionsCore

/// How a sentence's date was found.
public enum Dating: String, Sendable, Hashable, Codable {
    /// A date written in the sentence: `25 October 1917`, `in June`, `1905`.
    case explicit
    /// A dated event of the lexicon mentioned in the sentence (`during the July Days`).
    case event
    /// The date of the section heading the sentence falls under.
    case heading
    /// Carried over from an earlier sentence of the same paragraph.
    case inherited
    case undated
}

/// Dates written in text, read at the level of months.
///
/// Recognised: `25 October 1917`, `25th of October`, `October 25th`, `Oct 24th`,
/// `in June`, `by the end of April`, `early March`, `mid-July`, `June 1917`,
/// `1905`, `the 1890s` (the decade). A month without a year takes the year last
/// written in the document (or `defaultYear`). `May` counts as a month only next to a
/// day, a year or a preposition of time, never as the verb.
public struct DateResolver: Sendable {
    public var defaultYear: Int?

    public init(defaultYear: Int? = nil) {
        self.defaultYear = defaultYear
    }

    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    static let timePrepositions: Set<String> = [
        "in", "by", "of", "early", "late", "mid", "until", "till", "since", "from", "to", "during", "before", "after",
        "throughout", "end", "beginning", "start", "middle", "on", "between", "and", "through",
    ]

    /// A date found in a run of tokens.
    public struct Found: Sendable, Hashable {
        /// Month interval; nil year means "take it from context".
        public var fromMonth: Int
        public var toMonth: Int
        public var year: Int?
        public var toYear: Int?
    }

    /// Dates in `tokens[range]`, skipping tokens inside `excluded` (actor mentions:
    /// "July" in "July Days" is an event, not a month).
    public func find(in tokens: Tokens, range: Range<Int>, excluded: [Range<Int>]) -> [Found] {
        find(in: tokens, range: range, excluded: excluded) { _ in true }
    }

    /// `find` passing over the tokens `mayStart` says cannot start a date (see
    /// `mayStartDate`), with `excluded` any collection of ranges.
    @inline(__always)
    func find<Ranges: Collection<Range<Int>>>(in tokens: Tokens, range: Range<Int>, excluded: Ranges,
                                              mayStart: (Int) -> Bool) -> [Found] {
        var out: [Found] = []
        var i = range.lowerBound
        // A sentence has a few mentions: a scan of their ranges beats hashing each token.
        func word(_ j: Int) -> String? {
            guard j >= range.lowerBound, j < range.upperBound, !excluded.contains(where: { $0.contains(j) }) else { return nil }
            return tokens.text(j)
        }
        func dayValue(_ j: Int) -> Int? {
            guard let w = word(j) else { return nil }
            var digits = Substring(w)
            for suffix in ["st", "nd", "rd", "th"] where w.hasSuffix(suffix) { digits = digits.dropLast(2) }
            guard let d = Int(digits), (1...31).contains(d), digits.count <= 2 else { return nil }
            return d
        }
        func yearValue(_ j: Int) -> Int? { word(j).flatMap(Self.year) }
        while i < range.upperBound {
            // Only a capitalised word (a month) or one opening with a digit (a year, a
            // decade) starts a date; the rest is passed over in place before any string
            // work (the first byte is kept in the token: asking the string for it cost
            // as much as the rest of the scan).
            tokens.elements.withUnsafeBufferPointer { t in
                while i < range.upperBound {
                    let first = t[i].initial
                    if (first >= 0x41 && first <= 0x5A) || (first >= 0x30 && first <= 0x39) { break }
                    i &+= 1
                }
            }
            guard i < range.upperBound else { break }
            defer { i += 1 }
            guard mayStart(i), let w = word(i) else { continue }
            // Only a word opening like a month name is looked up.
            if let (lower, month) = Self.month(w), w.first!.isUppercase {
                // Abbreviations need their dot or a day: "Oct 24th", "Oct. 24".
                if lower.count <= 4, lower != "may", lower != "june", lower != "july" {
                    let next = word(i + 1)
                    guard next == "." || dayValue(i + 1) != nil else { continue }
                }
                if lower == "may" {
                    let prev = word(i - 1)?.lowercased() ?? ""
                    let hasDay = dayValue(i + 1) != nil || dayValue(i - 1) != nil || dayValue(i - 2) != nil
                    guard hasDay || yearValue(i + 1) != nil || Self.timePrepositions.contains(prev) else { continue }
                }
                var j = i + 1
                if word(j) == "." { j += 1 }
                if dayValue(j) != nil { j += 1 }
                if word(j) == "," { j += 1 }
                let year = yearValue(j)
                out.append(Found(fromMonth: month, toMonth: month, year: year, toYear: year))
                continue
            }
            if let y = yearValue(i) {
                // A year after a month was taken with the month.
                if let prev = out.last, prev.year == y, i > range.lowerBound, Self.monthBefore(tokens, i, range) { continue }
                if (i + 1 < range.upperBound) && (tokens.text(i + 1) == "s" || tokens.text(i + 1) == "'s") {
                    out.append(Found(fromMonth: 1, toMonth: 12, year: y, toYear: y + 9))
                } else {
                    out.append(Found(fromMonth: 1, toMonth: 12, year: y, toYear: y))
                }
            }
            if let y = Self.decade(w) {
                out.append(Found(fromMonth: 1, toMonth: 12, year: y, toYear: y + 9))
            }
        }
        return out
    }

    /// Whether a token written `w` can start a date as `find` reads one: a capitalised
    /// month name, a year or a decade. Asked once per distinct word (`Vocabulary`), it
    /// spares `find` the month and number lookups of every other capitalised word
    /// (a sixtieth of extraction).
    static func mayStartDate(_ w: String) -> Bool {
        guard let first = w.utf8.first, (first >= 0x41 && first <= 0x5A) || (first >= 0x30 && first <= 0x39) else {
            return false
        }
        return (month(w) != nil && w.first!.isUppercase) || year(w) != nil || decade(w) != nil
    }

    /// The year `w` writes: four digits from 1000 to 2100. (UTF-8 length: `Int` reads
    /// ASCII only, where it equals the count of characters.)
    static func year(_ w: String) -> Int? {
        guard w.utf8.count == 4, let y = Int(w), (1000...2100).contains(y) else { return nil }
        return y
    }

    /// The first year of the decade `w` writes: "1890s".
    static func decade(_ w: String) -> Int? {
        guard w.utf8.count == 5, w.hasSuffix("s"), let y = Int(w.dropLast()), (1000...2100).contains(y), y % 10 == 0 else {
            return nil
        }
        return y
    }

    /// The keys of `months`, where an ASCII word is found with its capitals read as
    /// lowercase: lowercasing it into a new string and hashing that for the dictionary
    /// cost 700 instructions a capitalised word (most are not months).
    private static let monthNames = WordSet(months.keys)

    /// The month `w` names, with `w` lowercased, or nil.
    static func month(_ w: String) -> (lower: String, month: Int)? {
        guard mayBeMonth(w), let lower = monthNames.member(lowercasing: w) else { return nil }
        return (lower, months[lower]!)
    }

    /// Bit k set when some month name (a key of `months`) opens with letter k of the
    /// alphabet.
    private static let monthInitials: UInt32 = months.keys.reduce(0) { $0 | 1 << UInt32($1.utf8.first! & ~0x20 &- 0x41) }

    /// False for words that cannot lowercase to a month name: those opening with an
    /// ASCII character other than a month name's initial (lowercasing changes an ASCII
    /// letter only to its lowercase, and nothing else in ASCII).
    @inline(__always)
    static func mayBeMonth(_ w: String) -> Bool {
        guard let first = w.utf8.first else { return false }
        if first >= 0x80 { return true }
        let letter = (first | 0x20) &- 0x61
        return letter < 26 && monthInitials & (1 << UInt32(letter)) != 0
    }

    static func monthBefore(_ tokens: Tokens, _ i: Int, _ range: Range<Int>) -> Bool {
        var j = i - 1
        var steps = 0
        while j >= range.lowerBound, steps < 4 {
            if months[tokens.text(j).lowercased()] != nil { return true }
            j -= 1
            steps += 1
        }
        return false
    }

    /// Turns found dates into one interval, completing missing years with `year`.
    public static func interval(_ found: [Found], year: Int?) -> MonthInterval? {
        var lo: Month? = nil, hi: Month? = nil
        for f in found {
            guard let y = f.year ?? year else { continue }
            guard let a = Month(year: y, month: f.fromMonth), let b = Month(year: f.toYear ?? y, month: f.toMonth) else { continue }
            lo = lo.map { min($0, a) } ?? a
            hi = hi.map { max($0, b) } ?? b
        }
        guard let lo, let hi else { return nil }
        return MonthInterval(from: lo, to: hi)
    }
}
