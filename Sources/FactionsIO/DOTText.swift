/// Building blocks for DOT text that Graphviz parses safely whatever the input names.
public enum DOTText {
    /// A double-quoted DOT string: backslashes, quotes and newlines escaped, control
    /// characters dropped. Text from essays (quotes, `<`, `&`, `{`) then cannot end the
    /// string, open an HTML label or break a record.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// Attribute list `[a="x", b="y"]` with keys in the given order.
    public static func attributes(_ pairs: [(String, String)]) -> String {
        if pairs.isEmpty { return "" }
        return " [" + pairs.map { "\($0.0)=\(quoted($0.1))" }.joined(separator: ", ") + "]"
    }

    /// Formats a number for DOT with at most `digits` decimals, no locale, no exponent.
    public static func number(_ value: Double, digits: Int = 3) -> String {
        if !value.isFinite { return "0" }
        let scale = pow10(digits)
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = String(rounded)
        if text.contains("e") { text = String(Int(rounded)) }
        return text
    }

    private static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 10 }
        return r
    }
}
