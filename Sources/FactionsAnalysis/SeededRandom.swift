/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014): the package's own seeded generator, so results do not
/// depend on the platform's random source and the same seed gives the same output.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0..<bound without modulo bias.
    public mutating func below(_ bound: Int) -> Int {
        Int(next(upperBound: UInt64(bound)))
    }

    /// Fisher–Yates shuffle driven by this generator (deterministic across platforms,
    /// unlike `Array.shuffle(using:)` whose algorithm is unspecified). Swaps through an
    /// unsafe buffer: community detection shuffles every level's nodes, and checked
    /// swaps were half of the cost.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            for i in stride(from: buffer.count - 1, to: 0, by: -1) {
                let j = below(i + 1)
                if i != j { buffer.swapAt(i, j) }
            }
        }
    }
}
