import FactionsCore

/// Which slice of an actor network to analyse.
public struct NetworkFilter: Sendable, Hashable {
    /// Only evidence dated inside this interval (undated evidence is left out).
    public var period: MonthInterval?
    /// Only actors of these kinds; nil keeps all.
    public var kinds: Set<ActorKind>?

    public init(period: MonthInterval? = nil, kinds: Set<ActorKind>? = nil) {
        self.period = period
        self.kinds = kinds
    }

    public static let all = NetworkFilter()
}

/// Builds the compact graphs that algorithms run on from an `ActorNetwork`.
///
/// Every actor that passes the filter is a node, in id order, so isolated actors keep
/// their place (and their zero scores) in rankings.
public enum NetworkView {
    /// The co-occurrence network: undirected, weighted by the number of sentences (in
    /// the period, when one is given) in which two actors appear together.
    public static func cooccurrence(_ network: ActorNetwork, filter: NetworkFilter = .all) -> Graph {
        var builder = GraphBuilder()
        var keep = Set<String>()
        for actor in network.actors where filter.kinds?.contains(actor.kind) ?? true {
            builder.addNode(actor.id)
            keep.insert(actor.id)
        }
        for tie in network.ties where tie.type == Tie.cooccurrence {
            guard keep.contains(tie.source), keep.contains(tie.target) else { continue }
            let weight = tie.weight(in: filter.period)
            if weight > 0 { builder.addEdge(tie.source, tie.target, weight: weight) }
        }
        return builder.build()
    }

    /// The signed network: for each pair, the sum of its typed ties' signed weights
    /// (in the period); the edge's sign is the net sign and its weight the absolute
    /// net weight. Pairs whose evidence cancels out are left out.
    public static func signed(_ network: ActorNetwork, filter: NetworkFilter = .all) -> Graph {
        var builder = GraphBuilder()
        var keep = Set<String>()
        for actor in network.actors where filter.kinds?.contains(actor.kind) ?? true {
            builder.addNode(actor.id)
            keep.insert(actor.id)
        }
        var net: [PairKey: Double] = [:]
        for tie in network.ties where tie.sign != .neutral {
            guard keep.contains(tie.source), keep.contains(tie.target), tie.source != tie.target else { continue }
            let weight = tie.weight(in: filter.period)
            if weight > 0 { net[PairKey(tie.source, tie.target), default: 0] += weight * Double(tie.sign.rawValue) }
        }
        for (pair, value) in net.sorted(by: { $0.key < $1.key }) where value != 0 {
            builder.addEdge(pair.a, pair.b, weight: abs(value), sign: value > 0 ? 1 : -1)
        }
        return builder.build()
    }
}
