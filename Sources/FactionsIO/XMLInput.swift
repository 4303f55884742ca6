import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import FactionsCore

/// The checks and the parse every XML graph format shares (GraphML, GEXF).
///
/// Refused before parsing: a DTD (how external entities and entity-expansion bombs get
/// in; no graph format needs one), anything but UTF-8 (FoundationXML on Linux traps on
/// element or attribute names with invalid UTF-8), and processing instructions without
/// data (`<?x?>`: libxml2 hands NULL to FoundationXML, which calls strlen on it). The
/// last two were found by Fuzz/FuzzGraphML and Fuzz/FuzzGEXF.
enum XMLInput {
    static func parse(_ bytes: [UInt8], path: String, format: String,
                      delegate: XMLStructureDelegate) throws(InputError) {
        if containsDTD(bytes) {
            throw InputError(path: path, message: "has a DOCTYPE/ENTITY declaration; \(format) needs none and factions refuses them (external entities and entity expansion)")
        }
        _ = try TextFile.decodeUTF8(bytes, path: path)
        if let line = emptyProcessingInstructionLine(bytes) {
            throw InputError(path: path, line: line, message: "has a processing instruction without data (<?name?>); \(format) needs none and the XML parser cannot read it; remove it")
        }
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let ok = parser.parse()
        if let error = delegate.error { throw InputError(path: path, line: delegate.line, message: error) }
        if !ok {
            throw InputError(path: path, line: parser.lineNumber > 0 ? parser.lineNumber : nil,
                             message: "not well-formed XML: \(parser.parserError?.localizedDescription ?? "parse error")")
        }
    }

    static func containsDTD(_ bytes: [UInt8]) -> Bool {
        let needles = [Array("<!DOCTYPE".utf8), Array("<!ENTITY".utf8)]
        let n = bytes.count
        var i = 0
        while i < n {
            if bytes[i] == 0x3C, i + 1 < n, bytes[i + 1] == 0x21 {
                for needle in needles where i + needle.count <= n {
                    var match = true
                    for k in 0..<needle.count where bytes[i + k] | (k > 1 ? 0x20 : 0) != needle[k] | (k > 1 ? 0x20 : 0) {
                        match = false
                        break
                    }
                    if match { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// The line of the first `<?name?>`, a processing instruction without data. Refused
    /// inside comments and CDATA too, where no graph file has it.
    static func emptyProcessingInstructionLine(_ bytes: [UInt8]) -> Int? {
        let n = bytes.count
        var line = 1
        var i = 0
        while i < n {
            if bytes[i] == 0x0A { line += 1 }
            if bytes[i] == 0x3C, i + 1 < n, bytes[i + 1] == 0x3F {
                var j = i + 2
                while j < n, bytes[j] != 0x3F, bytes[j] != 0x20, bytes[j] != 0x09, bytes[j] != 0x0A, bytes[j] != 0x0D {
                    j += 1
                }
                if j + 1 < n, bytes[j] == 0x3F, bytes[j + 1] == 0x3E { return line }
            }
            i += 1
        }
        return nil
    }
}

/// A parser delegate that checks nesting (Foundation's parser on Linux accepts some
/// mismatched or unclosed tags) and depth, keeps the first error with its line, and
/// hands well-formed elements to `start` and `end`.
class XMLStructureDelegate: NSObject, XMLParserDelegate {
    static let maxDepth = 64

    var error: String?
    var line: Int?
    /// Open elements, outermost first.
    private(set) var open: [String] = []

    /// An element opened; `open.count` is its depth.
    func start(_ name: String, attributes: [String: String], parser: XMLParser) {}
    /// An element closed.
    func end(_ name: String, parser: XMLParser) {}
    func characters(_ string: String) {}

    final func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                      attributes: [String: String] = [:]) {
        open.append(name)
        if open.count > Self.maxDepth { fail(parser, "nested more than \(Self.maxDepth) elements deep"); return }
        start(name, attributes: attributes, parser: parser)
    }

    final func parser(_ parser: XMLParser, foundCharacters string: String) { characters(string) }

    final func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard open.last == name else {
            fail(parser, "</\(name)> closes <\(open.last ?? "nothing")>; the XML is not well formed")
            return
        }
        end(name, parser: parser)
        open.removeLast()
    }

    final func parserDidEndDocument(_ parser: XMLParser) {
        if let unclosed = open.last, error == nil {
            error = "<\(unclosed)> is never closed; the file is cut short or not well formed"
            line = parser.lineNumber
        }
    }

    func fail(_ parser: XMLParser, _ message: String) {
        if error == nil {
            error = message
            line = parser.lineNumber
        }
        parser.abortParsing()
    }
}
