// swift-tools-version:6.1
// Benchmarks for factions, kept out of the main package so that `swift build` there
// stays lean. Build and run through `make bench` (Scripts/bench.sh), or by hand:
//   cd Benchmarks && swift build -c release --scratch-path .build
//   .build/release/factions-bench --data data --graph ba-10k --ops pagerank,louvain
//   .build/release/render-bench          (libgvc in-process against the Graphviz commands)
import PackageDescription

let package = Package(
    name: "factions-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "factions", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "factions-bench",
            dependencies: [
                .product(name: "FactionsCore", package: "factions"),
                .product(name: "FactionsAnalysis", package: "factions"),
            ]
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
