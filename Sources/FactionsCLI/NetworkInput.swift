import ArgumentParser
import Foundation
import FactionsCore
import FactionsExtract
import FactionsIO
import FactionsAnalysis
import FactionsRender

/// The NETWORK argument every reading command takes.
struct NetworkInput: ParsableArguments {
    @Argument(help: "Dataset folder, network.json, CSV edge list or GraphML file (default: Graphs/russia-1917).")
    var network: String?

    @Flag(name: .long, help: "Keep actors the lexicon marks as sources (cited historians).")
    var includeSources = false

    @Flag(name: .customLong("discover"), inversion: .prefixedNo,
          help: "Add the names discovery finds in the texts to the lexicon's actors (--no-discover: the lexicon's actors only, one reading of the texts instead of two).")
    var discover = true

    static let defaultDataset = "Graphs/russia-1917"

    var path: String { network ?? Self.defaultDataset }

    /// A short name for titles and output folders.
    var datasetName: String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            return url.lastPathComponent
        }
        return url.deletingPathExtension().lastPathComponent
    }

    /// Loads or extracts the network.
    func load() throws -> LoadedNetwork {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            if network == nil {
                throw InputError(path: path, message: "bundled dataset not found; run factions from the project folder or pass a dataset path")
            }
            throw InputError(path: path, message: "no such file or folder")
        }
        if isDir.boolValue {
            let dataset = try Dataset.load(path: path)
            let extractor = Extractor(lexicon: dataset.lexicon, options: ExtractionOptions(includeSources: includeSources, discover: discover))
            let bar = ProgressBar.forStandardError(label: "extracting")
            defer { bar?.finish() }
            let network = try extractor.extract(dataset, progress: bar?.callback)
            return LoadedNetwork(network: network, name: dataset.name, dataset: dataset)
        }
        let bytes = try TextFile.readBytes(path)
        let lower = path.lowercased()
        if lower.hasSuffix(".json") {
            return LoadedNetwork(network: try NetworkJSON.decode(bytes, path: path), name: datasetName, dataset: nil)
        }
        if lower.hasSuffix(".csv") {
            let text = try TextFile.decodeUTF8(bytes, path: path)
            return LoadedNetwork(network: try EdgeListCSV.read(text, path: path), name: datasetName, dataset: nil)
        }
        if lower.hasSuffix(".graphml") || lower.hasSuffix(".xml") {
            return LoadedNetwork(network: try GraphMLReader.read(bytes, path: path), name: datasetName, dataset: nil)
        }
        if lower.hasSuffix(".gexf") {
            return LoadedNetwork(network: try GEXFReader.read(bytes, path: path), name: datasetName, dataset: nil)
        }
        if lower.hasSuffix(".dot") || lower.hasSuffix(".gv") {
            let text = try TextFile.decodeUTF8(bytes, path: path)
            return LoadedNetwork(network: try DOTReader.read(text, path: path), name: datasetName, dataset: nil)
        }
        throw InputError(path: path, message: "unknown network format; use a dataset folder, network.json, or a .csv, .graphml, .gexf or .dot file")
    }
}

struct LoadedNetwork {
    var network: ActorNetwork
    var name: String
    var dataset: Dataset?

    /// The id of an actor given by id or name, or an error with suggestions.
    func resolveActor(_ text: String) throws -> String {
        if network.actor(text) != nil { return text }
        let lower = text.lowercased()
        if let match = network.actors.first(where: { $0.id.lowercased() == lower || $0.name.lowercased() == lower })
            ?? network.actors.first(where: { $0.aliases.contains { $0.lowercased() == lower } }) {
            return match.id
        }
        let suggestions = Suggest.nearest(text, in: network.actors.map(\.id) + network.actors.map(\.name))
        let ids = suggestions.map { s in network.actors.first { $0.name == s }?.id ?? s }
        var seen = Set<String>()
        throw AnalysisError.unknownActor(text, suggestions: ids.filter { seen.insert($0).inserted })
    }
}

/// Runs a command body, turning any error into one line on stderr and exit code 1.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        FileHandle.standardError.write(Array("factions: error: \(describe(error))\n".utf8))
        throw ExitCode(1)
    }
}

func describe(_ error: Error) -> String {
    if let e = error as? LocalizedError, let text = e.errorDescription { return text }
    return String(describing: error)
}

extension FileHandle {
    func write(_ bytes: [UInt8]) { write(Data(bytes)) }
}

/// Standard output, written in one piece.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Array(text.utf8))
}

/// What a command hands over here lives until the process exits, and the system takes
/// its memory back in one go: freeing the network of a 100 MB corpus piece by piece
/// (half a million pieces of evidence, each with its strings) kept one core busy for
/// about 0.1 s after network.json was written (perf, 200 Hz: the tail after the last
/// JSON sample went from 0.35 to 0.26 s).
nonisolated(unsafe) private var keptUntilExit: [Any] = []

func keepUntilExit(_ value: Any) {
    keptUntilExit.append(value)
}
