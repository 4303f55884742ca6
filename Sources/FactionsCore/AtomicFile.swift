import Foundation

/// Writes files so that a reader never sees half of one: the bytes go to a temporary
/// file in the same folder, which is then renamed over the target. A failure leaves
/// the previous file (if any) untouched and no temporary behind.
public enum AtomicFile {
    /// Whether each file is forced to disk (fsync) before it replaces the old one,
    /// so that it also survives a power cut: `FACTIONS_FSYNC=1`. Without it, every
    /// reader and any crash of the program still see the old file or the whole new
    /// one; a power cut in the seconds after may leave the new one incomplete. Off by
    /// default, as in rsync (`--fsync`), cp and NetworkX's writers, for files made
    /// again from their inputs: for a 306 MB network.json the fsync was 0.30-0.40 s of
    /// every run, the disk here making about 320 MB/s durable (strace), which on two
    /// cores was longer than formatting the whole file.
    public static let durable = ProcessInfo.processInfo.environment["FACTIONS_FSYNC"] == "1"

    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = AtomicFile.durable) throws(FileError) {
        try write(to: path, durable: durable) { (emit: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) in
            var failure: FileError?
            bytes.withUnsafeBytes { raw in
                do throws(FileError) { try emit(raw) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    /// Writes a file made piece by piece, so a large output is never held whole in
    /// memory: `produce` calls `emit` with each piece in order. Only when it returns
    /// without error is the file renamed into place (forced to disk first when
    /// `durable`).
    public static func write(to path: String, durable: Bool = AtomicFile.durable,
                             _ produce: (_ emit: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) -> Void) throws(FileError) {
        let directory = (path as NSString).deletingLastPathComponent
        let dir = directory.isEmpty ? "." : directory
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw FileError(path: path, reason: "is a directory; give a file name")
        }
        if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) || !isDir.boolValue {
            throw FileError(path: path, reason: "folder \(dir) does not exist; create it first")
        }
        let name = (path as NSString).lastPathComponent
        var template = Array("\(dir)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 {
            throw FileError(path: path, reason: "cannot write in \(dir): \(String(cString: strerror(errno)))")
        }
        let tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        // The bytes are read where they lie: a producer hands over its own buffer, not a
        // copy of it as an array.
        var offset = 0
        var queued = 0
        func emit(_ raw: UnsafeRawBufferPointer) throws(FileError) {
            var written = 0
            var failure: Int32 = 0
            while written < raw.count {
                let r = Foundation.write(fd, raw.baseAddress! + written, raw.count - written)
                if r < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                written += r
            }
            if failure != 0 { throw FileError(path: path, reason: "write failed: \(String(cString: strerror(failure)))") }
            offset += written
            // Every 16 MB of a file to be forced to disk, the disk is asked to start on
            // what was written so far, so that the closing fsync waits for the last
            // pieces only (0.15 s of a 300 MB file's fsync was waiting for all of it,
            // with both cores idle). Without the fsync nothing waits on the disk.
            if durable, offset - queued >= 16 << 20 {
                startWriteback(fd, from: queued, count: offset - queued)
                queued = offset
            }
        }
        do {
            try produce(emit)
        } catch {
            close(fd)
            unlink(tempPath)
            throw error
        }
        var failure: Int32 = 0
        if durable, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure == 0 {
            fchmodPermissions(tempPath)
            if rename(tempPath, path) != 0 { failure = errno }
        }
        if failure != 0 {
            unlink(tempPath)
            throw FileError(path: path, reason: "write failed: \(String(cString: strerror(failure)))")
        }
    }

    /// Starts writing `count` bytes of `fd` from `from` to disk without waiting
    /// (`sync_file_range` with `SYNC_FILE_RANGE_WRITE`, where the system has it; glibc
    /// declares it only with _GNU_SOURCE, so it is looked up by name). A hint: the
    /// fsync before the rename is what makes a `durable` file durable.
    private static func startWriteback(_ fd: Int32, from: Int, count: Int) {
        #if os(Linux)
        typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
        guard let symbol = syncFileRange.value else { return }
        _ = unsafeBitCast(symbol, to: SyncFileRange.self)(fd, Int64(from), Int64(count), 2)
        #endif
    }

    #if os(Linux)
    private static let syncFileRange = UnsafeSendable(dlsym(nil, "sync_file_range"))
    #endif

    public static func write(_ text: String, to path: String) throws(FileError) {
        try write(Array(text.utf8), to: path)
    }

    /// mkstemp creates files readable by the owner only; give them the usual mode.
    private static func fchmodPermissions(_ path: String) {
        let mask = umask(0)
        umask(mask)
        chmod(path, 0o666 & ~mask)
    }
}

/// A file could not be read or written; the message names the file and what to do.
public struct FileError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

extension FileError: LocalizedError {
    public var errorDescription: String? { description }
}
