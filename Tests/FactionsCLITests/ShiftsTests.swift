import Foundation
import Testing

/// The story of 1917 as `factions shifts` tells it from the bundled texts.
@Suite("shifts on the bundled dataset", .serialized)
struct BundledShiftsTests {
    struct Timeline: Decodable {
        struct Bloc: Decodable { var label: String; var members: [String] }
        struct Period: Decodable { var period: String; var blocs: [Bloc] }
        struct Evidence: Decodable { var quote: String; var document: String; var a: String; var b: String; var sign: Int }
        struct Shift: Decodable {
            var actor: String; var from_period: String; var to_period: String
            var from_bloc: [String]; var to_bloc: [String]; var evidence: [Evidence]
        }
        struct Flip: Decodable {
            var a: String; var b: String; var from_period: String; var to_period: String
            var from_sign: Int; var to_sign: Int; var evidence: [Evidence]
        }
        var periods: [Period]
        var shifts: [Shift]
        var flips: [Flip]

        func bloc(of actor: String, in period: String) -> String? {
            periods.first { $0.period == period }?.blocs.first { $0.members.contains(actor) }?.label
        }
    }

    static func timeline() throws -> Timeline {
        let result = try CLI.run(["shifts", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(Timeline.self, from: Data(result.stdout.utf8))
    }

    @Test func theYearsAlliancesComeOutOfTheText() throws {
        let t = try Self.timeline()
        let order = t.periods.map(\.period)
        func index(_ p: String) -> Int { order.firstIndex(of: p) ?? -1 }

        // Conditional support for the Provisional Government turns into opposition.
        let support = t.flips.first { Set([$0.a, $0.b]) == ["bolsheviks", "provisional-government"] && $0.from_sign == 1 && $0.to_sign == -1 }
        #expect(support != nil, "no Bolshevik–Provisional Government flip")
        if let f = support {
            #expect(index(f.from_period) <= index("dual-power") && index(f.to_period) >= index("coalition"))
            #expect(f.evidence.contains { $0.sign == -1 && !$0.quote.isEmpty })
        }

        // Mensheviks and SRs side with the Provisional Government between the February
        // Revolution and the Kornilov affair.
        for party in ["mensheviks", "srs"] {
            let together = ["dual-power", "coalition", "july-days", "kornilov"].contains {
                t.bloc(of: party, in: $0) != nil && t.bloc(of: party, in: $0) == t.bloc(of: "provisional-government", in: $0)
            }
            #expect(together, "\(party) never in the Provisional Government's bloc")
        }

        // Kerensky against Kornilov in August.
        let kerensky = t.bloc(of: "kerensky", in: "kornilov"), kornilov = t.bloc(of: "kornilov", in: "kornilov")
        #expect(kerensky != nil && kornilov != nil && kerensky != kornilov)

        // The Petrograd Soviet passes to the Bolsheviks in September, with its sentence.
        let soviet = t.shifts.first { $0.actor == "petrograd-soviet" && $0.to_period == "september" }
        #expect(soviet?.to_bloc.contains("bolsheviks") == true)
        #expect(soviet?.evidence.first?.quote.contains("Bolshevik majority") == true)

        // Every shift and flip comes with a sentence from the texts.
        for s in t.shifts { #expect(!s.evidence.isEmpty && s.evidence.allSatisfy { !$0.quote.isEmpty }, "\(s.actor) \(s.to_period)") }
        for f in t.flips { #expect(!f.evidence.isEmpty, "\(f.a)–\(f.b) \(f.to_period)") }

        // The Left SRs stand apart from the SRs, with the Bolsheviks, in October.
        #expect(t.bloc(of: "left-srs", in: "october") == t.bloc(of: "bolsheviks", in: "october"))
        #expect(t.bloc(of: "srs", in: "october") != nil && t.bloc(of: "srs", in: "october") != t.bloc(of: "left-srs", in: "october"))
    }

    @Test func formatsAndBootstrap() throws {
        let md = try CLI.run(["shifts", "--format", "markdown"])
        #expect(md.status == 0 && md.stdout.contains("## Bolshevik majorities") && md.stdout.contains("**Shift**"))
        let csv = try CLI.run(["shifts", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("record,period,actor,bloc_or_sign,from_period,from_bloc_or_sign,quote,source\n"))
        let boot = try CLI.run(["shifts", "--bootstrap", "20", "--format", "json"])
        #expect(boot.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(boot.stdout.utf8)) as! [String: Any]
        #expect(json["bootstrap"] as? Int == 20)
        let shifts = json["shifts"] as! [[String: Any]]
        #expect(shifts.allSatisfy { $0["support"] is Double && $0["weak"] is Bool })
        let signed = try CLI.run(["blocs", "--signed", "--format", "json"])
        let s = try JSONSerialization.jsonObject(with: Data(signed.stdout.utf8)) as! [String: Any]
        #expect(s["frustration"] is Double && s["blocs"] is [Any] && s["triangle_balance"] != nil)
    }
}
