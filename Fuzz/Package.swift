// swift-tools-version:6.1
// libFuzzer targets for factions' readers. Not part of the main build: build and run
// them with Scripts/fuzz.sh (see README.md in this folder).
import PackageDescription

let fuzzers: [(name: String, products: [String])] = [
    ("FuzzText", ["FactionsCore", "FactionsExtract"]),
    ("FuzzLexicon", ["FactionsCore", "FactionsExtract"]),
    ("FuzzGraphML", ["FactionsCore", "FactionsIO"]),
    ("FuzzGEXF", ["FactionsCore", "FactionsIO"]),
    ("FuzzCSV", ["FactionsCore", "FactionsIO"]),
    ("FuzzDOT", ["FactionsCore", "FactionsRender"]),
]

let package = Package(
    name: "factions-fuzz",
    platforms: [.macOS(.v15)],
    products: fuzzers.map { .executable(name: $0.name, targets: [$0.name]) },
    dependencies: [.package(name: "factions", path: "..")],
    targets: [.target(name: "FuzzDriver")] + fuzzers.map { fuzzer in
        .executableTarget(
            name: fuzzer.name,
            dependencies: ["FuzzDriver"] + fuzzer.products.map { .product(name: $0, package: "factions") }
        )
    }
)
