import Foundation
import Testing

@Suite("report and committed examples", .serialized)
struct ReportTests {
    /// The examples committed in Output/russia-1917 (shown in the README) are exactly
    /// what `factions report` makes today, so they never go stale.
    @Test func committedExamplesAreUpToDate() throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLI.run(["report", "Graphs/russia-1917", "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let committed = CLI.packageRoot.appendingPathComponent("Output/russia-1917")
        let files = ["network.svg", "network.png", "network.dot", "blocs.svg", "blocs.png", "signed-blocs.svg",
                     "signed-blocs.png", "timeline.svg", "timeline.png", "timeline.dot", "report.md", "index.html"]
        for file in files {
            let a = try Data(contentsOf: committed.appendingPathComponent(file))
            let b = try Data(contentsOf: out.appendingPathComponent(file))
            // Compare first: a failed #expect on megabytes of Data would try to diff them.
            let same = a == b
            #expect(same, "Output/russia-1917/\(file) is stale: run `make demo` and commit it")
        }
    }

    @Test func reRunsCleanlyOverAnExistingFolder() throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try CLI.run(["report", "-o", out.path, "--egos", "3"]).status == 0)
        let first = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(try CLI.run(["report", "-o", out.path, "--egos", "3"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == first)
        #expect(!first.contains { $0.contains(".tmp-") })
    }

    @Test func pageIsSelfContained() throws {
        let html = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Output/russia-1917/index.html"), encoding: .utf8)
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"))
        #expect(html.contains("<svg") && html.contains("id=\"ego-lenin\"") && html.contains("href=\"#ego-lenin\""))
        #expect(html.contains("Shift") && html.contains("“"))
    }

    /// Opens the page in headless Chromium (Debian's `chromium`) when it is installed:
    /// the screenshot is not blank and the page logs no errors.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
    func pageRendersInChromium() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let shot = dir.appendingPathComponent("page.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                             "--user-data-dir=\(dir.path)/profile", "--window-size=1300,2000",
                             "--screenshot=\(shot.path)",
                             CLI.packageRoot.appendingPathComponent("Output/russia-1917/index.html").absoluteString]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let png = try Data(contentsOf: shot)
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        // A blank 1300×2000 page compresses to a few kilobytes; this one carries diagrams.
        #expect(png.count > 100_000, "screenshot is \(png.count) bytes")
        let consoleErrors = log.split(separator: "\n").filter { $0.contains("CONSOLE") && ($0.contains("Error") || $0.contains("Uncaught")) }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
    }
}
