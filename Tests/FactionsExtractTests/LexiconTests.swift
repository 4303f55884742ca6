import Foundation
import Testing
@testable import FactionsExtract
import FactionsCore

@Suite struct LexiconTests {
    @Test func aliasClaimedTwiceNamesBothActors() {
        let yaml = """
        actors:
          - {id: lenin, name: Lenin, kind: person, aliases: [Lenin, Ilyich]}
          - {id: ulyanov, name: Ulyanov, kind: person, aliases: [Ilyich]}
        """
        do {
            _ = try Lexicon.parse(yaml, path: "lexicon.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("'Ilyich'"))
            #expect(error.message.contains("'lenin'") && error.message.contains("'ulyanov'"))
            #expect(error.path.hasPrefix("lexicon.yaml:3:"))
        }
    }

    @Test func unknownKindAndYAMLErrorsNameTheirPlace() {
        do {
            _ = try Lexicon.parse("actors:\n  - {id: x, kind: faction}\n", path: "l.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "l.yaml:2:19")
            #expect(error.message.contains("unknown kind 'faction'"))
        }
        do {
            _ = try Lexicon.parse("actors:\n  - id: x\n   kind: [person\n", path: "l.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.path.hasPrefix("l.yaml:3:"))
            #expect(error.message.hasPrefix("YAML error"))
        }
    }

    /// A mention's form is read from the tokens: words joined by one space however
    /// they were written, without a possessive, and the name alone after a prefix.
    @Test func mentionFormsAreNormalisedFromTheTokens() throws {
        let yaml = """
        actors:
          - {id: pg, name: Provisional Government, kind: body, aliases: [Provisional Government]}
          - {id: b, name: Bolsheviks, kind: party, aliases: [Bolsheviks, Bolshevik]}
          - {id: lenin, name: Lenin, kind: person, aliases: [Lenin]}
        """
        let lexicon = try Lexicon.parse(yaml, path: "lexicon.yaml")
        let text = "The anti-Bolshevik press attacked the Provisional  Govern-\nment and Lenin’s Bolsheviks."
        let reading = Extractor(lexicon: lexicon).read(text: text)
        let mentions = reading.mentions.joined()
        #expect(mentions.map { reading.tokens.form(of: $0) } == ["Bolshevik", "Provisional Government", "Lenin", "Bolsheviks"])
        let scalars = Array(text.unicodeScalars)
        #expect(mentions.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
            == ["Bolshevik", "Provisional  Govern-\nment", "Lenin", "Bolsheviks"])
    }

    @Test func aliasBombIsRejected() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<9 {
            yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(throws: InputError.self) { try Lexicon.parse(yaml, path: "bomb.yaml") }
    }

    @Test func bundledLexiconLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let lexicon = try Lexicon.load(path: root.appendingPathComponent("Graphs/russia-1917/lexicon.yaml").path)
        #expect(lexicon.entries.count > 100)
        #expect(lexicon.calendar == "julian")
        #expect(lexicon.entry("lenin")?.kind == .person)
        #expect(lexicon.hash.count == 64)
    }
}

@Suite struct BundledExtractionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The public matcher, given tokens from anywhere, finds what extraction's matcher
    /// finds in tokens numbered in a worker's vocabulary: every essay, every sentence.
    @Test func publicMatcherFindsWhatExtractionFinds() throws {
        let dataset = try Dataset.load(path: Self.root.appendingPathComponent("Graphs/russia-1917").path)
        let matcher = MentionMatcher(lexicon: dataset.lexicon)
        var vocabulary = Vocabulary()
        var mentions = 0, possessives = 0
        for document in dataset.documents {
            let scalars = Array(try document.text().unicodeScalars)
            let (tokens, blocks) = Tokenizer().tokenize(scalars, vocabulary: &vocabulary)
            let ranges = SentenceSplitter().split(tokens: tokens, blocks: blocks, scalars: scalars).map(\.tokens)
            let public_ = matcher.mentions(in: tokens, ranges: ranges)
            #expect(public_ == matcher.mentions(in: tokens, ranges: ranges, vocabulary: &vocabulary))
            mentions += public_.joined().count
            possessives += public_.joined().filter { tokens[$0.tokens.upperBound - 1].possessive }.count
        }
        #expect(mentions > 2_000)
        #expect(possessives > 20)
    }

    @Test func everyQuoteIsAVerbatimSliceOfItsFile() throws {
        let dataset = try Dataset.load(path: Self.root.appendingPathComponent("Graphs/russia-1917").path)
        let network = try Extractor(lexicon: dataset.lexicon).extract(dataset)
        let texts = Dictionary(uniqueKeysWithValues: try dataset.documents.map { ($0.document.id, Array(try $0.text().unicodeScalars)) })
        var checked = 0
        for tie in network.ties {
            for e in tie.evidence {
                let scalars = try #require(texts[e.document])
                #expect(String(String.UnicodeScalarView(scalars[e.start..<e.end])) == e.quote)
                checked += 1
            }
        }
        #expect(checked > 500)
        #expect(network.actors.count > 100)
    }
}
