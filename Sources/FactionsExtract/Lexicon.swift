import Foundation
import Yams
import FactionsCore

/// The curated actors of a dataset (`lexicon.yaml`): the user's file, read on every
/// extraction and never written by the tool.
public struct Lexicon: Sendable, Hashable {
    /// Whether an entry is an actor of the story or only cited as a source.
    public enum Role: String, Sendable, Hashable { case actor, source }

    public struct Membership: Sendable, Hashable {
        public var actor: String
        public var interval: MonthInterval?
    }

    public struct Entry: Sendable, Hashable {
        public var id: String
        public var name: String
        public var kind: ActorKind
        public var aliases: [String]
        public var role: Role
        /// For events: when they happened.
        public var date: MonthInterval?
        public var memberOf: [Membership]
        /// Found in the text by discovery rather than curated.
        public var inferred: Bool = false

        public init(id: String, name: String, kind: ActorKind, aliases: [String], role: Role = .actor,
                    date: MonthInterval? = nil, memberOf: [Membership] = [], inferred: Bool = false) {
            self.inferred = inferred
            self.id = id
            self.name = name
            self.kind = kind
            self.aliases = aliases
            self.role = role
            self.date = date
            self.memberOf = memberOf
        }
    }

    /// A form such as "the Soviet" that names different actors in different places.
    public struct AmbiguousForm: Sendable, Hashable {
        public var form: String
        public var candidates: [String]
    }

    public var calendar: String
    public var entries: [Entry]
    public var ambiguous: [AmbiguousForm]
    public var ignore: [String]
    /// SHA-256 of the file's bytes, recorded in the network's generator.
    public var hash: String

    public init(calendar: String = "gregorian", entries: [Entry], ambiguous: [AmbiguousForm] = [],
                ignore: [String] = [], hash: String = "") {
        self.calendar = calendar
        self.entries = entries
        self.ambiguous = ambiguous
        self.ignore = ignore
        self.hash = hash
    }

    public static let empty = Lexicon(entries: [])

    /// Reads and checks a lexicon file: YAML errors name line and column; duplicate ids,
    /// an alias claimed by two actors, unknown kinds and unknown references name the
    /// values involved.
    public static func load(path: String) throws(InputError) -> Lexicon {
        let bytes = try TextFile.readBytes(path)
        let text = try TextFile.decodeUTF8(bytes, path: path)
        var lexicon = try parse(text, path: path)
        lexicon.hash = SHA256.hex(bytes)
        return lexicon
    }

    public static func parse(_ text: String, path: String) throws(InputError) -> Lexicon {
        let doc = try YAMLDocument(path: path, text: text)
        guard let root = doc.root else { return Lexicon(entries: []) }
        let top = try doc.mapping(root, what: "the lexicon")
        let known: Set<String> = ["calendar", "actors", "ambiguous", "ignore"]
        for key in top.keys {
            if let k = key.string, !known.contains(k) {
                throw doc.fail(key, "unknown key '\(k)'; expected one of \(known.sorted().joined(separator: ", "))")
            }
        }
        let calendar = try doc.optionalString(top["calendar"], key: "calendar") ?? "gregorian"
        guard calendar == "gregorian" || calendar == "julian" else {
            throw doc.fail(top["calendar"], "calendar must be 'gregorian' or 'julian', not '\(calendar)'")
        }
        var entries: [Entry] = []
        var idNode: [String: Node] = [:]
        var aliasOwner: [String: String] = [:]
        for item in try doc.sequence(top["actors"], key: "actors") {
            let m = try doc.mapping(item, what: "an actor")
            let id = try doc.string(m["id"], key: "id", in: item)
            if idNode[id] != nil {
                throw doc.fail(m["id"], "duplicate actor id '\(id)' (first at \(doc.location(idNode[id]))); ids must be unique")
            }
            idNode[id] = m["id"]
            let kindText = try doc.string(m["kind"], key: "kind", in: item)
            guard let kind = ActorKind(rawValue: kindText) else {
                throw doc.fail(m["kind"], "unknown kind '\(kindText)' for '\(id)'; use one of \(ActorKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let name = try doc.optionalString(m["name"], key: "name") ?? id
            var aliases = try doc.strings(m["aliases"], key: "aliases")
            if !aliases.contains(name) { aliases.insert(name, at: 0) }
            aliases = aliases.map { Self.normaliseAlias($0) }.filter { !$0.isEmpty }
            var seen = Set<String>()
            aliases = aliases.filter { seen.insert($0).inserted }
            for alias in aliases {
                if let owner = aliasOwner[alias], owner != id {
                    throw doc.fail(m["aliases"] ?? item,
                                   "alias '\(alias)' is claimed by both '\(owner)' and '\(id)'; keep it under one actor or list it under 'ambiguous'")
                }
                aliasOwner[alias] = id
            }
            let roleText = try doc.optionalString(m["role"], key: "role") ?? "actor"
            guard let role = Role(rawValue: roleText) else {
                throw doc.fail(m["role"], "unknown role '\(roleText)'; use 'actor' or 'source'")
            }
            var date: MonthInterval? = nil
            if let d = try doc.optionalString(m["date"], key: "date") {
                guard let parsed = MonthInterval(parsing: d) else {
                    throw doc.fail(m["date"], "date '\(d)' of '\(id)' is not a month; write YYYY-MM or YYYY-MM..YYYY-MM")
                }
                date = parsed
            }
            var memberships: [Membership] = []
            for mem in try doc.sequence(m["member_of"], key: "member_of") {
                if case .scalar(let s) = mem {
                    memberships.append(Membership(actor: s.string, interval: nil))
                    continue
                }
                let mm = try doc.mapping(mem, what: "a member_of entry")
                let target = try doc.string(mm["actor"], key: "actor", in: mem)
                let from = try doc.optionalString(mm["from"], key: "from")
                let to = try doc.optionalString(mm["to"], key: "to")
                var interval: MonthInterval? = nil
                if from != nil || to != nil {
                    guard let a = Month(parsing: from ?? "0001-01"), let b = Month(parsing: to ?? "9999-12", end: true) else {
                        throw doc.fail(mem, "member_of dates must be YYYY-MM")
                    }
                    interval = MonthInterval(from: a, to: b)
                }
                memberships.append(Membership(actor: target, interval: interval))
            }
            entries.append(Entry(id: id, name: name, kind: kind, aliases: aliases, role: role, date: date,
                                 memberOf: memberships))
        }
        for entry in entries {
            for mem in entry.memberOf where idNode[mem.actor] == nil {
                throw doc.fail(idNode[entry.id], "'\(entry.id)' is member_of unknown actor '\(mem.actor)'\(Suggest.didYouMean(mem.actor, in: Array(idNode.keys)))")
            }
        }
        var ambiguous: [AmbiguousForm] = []
        for item in try doc.sequence(top["ambiguous"], key: "ambiguous") {
            let m = try doc.mapping(item, what: "an ambiguous form")
            let form = Self.normaliseAlias(try doc.string(m["form"], key: "form", in: item))
            let candidates = try doc.strings(m["candidates"], key: "candidates")
            for c in candidates where idNode[c] == nil {
                throw doc.fail(m["candidates"], "ambiguous form '\(form)' names unknown actor '\(c)'\(Suggest.didYouMean(c, in: Array(idNode.keys)))")
            }
            if let owner = aliasOwner[form] {
                throw doc.fail(m["form"], "'\(form)' is both an alias of '\(owner)' and an ambiguous form; keep one")
            }
            ambiguous.append(AmbiguousForm(form: form, candidates: candidates))
        }
        let ignore = try doc.strings(top["ignore"], key: "ignore").map { Self.normaliseAlias($0) }
        return Lexicon(calendar: calendar, entries: entries, ambiguous: ambiguous, ignore: ignore)
    }

    /// Aliases are written as in the text; curly quotes become straight ones and runs of
    /// spaces one space, as the matcher sees the text.
    static func normaliseAlias(_ alias: String) -> String {
        var scalars: [Unicode.Scalar] = []
        var lastSpace = false
        for scalar in alias.unicodeScalars {
            if Tokenizer.isSpace(scalar) || Tokenizer.isLineBreak(scalar) {
                if !lastSpace, !scalars.isEmpty { scalars.append(" ") }
                lastSpace = true
                continue
            }
            lastSpace = false
            if Tokenizer.isWordScalar(scalar) { scalars.append(scalar) }
            else { scalars += Tokenizer.normalisePunctuation(scalar).unicodeScalars }
        }
        let out = ScalarText.string(scalars)
        // Foundation's trimming is slow and rarely has anything to do.
        guard let first = scalars.first, let last = scalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return out }
        return out.trimmingCharacters(in: .whitespaces)
    }

    public func entry(_ id: String) -> Entry? { entries.first { $0.id == id } }
}

/// Periods of a dataset (`periods.yaml`).
public enum PeriodsFile {
    public static func load(path: String) throws(InputError) -> (calendar: String?, periods: [Period]) {
        let text = try TextFile.decodeUTF8(try TextFile.readBytes(path), path: path)
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(InputError) -> (calendar: String?, periods: [Period]) {
        let doc = try YAMLDocument(path: path, text: text)
        guard let root = doc.root else { return (nil, []) }
        let top = try doc.mapping(root, what: "the periods file")
        let calendar = try doc.optionalString(top["calendar"], key: "calendar")
        var periods: [Period] = []
        var ids = Set<String>()
        for item in try doc.sequence(top["periods"], key: "periods") {
            let m = try doc.mapping(item, what: "a period")
            let id = try doc.string(m["id"], key: "id", in: item)
            guard ids.insert(id).inserted else { throw doc.fail(m["id"], "duplicate period id '\(id)'") }
            let name = try doc.optionalString(m["name"], key: "name") ?? id
            let fromText = try doc.string(m["from"], key: "from", in: item)
            let toText = try doc.optionalString(m["to"], key: "to") ?? fromText
            guard let from = Month(parsing: fromText) else {
                throw doc.fail(m["from"], "'from' of period '\(id)' must be YYYY-MM, not '\(fromText)'")
            }
            guard let to = Month(parsing: toText, end: true) else {
                throw doc.fail(m["to"], "'to' of period '\(id)' must be YYYY-MM, not '\(toText)'")
            }
            guard from <= to else { throw doc.fail(item, "period '\(id)' ends (\(to)) before it starts (\(from))") }
            let description = try doc.optionalString(m["description"], key: "description")
            periods.append(Period(id: id, name: name, from: from, to: to, description: description))
        }
        periods.sort { ($0.from, $0.to, $0.id) < ($1.from, $1.to, $1.id) }
        for (a, b) in zip(periods, periods.dropFirst()) where a.to >= b.from {
            throw InputError(path: path, message: "periods '\(a.id)' and '\(b.id)' overlap (\(a.interval) and \(b.interval)); periods must not overlap")
        }
        return (calendar, periods)
    }
}
