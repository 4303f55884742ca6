import ArgumentParser
import Foundation
import FactionsCore
import FactionsAnalysis
import FactionsIO

struct ShiftsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shifts",
        abstract: "When that changed: signed blocs per period, the actors that changed side and the ties that flipped.",
        discussion: """
        Periods come from the dataset's periods.yaml, else one per month of dated evidence.
        Each shift and flip is listed with the sentence that made it.

        Examples:
          factions shifts
          factions shifts --format markdown > shifts.md
          factions shifts --bootstrap 200 --format json
        """
    )

    @OptionGroup var input: NetworkInput

    @Option(name: .long, help: "Output: table, json, csv or markdown.")
    var format: TableFormat = .table

    @Option(name: .long, help: "Resample the evidence N times and report how often each bloc placement and shift recurs.")
    var bootstrap: Int = 0

    @Option(name: .long, help: "Weight a pair's last evidence keeps per silent period (0…1).")
    var memory: Double = 0.5

    @Option(name: .long, help: "Fixed number of blocs per period (default: chosen by the data).")
    var blocs: Int?

    @Option(name: .long, help: "Seed of the bloc search and of the resampling.")
    var seed: UInt64 = 1

    func validate() throws {
        if !(0...1).contains(memory) { throw ValidationError("--memory must be between 0 and 1") }
        if bootstrap < 0 || bootstrap > 100_000 { throw ValidationError("--bootstrap must be between 0 and 100000") }
        if let blocs, blocs < 1 { throw ValidationError("--blocs must be at least 1") }
    }

    func run() throws {
        try runReportingErrors {
            let loaded = try input.load()
            let network = loaded.network
            let periods = PeriodSelection.periods(of: network)
            let options = TimelineOptions(memory: memory, blocs: blocs, seed: seed)
            let timeline = AllianceBootstrap.run(network, periods: periods, options: options, samples: bootstrap, seed: seed)
            emit(ShiftsReport(network: network, timeline: timeline).render(format))
        }
    }
}

/// Renders an alliance timeline as a terminal timeline, Markdown, CSV or JSON.
struct ShiftsReport {
    var network: ActorNetwork
    var timeline: AllianceTimeline

    func name(_ id: String) -> String { network.actor(id)?.name ?? id }

    func short(_ quote: String, _ limit: Int = 220) -> String {
        let q = quote.split(whereSeparator: \.isNewline).joined(separator: " ")
        return q.count > limit ? String(q.prefix(limit)) + "…" : q
    }

    func render(_ format: TableFormat) -> String {
        switch format {
        case .json: return (try? CanonicalJSON.string(timeline)) ?? "{}\n"
        case .csv: return csv()
        case .markdown: return markdown()
        case .table: return text()
        }
    }

    func support(_ s: Double?, _ weak: Bool?) -> String {
        guard let s else { return "" }
        return " [recurs in \(Int((s * 100).rounded()))% of resamples\(weak == true ? ", weak" : "")]"
    }

    func text() -> String {
        var out = ""
        for p in timeline.periods {
            out += "\(p.name) (\(p.from == p.to ? p.from : "\(p.from)..\(p.to)"))\n"
            if p.blocs.isEmpty { out += "  no signed evidence\n" }
            for b in p.blocs {
                out += "  bloc \(b.label): " + b.members.map { m in
                    name(m) + (p.stability?[m].map { " (\(Int(($0 * 100).rounded()))%)" } ?? "")
                }.joined(separator: ", ") + "\n"
            }
            if !p.noEvidence.isEmpty {
                out += "  no evidence this period: " + p.noEvidence.map(name).joined(separator: ", ") + "\n"
            }
            for s in timeline.shifts where s.toPeriod == p.period {
                out += "  SHIFT \(name(s.actor)): bloc \(s.fromBloc) → bloc \(s.toBloc) (since \(s.fromPeriod))\(support(s.support, s.weak))\n"
                if let e = s.evidence.first { out += "      “\(short(e.quote))” — \(e.document), sentence \(e.sentence + 1)\n" }
            }
            for f in timeline.flips where f.toPeriod == p.period {
                out += "  FLIP \(name(f.a)) – \(name(f.b)): \(f.fromSign > 0 ? "ally" : "enemy") → \(f.toSign > 0 ? "ally" : "enemy") (since \(f.fromPeriod))\(support(f.support, f.weak))\n"
                if let e = f.evidence.last { out += "      “\(short(e.quote))” — \(e.document), sentence \(e.sentence + 1)\n" }
            }
            out += "\n"
        }
        out += "\(timeline.shifts.count) shifts, \(timeline.flips.count) flips across \(timeline.periods.count) periods.\n"
        return out
    }

    /// `level` is the heading level of each period; `title` adds "Alliance shifts" one
    /// level above (the report has its own section heading).
    func markdown(level: Int = 2, title: Bool = true) -> String {
        var out = title ? String(repeating: "#", count: max(1, level - 1)) + " Alliance shifts\n\n" : ""
        for p in timeline.periods {
            out += String(repeating: "#", count: level) + " \(p.name) (\(p.from == p.to ? p.from : "\(p.from)–\(p.to)"))\n\n"
            if p.blocs.isEmpty { out += "No signed evidence.\n\n" }
            for b in p.blocs { out += "- **Bloc \(b.label)**: " + b.members.map(name).joined(separator: ", ") + "\n" }
            if !p.noEvidence.isEmpty { out += "- *No evidence this period*: " + p.noEvidence.map(name).joined(separator: ", ") + "\n" }
            out += "\n"
            for s in timeline.shifts where s.toPeriod == p.period {
                out += "- **Shift**: \(name(s.actor)) moves from bloc \(s.fromBloc) to bloc \(s.toBloc)\(support(s.support, s.weak))"
                if let e = s.evidence.first { out += " — “\(short(e.quote, 400))” (\(e.document), sentence \(e.sentence + 1))" }
                out += "\n"
            }
            for f in timeline.flips where f.toPeriod == p.period {
                out += "- **Flip**: \(name(f.a)) – \(name(f.b)) from \(f.fromSign > 0 ? "ally" : "enemy") to \(f.toSign > 0 ? "ally" : "enemy")\(support(f.support, f.weak))"
                if let e = f.evidence.last { out += " — “\(short(e.quote, 400))” (\(e.document), sentence \(e.sentence + 1))" }
                out += "\n"
            }
            out += "\n"
        }
        return out
    }

    func csv() -> String {
        var rows: [[String]] = []
        for p in timeline.periods {
            for b in p.blocs { for m in b.members { rows.append(["bloc", p.period, m, b.label, "", "", "", ""]) } }
        }
        for s in timeline.shifts {
            let e = s.evidence.first
            rows.append(["shift", s.toPeriod, s.actor, s.toBloc, s.fromPeriod, s.fromBloc, e?.quote ?? "", e.map { "\($0.document)#\($0.sentence + 1)" } ?? ""])
        }
        for f in timeline.flips {
            let e = f.evidence.last
            rows.append(["flip", f.toPeriod, "\(f.a)|\(f.b)", String(f.toSign), f.fromPeriod, String(f.fromSign), e?.quote ?? "", e.map { "\($0.document)#\($0.sentence + 1)" } ?? ""])
        }
        return TextTable(headers: ["record", "period", "actor", "bloc_or_sign", "from_period", "from_bloc_or_sign", "quote", "source"],
                         rows: rows).csv()
    }
}
