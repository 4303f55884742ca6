import Foundation
import Testing

/// Runs the built `factions` binary the way a user does.
enum CLI {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        // A sanitizer build lives in its own folder and names its binary here.
        if let path = ProcessInfo.processInfo.environment["FACTIONS_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let candidates = [".build/debug/factions", ".build/release/factions"].map { packageRoot.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], cwd: URL? = nil) throws -> Result {
        try execute(binary, arguments, cwd: cwd ?? packageRoot)
    }

    static func execute(_ executable: URL, _ arguments: [String], cwd: URL) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = cwd
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a shell command line (for limits such as `ulimit -f`).
    static func run(shell: String, cwd: URL) throws -> Result {
        try execute(URL(fileURLWithPath: "/bin/bash"), ["-c", shell], cwd: cwd)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("factions-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

@Suite("factions end to end", .serialized)
struct EndToEndTests {
    @Test func reportOnTheBundledDataset() throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLI.run(["report", "Graphs/russia-1917", "-o", out.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("rank") && $0.contains("degree") && $0.contains("betweenness") })
        // The table lists 15 ranked actors and the Bolsheviks lead it.
        let ranked = lines.filter { $0.range(of: #"^\s*\d+  \S"#, options: .regularExpression) != nil }
        #expect(ranked.count == 15)
        #expect(ranked.first?.contains("Bolsheviks") == true)
        for actor in ["Vladimir Lenin", "Leon Trotsky", "Provisional Government", "Mensheviks"] {
            #expect(result.stdout.contains(actor), "\(actor) missing from the top 15")
        }
        for file in ["network.json", "network.svg", "network.png", "network.dot", "report.md", "rank.csv", "index.html",
                     "blocs.svg", "blocs.png", "signed-blocs.svg", "timeline.svg", "timeline.png", "shifts.json",
                     "ego/lenin.svg"] {
            let path = out.appendingPathComponent(file).path
            #expect(FileManager.default.fileExists(atPath: path), "\(file) not written")
        }
        let png = try Data(contentsOf: out.appendingPathComponent("network.png"))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        let svg = try String(contentsOf: out.appendingPathComponent("network.svg"), encoding: .utf8)
        #expect(svg.contains("<title>bolsheviks</title>"))
        #expect(svg.contains("Bolsheviks"))
    }

    @Test func reportIsDeterministic() throws {
        let a = try CLI.temporaryDirectory(), b = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(try CLI.run(["report", "-o", a.path]).status == 0)
        #expect(try CLI.run(["report", "-o", b.path]).status == 0)
        for file in ["network.json", "network.svg", "network.png", "network.dot", "report.md", "index.html",
                     "timeline.svg", "blocs.png", "ego/kerensky.svg"] {
            let x = try Data(contentsOf: a.appendingPathComponent(file))
            let y = try Data(contentsOf: b.appendingPathComponent(file))
            let same = x == y
            #expect(same, "\(file) differs between runs")
        }
    }

    @Test func rankPrintsJSONHighestFirst() throws {
        let result = try CLI.run(["rank", "--by", "betweenness", "--top", "5", "--format", "json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.count == 5)
        let scores = rows?.compactMap { $0["score"] as? Double } ?? []
        #expect(scores == scores.sorted(by: >))
        #expect(rows?.first?["id"] as? String == "bolsheviks")
        for key in ["id", "name", "kind", "score"] { #expect(rows?.first?[key] != nil) }
    }

    @Test func renderWritesEachFormat() throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        for format in ["svg", "png", "pdf", "dot"] {
            let path = out.appendingPathComponent("n.\(format)").path
            let result = try CLI.run(["render", "--diagram", "network", "-o", path])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: path))
        }
        let dot = try String(contentsOfFile: out.appendingPathComponent("n.dot").path, encoding: .utf8)
        #expect(dot.hasPrefix("graph "))
    }

    @Test func badInputGivesOneLineAndNonZeroExit() throws {
        let result = try CLI.run(["rank", "no/such/dataset"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no/such/dataset"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let engine = try CLI.run(["render", "--engine", "nope"])
        #expect(engine.status != 0)
        #expect(engine.stderr.contains("nope"))
    }
}

@Suite("factions on imported graphs", .serialized)
struct ImportedGraphTests {
    @Test func rankAndBlocsOnACSVEdgeList() throws {
        let karate = "Tests/Fixtures/centrality/karate.csv"
        let rank = try CLI.run(["rank", karate, "--by", "betweenness", "--top", "1", "--format", "csv"])
        #expect(rank.status == 0, "stderr: \(rank.stderr)")
        #expect(rank.stdout.contains("1,0,0,group,0.437635"))
        let blocs = try CLI.run(["blocs", karate, "--format", "json", "--seed", "3"])
        #expect(blocs.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(blocs.stdout.utf8)) as? [String: Any]
        #expect((json?["modularity"] as? Double ?? 0) >= 0.4197)
        #expect((json?["blocs"] as? [[String: Any]])?.first?["members"] != nil)
        let again = try CLI.run(["blocs", karate, "--format", "json", "--seed", "3"])
        #expect(again.stdout == blocs.stdout)
    }

    @Test func graphMLInputAndHostileGraphML() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("g.graphml")
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="k" for="node" attr.name="kind" attr.type="string"/>
          <key id="w" for="edge" attr.name="weight" attr.type="double"/>
          <graph edgedefault="undirected">
            <node id="lenin"><data key="k">person</data></node>
            <node id="trotsky"><data key="k">person</data></node>
            <node id="soviet"><data key="k">body</data></node>
            <edge source="lenin" target="trotsky"><data key="w">3</data></edge>
            <edge source="trotsky" target="soviet"><data key="w">1</data></edge>
          </graph>
        </graphml>
        """.write(to: good, atomically: true, encoding: .utf8)
        let rank = try CLI.run(["rank", good.path, "--by", "strength", "--format", "csv"])
        #expect(rank.status == 0, "stderr: \(rank.stderr)")
        #expect(rank.stdout.contains("1,trotsky,trotsky,person,4"))
        let xxe = dir.appendingPathComponent("xxe.graphml")
        try """
        <?xml version="1.0"?>
        <!DOCTYPE graphml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <graphml><graph><node id="&x;"/></graph></graphml>
        """.write(to: xxe, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["rank", xxe.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("xxe.graphml") && bad.stderr.contains("DOCTYPE"))
    }

    @Test func malformedCSVNamesTheLine() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("bad.csv")
        try "source,target,weight\na,b,1\nb,c,heavy\n".write(to: csv, atomically: true, encoding: .utf8)
        let result = try CLI.run(["rank", csv.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.csv:3: weight 'heavy' is not a number"))
        let missing = dir.appendingPathComponent("cols.csv")
        try "from,to\na,b\n".write(to: missing, atomically: true, encoding: .utf8)
        let r2 = try CLI.run(["rank", missing.path])
        #expect(r2.status == 1 && r2.stderr.contains("'source' and 'target'"))
    }

    @Test func explainAndUnknownActors() throws {
        let explain = try CLI.run(["rank", "--by", "betweenness", "--explain", "Kerensky"])
        #expect(explain.status == 0, "stderr: \(explain.stderr)")
        #expect(explain.stdout.contains("Alexander Kerensky (kerensky) ranks"))
        #expect(explain.stdout.contains("shortest paths"))
        #expect(explain.stdout.contains("“"))
        let unknown = try CLI.run(["rank", "--explain", "kerenski"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean 'kerensky'"))
    }
}

@Suite("extraction refuses bad input", .serialized)
struct BadInputTests {
    /// A dataset folder with one good text and the given extra files.
    func dataset(_ files: [String: [UInt8]]) throws -> URL {
        let dir = try CLI.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        try Data("Lenin met Trotsky in October.\n".utf8).write(to: dir.appendingPathComponent("corpus/a.txt"))
        try Data("actors:\n  - {id: lenin, name: Lenin, kind: person}\n  - {id: trotsky, name: Trotsky, kind: person}\n".utf8)
            .write(to: dir.appendingPathComponent("lexicon.yaml"))
        for (name, bytes) in files { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    static let cases: [(String, [String: [UInt8]], String)] = [
        ("invalid UTF-8", ["corpus/b.txt": [0x4C, 0x65, 0x6E, 0xC3, 0x28, 0x0A]], "b.txt:1: invalid UTF-8 at byte 3"),
        ("binary", ["corpus/b.txt": [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]], "b.txt:1: NUL byte"),
        ("empty", ["corpus/b.txt": []], "b.txt: is empty"),
        ("YAML error", ["lexicon.yaml": Array("actors:\n  - {id: lenin, kind: person\n".utf8)], "lexicon.yaml:3:1: YAML error"),
        ("alias twice", ["lexicon.yaml": Array("actors:\n  - {id: a, name: Lenin, kind: person}\n  - {id: b, name: B, kind: person, aliases: [Lenin]}\n".utf8)],
         "alias 'Lenin' is claimed by both 'a' and 'b'"),
        ("unknown kind", ["lexicon.yaml": Array("actors:\n  - {id: a, name: A, kind: faction}\n".utf8)], "unknown kind 'faction'"),
        ("override of an unknown actor", ["overrides.yaml": Array("rename:\n  - {actor: lenim, name: X}\n".utf8)],
         "overrides.yaml:2:5: names unknown actor 'lenim'; did you mean 'lenin'?"),
    ]

    @Test func eachCaseFailsCleanlyAndKeepsTheOldOutput() throws {
        for (name, files, message) in Self.cases {
            let dir = try dataset(files)
            defer { try? FileManager.default.removeItem(at: dir) }
            let out = dir.appendingPathComponent("network.json").path
            try Data("previous".utf8).write(to: URL(fileURLWithPath: out))
            let result = try CLI.run(["extract", dir.path, "-o", out])
            #expect(result.status == 1, "\(name): exit \(result.status)")
            #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(name): \(result.stderr)")
            #expect(try String(contentsOfFile: out, encoding: .utf8) == "previous", "\(name): output touched")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
            #expect(leftovers.isEmpty)
        }
    }

    /// Discovery adds the committee the text names twice; `--no-discover` keeps to the
    /// lexicon's two actors and reads the text once.
    @Test func noDiscoverKeepsToTheLexicon() throws {
        let text = "Lenin met Trotsky in October. Lenin joined the Military Revolutionary Committee in Petrograd. "
            + "Trotsky led the Military Revolutionary Committee.\n"
        let dir = try dataset(["corpus/a.txt": Array(text.utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        func extract(_ flags: [String]) throws -> (actors: [String: Bool], ties: [String], progress: String) {
            let out = dir.appendingPathComponent("network.json").path
            let flagText = flags.map { " \($0)" }.joined()
            let result = try CLI.run(shell: "FACTIONS_PROGRESS=1 '\(CLI.binary.path)' extract '\(dir.path)'\(flagText) -o '\(out)'",
                                     cwd: CLI.packageRoot)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
            let actors = (json["actors"] as! [[String: Any]]).map { ($0["id"] as! String, $0["inferred"] as! Bool) }
            let ties = (json["ties"] as! [[String: Any]]).map { "\($0["source"]!) \($0["type"]!) \($0["target"]!)" }
            return (Dictionary(uniqueKeysWithValues: actors), ties.sorted(),
                    result.stderr.split(separator: "\n").last.map(String.init) ?? "")
        }
        let discovered = try extract([])
        #expect(discovered.actors == ["lenin": false, "trotsky": false, "military-revolutionary-committee": true])
        #expect(discovered.ties.contains("trotsky lead military-revolutionary-committee"))
        #expect(discovered.progress.contains("pass 2/2"), "\(discovered.progress)")
        let curated = try extract(["--no-discover"])
        #expect(curated.actors == ["lenin": false, "trotsky": false])
        #expect(curated.ties == ["lenin co-occurrence trotsky"])
        #expect(curated.progress.contains("100%") && !curated.progress.contains("pass"), "\(curated.progress)")
    }

    @Test func goodDatasetExtractsWithCalendarAndDates() throws {
        let dir = try dataset(["periods.yaml": Array("calendar: julian\nperiods:\n  - {id: oct, name: October, from: 1917-10, to: 1917-10}\n".utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("network.json").path
        let result = try CLI.run(["extract", dir.path, "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        #expect(json["calendar"] as? String == "julian")
        #expect(json["schema"] as? Int == 1)
        let ties = json["ties"] as! [[String: Any]]
        #expect(ties.count == 1)
        #expect(ties[0]["from"] as? String == "1917-10")
        let evidence = (ties[0]["evidence"] as! [[String: Any]])[0]
        #expect(evidence["quote"] as? String == "Lenin met Trotsky in October.")
        #expect(evidence["dating"] as? String == "explicit")
    }
}

@Suite("progress bar")
struct ProgressBarTests {
    /// Asked for (as in a log), the bar reports both passes and ends at 100%; piped
    /// without asking, stderr stays empty.
    @Test func extractionDrawsProgressOnlyWhenAsked() throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let binary = CLI.binary.path
        let asked = try CLI.run(shell: "FACTIONS_PROGRESS=1 '\(binary)' extract Graphs/russia-1917 -o '\(out.path)/a.json'",
                                cwd: CLI.packageRoot)
        #expect(asked.status == 0, "stderr: \(asked.stderr)")
        let lines = asked.stderr.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.hasPrefix("extracting [") })
        #expect(lines.last?.contains("] 100%  pass 2/2  0.2/0.2 MB") == true, "\(lines)")
        let quiet = try CLI.run(["extract", "Graphs/russia-1917", "-o", out.appendingPathComponent("b.json").path])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty)
        let a = try Data(contentsOf: out.appendingPathComponent("a.json"))
        let b = try Data(contentsOf: out.appendingPathComponent("b.json"))
        let same = a == b
        #expect(same)
    }
}
