import Foundation

/// Hands a value to concurrent iterations that each touch only their own part of it
/// (a slot of a buffer, a read-only closure).
public struct UnsafeSendable<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

/// Work spread over all cores, with results in input order so that output does not
/// depend on scheduling.
public enum Parallel {
    /// The cores this process may use: on Linux the CPUs of its affinity mask (what
    /// `taskset` or a container's cpuset allows), else the online CPUs. Foundation's
    /// count is the online CPUs, so a process pinned to one CPU ran two workers taking
    /// turns on it. Counted once.
    public static let cores: Int = {
        let online = max(1, ProcessInfo.processInfo.activeProcessorCount)
        #if os(Linux)
        // glibc declares sched_getaffinity only with _GNU_SOURCE, which the imported
        // headers lack: looked up by name.
        typealias GetAffinity = @convention(c) (Int32, Int, UnsafeMutableRawPointer?) -> Int32
        if let symbol = dlsym(nil, "sched_getaffinity") {
            var mask = [UInt64](repeating: 0, count: 16)  // 1,024 CPUs
            let status = mask.withUnsafeMutableBytes { bytes in
                unsafeBitCast(symbol, to: GetAffinity.self)(0, bytes.count, bytes.baseAddress)
            }
            let allowed = mask.reduce(0) { $0 + $1.nonzeroBitCount }
            if status == 0, allowed > 0 { return min(allowed, online) }
        }
        #endif
        return online
    }()

    /// `0..<count` cut into `parts` contiguous ranges whose lengths differ by at most one.
    public static func split(_ count: Int, into parts: Int) -> [Range<Int>] {
        (0..<parts).map { r in (r * count / parts)..<((r + 1) * count / parts) }
    }

    /// `items.map(transform)` on all cores. `transform` may read shared state but must
    /// write only what it returns.
    public static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
        if items.count < 2 { return items.map(transform) }
        var results = [R?](repeating: nil, count: items.count)
        let input = UnsafeSendable(items)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeSendable(buffer)
            withoutActuallyEscaping(transform) { transform in
                let work = UnsafeSendable(transform)
                DispatchQueue.concurrentPerform(iterations: input.value.count) { i in
                    slots.value[i] = work.value(input.value[i])
                }
            }
        }
        return results.map { $0! }
    }
}
