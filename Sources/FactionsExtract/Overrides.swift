import Foundation
import Yams
import FactionsCore

/// A dataset's `overrides.yaml`: corrections a user makes to what extraction found,
/// applied on every extraction and never written by the tool.
///
/// ```yaml
/// merge:                       # several actors are one
///   - {into: bolsheviks, actors: [bolshevik-party], reason: "same party"}
/// split:                       # an alias names someone else
///   - {actor: dan, alias: Dan, into: {id: dan-brown, name: Dan Brown, kind: person}, reason: …}
/// rename:
///   - {actor: soviets, name: The soviets, reason: …}
/// drop_ties:                   # type optional: any typed tie of the pair
///   - {source: lenin, target: kamenev, type: oppose, reason: "misread irony"}
/// flip_ties:
///   - {source: kerensky, target: kornilov, type: support, reason: …}
/// ```
public struct Overrides: Sendable, Hashable {
    public struct Merge: Sendable, Hashable { public var into: String; public var actors: [String]; public var location: String }
    public struct Split: Sendable, Hashable {
        public var actor: String; public var alias: String
        public var id: String; public var name: String; public var kind: ActorKind; public var location: String
    }
    public struct Rename: Sendable, Hashable { public var actor: String; public var name: String; public var location: String }
    public struct TieEdit: Sendable, Hashable {
        public var source: String; public var target: String; public var type: String?; public var location: String
    }

    public var merges: [Merge] = []
    public var splits: [Split] = []
    public var renames: [Rename] = []
    public var drops: [TieEdit] = []
    public var flips: [TieEdit] = []

    public init() {}

    public var isEmpty: Bool { merges.isEmpty && splits.isEmpty && renames.isEmpty && drops.isEmpty && flips.isEmpty }

    public static func load(path: String) throws(InputError) -> Overrides {
        let text = try TextFile.decodeUTF8(try TextFile.readBytes(path), path: path)
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(InputError) -> Overrides {
        let doc = try YAMLDocument(path: path, text: text)
        var out = Overrides()
        guard let root = doc.root else { return out }
        let top = try doc.mapping(root, what: "overrides")
        let known: Set<String> = ["merge", "split", "rename", "drop_ties", "flip_ties"]
        for key in top.keys {
            if let k = key.string, !known.contains(k) {
                throw doc.fail(key, "unknown key '\(k)'; expected one of \(known.sorted().joined(separator: ", "))")
            }
        }
        for item in try doc.sequence(top["merge"], key: "merge") {
            let m = try doc.mapping(item, what: "a merge")
            out.merges.append(Merge(into: try doc.string(m["into"], key: "into", in: item),
                                    actors: try doc.strings(m["actors"], key: "actors"), location: doc.location(item)))
        }
        for item in try doc.sequence(top["split"], key: "split") {
            let m = try doc.mapping(item, what: "a split")
            guard let intoNode = m["into"] else { throw doc.fail(item, "split needs 'into' with id, name and kind") }
            let into = try doc.mapping(intoNode, what: "'into'")
            let kindText = try doc.string(into["kind"], key: "kind", in: intoNode)
            guard let kind = ActorKind(rawValue: kindText) else {
                throw doc.fail(into["kind"], "unknown kind '\(kindText)'; use person, party, body, event or group")
            }
            let id = try doc.string(into["id"], key: "id", in: intoNode)
            out.splits.append(Split(actor: try doc.string(m["actor"], key: "actor", in: item),
                                    alias: Lexicon.normaliseAlias(try doc.string(m["alias"], key: "alias", in: item)),
                                    id: id, name: try doc.optionalString(into["name"], key: "name") ?? id, kind: kind,
                                    location: doc.location(item)))
        }
        for item in try doc.sequence(top["rename"], key: "rename") {
            let m = try doc.mapping(item, what: "a rename")
            out.renames.append(Rename(actor: try doc.string(m["actor"], key: "actor", in: item),
                                      name: try doc.string(m["name"], key: "name", in: item), location: doc.location(item)))
        }
        for (key, keyPath) in [("drop_ties", \Overrides.drops), ("flip_ties", \Overrides.flips)] {
            for item in try doc.sequence(top[key], key: key) {
                let m = try doc.mapping(item, what: "a tie edit")
                out[keyPath: keyPath].append(TieEdit(source: try doc.string(m["source"], key: "source", in: item),
                                                     target: try doc.string(m["target"], key: "target", in: item),
                                                     type: try doc.optionalString(m["type"], key: "type"),
                                                     location: doc.location(item)))
            }
        }
        return out
    }

    /// Splits change which actor an alias names, so they act on the lexicon.
    public func apply(to lexicon: Lexicon) throws(InputError) -> Lexicon {
        var lex = lexicon
        for split in splits {
            guard let e = lex.entries.firstIndex(where: { $0.id == split.actor }) else {
                throw unknown(split.actor, at: split.location, among: lex.entries.map(\.id))
            }
            guard lex.entries[e].aliases.contains(split.alias) else {
                throw InputError(path: split.location, message: "'\(split.actor)' has no alias '\(split.alias)'; its aliases are \(lex.entries[e].aliases.joined(separator: ", "))")
            }
            lex.entries[e].aliases.removeAll { $0 == split.alias }
            if let target = lex.entries.firstIndex(where: { $0.id == split.id }) {
                lex.entries[target].aliases.append(split.alias)
            } else {
                lex.entries.append(Lexicon.Entry(id: split.id, name: split.name, kind: split.kind, aliases: [split.alias]))
            }
        }
        return lex
    }

    /// Merges, renames, dropped and flipped ties act on the extracted network.
    public func apply(to network: ActorNetwork) throws(InputError) -> ActorNetwork {
        var actors = Dictionary(uniqueKeysWithValues: network.actors.map { ($0.id, $0) })
        var ties = network.ties
        let ids = Array(actors.keys)
        func matches(_ tie: Tie, _ edit: TieEdit) -> Bool {
            tie.sign != .neutral && PairKey(tie.source, tie.target) == PairKey(edit.source, edit.target)
                && (edit.type == nil || tie.type == edit.type)
        }
        for edit in drops + flips {
            for id in [edit.source, edit.target] where actors[id] == nil { throw unknown(id, at: edit.location, among: ids) }
            if !ties.contains(where: { matches($0, edit) }) {
                throw InputError(path: edit.location, message: "no typed tie \(edit.source)–\(edit.target)\(edit.type.map { " of type '\($0)'" } ?? "") to edit; check `factions extract` output")
            }
        }
        ties.removeAll { tie in drops.contains { matches(tie, $0) } }
        for t in ties.indices where flips.contains(where: { matches(ties[t], $0) }) {
            ties[t].sign = ties[t].sign == .positive ? .negative : .positive
            ties[t].type = "flipped-" + ties[t].type
        }
        for merge in merges {
            guard var target = actors[merge.into] else { throw unknown(merge.into, at: merge.location, among: ids) }
            for id in merge.actors where id != merge.into {
                guard let source = actors[id] else { throw unknown(id, at: merge.location, among: ids) }
                target.aliases = Array(Set(target.aliases + source.aliases)).sorted()
                for (doc, n) in source.mentions { target.mentions[doc, default: 0] += n }
                actors[id] = nil
                for t in ties.indices {
                    if ties[t].source == id { ties[t].source = merge.into }
                    if ties[t].target == id { ties[t].target = merge.into }
                }
            }
            actors[merge.into] = target
        }
        for rename in renames {
            guard actors[rename.actor] != nil else { throw unknown(rename.actor, at: rename.location, among: ids) }
            actors[rename.actor]?.name = rename.name
        }
        // Re-merge ties that now share a key (after merges), dropping self-ties.
        var merged: [TieKey: Tie] = [:]
        for var tie in ties where tie.source != tie.target {
            if !tie.directed && tie.target < tie.source { swap(&tie.source, &tie.target) }
            if var existing = merged[tie.key] {
                existing.merge(tie)
                existing.evidence = Array(Set(existing.evidence)).sorted()
                existing.weight = max(existing.weight, Double(existing.evidence.count))
                merged[tie.key] = existing
            } else {
                merged[tie.key] = tie
            }
        }
        return ActorNetwork(generator: network.generator, calendar: network.calendar, documents: network.documents,
                            periods: network.periods, actors: Array(actors.values), ties: Array(merged.values))
    }

    private func unknown(_ id: String, at location: String, among ids: [String]) -> InputError {
        InputError(path: location, message: "names unknown actor '\(id)'\(Suggest.didYouMean(id, in: ids))")
    }
}
