// libFuzzer entry point: GEXF reader. Build with -sanitize=fuzzer (Scripts/fuzz.sh).
import FactionsCore
import FuzzDriver
import FactionsIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    _ = try? GEXFReader.read(bytes, path: "fuzz.gexf")
    return 0
}

@_cdecl("FuzzGEXF_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
