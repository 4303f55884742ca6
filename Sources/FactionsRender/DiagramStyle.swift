import FactionsCore
import FactionsIO

/// The visual vocabulary shared by every diagram, so a reader learns it once.
public enum DiagramStyle {
    public static func shape(_ kind: ActorKind) -> String {
        switch kind {
        case .person: "ellipse"
        case .party: "box"
        case .body: "hexagon"
        case .event: "diamond"
        case .group: "octagon"
        }
    }

    /// Fills for blocs: a colour-blind-safe qualitative palette (Okabe–Ito, lightened).
    public static let blocFills = [
        "#9ecae1", "#fdae6b", "#a1d99b", "#f4a6c6", "#d9c2f0", "#fee391", "#c7e9c0", "#bdbdbd",
        "#6baed6", "#fd8d3c", "#74c476", "#de77ae",
    ]

    public static func blocFill(_ bloc: Int?) -> String {
        guard let bloc, bloc >= 0 else { return "#f0f0f0" }
        return blocFills[bloc % blocFills.count]
    }

    public static let kindFill: [ActorKind: String] = [
        .person: "#fde0c5", .party: "#c6dbef", .body: "#d9f0d3", .event: "#f2f0f7", .group: "#fff7bc",
    ]

    public static let allyColour = "#1a9850"
    public static let enemyColour = "#d73027"
    public static let neutralColour = "#969696"

    public static func edgeColour(_ sign: TieSign) -> String {
        switch sign {
        case .positive: allyColour
        case .negative: enemyColour
        case .neutral: neutralColour
        }
    }

    /// Escapes text for an HTML-like Graphviz label.
    public static func html(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\r", "\t": out += " "
            default:
                if s.value < 0x20 { continue }
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// A legend block as an HTML table: title line, node kinds present, edge colours.
    public static func legend(title: String, subtitle: String, kinds: [ActorKind], edges: [TieSign],
                              extra: [String] = [], scale: Double = 1) -> String {
        let big = Int((18 * scale).rounded()), small = Int((11 * scale).rounded())
        var rows = "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(big)\"><B>\(html(title))</B></FONT></TD></TR>"
        if !subtitle.isEmpty {
            rows += "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(small)\" COLOR=\"#555555\">\(html(subtitle))</FONT></TD></TR>"
        }
        var keys = kinds.map { k in "\(shape(k) == "box" ? "box" : shape(k)) \(k.rawValue)" }.joined(separator: " · ")
        if !keys.isEmpty {
            keys = "<FONT POINT-SIZE=\"\(small)\">shape: \(html(keys))</FONT>"
            rows += "<TR><TD ALIGN=\"LEFT\">\(keys)</TD></TR>"
        }
        if !edges.isEmpty {
            let parts = edges.map { sign in
                "<FONT COLOR=\"\(edgeColour(sign))\">━━ \(html(sign.label))</FONT>"
            }.joined(separator: "   ")
            rows += "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(small)\">ties: \(parts)   (width = weight)</FONT></TD></TR>"
        }
        for line in extra {
            rows += "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(small)\">\(html(line))</FONT></TD></TR>"
        }
        return "<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\">\(rows)</TABLE>>"
    }
}
