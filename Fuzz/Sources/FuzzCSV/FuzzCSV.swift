// libFuzzer entry point: strict UTF-8 decoding, then the edge-list CSV reader.
import FactionsCore
import FuzzDriver
import FactionsIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    guard let text = try? TextFile.decodeUTF8(bytes, path: "fuzz.csv") else { return 0 }
    _ = try? EdgeListCSV.read(text, path: "fuzz.csv")
    return 0
}

@_cdecl("FuzzCSV_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
