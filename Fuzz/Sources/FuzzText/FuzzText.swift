// libFuzzer entry point: text normalisation, tokenising, sentence splitting, mention
// matching, dating and tie classification over arbitrary text, with a small lexicon
// that has multi-word aliases, possessive/plural forms, an ambiguous form, an ignored
// form, an event with a date and memberships. Checks that every evidence quote is
// exactly the original text between its start and end (in Unicode scalars).
import FactionsCore
import FuzzDriver
import FactionsExtract

let lexicon: Lexicon = {
    do {
        return try Lexicon.parse("""
        calendar: julian
        actors:
          - {id: lenin, name: Vladimir Lenin, kind: person, aliases: [Lenin, V. I. Lenin, Vladimir Lenin], member_of: [{actor: bolsheviks}]}
          - {id: trotsky, name: Leon Trotsky, kind: person, aliases: [Trotsky, Leon Trotsky], member_of: [{actor: bolsheviks, from: 1917-07}]}
          - {id: kerensky, name: Kerensky, kind: person, aliases: [Kerensky]}
          - {id: kornilov, name: Kornilov, kind: person, aliases: [Kornilov, General Kornilov]}
          - {id: bolsheviks, name: Bolsheviks, kind: party, aliases: [Bolsheviks, Bolshevik]}
          - {id: mensheviks, name: Mensheviks, kind: party, aliases: [Mensheviks, Menshevik]}
          - {id: srs, name: SRs, kind: party, aliases: [SRs]}
          - {id: left-srs, name: Left SRs, kind: party, aliases: [Left SRs]}
          - {id: cc, name: Bolshevik Central Committee, kind: body, aliases: [Bolshevik Central Committee, Central Committee]}
          - {id: government, name: Provisional Government, kind: body, aliases: [Provisional Government]}
          - {id: soviet, name: Petrograd Soviet, kind: body, aliases: [Petrograd Soviet]}
          - {id: soviets, name: Soviets, kind: body, aliases: [Soviets]}
          - {id: july-days, name: July Days, kind: event, date: 1917-07, aliases: [July Days]}
          - {id: sukhanov, name: Nikolai Sukhanov, kind: person, role: source, aliases: [Sukhanov]}
        ambiguous:
          - {form: the Soviet, candidates: [soviet, soviets]}
          - {form: the government, candidates: [government]}
        ignore: [Petrograd, Russia]
        """, path: "fuzz-lexicon.yaml")
    } catch {
        fatalError("fuzz lexicon does not parse: \(error)")
    }
}()

let extractor = Extractor(lexicon: lexicon, options: ExtractionOptions(defaultYear: 1917, discover: true))
let document = Document(id: "fuzz", file: "fuzz.txt", title: "fuzz")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    guard let text = try? TextFile.decodeUTF8(bytes, path: "fuzz.txt") else { return 0 }
    _ = extractor.read(text: text)
    let part = extractor.analyse(document: document, text: text)
    let scalars = Array(text.unicodeScalars)
    for tie in part.ties.values {
        for e in tie.evidence {
            guard e.start >= 0, e.start <= e.end, e.end <= scalars.count else {
                fatalError("evidence \(e.start)..<\(e.end) outside the text of \(scalars.count) scalars")
            }
            let original = String(String.UnicodeScalarView(scalars[e.start..<e.end]))
            if original != e.quote {
                fatalError("evidence quote differs from the text at \(e.start)..<\(e.end): \(e.quote.debugDescription) vs \(original.debugDescription)")
            }
        }
    }
    return 0
}

@_cdecl("FuzzText_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
