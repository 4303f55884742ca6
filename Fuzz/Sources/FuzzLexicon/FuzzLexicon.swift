// libFuzzer entry point: the YAML files of a dataset (lexicon, periods, overrides).
import FactionsCore
import FuzzDriver
import FactionsExtract

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    guard let text = try? TextFile.decodeUTF8(bytes, path: "fuzz.yaml") else { return 0 }
    _ = try? Lexicon.parse(text, path: "lexicon.yaml")
    _ = try? PeriodsFile.parse(text, path: "periods.yaml")
    _ = try? Overrides.parse(text, path: "overrides.yaml")
    return 0
}

@_cdecl("FuzzLexicon_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
