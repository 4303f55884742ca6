import ArgumentParser
import Foundation
import FactionsCore
import FactionsExtract
import FactionsIO

struct CandidatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candidates",
        abstract: "Names in the texts that the lexicon does not list, for curating lexicon.yaml.",
        discussion: """
        Each candidate has a count, a guessed kind (and what decided it) and example sentences.
        Those seen at least twice join the network as inferred actors; add the ones you want
        to keep to lexicon.yaml (--format yaml prints entries to paste), or list the rest under
        'ignore'.

        Examples:
          factions candidates
          factions candidates my-corpus --min-count 3 --format yaml
        """
    )

    @Argument(help: "Dataset folder (default: Graphs/russia-1917).")
    var dataset: String = NetworkInput.defaultDataset

    @Option(name: .long, help: "Only names seen at least this often.")
    var minCount: Int = 2

    @Option(name: .long, help: "Output: table, json or yaml.")
    var format: CandidateFormat = .table

    enum CandidateFormat: String, ExpressibleByArgument { case table, json, yaml }

    func run() throws {
        try runReportingErrors {
            let data = try Dataset.load(path: dataset)
            let extractor = Extractor(lexicon: data.lexicon, options: ExtractionOptions(defaultYear: data.defaultYear))
            let bar = ProgressBar.forStandardError(label: "reading")
            // Erased on errors too, so the error message starts its own line.
            let candidates: [Candidate]
            do {
                defer { bar?.finish() }
                candidates = try extractor.candidates(data, minimumCount: minCount, progress: bar?.callback)
            }
            switch format {
            case .json:
                emit(try CanonicalJSON.string(candidates))
            case .yaml:
                var out = "# Candidates from \(dataset): review, then move into lexicon.yaml's actors (or its ignore list)\n"
                for c in candidates {
                    let aliases = c.forms.map { "\"\($0.replacingOccurrences(of: "\"", with: "\\\""))\"" }.joined(separator: ", ")
                    out += "  - id: \(c.id)\n    name: \"\(c.name)\"\n    kind: \(c.kind.rawValue)   # \(c.count)×, \(c.evidence)\n    aliases: [\(aliases)]\n"
                }
                emit(out)
            case .table:
                let rows = candidates.map { c -> [String] in
                    let example = c.examples.first.map { e in
                        let q = e.quote.split(whereSeparator: \.isNewline).joined(separator: " ")
                        return "\(e.document) #\(e.sentence + 1): " + (q.count > 90 ? String(q.prefix(90)) + "…" : q)
                    } ?? ""
                    return [String(c.count), c.name, c.kind.rawValue, c.evidence, example]
                }
                emit(TextTable(headers: ["count", "name", "kind", "why", "example"], rows: rows, numeric: [0]).aligned())
            }
        }
    }
}
