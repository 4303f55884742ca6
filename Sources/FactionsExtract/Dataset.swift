import Foundation
import FactionsCore

/// One text of a dataset. A text on disk is read only when extraction reaches it, so
/// a corpus larger than memory can be extracted: at any moment only the documents
/// being read are held.
public struct DatasetDocument: Sendable {
    public var document: Document
    /// Size of the text in bytes (what progress is counted in).
    public var byteCount: Int
    private let source: Source

    private enum Source: Sendable {
        case file(String)
        case memory(String)
    }

    /// A text held in memory (tests, texts built by a program).
    public init(document: Document, text: String) {
        self.document = document
        self.byteCount = text.utf8.count
        self.source = .memory(text)
    }

    /// A text read from `path` when needed.
    public init(document: Document, path: String, byteCount: Int) {
        self.document = document
        self.byteCount = byteCount
        self.source = .file(path)
    }

    /// The text, decoded strictly as UTF-8 (an error names the file, line and byte).
    public func text() throws(InputError) -> String {
        switch source {
        case .memory(let text): return text
        case .file(let path):
            let bytes = try TextFile.readBytes(path)
            if bytes.isEmpty { throw Self.empty(path) }
            return try TextFile.decodeUTF8(bytes, path: path)
        }
    }

    static func empty(_ path: String) -> InputError {
        InputError(path: path, message: "is empty (0 bytes); remove it or add its text")
    }

    /// The document with its title taken from the text when the text is a file, and
    /// the text.
    public func load() throws(InputError) -> (document: Document, text: String) {
        let text = try text()
        guard case .file = source else { return (document, text) }
        var titled = document
        titled.title = Self.title(of: text, fallback: document.id)
        return (titled, text)
    }

    /// Starts reading the text into the system's cache ahead of `loadScalars`.
    func willLoad() {
        if case .file(let path) = source { TextFile.willRead(path) }
    }

    /// The document with its title (when the text is a file) and the text's Unicode
    /// scalars, decoded from the file's bytes in one pass: what extraction reads.
    func loadScalars() throws(InputError) -> (document: Document, scalars: [Unicode.Scalar]) {
        switch source {
        case .memory(let text):
            return (document, ScalarText.scalars(of: text))
        case .file(let path):
            let bytes = try TextFile.readBytes(path)
            if bytes.isEmpty { throw Self.empty(path) }
            let scalars = try TextFile.decodeScalars(bytes, path: path)
            var titled = document
            titled.title = Self.title(ofScalars: scalars, fallback: document.id)
            return (titled, scalars)
        }
    }

    /// `title(of:fallback:)` of the text these scalars spell, made a line at a time
    /// up to the first that is not blank.
    static func title(ofScalars scalars: [Unicode.Scalar], fallback: String) -> String {
        // The scalars that are a `Character.isNewline` on their own (line breaks never
        // combine with what follows, so they are the same at either level).
        func isNewline(_ c: Unicode.Scalar) -> Bool {
            (c.value >= 0x0A && c.value <= 0x0D) || c.value == 0x85 || c == "\u{2028}" || c == "\u{2029}"
        }
        var start = 0
        while start < scalars.count {
            let end = scalars[start...].firstIndex(where: isNewline) ?? scalars.count
            if let title = titleLine(Substring(ScalarText.string(scalars[start..<end]))) { return title }
            start = end + 1
        }
        return fallback
    }

    /// A line as a title, nil when it is blank.
    private static func titleLine(_ line: Substring) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : String(trimmed.prefix(160))
    }

    /// The first non-empty line, trimmed and cut at 160 characters; only the start of
    /// the text is looked at.
    public static func title(of text: String, fallback: String) -> String {
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
            if let title = titleLine(rest[..<end]) { return title }
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
        }
        return fallback
    }
}

/// A dataset folder: `corpus/*.txt`, and optionally `lexicon.yaml`, `periods.yaml`
/// and `overrides.yaml` beside it.
public struct Dataset: Sendable {
    public var name: String
    public var path: String
    /// The texts in file-name order; each is read when extraction reaches it.
    public var documents: [DatasetDocument]
    public var lexicon: Lexicon
    public var periods: [Period]
    public var calendar: String
    /// The user's corrections (`overrides.yaml`), empty when there is none.
    public var overrides: Overrides = Overrides()

    public init(name: String, path: String, documents: [DatasetDocument], lexicon: Lexicon,
                periods: [Period], calendar: String) {
        self.name = name
        self.path = path
        self.documents = documents
        self.lexicon = lexicon
        self.periods = periods
        self.calendar = calendar
    }

    /// A dataset of texts held in memory.
    public init(name: String, path: String, documents: [(document: Document, text: String)], lexicon: Lexicon,
                periods: [Period], calendar: String) {
        self.init(name: name, path: path, documents: documents.map { DatasetDocument(document: $0.document, text: $0.text) },
                  lexicon: lexicon, periods: periods, calendar: calendar)
    }

    /// Total size of the texts in bytes.
    public var byteCount: Int { documents.reduce(0) { $0 + $1.byteCount } }

    /// Loads a dataset folder. Texts are listed in file-name order so that extraction
    /// is deterministic whatever order the file system lists them in; they are read
    /// later, one at a time per core.
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
        var documents: [DatasetDocument] = []
        documents.reserveCapacity(files.count)
        // Paths and ids joined and cut as plain strings: through NSString, listing a
        // corpus of 2,530 files took 35 ms before the first text was read, 20 ms now
        // (perf at 10 kHz), on one core however many there are.
        let folder = textFolder.hasSuffix("/") ? textFolder : textFolder + "/"
        for file in files {
            let full = folder + file
            let size = try TextFile.checkedSize(full)
            if size == 0 { throw DatasetDocument.empty(full) }
            let id = String(file.dropLast(".txt".count))
            // The title is the text's first line, set when the text is read.
            documents.append(DatasetDocument(document: Document(id: id, file: file, title: id), path: full, byteCount: size))
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
