// libFuzzer entry point: strict UTF-8 decoding, then the DOT reader (cgraph through
// libgvc; Graphviz prints its own syntax errors to stderr, which is expected).
import FactionsCore
import FuzzDriver
import FactionsRender

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    guard let text = try? TextFile.decodeUTF8(bytes, path: "fuzz.dot") else { return 0 }
    _ = try? DOTReader.read(text, path: "fuzz.dot")
    return 0
}

@_cdecl("FuzzDOT_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
