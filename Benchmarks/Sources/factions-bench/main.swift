// factions-bench: times factions' analysis calls on the CSV edge lists written by
// Scripts/bench_graphs.py and prints one JSON line per measurement, in the same shape
// as Scripts/peer_bench.py prints for igraph and NetworkX:
//   {"tool":"factions","op":"pagerank","graph":"ba-10k","nodes":…,"edges":…,"seconds":…,…}
//
// Only the call is timed (the graph is already built): "seconds" is the process's CPU
// time for the call, "wall_seconds" the ContinuousClock time (the two agree on an idle
// machine; on a shared one, wall time also counts the time we were descheduled). An op
// whose first run takes under a second is run twice more and the best of the three is
// kept; slower ops run once. `max_rss_mib` is the process's peak resident memory after the op (so, for a
// process that runs one op, the peak of loading plus that op).
//
//   factions-bench --data DIR --graph NAME [--ops betweenness,closeness,…]

import FactionsAnalysis
import FactionsCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

let allOps = ["betweenness", "closeness", "pagerank", "eigenvector", "degree", "coreness", "louvain", "leiden"]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("factions-bench: \(message)\n".utf8))
    exit(2)
}

var dataDir = "data"
var graphName: String?
var ops = allOps
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    guard let value = arguments.first else { fail("\(flag) needs a value") }
    arguments.removeFirst()
    switch flag {
    case "--data": dataDir = value
    case "--graph": graphName = value
    case "--ops": ops = value.split(separator: ",").map(String.init)
    default: fail("unknown option \(flag); usage: factions-bench --data DIR --graph NAME [--ops a,b,…]")
    }
}
guard let graphName else { fail("--graph NAME is required") }
for op in ops where !allOps.contains(op) { fail("unknown op \(op); ops: \(allOps.joined(separator: ","))") }

func maxRSSMiB() -> Double {
    var usage = rusage()
    getrusage(0, &usage)  // RUSAGE_SELF
    return Double(usage.ru_maxrss) / 1024  // KiB on Linux
}

func seconds(_ d: Duration) -> Double {
    let c = d.components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
}

/// Reads `source,target` lines of non-negative integers (header skipped).
func loadEdges(_ path: String) -> (n: Int, pairs: [Int32]) {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    var pairs: [Int32] = []
    pairs.reserveCapacity(data.count / 6)
    var maxID: Int32 = -1
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
        let bytes = raw.bindMemory(to: UInt8.self)
        var i = 0
        let end = bytes.count
        while i < end, bytes[i] != UInt8(ascii: "\n") { i += 1 }  // header
        var value: Int32 = 0
        var inNumber = false
        while i < end {
            let c = bytes[i]
            if c >= 48 && c <= 57 {
                value = value &* 10 &+ Int32(c &- 48)
                inNumber = true
            } else if inNumber {
                pairs.append(value)
                if value > maxID { maxID = value }
                value = 0
                inNumber = false
            }
            i += 1
        }
        if inNumber { pairs.append(value); if value > maxID { maxID = value } }
    }
    if pairs.count % 2 != 0 { fail("\(path): odd number of node ids") }
    return (Int(maxID) + 1, pairs)
}

@inline(never)
func blackHole<T>(_ x: T) { withExtendedLifetime(x) {} }

func emit(_ fields: [(String, Any)]) {
    var parts: [String] = []
    for (k, v) in fields {
        let value: String
        switch v {
        case let s as String: value = "\"\(s)\""
        case let d as Double: value = d.isFinite ? "\(d)" : "null"
        default: value = "\(v)"
        }
        parts.append("\"\(k)\":\(value)")
    }
    FileHandle.standardOutput.write(Data(("{" + parts.joined(separator: ",") + "}\n").utf8))
}

let clock = ContinuousClock()
let path = "\(dataDir)/\(graphName).csv"
let loadStart = clock.now
let (n, pairs) = loadEdges(path)
var builder = GraphBuilder()
for i in 0..<n { builder.addNode(String(i)) }
for k in stride(from: 0, to: pairs.count, by: 2) { builder.addEdge(Int(pairs[k]), Int(pairs[k + 1])) }
let graph = builder.build()
let loadSeconds = seconds(clock.now - loadStart)
let common: [(String, Any)] = [("tool", "factions"), ("graph", graphName), ("nodes", graph.nodeCount),
                               ("edges", graph.edgeCount)]
emit([("tool", "factions"), ("op", "load"), ("graph", graphName), ("nodes", graph.nodeCount),
      ("edges", graph.edgeCount), ("seconds", loadSeconds), ("max_rss_mib", maxRSSMiB()), ("version", "local")])

/// CPU time of this process, in seconds (not inflated when a busy, shared machine
/// deschedules us; every op here is single-threaded, so it equals wall time when idle).
func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Runs `body` once, and twice more if that took under a second of CPU; returns the best
/// CPU time, the best wall time (ContinuousClock), the last modularity (if any) and the runs.
func measure(_ body: () throws -> Double?) rethrows -> (cpu: Double, wall: Double, q: Double?, runs: Int) {
    var bestCPU = Double.infinity, bestWall = Double.infinity
    var modularity: Double? = nil
    var runs = 0
    while runs < 3 {
        let c0 = cpuSeconds()
        let start = clock.now
        modularity = try body()
        let wall = seconds(clock.now - start)
        let cpu = cpuSeconds() - c0
        bestCPU = min(bestCPU, cpu)
        bestWall = min(bestWall, wall)
        runs += 1
        if runs == 1 && cpu >= 1 { break }
    }
    return (bestCPU, bestWall, modularity, runs)
}

for op in ops {
    do {
        let (t, wall, q, runs) = try measure { () throws -> Double? in
            switch op {
            case "betweenness": blackHole(try Betweenness.compute(graph)); return nil
            case "closeness": blackHole(try Closeness.compute(graph)); return nil
            case "pagerank": blackHole(PageRank.compute(graph)); return nil
            case "eigenvector": blackHole(try Eigenvector.compute(graph)); return nil
            case "degree": blackHole(Degree.compute(graph)); return nil
            case "coreness": blackHole(Coreness.compute(graph)); return nil
            case "louvain": return Louvain.detect(graph, seed: 1, restarts: 1).modularity
            case "leiden": return Leiden.detect(graph, seed: 1, restarts: 1).modularity
            default: fatalError()
            }
        }
        var fields: [(String, Any)] = [("tool", "factions"), ("op", op)] + common.dropFirst()
        fields += [("seconds", t), ("wall_seconds", wall), ("runs", runs)]
        if let q { fields.append(("modularity", q)) }
        fields += [("max_rss_mib", maxRSSMiB()), ("version", "local")]
        emit(fields)
    } catch {
        emit([("tool", "factions"), ("op", op)] + common.dropFirst() + [("error", "\(error)"), ("version", "local")])
    }
}
