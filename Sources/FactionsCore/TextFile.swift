import Foundation

/// Reading user files with errors that name the file and say what is wrong.
public enum TextFile {
    /// Largest file read whole: beyond this a text is not a text for this tool.
    public static let maxBytes = 512 * 1024 * 1024

    /// The size of a file that can be read: it exists, is not a folder and is not
    /// larger than `maxBytes`.
    public static func checkedSize(_ path: String) throws(InputError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw unreadable(path, errno) }
        return try checkedSize(info, path)
    }

    /// The size `info` gives, once it is known to be a file no larger than `maxBytes`.
    private static func checkedSize(_ info: stat, _ path: String) throws(InputError) -> Int {
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError(path: path, message: "is a folder, expected a file") }
        let size = Int(info.st_size)
        if size > maxBytes { throw tooLarge(path, size) }
        return size
    }

    private static func unreadable(_ path: String, _ code: Int32) -> InputError {
        if code == ENOENT || code == ENOTDIR { return InputError(path: path, message: "no such file; check the path") }
        return InputError(path: path, message: "cannot be read (\(String(cString: strerror(code))))")
    }

    static func tooLarge(_ path: String, _ size: Int) -> InputError {
        InputError(path: path, message: "is \(size) bytes, more than the \(maxBytes) this tool reads; split it")
    }

    /// Asks the system to start reading `path` into its cache now, without waiting, so
    /// that `readBytes` finds it there later; errors are ignored (the later read reports
    /// them). A corpus read for the first time (or pushed out of the cache since) was
    /// read on demand: on two cores the workers of discovery's pass waited on the disk
    /// for a tenth of it (perf, 100 MB corpus).
    public static func willRead(_ path: String) {
        #if os(Linux)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED)
        close(fd)
        #endif
    }

    public static func readBytes(_ path: String) throws(InputError) -> [UInt8] {
        // open, fstat and read straight into the array: through FileManager's
        // attributes and FileHandle's Data (copied into an array after) reading a
        // corpus's texts was a twentieth of extracting them.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw unreadable(path, errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw unreadable(path, errno) }
        let size = try checkedSize(info, path)
        // The size is a hint (the file may change, or report 0 as some special files
        // do): read until the end, growing as needed, and check the limit again. Read
        // into uninitialised memory: zeroing the buffer first was a fifth of the
        // instructions of loading a text (callgrind, 4.95 MB corpus).
        var bytes: [UInt8] = []
        var capacity = size + 1
        var failure: InputError? = nil
        while true {
            var full = false
            let before = bytes
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                before.withUnsafeBufferPointer { old in
                    if let from = old.baseAddress { buffer.baseAddress!.initialize(from: from, count: old.count) }
                }
                initialized = before.count
                while initialized < buffer.count {
                    let n = read(fd, buffer.baseAddress! + initialized, buffer.count - initialized)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = unreadable(path, errno)
                        return
                    }
                    if n == 0 { return }
                    initialized += n
                }
                full = true
            }
            if let failure { throw failure }
            if bytes.count > maxBytes { throw tooLarge(path, bytes.count) }
            if !full { return bytes }
            // Filled: the file grew past the size it had. Read on into a larger array.
            capacity = max(2 * capacity, capacity + 4096)
        }
    }

    /// Longest line accepted: beyond this a file is not prose or a table but data
    /// without line breaks (the extractor would hold it as one paragraph).
    public static let maxLineBytes = 16 * 1024 * 1024

    /// Decodes UTF-8 strictly: invalid bytes and NUL bytes are errors naming the byte
    /// offset and line, never silently replaced.
    public static func decodeUTF8(_ bytes: [UInt8], path: String) throws(InputError) -> String {
        try decode(bytes, path: path) { String(validating: $0, as: UTF8.self) }
    }

    /// `decodeUTF8` straight to Unicode scalars, the form the extractor reads: one
    /// pass that validates and decodes, where validating into a `String` and then
    /// decoding the string took two (4 % of extraction on a 1 MB corpus). Accepts and
    /// rejects exactly what `decodeUTF8` does, with the same errors.
    public static func decodeScalars(_ bytes: [UInt8], path: String) throws(InputError) -> [Unicode.Scalar] {
        try decode(bytes, path: path) { text in text.withUnsafeBufferPointer { validScalars($0) } }
    }

    /// The text after a byte-order mark as `valid` makes it (nil when it is not
    /// well-formed UTF-8). A good file costs a scan for NUL bytes and overlong lines
    /// plus `valid`; the walk byte by byte that says where a file goes wrong runs only
    /// when one of them objects.
    private static func decode<Text>(_ bytes: [UInt8], path: String,
                                     _ valid: (ArraySlice<UInt8>) -> Text?) throws(InputError) -> Text {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if !hasNULOrLongLine(bytes), let text = valid(bytes[start...]) { return text }
        try diagnose(bytes, start: start, path: path)
        guard let text = valid(bytes[start...]) else {
            throw InputError(path: path, message: "invalid UTF-8; convert the file to UTF-8")
        }
        return text
    }

    /// The scalars of `utf8`, or nil unless it is well-formed UTF-8. Also how the
    /// extractor decodes a `String`'s UTF-8 (always well-formed).
    public static func validScalars(_ utf8: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
        guard !utf8.isEmpty else { return [] }
        var valid = true
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { out, count in
            var i = 0, k = 0
            let n = utf8.count
            let to = out.baseAddress!
            let from = UnsafeRawPointer(utf8.baseAddress!)
            while i < n {
                // Sixteen, then eight ASCII bytes at a time: nearly all of an English text.
                // (The indices stay below `n`, a buffer's count: no overflow to check.)
                while i &+ 16 <= n {
                    let first = from.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let second = from.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self)
                    guard (first | second) & 0x8080_8080_8080_8080 == 0 else { break }
                    // Widened lane by lane: a scalar is its byte's value.
                    UnsafeMutableRawPointer(to + k).storeBytes(
                        of: SIMD8<UInt32>(truncatingIfNeeded: unsafeBitCast(first, to: SIMD8<UInt8>.self)), as: SIMD8<UInt32>.self)
                    UnsafeMutableRawPointer(to + (k &+ 8)).storeBytes(
                        of: SIMD8<UInt32>(truncatingIfNeeded: unsafeBitCast(second, to: SIMD8<UInt8>.self)), as: SIMD8<UInt32>.self)
                    k &+= 16
                    i &+= 16
                }
                if i == n { break }
                if i &+ 8 <= n {
                    let eight = from.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if eight & 0x8080_8080_8080_8080 == 0 {
                        let wide = SIMD8<UInt32>(truncatingIfNeeded: unsafeBitCast(eight, to: SIMD8<UInt8>.self))
                        UnsafeMutableRawPointer(to + k).storeBytes(of: wide, as: SIMD8<UInt32>.self)
                        k &+= 8
                        i &+= 8
                        continue
                    }
                }
                let b = UInt32(utf8[i])
                if b < 0x80 {
                    out.initializeElement(at: k, to: Unicode.Scalar(UInt8(b)))
                    k += 1
                    i += 1
                    continue
                }
                @inline(__always) func trail(_ j: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> UInt32? {
                    guard i + j < n else { return nil }
                    let c = utf8[i + j]
                    return c >= low && c <= high ? UInt32(c & 0x3F) : nil
                }
                // The scalar and its length in bytes, by table 3-7's rows; nil when
                // the bytes are not one of them.
                let sequence: (v: UInt32, length: Int)?
                switch b {
                case 0xC2...0xDF:
                    sequence = trail(1).map { ((b & 0x1F) << 6 | $0, 2) }
                case 0xE0...0xEF:
                    if let c1 = trail(1, b == 0xE0 ? 0xA0 : 0x80, b == 0xED ? 0x9F : 0xBF), let c2 = trail(2) {
                        sequence = ((b & 0x0F) << 12 | c1 << 6 | c2, 3)
                    } else { sequence = nil }
                case 0xF0...0xF4:
                    if let c1 = trail(1, b == 0xF0 ? 0x90 : 0x80, b == 0xF4 ? 0x8F : 0xBF), let c2 = trail(2),
                       let c3 = trail(3) {
                        sequence = ((b & 0x07) << 18 | c1 << 12 | c2 << 6 | c3, 4)
                    } else { sequence = nil }
                default:
                    sequence = nil
                }
                guard let (v, length) = sequence else { valid = false; break }
                out.initializeElement(at: k, to: Unicode.Scalar(v)!)
                k += 1
                i += length
            }
            count = k
        }
        return valid ? scalars : nil
    }

    private static func hasNULOrLongLine(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return false }
            let n = raw.count
            if memchr(base, 0, n) != nil { return true }
            var lineStart = 0
            while lineStart < n {
                guard let found = memchr(base + lineStart, 0x0A, n - lineStart) else { return n - lineStart > maxLineBytes }
                let end = base.distance(to: UnsafeRawPointer(found))
                if end - lineStart > maxLineBytes { return true }
                lineStart = end + 1
            }
            return false
        }
    }

    /// Throws the first problem of a file in byte order: a NUL byte, an overlong line
    /// or invalid UTF-8, with its line and byte offset.
    private static func diagnose(_ bytes: [UInt8], start: Int, path: String) throws(InputError) {
        var line = 1
        var lineStart = 0
        var i = 0
        let n = bytes.count
        i = start
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 {
                    throw InputError(path: path, line: line, message: "NUL byte at byte \(i): this is a binary file, not text")
                }
                if b == 0x0A {
                    line += 1
                    lineStart = i + 1
                } else if i - lineStart > maxLineBytes {
                    throw InputError(path: path, line: line, message: "line \(line) is longer than \(maxLineBytes / 1024 / 1024) MB; this is not line-broken text (split it into paragraphs or files)")
                }
                i += 1
                continue
            }
            let length: Int
            if b & 0xE0 == 0xC0, b >= 0xC2 { length = 2 }
            else if b & 0xF0 == 0xE0 { length = 3 }
            else if b & 0xF8 == 0xF0, b <= 0xF4 { length = 4 }
            else { throw InputError(path: path, line: line, message: "invalid UTF-8 at byte \(i) (0x\(String(b, radix: 16))); convert the file to UTF-8") }
            guard i + length <= n, (1..<length).allSatisfy({ bytes[i + $0] & 0xC0 == 0x80 }) else {
                throw InputError(path: path, line: line, message: "invalid UTF-8 at byte \(i); convert the file to UTF-8")
            }
            i += length
        }
    }
}

/// "Did you mean" suggestions by edit distance.
public enum Suggest {
    public static func didYouMean(_ value: String, in candidates: [String], limit: Int = 3) -> String {
        let close = nearest(value, in: candidates, limit: limit)
        if close.isEmpty { return "" }
        return "; did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?"
    }

    public static func nearest(_ value: String, in candidates: [String], limit: Int = 3) -> [String] {
        let v = Array(value.lowercased().unicodeScalars)
        let scored = candidates.map { c -> (Int, String) in
            let d = distance(v, Array(c.lowercased().unicodeScalars))
            let contains = c.lowercased().contains(value.lowercased()) || value.lowercased().contains(c.lowercased())
            return (contains ? min(d, 1) : d, c)
        }
        let threshold = max(2, v.count / 3)
        return scored.filter { $0.0 <= threshold }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(limit).map(\.1)
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}

/// An input file that could not be used: names the file (and line or value) and what to do.
public struct InputError: Error, CustomStringConvertible, LocalizedError, Equatable {
    public var path: String
    public var line: Int?
    public var message: String

    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }

    public var errorDescription: String? { description }
}
