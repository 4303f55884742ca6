import FactionsCore
import Foundation
import Yams

/// A YAML file read into a tree whose every value knows its line and column, so that
/// errors in a user's curation files point at the place to fix.
///
/// Anchors and aliases are allowed, but the tree is walked with a budget: a file whose
/// aliases expand past `maxNodes` (an "alias bomb") or nests deeper than `maxDepth` is
/// rejected instead of exhausting memory or the stack.
struct YAMLDocument {
    let path: String
    let root: Node?

    static let maxDepth = 64
    static let maxNodes = 2_000_000

    init(path: String, text: String) throws(InputError) {
        self.path = path
        try Self.checkNesting(text, path: path)
        do {
            // Every value is read as text (see `string`, `isNull`), so no scalar needs a
            // tag: the default resolver's regular expressions, run on each key looked
            // up, were a twentieth of extracting a 1 MB corpus.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw Self.describe(error, path: path)
        } catch {
            throw InputError(path: path, message: "not valid YAML: \(error)")
        }
        var budget = Self.maxNodes
        if let root { try Self.measure(root, depth: 0, budget: &budget, path: path) }
    }

    /// Flow collections (`[[[[…`) nest without indentation; libyaml and the composer
    /// recurse on them, so refuse absurd depth before parsing.
    private static func checkNesting(_ text: String, path: String) throws(InputError) {
        var depth = 0
        var line = 1
        var inQuote: UInt8? = nil
        for byte in text.utf8 {
            if byte == 0x0A { line += 1; continue }
            if let q = inQuote { if byte == q { inQuote = nil }; continue }
            switch byte {
            case 0x22, 0x27: inQuote = byte
            case 0x5B, 0x7B:
                depth += 1
                if depth > maxDepth {
                    throw InputError(path: path, line: line, message: "YAML nested more than \(maxDepth) levels deep; flatten the file")
                }
            case 0x5D, 0x7D: depth = max(0, depth - 1)
            default: break
            }
        }
    }

    private static func measure(_ node: Node, depth: Int, budget: inout Int, path: String) throws(InputError) {
        budget -= 1
        if budget < 0 {
            throw InputError(path: path, line: node.mark?.line,
                             message: "YAML expands to more than \(maxNodes) values (anchors/aliases repeated exponentially?); write the values out")
        }
        if depth > maxDepth {
            throw InputError(path: path, line: node.mark?.line, message: "YAML nested more than \(maxDepth) levels deep; flatten the file")
        }
        switch node {
        case .mapping(let m):
            for (k, v) in m {
                try measure(k, depth: depth + 1, budget: &budget, path: path)
                try measure(v, depth: depth + 1, budget: &budget, path: path)
            }
        case .sequence(let s):
            for v in s { try measure(v, depth: depth + 1, budget: &budget, path: path) }
        default:
            break
        }
    }

    static func describe(_ error: YamlError, path: String) -> InputError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let ctx = context.map { " (\($0.text))" } ?? ""
            return InputError(path: "\(path):\(mark.line):\(mark.column)", message: "YAML error: \(problem)\(ctx)")
        case let .reader(problem, offset, _, _):
            return InputError(path: path, message: "cannot read YAML\(offset.map { " at byte \($0)" } ?? ""): \(problem)")
        default:
            return InputError(path: path, message: "not valid YAML: \(error)")
        }
    }

    static func isNull(_ s: Node.Scalar) -> Bool {
        if s.string.isEmpty { return true }
        return s.style == .plain && ["~", "null", "Null", "NULL"].contains(s.string)
    }

    func location(_ node: Node?) -> String {
        guard let mark = node?.mark else { return path }
        return "\(path):\(mark.line):\(mark.column)"
    }

    func fail(_ node: Node?, _ message: String) -> InputError {
        InputError(path: location(node), message: message)
    }

    /// A required string value.
    func string(_ node: Node?, key: String, in parent: Node) throws(InputError) -> String {
        guard let node else { throw fail(parent, "missing '\(key)'") }
        guard case .scalar(let s) = node else { throw fail(node, "'\(key)' must be a text value") }
        let value = s.string.trimmingCharacters(in: .whitespaces)
        if value.isEmpty { throw fail(node, "'\(key)' is empty") }
        return value
    }

    func optionalString(_ node: Node?, key: String) throws(InputError) -> String? {
        guard let node else { return nil }
        if case .scalar(let s) = node {
            if Self.isNull(s) { return nil }
            return s.string.trimmingCharacters(in: .whitespaces)
        }
        throw fail(node, "'\(key)' must be a text value")
    }

    /// A list of strings; a single string is accepted as a list of one.
    func strings(_ node: Node?, key: String) throws(InputError) -> [String] {
        guard let node else { return [] }
        switch node {
        case .scalar(let s):
            if Self.isNull(s) { return [] }
            return [s.string]
        case .sequence(let seq):
            var out: [String] = []
            for item in seq {
                guard case .scalar(let s) = item else { throw fail(item, "each entry of '\(key)' must be a text value") }
                out.append(s.string)
            }
            return out
        default:
            throw fail(node, "'\(key)' must be a list of text values")
        }
    }

    func sequence(_ node: Node?, key: String) throws(InputError) -> [Node] {
        guard let node else { return [] }
        if case .scalar(let s) = node, Self.isNull(s) { return [] }
        guard case .sequence(let seq) = node else { throw fail(node, "'\(key)' must be a list") }
        return Array(seq)
    }

    func mapping(_ node: Node, what: String) throws(InputError) -> Node.Mapping {
        guard case .mapping(let m) = node else { throw fail(node, "\(what) must be a mapping of key: value") }
        return m
    }
}
