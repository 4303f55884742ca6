import Foundation
import FactionsCore
import FactionsAnalysis
import FactionsIO

/// The report as Markdown and as one self-contained HTML page: SVG inline, no scripts,
/// no fonts or styles from elsewhere.
struct ReportPage {
    struct RankedActor {
        var actor: Actor
        var degree: Double
        var betweenness: Double
    }

    var name: String
    var network: ActorNetwork
    var ranked: [RankedActor]
    var timeline: AllianceTimeline
    var top: Int
    var egoActors: Set<String>

    func actorName(_ id: String) -> String { network.actor(id)?.name ?? id }

    func short(_ quote: String, _ limit: Int = 360) -> String {
        let q = quote.split(whereSeparator: \.isNewline).joined(separator: " ")
        return q.count > limit ? String(q.prefix(limit)) + "…" : q
    }

    func markdown() -> String {
        var md = "# \(name)\n\n"
        md += "\(network.actors.count) actors (\(network.actors.filter(\.inferred).count) inferred) and \(network.ties.count) ties "
        md += "(\(network.signedTies.count) signed) from \(network.documents.count) documents; dates in the \(network.calendar) calendar.\n\n"
        md += "Open `index.html` for the page with every diagram and the ego network of each leading actor.\n\n"
        md += "## Who mattered\n\n![actor network](network.svg)\n\n"
        md += TextTable(headers: ["rank", "actor", "kind", "degree", "betweenness", "mentions"],
                        rows: ranked.prefix(top).enumerated().map { r, x in
                            [String(r + 1), egoActors.contains(x.actor.id) ? "[\(x.actor.name)](ego/\(x.actor.id).svg)" : x.actor.name,
                             x.actor.kind.rawValue, formatScore(x.degree), formatScore(x.betweenness), String(x.actor.totalMentions)]
                        }, numeric: [0, 3, 4, 5]).markdown()
        md += "\nDegree counts distinct co-occurring actors; betweenness is normalised as NetworkX's `betweenness_centrality`.\n\n"
        md += "## Who sided with whom\n\n![blocs](blocs.svg)\n\n![signed blocs](signed-blocs.svg)\n\n"
        md += "## When that changed\n\n![timeline](timeline.svg)\n\n"
        md += ShiftsReport(network: network, timeline: timeline).markdown(level: 3, title: false)
        return md
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// An SVG document ready to inline: prolog, doctype and comments removed.
    static func inline(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...])
    }

    func html(diagrams: [String: String], egos: [(String, String)]) -> String {
        let e = Self.escape
        var h = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(name)) — factions report</title>
        <style>
        body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1.5rem; color: #222; line-height: 1.45; }
        h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2.5rem; }
        nav a { margin-right: 1rem; }
        table { border-collapse: collapse; margin: 1rem 0; } th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #eee; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 1rem 0; overflow: auto; border: 1px solid #eee; border-radius: 6px; }
        figure svg { max-width: 100%; height: auto; display: block; }
        .bloc { margin: 0.2rem 0; } .label { display: inline-block; min-width: 4.5rem; font-weight: 600; }
        blockquote { margin: 0.3rem 0 0.8rem 1.2rem; color: #444; border-left: 3px solid #ccc; padding-left: 0.8rem; }
        .shift { color: #b2182b; font-weight: 600; } .flip { color: #2166ac; font-weight: 600; }
        .muted { color: #777; font-size: 0.9em; }
        section.ego { border-top: 1px dashed #ccc; }
        </style>
        </head>
        <body>
        <h1>\(e(name))</h1>
        <p class="muted">\(network.actors.count) actors and \(network.ties.count) ties (\(network.signedTies.count) signed) from \(network.documents.count) documents · dates in the \(e(network.calendar)) calendar · made by factions \(e(network.generator.version))</p>
        <nav><a href="#mattered">Who mattered</a><a href="#sided">Who sided with whom</a><a href="#changed">When that changed</a><a href="#egos">Actors</a></nav>

        """
        h += "<h2 id=\"mattered\">Who mattered</h2>\n<figure>\(Self.inline(diagrams["network"] ?? ""))</figure>\n"
        h += "<table><thead><tr><th>rank</th><th>actor</th><th>kind</th><th>degree</th><th>betweenness</th><th>mentions</th></tr></thead><tbody>\n"
        for (r, x) in ranked.prefix(top).enumerated() {
            let cell = egoActors.contains(x.actor.id) ? "<a href=\"#ego-\(e(x.actor.id))\">\(e(x.actor.name))</a>" : e(x.actor.name)
            h += "<tr><td class=\"num\">\(r + 1)</td><td>\(cell)</td><td>\(x.actor.kind.rawValue)</td><td class=\"num\">\(formatScore(x.degree))</td><td class=\"num\">\(formatScore(x.betweenness))</td><td class=\"num\">\(x.actor.totalMentions)</td></tr>\n"
        }
        h += "</tbody></table>\n<p class=\"muted\">Degree counts distinct co-occurring actors; betweenness is normalised as NetworkX's betweenness_centrality. Click an actor for its ego network.</p>\n"
        h += "<h2 id=\"sided\">Who sided with whom</h2>\n<figure>\(Self.inline(diagrams["signed-blocs"] ?? ""))</figure>\n<figure>\(Self.inline(diagrams["blocs"] ?? ""))</figure>\n"
        h += "<h2 id=\"changed\">When that changed</h2>\n<figure>\(Self.inline(diagrams["timeline"] ?? ""))</figure>\n"
        for p in timeline.periods {
            h += "<h3>\(e(p.name)) <span class=\"muted\">\(e(p.from == p.to ? p.from : "\(p.from) – \(p.to)"))</span></h3>\n"
            if p.blocs.isEmpty { h += "<p class=\"muted\">No signed evidence.</p>\n" }
            for b in p.blocs {
                h += "<div class=\"bloc\"><span class=\"label\">Bloc \(e(b.label))</span> " + b.members.map(link).joined(separator: ", ") + "</div>\n"
            }
            for s in timeline.shifts where s.toPeriod == p.period {
                h += "<p><span class=\"shift\">Shift</span> \(link(s.actor)) moves from bloc \(e(s.fromBloc)) to bloc \(e(s.toBloc)).</p>\n"
                if let q = s.evidence.first { h += "<blockquote>“\(e(short(q.quote)))” <span class=\"muted\">— \(e(q.document)), sentence \(q.sentence + 1)</span></blockquote>\n" }
            }
            for f in timeline.flips where f.toPeriod == p.period {
                h += "<p><span class=\"flip\">Flip</span> \(link(f.a)) – \(link(f.b)): \(f.fromSign > 0 ? "ally" : "enemy") → \(f.toSign > 0 ? "ally" : "enemy").</p>\n"
                if let q = f.evidence.last { h += "<blockquote>“\(e(short(q.quote)))” <span class=\"muted\">— \(e(q.document)), sentence \(q.sentence + 1)</span></blockquote>\n" }
            }
        }
        h += "<h2 id=\"egos\">Actors</h2>\n"
        for (id, svg) in egos {
            h += "<section class=\"ego\" id=\"ego-\(e(id))\"><h3>\(e(actorName(id)))</h3><figure>\(Self.inline(svg))</figure><p><a href=\"#mattered\">back to the ranking</a></p></section>\n"
        }
        h += "</body>\n</html>\n"
        return h
    }

    func link(_ id: String) -> String {
        let e = Self.escape
        return egoActors.contains(id) ? "<a href=\"#ego-\(e(id))\">\(e(actorName(id)))</a>" : e(actorName(id))
    }
}
