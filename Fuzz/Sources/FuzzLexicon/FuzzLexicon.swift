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
