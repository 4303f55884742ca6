/// Conversions between text and the arrays of Unicode scalars the extractor works
/// on, done over UTF-8 bytes in one pass (the standard library's scalar-by-scalar
/// views re-check the string's storage at every step, a fifth of extraction time).
enum ScalarText {
    /// The scalars of a text.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { utf8 -> [Unicode.Scalar] in
            // At most one scalar per byte; written through a raw buffer, ASCII first.
            [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { out, count in
                var i = 0, k = 0
                let n = utf8.count
                while i < n {
                    let b = UInt32(utf8[i])
                    if b < 0x80 {
                        out.initializeElement(at: k, to: Unicode.Scalar(UInt8(b)))
                        k += 1
                        i += 1
                        continue
                    }
                    // A Swift String is valid UTF-8, so the lead byte gives the length.
                    var v: UInt32
                    let length: Int
                    if b < 0xE0 { v = b & 0x1F; length = 2 }
                    else if b < 0xF0 { v = b & 0x0F; length = 3 }
                    else { v = b & 0x07; length = 4 }
                    for j in 1..<length { v = v << 6 | UInt32(utf8[i + j] & 0x3F) }
                    out.initializeElement(at: k, to: Unicode.Scalar(v) ?? "\u{FFFD}")
                    k += 1
                    i += length
                }
                count = k
            }
        }
    }

    /// A string of scalars.
    static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        // Exactly sized: quotes live as long as the network.
        var length = 0
        for s in scalars { length += s.value < 0x80 ? 1 : s.value < 0x800 ? 2 : s.value < 0x10000 ? 3 : 4 }
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
