import FactionsCore

/// CSV in and out: RFC 4180 parsing, and edge lists read as networks.
public enum CSV {
    /// Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF). Each row keeps
    /// the line number it started on, for error messages.
    public static func parse(_ text: String, path: String) throws(InputError) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var field = String.UnicodeScalarView()
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var afterQuote = false
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRow() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowLine, fields)) }
            fields = []
        }
        while let c = pending ?? it.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = it.next() {
                        if next == "\"" { field.append("\""); continue }
                        pending = next
                    }
                    inQuotes = false
                    afterQuote = true
                    continue
                }
                if c == "\n" { line += 1 }
                field.append(c)
                continue
            }
            switch c {
            case "\"":
                if !field.isEmpty || afterQuote {
                    throw InputError(path: path, line: line, message: "stray quote inside a field; quote the whole field and double inner quotes")
                }
                inQuotes = true
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                afterQuote = false
            case "\r":
                continue
            case "\n":
                endRow()
                line += 1
                rowLine = line
                afterQuote = false
            default:
                if afterQuote { throw InputError(path: path, line: line, message: "text after a closing quote") }
                field.append(c)
            }
        }
        if inQuotes { throw InputError(path: path, line: rowLine, message: "quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}

/// A CSV edge list — header `source,target` with optional `weight`, `sign`, `type`,
/// `from`, `to` columns — read as an actor network, so any graph can be ranked,
/// partitioned and drawn. Each row is a co-occurrence tie of its weight (default 1);
/// a non-zero `sign` also makes a signed tie. Actors take their id as name, and kind
/// `group` unless a `source_kind`/`target_kind` column says otherwise.
public enum EdgeListCSV {
    public static func read(_ text: String, path: String) throws(InputError) -> ActorNetwork {
        let rows = try CSV.parse(text, path: path)
        guard let header = rows.first else { throw InputError(path: path, message: "is empty; expected a header source,target[,weight][,sign]") }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let s = columns.firstIndex(of: "source"), let t = columns.firstIndex(of: "target") else {
            throw InputError(path: path, line: header.line,
                             message: "header must name 'source' and 'target' columns (found: \(columns.joined(separator: ",")))")
        }
        let w = columns.firstIndex(of: "weight")
        let sg = columns.firstIndex(of: "sign")
        let ty = columns.firstIndex(of: "type")
        let sk = columns.firstIndex(of: "source_kind")
        let tk = columns.firstIndex(of: "target_kind")
        var actors: [String: Actor] = [:]
        var ties: [TieKey: Tie] = [:]
        for row in rows.dropFirst() {
            guard row.fields.count == columns.count else {
                throw InputError(path: path, line: row.line, message: "has \(row.fields.count) fields, the header has \(columns.count)")
            }
            let a = row.fields[s].trimmingCharacters(in: .whitespaces)
            let b = row.fields[t].trimmingCharacters(in: .whitespaces)
            if a.isEmpty || b.isEmpty { throw InputError(path: path, line: row.line, message: "empty source or target") }
            var weight = 1.0
            if let w {
                let text = row.fields[w].trimmingCharacters(in: .whitespaces)
                guard let value = Double(text), value.isFinite else {
                    throw InputError(path: path, line: row.line, message: "weight '\(text)' is not a number")
                }
                weight = value
            }
            var sign = TieSign.neutral
            if let sg {
                let text = row.fields[sg].trimmingCharacters(in: .whitespaces)
                switch text {
                case "1", "+1", "+", "positive", "ally": sign = .positive
                case "-1", "-", "negative", "enemy": sign = .negative
                case "0", "", "neutral": sign = .neutral
                default:
                    throw InputError(path: path, line: row.line, message: "sign '\(text)' must be 1, -1 or 0")
                }
            }
            for (id, kindColumn) in [(a, sk), (b, tk)] where actors[id] == nil {
                var kind = ActorKind.group
                if let kindColumn {
                    let text = row.fields[kindColumn].trimmingCharacters(in: .whitespaces)
                    guard let k = ActorKind(rawValue: text) else {
                        throw InputError(path: path, line: row.line, message: "unknown kind '\(text)'; use person, party, body, event or group")
                    }
                    kind = k
                }
                actors[id] = Actor(id: id, name: id, kind: kind)
            }
            let (x, y) = a <= b ? (a, b) : (b, a)
            let key = TieKey(source: x, target: y, type: Tie.cooccurrence, sign: .neutral, directed: false)
            ties[key, default: Tie(source: x, target: y, weight: 0)].weight += weight
            if sign != .neutral {
                let type = ty.map { row.fields[$0].trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } ?? "signed"
                let skey = TieKey(source: x, target: y, type: type, sign: sign, directed: false)
                ties[skey, default: Tie(source: x, target: y, type: type, sign: sign, weight: 0)].weight += abs(weight)
            }
        }
        return ActorNetwork(actors: Array(actors.values), ties: Array(ties.values))
    }
}
