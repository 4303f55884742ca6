// libFuzzer entry point: GraphML reader. Build with -sanitize=fuzzer (Scripts/fuzz.sh).
import FactionsCore
import FactionsIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? GraphMLReader.read(bytes, path: "fuzz.graphml")
    return 0
}

// SwiftPM links an executable target with `--defsym main=<Target>_main`; built with
// -parse-as-library this target has no Swift main, so <Target>_main hands the process
// to libFuzzer's driver (the same as libFuzzer's own main).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzGraphML_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzz)
}
