import Foundation
import FactionsCore
import FactionsIO

/// Reads the oracle fixtures written by Scripts/make_fixtures.py.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The graph of a fixture: every node of `.nodes.txt` (isolated ones too), in
    /// that order, and the edges of the `.csv`.
    static func graph(_ folder: String, _ name: String) throws -> Graph {
        var builder = GraphBuilder()
        for line in try text("\(folder)/\(name).nodes.txt").split(separator: "\n") { builder.addNode(String(line)) }
        let rows = try CSV.parse(try text("\(folder)/\(name).csv"), path: name)
        let header = rows[0].fields
        let w = header.firstIndex(of: "weight"), s = header.firstIndex(of: "sign")
        for row in rows.dropFirst() {
            let weight = w.map { Double(row.fields[$0])! } ?? 1
            let sign = s.map { Int8(row.fields[$0])! } ?? 0
            builder.addEdge(row.fields[0], row.fields[1], weight: weight, sign: sign)
        }
        return builder.build()
    }

    static func expected(_ folder: String, _ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: root.appendingPathComponent("\(folder)/\(name).expected.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func scores(_ expected: [String: Any], _ key: String) -> [String: Double]? {
        guard let map = expected[key] as? [String: Any] else { return nil }
        return map.mapValues { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }
}
