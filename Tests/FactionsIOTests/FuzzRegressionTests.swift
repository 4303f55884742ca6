import Foundation
import Testing
@testable import FactionsIO
import FactionsCore

/// Inputs with which the fuzzers crashed the XML readers (through FoundationXML): each
/// must now be a clean InputError.
@Suite struct FuzzRegressionTests {
    static let crashes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Crashes")

    static func files(_ target: String) -> [URL] {
        let dir = crashes.appendingPathComponent(target)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted().map { dir.appendingPathComponent($0) }
    }

    @Test(arguments: ["FuzzGraphML", "FuzzGEXF"])
    func crashesAreErrors(_ target: String) throws {
        let files = Self.files(target)
        #expect(!files.isEmpty)
        for url in files {
            let bytes = [UInt8](try Data(contentsOf: url))
            #expect(throws: InputError.self, "\(url.lastPathComponent)") {
                if target == "FuzzGraphML" {
                    _ = try GraphMLReader.read(bytes, path: url.lastPathComponent)
                } else {
                    _ = try GEXFReader.read(bytes, path: url.lastPathComponent)
                }
            }
        }
    }
}
