// factions-bench: times factions' analysis calls on the CSV edge lists written by
// Scripts/bench_graphs.py and prints one JSON line per measurement, in the same shape
// as Scripts/peer_bench.py prints for igraph and NetworkX:
//   {"tool":"factions","op":"pagerank","graph":"ba-10k","nodes":…,"edges":…,"seconds":…,…}
//
// Only the call is timed (the graph is already built): "seconds" is its ContinuousClock
// (wall) time, "cpu_seconds" the process's CPU time over the call (larger than wall when
// the op runs on several cores, as betweenness and closeness do by default; smaller when
// a busy machine deschedules us). An op whose first run takes under a second is run
// twice more and the best of the three is kept; slower ops run once. `max_rss_mib` (load
// line) is the peak resident memory of loading; `op_peak_rss_mib` the peak during the
// op, the graph being resident (VmHWM, reset before each op through /proc/self/clear_refs).
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

/// Peak RSS since the last `resetPeakRSS()` (VmHWM), in MiB; nil where /proc is missing.
func peakRSSMiB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kib = line.split(separator: " ").compactMap { Double($0) }.first
        return kib.map { $0 / 1024 }
    }
    return nil
}

/// Resets VmHWM to the current RSS (Linux ≥ 4.0), so that the next peak is the op's own.
func resetPeakRSS() {
    if let f = fopen("/proc/self/clear_refs", "w") {
        fputs("5", f)
        fclose(f)
    }
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

/// Loads the CSV and builds the graph; the builder and the raw pairs are freed on return.
func loadGraph(_ path: String) -> Graph {
    let (n, pairs) = loadEdges(path)
    var builder = GraphBuilder()
    for i in 0..<n { builder.addNode(String(i)) }
    for k in stride(from: 0, to: pairs.count, by: 2) { builder.addEdge(Int(pairs[k]), Int(pairs[k + 1])) }
    return builder.build()
}

let loadStart = clock.now
let graph = loadGraph("\(dataDir)/\(graphName).csv")
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

/// Runs `body` once, and twice more if that took under a second; returns the best wall
/// time (ContinuousClock), the best CPU time, the last modularity (if any) and the runs.
func measure(_ body: () throws -> Double?) rethrows -> (wall: Double, cpu: Double, q: Double?, runs: Int) {
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
        if runs == 1 && wall >= 1 { break }
    }
    return (bestWall, bestCPU, modularity, runs)
}

for op in ops {
    resetPeakRSS()
    do {
        let (t, cpu, q, runs) = try measure { () throws -> Double? in
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
        fields += [("seconds", t), ("cpu_seconds", cpu), ("runs", runs)]
        if let q { fields.append(("modularity", q)) }
        if let peak = peakRSSMiB() { fields.append(("op_peak_rss_mib", peak)) }
        fields.append(("version", "local"))
        emit(fields)
    } catch {
        emit([("tool", "factions"), ("op", op)] + common.dropFirst() + [("error", "\(error)"), ("version", "local")])
    }
}
