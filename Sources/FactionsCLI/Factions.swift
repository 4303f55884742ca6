import ArgumentParser

@main
struct Factions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factions",
        abstract: "Actor networks from political and historical texts: who mattered, who sided with whom, and when that changed.",
        discussion: """
        With no NETWORK argument, commands use the bundled dataset Graphs/russia-1917.
        NETWORK may be a dataset folder (corpus/*.txt with lexicon.yaml, periods.yaml),
        a network.json, a CSV edge list (source,target[,weight][,sign]) or a GraphML file.

        Examples:
          factions report                      extract, rank and draw the bundled dataset into Output/
          factions rank --by betweenness --top 10
          factions render --diagram network -o network.svg
        """,
        version: "0.1.0",
        subcommands: [
            ExtractCommand.self, CandidatesCommand.self, RankCommand.self, BlocsCommand.self, ShiftsCommand.self, RenderCommand.self, ExportCommand.self, ReportCommand.self,
        ]
    )
}
