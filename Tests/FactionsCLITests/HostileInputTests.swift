import Foundation
import Testing

/// Every hostile input of the project's promise, run through the real binary: a
/// one-line message naming the file (and line, byte or value), a non-zero exit, no
/// half-written output and existing outputs untouched. The table of messages in
/// docs/hostile-input.md is generated from these runs (FACTIONS_UPDATE_DOCS=1
/// rewrites it) and checked against them, so it never goes stale.
@Suite("hostile input", .serialized)
struct HostileInputTests {
    struct Case {
        var name: String
        var files: [String: [UInt8]]
        var arguments: [String]
        /// A fragment the message must contain.
        var expect: String
        /// Run under `ulimit -f` (blocks of 512 bytes) to simulate a full disk.
        var fileSizeLimit: Int? = nil
    }

    static let goodLexicon = Array("actors:\n  - {id: lenin, name: Lenin, kind: person}\n  - {id: trotsky, name: Trotsky, kind: person}\n".utf8)
    static let goodText = Array("Lenin met Trotsky in October.\n".utf8)

    static func dataset(_ extra: [String: [UInt8]]) -> [String: [UInt8]] {
        var files = ["data/corpus/a.txt": goodText, "data/lexicon.yaml": goodLexicon]
        for (k, v) in extra { files[k] = v }
        return files
    }

    static var cases: [Case] {
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<9 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let nested = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let laughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <graphml><graph><node id="&lol3;"/></graph></graphml>
        """
        let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<graphml><graph><node id=\"&x;\"/></graph></graphml>\n"
        return [
            Case(name: "invalid UTF-8 in a text", files: dataset(["data/corpus/b.txt": [0x4C, 0x65, 0x6E, 0xC3, 0x28, 0x0A]]),
                 arguments: ["extract", "data", "-o", "out.json"], expect: "b.txt:1: invalid UTF-8 at byte 3"),
            Case(name: "NUL bytes (a binary file)", files: dataset(["data/corpus/b.txt": [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]]),
                 arguments: ["extract", "data", "-o", "out.json"], expect: "b.txt:1: NUL byte at byte 4"),
            Case(name: "a 0-byte file", files: dataset(["data/corpus/b.txt": []]),
                 arguments: ["extract", "data", "-o", "out.json"], expect: "b.txt: is empty (0 bytes)"),
            Case(name: "a folder where a file is expected", files: ["data/corpus/a.txt": goodText, "data/lexicon.yaml/readme": Array("x".utf8)],
                 arguments: ["extract", "data", "-o", "out.json"], expect: "lexicon.yaml: is a folder, expected a file"),
            Case(name: "a 200 MB single-line file", files: dataset(["data/corpus/b.txt": []]),
                 arguments: ["extract", "data", "-o", "out.json"], expect: "b.txt:1: line 1 is longer than 16 MB"),
            Case(name: "YAML alias bomb in the lexicon", files: dataset(["data/lexicon.yaml": Array(bomb.utf8)]),
                 arguments: ["extract", "data", "-o", "out.json"], expect: "lexicon.yaml:1: YAML expands to more than 2000000 values"),
            Case(name: "deeply nested YAML", files: dataset(["data/lexicon.yaml": Array(nested.utf8)]),
                 arguments: ["extract", "data", "-o", "out.json"], expect: "lexicon.yaml:1: YAML nested more than 64 levels deep"),
            Case(name: "duplicate actor ids", files: dataset(["data/lexicon.yaml": Array("actors:\n  - {id: lenin, name: Lenin, kind: person}\n  - {id: lenin, name: Ulyanov, kind: person}\n".utf8)]),
                 arguments: ["extract", "data", "-o", "out.json"], expect: "lexicon.yaml:3:10: duplicate actor id 'lenin'"),
            Case(name: "GraphML with an external entity (XXE)", files: ["g.graphml": Array(xxe.utf8)],
                 arguments: ["export", "g.graphml", "-o", "out.json"], expect: "g.graphml: has a DOCTYPE/ENTITY declaration"),
            Case(name: "GraphML billion laughs", files: ["g.graphml": Array(laughs.utf8)],
                 arguments: ["export", "g.graphml", "-o", "out.json"], expect: "g.graphml: has a DOCTYPE/ENTITY declaration"),
            Case(name: "malformed GraphML", files: ["g.graphml": Array("<graphml><graph><node id=\"a\"></graph>".utf8)],
                 arguments: ["export", "g.graphml", "-o", "out.json"], expect: "g.graphml:1: <graph> is never closed"),
            Case(name: "malformed GEXF", files: ["g.gexf": Array("<gexf><graph><nodes><node id=\"a\"/></nodes><edges><edge source=\"a\" target=\"b\"/></edges></graph></gexf>".utf8)],
                 arguments: ["export", "g.gexf", "-o", "out.json"], expect: "g.gexf:1: edge a–b names a node that is not declared"),
            Case(name: "malformed DOT", files: ["g.dot": Array("graph {\n  a -- b\n  c -- ;\n}\n".utf8)],
                 arguments: ["export", "g.dot", "-o", "out.json"], expect: "g.dot:3: not valid DOT: syntax error in line 3"),
            Case(name: "CSV with missing columns", files: ["g.csv": Array("from,to\na,b\n".utf8)],
                 arguments: ["export", "g.csv", "-o", "out.json"], expect: "g.csv:1: header must name 'source' and 'target' columns"),
            Case(name: "CSV with a non-numeric weight", files: ["g.csv": Array("source,target,weight\na,b,1\nb,c,heavy\n".utf8)],
                 arguments: ["export", "g.csv", "-o", "out.json"], expect: "g.csv:3: weight 'heavy' is not a number"),
            Case(name: "an unknown actor id", files: ["g.csv": Array("source,target\nlenin,trotsky\n".utf8)],
                 arguments: ["rank", "g.csv", "--explain", "lenni"], expect: "no actor 'lenni' in the network; did you mean 'lenin'?"),
            Case(name: "an unwritable output folder", files: ["g.csv": Array("source,target\nlenin,trotsky\n".utf8)],
                 arguments: ["export", "g.csv", "-o", "/proc/self/out.json"], expect: "/proc/self/out.json: cannot write in /proc/self"),
            Case(name: "a full disk (simulated with ulimit -f)", files: ["g.csv": Array("source,target\nlenin,trotsky\n".utf8)],
                 arguments: ["export", "g.csv", "-o", "out.json"], expect: "out.json: write failed: File too large", fileSizeLimit: 0),
        ]
    }

    struct Outcome {
        var name: String
        var command: String
        var status: Int32
        var message: String
    }

    func run(_ c: Case) throws -> Outcome {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (path, bytes) in c.files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if c.name.hasPrefix("a folder") && path.hasSuffix("readme") { try Data(bytes).write(to: url); continue }
            if c.name.hasPrefix("a 200 MB") && path.hasSuffix("b.txt") {
                // 200 MB of words and no line break, written in chunks.
                _ = FileManager.default.createFile(atPath: url.path, contents: nil)
                let handle = try FileHandle(forWritingTo: url)
                let chunk = Data(String(repeating: "Lenin met Trotsky and ", count: 1 << 16).utf8)
                var written = 0
                while written < 200_000_000 { handle.write(chunk); written += chunk.count }
                try handle.close()
                continue
            }
            try Data(bytes).write(to: url)
        }
        let previous = Data("previous output\n".utf8)
        let out = dir.appendingPathComponent("out.json")
        try previous.write(to: out)
        let result: CLI.Result
        if let limit = c.fileSizeLimit {
            let shell = "ulimit -f \(limit); exec \"\(CLI.binary.path)\" " + c.arguments.map { "'\($0)'" }.joined(separator: " ")
            result = try CLI.run(shell: shell, cwd: dir)
        } else {
            result = try CLI.run(c.arguments, cwd: dir)
        }
        #expect(result.status != 0, "\(c.name): exit \(result.status)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(c.name): \(result.stderr)")
        #expect(result.stderr.contains(c.expect), "\(c.name): \(result.stderr)")
        #expect(try Data(contentsOf: out) == previous, "\(c.name): existing output changed")
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(c.name): temporary files left: \(leftovers)")
        return Outcome(name: c.name, command: "factions " + c.arguments.joined(separator: " "), status: result.status,
                       message: String(lines.first ?? ""))
    }

    @Test func everyHostileInputFailsCleanlyAndTheTableIsCurrent() throws {
        var table = """
        # Hostile input

        What `factions` says to each kind of bad input it promises to survive. Every case exits
        non-zero with one line naming the file (and line, byte or value), leaves no partial
        output and leaves an existing output file untouched. Generated by
        `Tests/FactionsCLITests/HostileInputTests.swift` from real runs of the binary
        (`FACTIONS_UPDATE_DOCS=1 swift test --filter HostileInputTests` rewrites it).

        | input | command | exit | message |
        | --- | --- | ---: | --- |

        """
        // ThreadSanitizer's runtime dies of SIGBUS under `ulimit -f`: that case is left
        // to the normal build when Scripts/sanitize.sh runs the suite under TSan.
        let skipped = Self.cases.filter { $0.fileSizeLimit != nil && ProcessInfo.processInfo.environment["FACTIONS_SANITIZER"] == "thread" }
        for c in Self.cases where !skipped.contains(where: { $0.name == c.name }) {
            let o = try run(c)
            func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
            table += "| \(cell(o.name)) | `\(cell(o.command))` | \(o.status) | \(cell(o.message)) |\n"
        }
        if !skipped.isEmpty { return }
        let path = CLI.packageRoot.appendingPathComponent("docs/hostile-input.md")
        if ProcessInfo.processInfo.environment["FACTIONS_UPDATE_DOCS"] == "1" {
            try Data(table.utf8).write(to: path)
        }
        let committed = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
        let same = committed == table
        #expect(same, "docs/hostile-input.md is stale: run FACTIONS_UPDATE_DOCS=1 swift test --filter HostileInputTests")
    }
}
