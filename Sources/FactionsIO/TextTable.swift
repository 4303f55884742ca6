/// Output formats for tables of results.
public enum TableFormat: String, CaseIterable, Sendable {
    case table, json, csv, markdown
}

/// A table of strings printed aligned for a terminal, or as CSV or Markdown.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns to right-align (numbers).
    public var numeric: Set<Int>

    public init(headers: [String], rows: [[String]], numeric: Set<Int> = []) {
        self.headers = headers
        self.rows = rows
        self.numeric = numeric
    }

    public func render(_ format: TableFormat) -> String {
        switch format {
        case .table, .json: return aligned()
        case .csv: return csv()
        case .markdown: return markdown()
        }
    }

    public func aligned() -> String {
        var widths = headers.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                return numeric.contains(i) ? pad + c : c + pad
            }.joined(separator: "  ").replacingTrailingSpaces()
        }
        var out = line(headers) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    public func csv() -> String {
        ([headers] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    public func markdown() -> String {
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = "| " + headers.map(esc).joined(separator: " | ") + " |\n"
        out += "| " + headers.indices.map { numeric.contains($0) ? "---:" : "---" }.joined(separator: " | ") + " |\n"
        for row in rows { out += "| " + row.map(esc).joined(separator: " | ") + " |\n" }
        return out
    }

    /// RFC 4180 quoting.
    public static func csvField(_ s: String) -> String {
        if s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}

extension String {
    func replacingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

/// Formats a score for tables: integers plainly, others with six significant decimals.
public func formatScore(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e12 { return String(Int(value)) }
    var s = String(format6: value)
    while s.contains(".") && s.hasSuffix("0") { s.removeLast() }
    return s
}

extension String {
    init(format6 value: Double) {
        let scaled = (value * 1_000_000).rounded() / 1_000_000
        var text = "\(scaled)"
        if text.contains("e") {
            // Small values: fixed notation without Foundation formatting.
            let negative = scaled < 0
            let micro = Int((abs(value) * 1_000_000).rounded())
            let whole = micro / 1_000_000
            let frac = String(micro % 1_000_000)
            text = (negative ? "-" : "") + "\(whole)." + String(repeating: "0", count: 6 - frac.count) + frac
        }
        self = text
    }
}
