import Foundation
import FactionsCore

/// A dataset folder: `corpus/*.txt`, and optionally `lexicon.yaml`, `periods.yaml`
/// and `overrides.yaml` beside it.
public struct Dataset: Sendable {
    public var name: String
    public var path: String
    public var documents: [(document: Document, text: String)]
    public var lexicon: Lexicon
    public var periods: [Period]
    public var calendar: String
    /// The user's corrections (`overrides.yaml`), empty when there is none.
    public var overrides: Overrides = Overrides()

    /// Loads a dataset folder. Texts are read in file-name order so that extraction is
    /// deterministic whatever order the file system lists them in.
    public init(name: String, path: String, documents: [(document: Document, text: String)], lexicon: Lexicon,
                periods: [Period], calendar: String) {
        self.name = name
        self.path = path
        self.documents = documents
        self.lexicon = lexicon
        self.periods = periods
        self.calendar = calendar
    }

    public static func load(path: String) throws(InputError) -> Dataset {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            throw InputError(path: path, message: "is not a dataset folder (expected a folder with corpus/*.txt)")
        }
        let corpus = (path as NSString).appendingPathComponent("corpus")
        let textFolder = FileManager.default.fileExists(atPath: corpus) ? corpus : path
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: textFolder)
                .filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }
                .sorted()
        } catch {
            throw InputError(path: textFolder, message: "cannot list the folder: \(error.localizedDescription)")
        }
        guard !files.isEmpty else {
            throw InputError(path: textFolder, message: "holds no .txt files; put the texts in \(corpus)/")
        }
        var documents: [(Document, String)] = []
        for file in files {
            let full = (textFolder as NSString).appendingPathComponent(file)
            let bytes = try TextFile.readBytes(full)
            if bytes.isEmpty { throw InputError(path: full, message: "is empty (0 bytes); remove it or add its text") }
            let text = try TextFile.decodeUTF8(bytes, path: full)
            let id = (file as NSString).deletingPathExtension
            let title = text.split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .first { !$0.isEmpty }.map { String($0.prefix(160)) } ?? id
            documents.append((Document(id: id, file: file, title: title), text))
        }
        let lexiconPath = (path as NSString).appendingPathComponent("lexicon.yaml")
        let lexicon = FileManager.default.fileExists(atPath: lexiconPath) ? try Lexicon.load(path: lexiconPath) : .empty
        let periodsPath = (path as NSString).appendingPathComponent("periods.yaml")
        var periods: [Period] = []
        var calendar = lexicon.calendar
        if FileManager.default.fileExists(atPath: periodsPath) {
            let loaded = try PeriodsFile.load(path: periodsPath)
            periods = loaded.periods
            if let c = loaded.calendar { calendar = c }
        }
        let name = (URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent)
        var dataset = Dataset(name: name, path: path, documents: documents, lexicon: lexicon, periods: periods,
                              calendar: calendar)
        let overridesPath = (path as NSString).appendingPathComponent("overrides.yaml")
        if FileManager.default.fileExists(atPath: overridesPath) {
            dataset.overrides = try Overrides.load(path: overridesPath)
            dataset.lexicon = try dataset.overrides.apply(to: dataset.lexicon)
        }
        return dataset
    }

    /// The year most of the named periods fall in: months written without a year
    /// (`in June`) are read in it until the text names a year.
    public var defaultYear: Int? {
        var counts: [Int: Int] = [:]
        for p in periods where p.from.year == p.to.year { counts[p.from.year, default: 0] += 1 }
        return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
    }
}
