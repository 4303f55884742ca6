import Foundation
import Testing
@testable import FactionsIO
import FactionsCore

@Suite struct DOTTextTests {
    @Test func quotingSurvivesHostileNames() {
        #expect(DOTText.quoted("plain") == "\"plain\"")
        #expect(DOTText.quoted("say \"no\"") == "\"say \\\"no\\\"\"")
        #expect(DOTText.quoted("a\\b") == "\"a\\\\b\"")
        #expect(DOTText.quoted("two\nlines") == "\"two\\nlines\"")
        #expect(DOTText.quoted("bell\u{07}") == "\"bell\"")
        #expect(DOTText.quoted("{<&>}") == "\"{<&>}\"")
    }

    @Test func numbersHaveNoExponentOrLocale() {
        #expect(DOTText.number(1) == "1")
        #expect(DOTText.number(0.12345) == "0.123")
        #expect(DOTText.number(1e-9) == "0")
        #expect(DOTText.number(.nan) == "0")
    }
}

@Suite struct TextTableTests {
    @Test func csvQuotesAndMarkdownEscapes() {
        let t = TextTable(headers: ["id", "quote"], rows: [["a", "x, \"y\""], ["b", "p|q"]])
        #expect(t.csv() == "id,quote\na,\"x, \"\"y\"\"\"\nb,p|q\n")
        #expect(t.markdown().contains("p\\|q"))
    }

    @Test func alignedColumns() {
        let t = TextTable(headers: ["rank", "name"], rows: [["1", "Lenin"], ["10", "Trotsky"]], numeric: [0])
        #expect(t.aligned() == "rank  name\n----  -------\n   1  Lenin\n  10  Trotsky\n")
    }
}

@Suite struct NetworkJSONTests {
    func sample() -> ActorNetwork {
        let e = Evidence(document: "d", sentence: 3, start: 10, end: 20, quote: "Lenin & <Trotsky>",
                         interval: MonthInterval(parsing: "1917-10"), dating: "explicit")
        return ActorNetwork(actors: [Actor(id: "trotsky", name: "Trotsky", kind: .person, mentions: ["d.txt": 2]),
                                     Actor(id: "lenin", name: "Lenin", kind: .person, mentions: ["d.txt": 3])],
                            ties: [Tie(source: "lenin", target: "trotsky", sign: .positive, weight: 1, evidence: [e])])
    }

    @Test func roundTripsAndIsCanonical() throws {
        let bytes = try NetworkJSON.encode(sample())
        let back = try NetworkJSON.decode(bytes, path: "n.json")
        #expect(back == sample())
        #expect(try NetworkJSON.encode(back) == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"schema\" : 1"))
        #expect(text.range(of: "\"actors\"")!.lowerBound < text.range(of: "\"ties\"")!.lowerBound)
        #expect(text.range(of: "\"lenin\"")!.lowerBound < text.range(of: "\"trotsky\"")!.lowerBound)
    }

    @Test func rejectsOtherSchemasAndGarbage() {
        #expect(throws: InputError.self) { try NetworkJSON.decode(Array("{\"schema\": 99}".utf8), path: "n.json") }
        #expect(throws: InputError.self) { try NetworkJSON.decode(Array("not json".utf8), path: "n.json") }
    }
}
