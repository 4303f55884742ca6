import FactionsCore

/// Conversions between text and the arrays of Unicode scalars the extractor works
/// on, done over UTF-8 bytes in one pass (the standard library's scalar-by-scalar
/// views re-check the string's storage at every step, a fifth of extraction time).
enum ScalarText {
    /// The scalars of a text.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        // A Swift string is valid UTF-8: the validating decoder never refuses it.
        return text.withUTF8 { TextFile.validScalars($0)! }
    }

    /// A string of scalars.
    static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        scalars.withContiguousStorageIfAvailable(string(contiguous:))
            ?? Array(scalars).withUnsafeBufferPointer(string(contiguous:))
    }

    /// `string` of scalars in memory (an array or a slice of one: every quote of the
    /// network). All ASCII, each scalar is its byte: one pass to find that out and one
    /// to copy. Read through a pointer either way: through the generic collection a
    /// quote cost 2,960 instructions (callgrind, 1 MB corpus).
    private static func string(contiguous scalars: UnsafeBufferPointer<Unicode.Scalar>) -> String {
        var high: UInt32 = 0
        for s in scalars { high |= s.value }
        let count = scalars.count
        if high < 0x80 {
            return String(unsafeUninitializedCapacity: count) { buffer in
                for k in 0..<count { buffer[k] = UInt8(truncatingIfNeeded: scalars[k].value) }
                return count
            }
        }
        // Exactly sized: quotes live as long as the network.
        var length = 0
        for s in scalars { length &+= s.value < 0x80 ? 1 : s.value < 0x800 ? 2 : s.value < 0x10000 ? 3 : 4 }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var i = 0
            for s in scalars { i = append(s, to: buffer, at: i) }
            return i
        }
    }

    /// Writes one scalar's UTF-8 at `i`, returning the index after it.
    @inline(__always)
    static func append(_ s: Unicode.Scalar, to buffer: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int {
        let v = s.value
        if v < 0x80 {
            buffer[i] = UInt8(v)
            return i + 1
        }
        if v < 0x800 {
            buffer[i] = UInt8(0xC0 | v >> 6)
            buffer[i + 1] = UInt8(0x80 | v & 0x3F)
            return i + 2
        }
        if v < 0x10000 {
            buffer[i] = UInt8(0xE0 | v >> 12)
            buffer[i + 1] = UInt8(0x80 | (v >> 6) & 0x3F)
            buffer[i + 2] = UInt8(0x80 | v & 0x3F)
            return i + 3
        }
        buffer[i] = UInt8(0xF0 | v >> 18)
        buffer[i + 1] = UInt8(0x80 | (v >> 12) & 0x3F)
        buffer[i + 2] = UInt8(0x80 | (v >> 6) & 0x3F)
        buffer[i + 3] = UInt8(0x80 | v & 0x3F)
        return i + 4
    }
}
