/// A calendar month, the unit of time of the network: texts rarely date events more
/// precisely, and periods of political history are counted in months.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM` (or a bare `YYYY`, read as January when `end` is false and as
    /// December when it is true, so that `1905` as an interval covers the whole year).
    public init?(parsing text: String, end: Bool = false) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 1, parts[0].count == 4, let y = Int(parts[0]) {
            self.init(year: y, month: end ? 12 : 1)
        } else if parts.count == 2, parts[0].count == 4, let y = Int(parts[0]),
                  parts[1].count == 2, let m = Int(parts[1]) {
            self.init(year: y, month: m)
        } else {
            return nil
        }
    }

    /// Months since year 0: makes intervals and distances simple integer arithmetic.
    public var ordinal: Int { year * 12 + (month - 1) }

    public init(ordinal: Int) {
        self.year = ordinal / 12
        self.month = ordinal % 12 + 1
    }

    public func adding(months: Int) -> Month { Month(ordinal: ordinal + months) }

    public static func < (lhs: Month, rhs: Month) -> Bool { lhs.ordinal < rhs.ordinal }

    /// `YYYY-MM` written at `p` (seven bytes) when the year has at most four digits;
    /// false, with nothing written, otherwise. network.json writes months this way
    /// straight into its buffer, two per piece of evidence.
    public func writeDigits(to p: UnsafeMutablePointer<UInt8>) -> Bool {
        guard (0...9999).contains(year), (1...12).contains(month) else { return false }
        p[0] = 0x30 + UInt8(truncatingIfNeeded: year / 1000)
        p[1] = 0x30 + UInt8(truncatingIfNeeded: year / 100 % 10)
        p[2] = 0x30 + UInt8(truncatingIfNeeded: year / 10 % 10)
        p[3] = 0x30 + UInt8(truncatingIfNeeded: year % 10)
        p[4] = UInt8(ascii: "-")
        p[5] = 0x30 + UInt8(truncatingIfNeeded: month / 10)
        p[6] = 0x30 + UInt8(truncatingIfNeeded: month % 10)
        return true
    }

    public var description: String {
        // Seven digits and a dash written at once (a small string, no allocation): the
        // interpolation below was a sixtieth of extraction when network.json asked for
        // two per piece of evidence.
        let digits = String(unsafeUninitializedCapacity: 7) { b in writeDigits(to: b.baseAddress!) ? 7 : 0 }
        if !digits.isEmpty { return digits }
        let y = String(year)
        let m = month < 10 ? "0\(month)" : String(month)
        return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)"
    }
}

extension Month: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let month = Month(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a month; write YYYY-MM, e.g. 1917-10")
        }
        self = month
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A closed interval of months, `from...to`.
public struct MonthInterval: Hashable, Sendable, Codable, CustomStringConvertible {
    public var from: Month
    public var to: Month

    public init(from: Month, to: Month) {
        self.from = min(from, to)
        self.to = max(from, to)
    }

    public init(_ month: Month) { self.init(from: month, to: month) }

    /// Parses `1917-07`, `1917-07..1917-09` or `1905`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let range = trimmed.range(of: "..") {
            guard let a = Month(parsing: String(trimmed[..<range.lowerBound])),
                  let b = Month(parsing: String(trimmed[range.upperBound...]), end: true) else { return nil }
            self.init(from: a, to: b)
        } else {
            guard let a = Month(parsing: trimmed), let b = Month(parsing: trimmed, end: true) else { return nil }
            self.init(from: a, to: b)
        }
    }

    public func overlaps(_ other: MonthInterval) -> Bool { from <= other.to && other.from <= to }
    public func contains(_ month: Month) -> Bool { from <= month && month <= to }

    public var description: String { from == to ? from.description : "\(from)..\(to)" }
}

import Foundation
