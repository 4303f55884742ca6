import CGraphviz
import FactionsCore

/// Reads a DOT file through cgraph (the same parser Graphviz uses), so any graph
/// Graphviz reads can be ranked, partitioned and drawn. Node `label` becomes the
/// name and `kind` the kind; edge `weight`, `sign` and `type` are used when present.
public enum DOTReader {
    public static func read(_ text: String, path: String) throws(InputError) -> ActorNetwork {
        do {
            return try Graphviz.shared.withParsedGraph(dot: text) { graph in
                var actors: [Actor] = []
                var ties: [TieKey: Tie] = [:]
                var node = factions_agfstnode(graph)
                while let n = node {
                    let id = String(cString: factions_agnameof(UnsafeMutableRawPointer(n)))
                    let label = factions_agget(UnsafeMutableRawPointer(n), "label").map { String(cString: $0) }
                    let kindText = factions_agget(UnsafeMutableRawPointer(n), "kind").map { String(cString: $0) } ?? ""
                    let kind = ActorKind(rawValue: kindText) ?? .group
                    actors.append(Actor(id: id, name: (label?.isEmpty == false && label != "\\N") ? label! : id, kind: kind))
                    var edge = factions_agfstout(graph, n)
                    while let e = edge {
                        let a = String(cString: factions_agnameof(UnsafeMutableRawPointer(factions_agtail(e))))
                        let b = String(cString: factions_agnameof(UnsafeMutableRawPointer(factions_aghead(e))))
                        let weightText = factions_agget(UnsafeMutableRawPointer(e), "weight").map { String(cString: $0) } ?? ""
                        let weight = Double(weightText) ?? 1
                        let signText = factions_agget(UnsafeMutableRawPointer(e), "sign").map { String(cString: $0) } ?? ""
                        let signValue = Double(signText) ?? 0
                        let sign: TieSign = signValue > 0 ? .positive : (signValue < 0 ? .negative : .neutral)
                        let typeText = factions_agget(UnsafeMutableRawPointer(e), "type").map { String(cString: $0) } ?? ""
                        let type = sign == .neutral ? Tie.cooccurrence : (typeText.isEmpty ? "signed" : typeText)
                        let (x, y) = a <= b ? (a, b) : (b, a)
                        let key = TieKey(source: x, target: y, type: type, sign: sign, directed: false)
                        ties[key, default: Tie(source: x, target: y, type: type, sign: sign, weight: 0)].weight += abs(weight)
                        edge = factions_agnxtout(graph, e)
                    }
                    node = factions_agnxtnode(graph, n)
                }
                return ActorNetwork(actors: actors, ties: Array(ties.values))
            }
        } catch {
            if case let .syntax(line, message) = error { throw InputError(path: path, line: line, message: "not valid DOT: \(message)") }
            throw InputError(path: path, message: error.description)
        }
    }
}
