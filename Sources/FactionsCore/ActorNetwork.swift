import Foundation

/// One text of a corpus.
public struct Document: Codable, Sendable, Hashable {
    /// Identifier used in evidence: the file name without extension.
    public var id: String
    /// File name inside the dataset's `corpus/` folder.
    public var file: String
    /// First non-empty line of the text, as a human-readable title.
    public var title: String

    public init(id: String, file: String, title: String) {
        self.id = id
        self.file = file
        self.title = title
    }
}

/// A named span of months (`July Days: 1917-07`), the unit of the alliance timeline.
public struct Period: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var from: Month
    public var to: Month
    public var description: String?

    public init(id: String, name: String, from: Month, to: Month, description: String? = nil) {
        self.id = id
        self.name = name
        self.from = from
        self.to = to
        self.description = description
    }

    public var interval: MonthInterval { MonthInterval(from: from, to: to) }
}

/// What produced a network, so a reader can tell which tool and lexicon made a file.
public struct Generator: Codable, Sendable, Hashable {
    public var name: String
    public var version: String
    /// SHA-256 of the lexicon file's bytes (empty when no lexicon was used).
    public var lexiconHash: String

    public init(name: String = "factions", version: String = FactionsVersion.current, lexiconHash: String = "") {
        self.name = name
        self.version = version
        self.lexiconHash = lexiconHash
    }

    enum CodingKeys: String, CodingKey {
        case name, version
        case lexiconHash = "lexicon_hash"
    }
}

public enum FactionsVersion {
    public static let current = "0.1.0"
}

/// The actor network of a corpus: actors, ties with their evidence, and the periods
/// the ties are dated in. This is the value saved as `network.json`.
public struct ActorNetwork: Codable, Sendable, Hashable {
    /// Version of the file format; readers reject schemas they do not know.
    public var schema: Int
    public var generator: Generator
    /// `gregorian` or `julian`: the calendar the months of ties and periods are in.
    public var calendar: String
    public var documents: [Document]
    public var periods: [Period]
    /// Sorted by id.
    public var actors: [Actor]
    /// Sorted by `TieKey`.
    public var ties: [Tie]

    public static let currentSchema = 1

    public init(generator: Generator = Generator(), calendar: String = "gregorian", documents: [Document] = [],
                periods: [Period] = [], actors: [Actor], ties: [Tie]) {
        self.schema = Self.currentSchema
        self.generator = generator
        self.calendar = calendar
        self.documents = documents
        self.periods = periods
        self.actors = actors.sorted { $0.id < $1.id }
        self.ties = ties.sorted { $0.key < $1.key }
    }

    /// Actor lookup by id.
    /// Binary search over the id-sorted actors: O(log n) and no allocation, so it can be
    /// called per node or per tie.
    public func actor(_ id: String) -> Actor? {
        let i = actors.partitioningIndex { $0.id >= id }
        return i < actors.count && actors[i].id == id ? actors[i] : nil
    }

    public var actorIndex: [String: Int] {
        Dictionary(uniqueKeysWithValues: actors.enumerated().map { ($1.id, $0) })
    }

    /// Ties of co-occurrence only (sign 0), the unsigned network.
    public var cooccurrenceTies: [Tie] { ties.filter { $0.type == Tie.cooccurrence } }

    /// Typed, signed ties only.
    public var signedTies: [Tie] { ties.filter { $0.sign != .neutral } }
}
