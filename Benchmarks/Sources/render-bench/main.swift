// render-bench: what drawing through libgvc in-process costs, against the Graphviz
// command-line tools on the same DOT text. Prints one JSON line per measurement:
//
//   per-diagram   a two-node graph rendered to SVG many times: the fixed cost of a
//                 diagram (parse, layout of nothing, render, free) in-process, and the
//                 same with `dot -Tsvg` as a process per diagram
//   sfdp-5000     a seeded preferential-attachment network of 5,000 nodes (m = 2) laid
//                 out with sfdp and rendered to SVG, in-process and with `sfdp -Tsvg`
//
// Both sides get the same DOT file and write SVG; for the large graph the two alternate
// five times, the best and median of each are kept (the same library does the work, so
// what differs is the process around it), and every in-process SVG is compared with the
// command's byte for byte (`same_svg`): both sides must have drawn the same layout.
//
//   render-bench [--nodes 5000] [--repeat 200]

import FactionsAnalysis
import FactionsRender
import Foundation

var nodes = 5000
var repeatCount = 200
var arguments = Array(CommandLine.arguments.dropFirst())
while arguments.count >= 2 {
    let flag = arguments.removeFirst(), value = arguments.removeFirst()
    switch flag {
    case "--nodes": nodes = Int(value) ?? nodes
    case "--repeat": repeatCount = Int(value) ?? repeatCount
    default: break
    }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func command(_ tool: String, _ args: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + args
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        FileHandle.standardError.write(Data("render-bench: \(tool) exited with \(process.terminationStatus)\n".utf8))
        exit(2)
    }
}

func version(_ tool: String) -> String {
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool, "-V"]
    process.standardError = pipe
    process.standardOutput = FileHandle.nullDevice
    try? process.run()
    process.waitUntilExit()
    return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
}

func emit(_ fields: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

/// Preferential attachment with a fixed seed (SplitMix64), as DOT.
func network(nodes: Int, m: Int = 2, seed: UInt64 = 7) -> String {
    var rng = SplitMix64(seed: seed)
    var targets: [Int] = []
    var lines = ["graph G {", "  node [shape=circle, width=0.2, label=\"\"];"]
    for v in 0..<nodes {
        if v == 0 { lines.append("  n0;"); continue }
        var chosen = Set<Int>()
        while chosen.count < min(m, v) {
            let u = targets.isEmpty ? 0 : targets[Int(rng.next() % UInt64(targets.count))]
            if u != v { chosen.insert(u) }
            if targets.isEmpty { break }
        }
        for u in chosen.sorted() {
            lines.append("  n\(u) -- n\(v);")
            targets.append(u)
            targets.append(v)
        }
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
}

let dir = FileManager.default.temporaryDirectory.appendingPathComponent("render-bench-\(getpid())")
try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: dir) }

// Per-diagram cost.
let tiny = "graph G { a -- b; }\n"
let tinyFile = dir.appendingPathComponent("tiny.dot").path
try tiny.write(toFile: tinyFile, atomically: true, encoding: .utf8)
_ = try Graphviz.shared.render(dot: tiny, engine: .dot, format: .svg)  // context and plugins
let inProcess = try seconds { for _ in 0..<repeatCount { _ = try Graphviz.shared.render(dot: tiny, engine: .dot, format: .svg) } }
let commandRuns = max(10, repeatCount / 10)
let cli = try seconds { for _ in 0..<commandRuns { try command("dot", ["-Tsvg", tinyFile, "-o", "/dev/null"]) } }
emit(["measure": "per-diagram", "graph": "2 nodes, 1 edge", "engine": "dot", "format": "svg",
      "in_process_ms": inProcess / Double(repeatCount) * 1000, "command_ms": cli / Double(commandRuns) * 1000,
      "in_process_runs": repeatCount, "command_runs": commandRuns, "graphviz": version("dot")])

// sfdp on a large network.
let big = network(nodes: nodes)
let bigFile = dir.appendingPathComponent("network.dot").path
try big.write(toFile: bigFile, atomically: true, encoding: .utf8)
// Both sides lay out the same DOT from the same seed: Graphviz.render puts the C random
// generators back before each layout, so every in-process SVG must equal the command's.
let cliFile = dir.appendingPathComponent("network.svg").path
var inTimes: [Double] = [], cliTimes: [Double] = []
var svg: [UInt8] = []
var sameSVG = true
for _ in 0..<5 {
    inTimes.append(try seconds { svg = try Graphviz.shared.render(dot: big, engine: .sfdp, format: .svg) })
    cliTimes.append(try seconds { try command("sfdp", ["-Tsvg", bigFile, "-o", cliFile]) })
    if let cli = FileManager.default.contents(atPath: cliFile), [UInt8](cli) != svg { sameSVG = false }
}
func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
let bestIn = inTimes.min()!, bestCLI = cliTimes.min()!
let svgBytes = svg.count
emit(["measure": "sfdp", "graph": "preferential attachment, \(nodes) nodes, m = 2", "engine": "sfdp", "format": "svg",
      "in_process_s": bestIn, "command_s": bestCLI, "ratio": bestIn / bestCLI, "svg_bytes": svgBytes,
      "in_process_median_s": median(inTimes), "command_median_s": median(cliTimes),
      "median_ratio": median(inTimes) / median(cliTimes), "same_svg": sameSVG])
