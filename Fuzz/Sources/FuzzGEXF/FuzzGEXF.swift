// libFuzzer entry point: GEXF reader. Build with -sanitize=fuzzer (Scripts/fuzz.sh).
import FactionsCore
import FactionsIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? GEXFReader.read(bytes, path: "fuzz.gexf")
    return 0
}
