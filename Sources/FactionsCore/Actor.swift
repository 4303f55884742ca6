/// What sort of actor a node of the network is.
///
/// The kinds follow the political-history reading of a text: individuals, parties,
/// bodies (councils, committees, governments, armed units), events, and collective
/// groups that act without being organised bodies.
public enum ActorKind: String, Codable, Sendable, CaseIterable, Comparable {
    case person, party, body, event, group

    public static func < (lhs: ActorKind, rhs: ActorKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One actor of a network: a curated lexicon entry, or a name found in the text.
public struct Actor: Codable, Sendable, Hashable {
    /// Stable identifier, unique in a network (lowercase, hyphenated for extracted actors).
    public var id: String
    /// Display name.
    public var name: String
    public var kind: ActorKind
    /// True when the actor was discovered in the text rather than listed in the lexicon.
    public var inferred: Bool
    /// The surface forms under which the actor was actually seen, sorted.
    public var aliases: [String]
    /// Mention count per document file name.
    public var mentions: [String: Int]

    public init(id: String, name: String, kind: ActorKind, inferred: Bool = false,
                aliases: [String] = [], mentions: [String: Int] = [:]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.inferred = inferred
        self.aliases = aliases
        self.mentions = mentions
    }

    /// Mentions summed over all documents.
    public var totalMentions: Int { mentions.values.reduce(0, +) }
}
