import ArgumentParser
import Foundation
import FactionsCore
import FactionsExtract
import FactionsIO

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Read a dataset's texts and write its actor network as network.json.",
        discussion: """
        Examples:
          factions extract                                  writes Output/russia-1917/network.json
          factions extract my-corpus -o my-corpus.json

        Environment:
          FACTIONS_PROGRESS=1   the progress bar as lines, for logs (0 hides it)
          FACTIONS_FSYNC=1      network.json forced to disk before the rename
        """
    )

    @OptionGroup var input: NetworkInput

    @Option(name: .shortAndLong, help: "Output file (default: Output/<dataset>/network.json).")
    var output: String?

    func run() throws {
        try runReportingErrors {
            let loaded = try input.load()
            let path = output ?? "Output/\(loaded.name)/network.json"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try NetworkJSON.write(loaded.network, to: path)
            let typed = loaded.network.signedTies.count
            emit("\(path): \(loaded.network.actors.count) actors, \(loaded.network.ties.count) ties (\(typed) signed) from \(loaded.network.documents.count) documents\n")
            keepUntilExit(loaded)
        }
    }
}
