// libFuzzer entry point: the YAML files of a dataset (lexicon, periods, overrides).
import FactionsCore
import FactionsExtract

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let text = try? TextFile.decodeUTF8(bytes, path: "fuzz.yaml") else { return 0 }
    _ = try? Lexicon.parse(text, path: "lexicon.yaml")
    _ = try? PeriodsFile.parse(text, path: "periods.yaml")
    _ = try? Overrides.parse(text, path: "overrides.yaml")
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

@_cdecl("FuzzLexicon_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzz)
}
