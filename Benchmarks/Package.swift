// swift-tools-version:6.1
// Benchmarks for factions, kept out of the main package so that `swift build` there
// stays lean (and free of the benchmark package). `make bench` (Scripts/bench.sh) runs
// them beside igraph and NetworkX; by hand, from this folder:
//   swift package benchmark list
//   swift package benchmark --target AnalysisBenchmarks --filter 'pagerank/ba-10k'
//   swift build -c release --scratch-path .build --product render-bench && .build/release/render-bench
//
// AnalysisBenchmarks (Benchmarks/AnalysisBenchmarks/) times the analysis calls with
// package-benchmark on the edge lists in data/ (Scripts/bench_graphs.py writes them);
// render-bench times libgvc in-process against the Graphviz commands.
import PackageDescription

let package = Package(
    name: "factions-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "factions", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "AnalysisBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "FactionsCore", package: "factions"),
                .product(name: "FactionsAnalysis", package: "factions"),
            ],
            path: "Benchmarks/AnalysisBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "render-bench",
            dependencies: [
                .product(name: "FactionsRender", package: "factions"),
                .product(name: "FactionsAnalysis", package: "factions"),
            ]
        ),
    ]
)
