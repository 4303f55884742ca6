// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "factions",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "factions", targets: ["FactionsCLI"]),
        .library(name: "FactionsCore", targets: ["FactionsCore"]),
        .library(name: "FactionsExtract", targets: ["FactionsExtract"]),
        .library(name: "FactionsAnalysis", targets: ["FactionsAnalysis"]),
        .library(name: "FactionsIO", targets: ["FactionsIO"]),
        .library(name: "FactionsRender", targets: ["FactionsRender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(name: "FactionsCore"),
        .target(name: "FactionsExtract", dependencies: ["FactionsCore", "Yams"]),
        .target(name: "FactionsAnalysis", dependencies: ["FactionsCore"]),
        .target(name: "FactionsIO", dependencies: ["FactionsCore"]),
        .target(name: "FactionsRender", dependencies: ["FactionsCore", "FactionsIO", "CGraphviz"]),
        .executableTarget(
            name: "FactionsCLI",
            dependencies: [
                "FactionsCore", "FactionsExtract", "FactionsAnalysis", "FactionsIO", "FactionsRender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "FactionsCoreTests", dependencies: ["FactionsCore"]),
        .testTarget(name: "FactionsExtractTests", dependencies: ["FactionsExtract", "FactionsCore"]),
        .testTarget(name: "FactionsAnalysisTests", dependencies: ["FactionsAnalysis", "FactionsCore", "FactionsIO"]),
        .testTarget(name: "FactionsIOTests", dependencies: ["FactionsIO", "FactionsCore", "FactionsExtract"]),
        .testTarget(name: "FactionsRenderTests", dependencies: ["FactionsRender", "FactionsCore", "FactionsIO"]),
        .testTarget(name: "FactionsCLITests", dependencies: ["FactionsCLI"]),
    ]
)
