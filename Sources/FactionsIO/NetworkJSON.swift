import Foundation
import FactionsCore

/// The canonical `network.json`: sorted keys, two-space indentation, arrays in the
/// network's own stable order, so the same network always gives the same bytes.
public enum NetworkJSON {
    public static func encode(_ network: ActorNetwork) throws -> [UInt8] {
        // The direct writer gives the bytes CanonicalJSON would (a test holds them
        // equal) five times faster; a network of millions of pieces of evidence spends
        // more time in Foundation's encoder than in extraction on two cores.
        if let bytes = NetworkJSONWriter.write(network) { return bytes }
        return Array(try CanonicalJSON.encode(network))
    }

    /// Writes `network.json` through a temporary file, a megabyte at a time: the
    /// bytes of a large network are never held whole besides the network itself.
    public static func write(_ network: ActorNetwork, to path: String) throws {
        if NetworkJSONWriter.canWrite(network) {
            try AtomicFile.write(to: path) { (emit: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) in
                try NetworkJSONWriter.write(network, chunk: 1 << 20, emit: emit)
            }
        } else {
            try AtomicFile.write(Array(try CanonicalJSON.encode(network)), to: path)
        }
    }

    /// Reads a `network.json`, rejecting schemas this version does not know.
    public static func decode(_ bytes: [UInt8], path: String) throws(InputError) -> ActorNetwork {
        let network: ActorNetwork
        do {
            network = try JSONDecoder().decode(ActorNetwork.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw InputError(path: path, message: "not a factions network: \(describe(error))")
        } catch {
            throw InputError(path: path, message: "not a factions network: \(error)")
        }
        guard network.schema == ActorNetwork.currentSchema else {
            throw InputError(path: path, message: "network schema \(network.schema) is not supported (this factions reads schema \(ActorNetwork.currentSchema)); re-run `factions extract`")
        }
        return network
    }

    static func describe(_ error: DecodingError) -> String {
        func pathString(_ path: [CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case let .keyNotFound(key, context):
            return "missing key '\(key.stringValue)' at \(pathString(context.codingPath).isEmpty ? "top level" : pathString(context.codingPath))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            let at = pathString(context.codingPath)
            return (at.isEmpty ? "" : "at \(at): ") + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}

/// JSON for files the project writes: deterministic bytes, newline-terminated.
public enum CanonicalJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}

