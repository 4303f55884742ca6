import ArgumentParser
import Foundation

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

    /// A full disk or a file-size limit must be an error message, not a signal that
    /// kills the process with a half-written temporary file.
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        Self.main(nil)
    }
}
