import Foundation
import FactionsExtract

/// A one-line progress bar on stderr for long extractions: share done, megabytes and
/// speed, redrawn at most ten times a second and erased when the work ends.
///
/// It is drawn only when stderr is a terminal, so logs and pipes stay clean;
/// `FACTIONS_PROGRESS=1` draws it anyway (as lines, for logs) and `FACTIONS_PROGRESS=0`
/// never does.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let label: String
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0
    private var drawn = false
    private let terminal: Bool
    private let write: (String) -> Void

    /// nil when no bar should be drawn.
    static func forStandardError(label: String) -> ProgressBar? {
        let setting = ProcessInfo.processInfo.environment["FACTIONS_PROGRESS"]
        let terminal = isatty(STDERR_FILENO) == 1
        if setting == "0" || (!terminal && setting != "1") { return nil }
        return ProgressBar(label: label, terminal: terminal) { FileHandle.standardError.write(Array($0.utf8)) }
    }

    init(label: String, terminal: Bool, write: @escaping (String) -> Void) {
        self.label = label
        self.terminal = terminal
        self.write = write
    }

    /// The line for a status after `seconds`: the pass, the share of the corpus read
    /// in it, and the speed in megabytes of text per second over all passes.
    static func line(label: String, status: ExtractionStatus, seconds: Double, width: Int = 24) -> String {
        let share = status.fraction
        let filled = Int((share * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let mb = { (b: Int) in String(format: "%.1f", Double(b) / 1_000_000) }
        let pass = status.pass
        let speed = seconds > 0 ? String(format: "%.1f MB/s", Double(status.done) / 1_000_000 / seconds) : "-"
        let passes = status.passes > 1 ? "  pass \(pass.number)/\(status.passes)" : ""
        return "\(label) [\(bar)] \(String(format: "%3d", Int(share * 100)))%\(passes)  \(mb(pass.done))/\(mb(status.corpusBytes)) MB  \(speed)"
    }

    /// The extractor's progress callback drawing this bar.
    var callback: ExtractionProgress { { [self] status in update(status) } }

    func update(_ status: ExtractionStatus) {
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        // Every tenth of a second on a terminal, every two seconds in a log.
        let interval: UInt64 = terminal ? 100_000_000 : 2_000_000_000
        guard status.finished || now - lastDraw >= interval else { return }
        lastDraw = now
        let text = Self.line(label: label, status: status, seconds: Double(now - start) / 1e9)
        write(terminal ? "\r" + text : text + "\n")
        drawn = true
    }

    /// Erases the bar (on a terminal) so the command's own output starts on a clean line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn && terminal { write("\r\u{1B}[2K") }
    }
}
