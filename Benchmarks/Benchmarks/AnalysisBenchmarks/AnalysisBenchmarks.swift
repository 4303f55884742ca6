// factions' analysis calls under package-benchmark, on the seeded edge lists that
// Scripts/bench_graphs.py writes into Benchmarks/data/ (igraph and NetworkX read the
// same files in Scripts/peer_bench.py). Scripts/bench.sh runs them and turns the
// exported histograms into the JSON lines of its table (Scripts/bench_factions.py).
//
// One benchmark per (op, graph), named `op/graph`, plus `load/graph` for reading the CSV
// and building the graph. package-benchmark runs each benchmark in a process of its own,
// so the peak resident memory of `op/graph` is that of the loaded graph plus that op.
// The graph is loaded in the setup hook, outside the measurement.

import Benchmark
import FactionsAnalysis
import FactionsCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The analysis calls timed, with their default arguments except where noted.
enum Op: String, CaseIterable {
    case betweenness, closeness, pagerank, eigenvector, degree, coreness, louvain, leiden
    /// On one thread: the peers run single-threaded, and the plain rows use all cores.
    case betweenness1t = "betweenness-1t", closeness1t = "closeness-1t"
    /// NetworkX's default stopping rule (L1 change under n · 1e-6; power iteration for
    /// eigenvector, as `nx.eigenvector_centrality`), timed against NetworkX's runs: the
    /// plain rows iterate to n · 1e-15 and a 1e-13 residual, a different computation.
    case pagerankNXRule = "pagerank-nx-rule", eigenvectorNXRule = "eigenvector-nx-rule"

    /// Betweenness and closeness are O(nm): a 1M-node graph would take hours.
    static let maxNodesForQuadratic = 10_000

    var isQuadratic: Bool { [.betweenness, .closeness, .betweenness1t, .closeness1t].contains(self) }
    var findsCommunities: Bool { self == .louvain || self == .leiden }

    /// Runs the call; returns the membership for community ops, so that its modularity
    /// can be computed after the measurement stops.
    func run(on graph: Graph) throws -> [Int]? {
        switch self {
        case .betweenness: blackHole(try Betweenness.compute(graph))
        case .closeness: blackHole(try Closeness.compute(graph))
        case .betweenness1t: blackHole(try Betweenness.compute(graph, threads: 1))
        case .closeness1t: blackHole(try Closeness.compute(graph, threads: 1))
        case .pagerank: blackHole(PageRank.compute(graph))
        case .eigenvector: blackHole(try Eigenvector.compute(graph))
        case .pagerankNXRule: blackHole(PageRank.compute(graph, tolerance: 1e-6))
        // max_iter 1,000 as Scripts/peer_bench.py gives NetworkX.
        case .eigenvectorNXRule: blackHole(try Eigenvector.powerIteration(graph, tolerance: 1e-6, maxIterations: 1_000))
        case .degree: blackHole(Degree.compute(graph))
        case .coreness: blackHole(Coreness.compute(graph))
        // One restart (the default is eight): igraph and NetworkX run once too.
        case .louvain: return Louvain.detect(graph, seed: 1, restarts: 1).membership
        case .leiden: return Leiden.detect(graph, seed: 1, restarts: 1).membership
        }
        return nil
    }
}

extension BenchmarkMetric {
    /// The process's CPU time over the call in nanoseconds (CLOCK_PROCESS_CPUTIME_ID, all
    /// threads). package-benchmark's own `cpuTotal` counts /proc/self/stat's 10 ms
    /// ticks: it agrees on the ops that take seconds, but reads 0 for most of the others.
    static let processCPUTime = BenchmarkMetric.custom("processCPUTime", useScalingFactor: false)
    /// Modularity of the partition found, in billionths: custom metrics are integers,
    /// and the histogram's exact maximum keeps all nine digits.
    static let modularityE9 = BenchmarkMetric.custom("modularityE9", polarity: .prefersLarger, useScalingFactor: false)
}

/// Reads the process CPU clock. It is read inside the measured region, because
/// package-benchmark's start and stop hooks read /proc files, which takes more CPU than
/// the fastest calls here. Each read is a syscall of about a third of a microsecond; with the hooks' /proc reads
/// just before the clock starts, a run measures one to two microseconds more than the
/// bare call, which only degree's microsecond figures show.
@inline(__always)
func processCPUNanoseconds() -> Int {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return ts.tv_sec * 1_000_000_000 + ts.tv_nsec
}

/// No warm-up; runs until 1,000 runs or 2 s, as Scripts/peer_bench.py times the peers:
/// an op under 2 ms runs 1,000 times, one over 2 s once (the 1M-node community ops take
/// tens). With at most 10 runs, the fastest of sub-millisecond ops moved by half
/// between runs of the same build on this machine.
/// Scripts/bench_factions.py reports the fastest run.
func configuration(extra: [BenchmarkMetric] = []) -> Benchmark.Configuration {
    .init(metrics: [.wallClock, .processCPUTime, .peakMemoryResident] + extra,
          warmupIterations: 0, maxDuration: .seconds(2), maxIterations: 1_000)
}

let benchmarks: @Sendable () -> Void = {
    for graph in BenchmarkGraph.all(in: BenchmarkGraph.dataDirectory) {
        Benchmark("load/\(graph.name)", configuration: configuration()) { benchmark in
            let cpuStart = processCPUNanoseconds()
            let loaded = try graph.load()
            let cpu = processCPUNanoseconds() - cpuStart
            benchmark.stopMeasurement()
            benchmark.measurement(.processCPUTime, cpu)
            blackHole(loaded)
        }
        for op in Op.allCases where !op.isQuadratic || graph.nodes <= Op.maxNodesForQuadratic {
            Benchmark("\(op.rawValue)/\(graph.name)",
                      configuration: configuration(extra: op.findsCommunities ? [.modularityE9] : [])) {
                benchmark, loaded in
                // Restarts the clock after package-benchmark has unboxed the setup state.
                benchmark.startMeasurement()
                let cpuStart = processCPUNanoseconds()
                let membership = try op.run(on: loaded)
                let cpu = processCPUNanoseconds() - cpuStart
                benchmark.stopMeasurement()
                benchmark.measurement(.processCPUTime, cpu)
                if let membership {
                    let q = Modularity.compute(loaded, membership: membership)
                    benchmark.measurement(.modularityE9, Int((q * 1e9).rounded()))
                }
            } setup: {
                try graph.load()
            }
        }
    }
}
