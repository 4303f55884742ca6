import FactionsCore
import Foundation

/// A benchmark graph: `<name>.csv` in the data folder, with the `<name>.txt` note that
/// Scripts/bench_graphs.py writes beside it (its last line: `nodes N, edges M`).
struct BenchmarkGraph: Sendable {
    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    let name: String
    let path: String
    /// From the note, so that registering the benchmarks reads no edge list.
    let nodes: Int

    /// Benchmarks/data, beside this package's Package.swift.
    static var dataDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data").path
    }

    /// The graphs in `directory` by name; an edge list without a note is left out.
    static func all(in directory: String) -> [BenchmarkGraph] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".csv") }.sorted().compactMap { file in
            let name = String(file.dropLast(4))
            guard let note = try? String(contentsOfFile: "\(directory)/\(name).txt", encoding: .utf8),
                  let sizes = note.split(separator: "\n").last(where: { $0.hasPrefix("nodes ") }),
                  let nodes = Int(sizes.dropFirst(6).prefix { $0.isNumber })
            else { return nil }
            return BenchmarkGraph(name: name, path: "\(directory)/\(file)", nodes: nodes)
        }
    }

    /// Reads the edge list and builds the graph, node `i` labelled "i".
    func load() throws -> Graph {
        let (nodes, pairs) = try readPairs()
        var builder = GraphBuilder()
        for v in 0..<nodes { builder.addNode(String(v)) }
        for k in stride(from: 0, to: pairs.count, by: 2) { builder.addEdge(Int(pairs[k]), Int(pairs[k + 1])) }
        return builder.build()
    }

    /// The `source,target` lines (header skipped) as node ids, two per edge, and the
    /// number of nodes. Scanned as bytes, since every ba-1m benchmark process reads 3M
    /// edges; a function of its own so that the file's bytes are freed before the graph
    /// is built (holding them through the build raised loading's peak on ba-1m by 60 MiB).
    private func readPairs() throws -> (nodes: Int, pairs: [Int32]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "cannot read \(path)")
        }
        var pairs: [Int32] = []
        pairs.reserveCapacity(data.count / 6)
        var maxID: Int32 = -1
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            let end = bytes.count
            while i < end, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            var value: Int32 = 0
            var inNumber = false
            while i < end {
                let c = bytes[i]
                if c >= 48 && c <= 57 {
                    value = value &* 10 &+ Int32(c &- 48)
                    inNumber = true
                } else if inNumber {
                    pairs.append(value)
                    maxID = max(maxID, value)
                    value = 0
                    inNumber = false
                }
                i += 1
            }
            if inNumber {
                pairs.append(value)
                maxID = max(maxID, value)
            }
        }
        guard pairs.count % 2 == 0 else { throw LoadError(description: "\(path): odd number of node ids") }
        return (Int(maxID) + 1, pairs)
    }
}
