import FactionsCore

/// Resolves a `--period` argument: a period id of the network, or a month interval
/// (`1917-07`, `1917-07..1917-09`, `1917`).
public enum PeriodSelection {
    public static func resolve(_ text: String, in network: ActorNetwork) throws(AnalysisError) -> (label: String, interval: MonthInterval) {
        if let p = network.periods.first(where: { $0.id == text }) {
            return (p.name, p.interval)
        }
        if let interval = MonthInterval(parsing: text) {
            return (interval.description, interval)
        }
        throw .unknownPeriod(text, known: network.periods.map(\.id))
    }

    /// The periods of a network: its named periods, or else one per month that any
    /// evidence is dated in (one per year when the evidence spans more than three years).
    public static func periods(of network: ActorNetwork) -> [Period] {
        if !network.periods.isEmpty { return network.periods }
        var months = Set<Month>()
        for tie in network.ties {
            for e in tie.evidence { if let i = e.interval, i.from == i.to { months.insert(i.from) } }
        }
        guard let first = months.min(), let last = months.max() else { return [] }
        if last.ordinal - first.ordinal > 36 {
            let years = Set(months.map(\.year)).sorted()
            return years.map { y in
                Period(id: String(y), name: String(y), from: Month(year: y, month: 1)!, to: Month(year: y, month: 12)!)
            }
        }
        return months.sorted().map { Period(id: $0.description, name: $0.description, from: $0, to: $0) }
    }
}
