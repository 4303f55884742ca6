import CGraphviz
import Foundation
import FactionsCore

/// A layout engine of Graphviz.
public enum LayoutEngine: String, CaseIterable, Sendable, Codable {
    case dot, neato, fdp, sfdp, circo, twopi

    /// Whether the engine draws `cluster…` subgraphs (sfdp, twopi and circo drop them).
    public var drawsClusters: Bool {
        switch self {
        case .dot, .neato, .fdp: true
        case .sfdp, .circo, .twopi: false
        }
    }
}

/// An output format, each pinned to one renderer so that output bytes do not depend on
/// which of several installed plugins Graphviz happens to pick.
public enum OutputFormat: String, CaseIterable, Sendable, Codable {
    case svg, png, pdf, dot

    /// The Graphviz `format:renderer:device` string, or nil for DOT, which is the
    /// project's own text and needs no renderer.
    public var renderer: String? {
        switch self {
        case .svg: "svg:svg:core"
        case .png: "png:cairo:cairo"
        case .pdf: "pdf:cairo:cairo"
        case .dot: nil
        }
    }

    public var fileExtension: String { rawValue }
}

/// What went wrong inside Graphviz, as a Swift error that says what to do.
public enum GraphvizError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The DOT text did not parse; `line` is 1-based when Graphviz reported one.
    case syntax(line: Int?, message: String)
    case unknownEngine(String)
    case unknownFormat(String)
    /// No layout plugin is registered: the `config6a` plugin list was never written.
    case pluginsNotRegistered
    case layoutFailed(engine: String, message: String)
    case renderFailed(format: String, message: String)

    public var description: String {
        switch self {
        case let .syntax(line, message):
            let at = line.map { " at line \($0)" } ?? ""
            return "DOT syntax error\(at): \(message)"
        case let .unknownEngine(name):
            return "unknown layout engine '\(name)'; use one of \(LayoutEngine.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .unknownFormat(name):
            return "unknown output format '\(name)'; use one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))"
        case .pluginsNotRegistered:
            return "Graphviz has no layout plugins registered; run `dot -c` as root (or `make setup`) to write its plugin list"
        case let .layoutFailed(engine, message):
            return "Graphviz layout with \(engine) failed: \(message)"
        case let .renderFailed(format, message):
            return "Graphviz could not render \(format): \(message)"
        }
    }

    public var errorDescription: String? { description }
}

/// The process's single entry point into libgvc.
///
/// Graphviz is not thread-safe at any level, so every call into it, from graph parsing
/// to freeing, runs under one lock; one context is created for the whole process
/// because creating and freeing contexts leaks and leaves dangling font names (see
/// GRAPHVIZ.md). Messages Graphviz prints are captured and returned in errors.
public final class Graphviz: @unchecked Sendable {
    /// The shared instance; the first use creates the Graphviz context.
    public static let shared = Graphviz()

    private let lock = NSLock()
    private let context: OpaquePointer?

    private init() {
        lock.lock()
        defer { lock.unlock() }
        _ = agseterrf(graphvizErrorCallback)
        // Warnings (e.g. font substitution) are noise for users; errors still reach us.
        _ = agseterr(AGERR)
        context = gvContext()
    }

    /// Parses DOT text, lays it out with `engine` and renders it in `format`.
    ///
    /// For `.dot` the text is parsed (so syntax errors surface) and returned unchanged:
    /// the DOT file and the picture drawn from it never disagree.
    public func render(dot: String, engine: LayoutEngine, format: OutputFormat) throws(GraphvizError) -> [UInt8] {
        try render(dot: dot, engine: engine.rawValue, format: format.renderer ?? "dot")
    }

    /// Puts the C library's two random generators back where a new process starts them.
    ///
    /// sfdp reads `rand()` in a part of its layout that `start` does not seed, so in one
    /// process a second sfdp layout went on from where the first left the generator:
    /// the same DOT gave one picture the first time and another after it, and only the
    /// first matched the `sfdp` command. `srand(1)` before each layout makes every one
    /// match. `rand()` starts as `srand(1)` by the C standard; glibc's unseeded
    /// `drand48()` state is all zeros, which only `seed48` can set. Nothing else in
    /// factions uses either generator.
    static func resetRandomGenerators() {
        srand(1)
        var zero: [UInt16] = [0, 0, 0]
        _ = seed48(&zero)
    }

    /// Untyped variant, used where the engine or format name comes from a user: names
    /// Graphviz does not know become `unknownEngine` / `unknownFormat`.
    public func render(dot: String, engine: String, format: String) throws(GraphvizError) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        errorBuffer.removeAll()
        _ = agreseterrors()
        guard let gvc = context else { throw .renderFailed(format: format, message: "gvContext() returned NULL") }
        if factions_plugin_count(gvc, "layout") == 0 { throw .pluginsNotRegistered }

        guard let graph = dot.withCString({ factions_agmemread($0) }) else {
            throw Self.syntaxError(from: drainMessages())
        }
        defer { agclose(graph) }
        if agerrors() != 0 {
            throw Self.syntaxError(from: drainMessages())
        }
        if format == "dot" {
            return Array(dot.utf8)
        }
        guard LayoutEngine(rawValue: engine) != nil else { throw .unknownEngine(engine) }
        Self.resetRandomGenerators()
        if factions_gvLayout(gvc, graph, engine) != 0 {
            throw Self.classifyLayoutFailure(drainMessages(), engine: engine)
        }
        defer { gvFreeLayout(gvc, graph) }

        var buffer: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        let rc = factions_gvRenderData(gvc, graph, format, &buffer, &length)
        defer { if let buffer { gvFreeRenderData(buffer) } }
        if rc != 0 || buffer == nil {
            let message = drainMessages()
            if message.contains("not recognized") || message.contains("is unavailable") { throw .unknownFormat(format) }
            throw .renderFailed(format: format, message: message.isEmpty ? "renderer returned \(rc)" : message)
        }
        var bytes = buffer!.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
        if format.hasPrefix("pdf") { Self.pinCreationDate(&bytes) }
        return bytes
    }

    /// Cairo stamps PDFs with the current time (and ignores SOURCE_DATE_EPOCH in the
    /// 1.16 that Debian ships). Overwriting the date with a fixed one of the same length
    /// keeps the cross-reference offsets valid and makes renders byte-identical.
    static func pinCreationDate(_ bytes: inout [UInt8]) {
        let marker = Array("/CreationDate (D:".utf8)
        let fixed = Array("19700101000000".utf8)
        guard bytes.count > marker.count else { return }
        var i = 0
        while i + marker.count + fixed.count < bytes.count {
            if bytes[i] == marker[0], Array(bytes[i..<(i + marker.count)]) == marker {
                let start = i + marker.count
                var j = start
                while j < bytes.count, j - start < fixed.count, bytes[j] >= 0x30, bytes[j] <= 0x39 { j += 1 }
                if j - start == fixed.count {
                    bytes.replaceSubrange(start..<j, with: fixed)
                }
                return
            }
            i += 1
        }
    }

    /// Parses DOT text and hands the graph to `body` under the Graphviz lock; the
    /// graph is closed afterwards. `body` must not call back into `Graphviz`.
    public func withParsedGraph<T>(dot: String, _ body: (UnsafeMutablePointer<Agraph_t>) -> T) throws(GraphvizError) -> T {
        lock.lock()
        defer { lock.unlock() }
        errorBuffer.removeAll()
        _ = agreseterrors()
        guard let graph = dot.withCString({ factions_agmemread($0) }) else {
            throw Self.syntaxError(from: drainMessages())
        }
        defer { agclose(graph) }
        if agerrors() != 0 { throw Self.syntaxError(from: drainMessages()) }
        return body(graph)
    }

    /// The version Graphviz reports for itself.
    public var version: String {
        lock.lock()
        defer { lock.unlock() }
        guard let gvc = context, let v = gvcVersion(gvc) else { return "unknown" }
        return String(cString: v)
    }

    private func drainMessages() -> String {
        let text = String(decoding: errorBuffer, as: UTF8.self)
        errorBuffer.removeAll()
        return text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// A failed `gvLayout`: "Layout type: "x" not recognized. Use one of: …" lists the
    /// known engines; an empty list means no plugin is registered at all.
    static func classifyLayoutFailure(_ message: String, engine: String) -> GraphvizError {
        if message.contains("not recognized") {
            if let range = message.range(of: "Use one of:"),
               message[range.upperBound...].trimmingCharacters(in: .whitespaces).isEmpty {
                return .pluginsNotRegistered
            }
            return .unknownEngine(engine)
        }
        return .layoutFailed(engine: engine, message: message.isEmpty ? "gvLayout returned an error" : message)
    }

    static func syntaxError(from message: String) -> GraphvizError {
        // cgraph reports "Error: <stdin>: syntax error in line 3 near 'x'".
        var line: Int? = nil
        if let range = message.range(of: "line ") {
            let digits = message[range.upperBound...].prefix { $0.isNumber }
            line = Int(digits)
        }
        let cleaned = message.replacingOccurrences(of: "Error: ", with: "")
        return .syntax(line: line, message: cleaned.isEmpty ? "the text is not a graph" : cleaned)
    }
}

/// Bytes Graphviz printed since the last locked operation began. Only touched while
/// `Graphviz.lock` is held: the callback runs inside Graphviz calls made under it.
nonisolated(unsafe) private var errorBuffer: [UInt8] = []

private let graphvizErrorCallback: @convention(c) (UnsafeMutablePointer<CChar>?) -> Int32 = { message in
    guard let message else { return 0 }
    let length = strlen(message)
    message.withMemoryRebound(to: UInt8.self, capacity: length) {
        errorBuffer.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
    }
    return Int32(length)
}
