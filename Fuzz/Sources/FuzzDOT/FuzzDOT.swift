// libFuzzer entry point: strict UTF-8 decoding, then the DOT reader (cgraph through
// libgvc; Graphviz prints its own syntax errors to stderr, which is expected).
import FactionsCore
import FactionsRender

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let text = try? TextFile.decodeUTF8(bytes, path: "fuzz.dot") else { return 0 }
    _ = try? DOTReader.read(text, path: "fuzz.dot")
    return 0
}
