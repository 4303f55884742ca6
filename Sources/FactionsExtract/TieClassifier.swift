import FactionsCore

/// A typed, signed relation read from one sentence.
public struct TypedRelation: Sendable, Hashable {
    /// Lexicon entry indices: agent and patient for directed cues.
    public var source: Int
    public var target: Int
    public var type: String
    public var sign: TieSign
    public var directed: Bool
    /// The words of the text that carry the relation, e.g. "did not support".
    public var cue: String
    /// The cue is in the past perfect ("had supported"): it happened before the
    /// time the sentence speaks of.
    public var earlier: Bool = false
}

/// Reads signed, typed ties from the words around and between actor mentions.
///
/// A cue (a verb or noun of support or hostility: `backed`, `arrested`, `walked out
/// of`, `alliance`) links the nearest mentions on either side of it within its clause;
/// coordinated mentions (`the Mensheviks and SRs`) act together. Passive voice
/// (`was arrested by`, `led by`) swaps agent and patient. A negation just before the
/// cue (`did not support`, `refused to join`) turns support into opposition and
/// cancels a hostile cue. A party named right before a person (`the Menshevik
/// Sukhanov`, `the Bolshevik sailor, Raskolnikov`) is a membership.
public struct TieClassifier: Sendable {
    public struct Cue: Sendable, Hashable {
        public var words: [String]
        public var type: String
        public var sign: TieSign
        public var directed: Bool
        /// The first word is a role noun ("leaders of"): it names its holder only
        /// right before it.
        var opensWithRoleNoun = false
        /// The word before a closing "of" is a role noun ("head of").
        var roleNounBeforeOf = false
    }

    /// The cues by their first word: the list's number from the word, then the list,
    /// so that a sentence's words are looked up by number (`Vocabulary.cueList`), not
    /// hashed.
    private var cueListOf: [String: Int32] = [:]
    private var cueLists: [[Cue]] = []
    private var maxLength = 1

    public init() {
        func add(_ type: String, _ sign: TieSign, directed: Bool = true, _ forms: [String]) {
            for form in forms {
                let words = form.split(separator: " ").map(String.init)
                var cue = Cue(words: words, type: type, sign: sign, directed: directed)
                cue.opensWithRoleNoun = Self.roleNouns.contains(words[0])
                cue.roleNounBeforeOf = Self.roleNouns.contains(words.last == "of" ? words.dropLast().last ?? "" : "")
                if let k = cueListOf[words[0]] {
                    cueLists[Int(k)].append(cue)
                } else {
                    cueListOf[words[0]] = Int32(cueLists.count)
                    cueLists.append([cue])
                }
                maxLength = max(maxLength, words.count)
            }
        }
        add("support", .positive, ["support", "supports", "supported", "supporting", "support for", "supporters of",
                                   "backed", "backing", "backs", "back", "endorsed", "endorse", "defended", "defend",
                                   "defends", "rallied to", "rallied behind", "rally to", "sided with", "side with",
                                   "stood by", "stand by", "welcomed", "praised", "won over", "won the support of",
                                   "protect", "protected", "trusted", "in favour of", "in favor of", "aid", "aided",
                                   "helped", "help", "saved", "save", "armed", "loyal to", "loyalty to", "sympathy for",
                                   "sympathetic to", "confidence in", "rescued", "came to the aid of"])
        add("join", .positive, ["joined", "join", "joins", "joining", "entered", "enter", "went over to", "came over to",
                                "participate in", "participated in", "took part in", "voted to participate in",
                                "ministers in", "minister in", "ministers of",
                                "crossed over to", "defected to", "won over to"])
        add("ally", .positive, directed: false, ["allied with", "ally with", "allied", "alliance with", "alliance between",
                                                 "alliance of", "bloc with", "bloc between", "coalition with",
                                                 "coalition between", "coalition of", "cooperated with", "cooperate with",
                                                 "collaborated with", "united with", "unite with", "agreement with",
                                                 "deal with", "allies", "allies of", "ally of", "worked with",
                                                 "together with", "alongside", "comrades", "united front"])
        add("vote", .positive, ["voted for", "vote for", "votes for", "elected", "elect", "appointed", "nominated"])
        add("lead", .positive, ["led", "lead", "leads", "leading", "leader of", "leaders of", "leadership of", "headed",
                                "head of", "heads", "chaired", "chair of", "chairman of", "president of",
                                "commanded", "commander of", "organised", "organized", "directed", "founded",
                                "inspired", "guided", "ran"])
        add("member", .positive, ["member of", "members of", "membership of", "belonged to", "spokesman for",
                                  "representative of", "representatives of", "delegate of", "delegates of"])
        add("oppose", .negative, ["opposed", "oppose", "opposes", "opposing", "opposition to", "opposition of",
                                  "against", "resisted", "resist", "resistance to", "hostile to", "hostility to",
                                  "enemy of", "enemies of", "hatred of", "rejected", "reject", "rejects", "rejection of",
                                  "condemned", "condemn", "criticised", "criticized", "attacked verbally",
                                  "distrust of", "struggle against", "fought against", "fight against", "campaign against",
                                  "turned against", "turn against", "rivals", "rival of", "in opposition to",
                                  "blamed", "accused", "slandered", "vilified", "betrayed", "betray", "betrayal of",
                                  "deceived", "abandoned", "deserted", "undermined", "sabotaged", "sabotage of",
                                  "obstructed", "discredited", "ignored", "challenged", "challenge to", "isolated"])
        add("denounce", .negative, ["denounced", "denounce", "denounces", "denunciation of", "attacked as", "decried"])
        add("arrest", .negative, ["arrested", "arrest", "arrests", "arrest of", "imprisoned", "jailed", "detained",
                                  "exiled", "deported", "banished", "persecuted", "hunted", "raided"])
        add("attack", .negative, ["attacked", "attack", "attacks", "attack on", "assault on", "assaulted", "stormed",
                                  "storming of", "shot", "shoot", "fired on", "fired upon", "besieged", "invaded", "bombarded",
                                  "killed", "murdered", "massacred", "executed", "lynched", "beat", "beaten"])
        add("overthrow", .negative, ["overthrew", "overthrow", "overthrown", "overthrowing", "overthrow of",
                                     "toppled", "topple", "ousted", "deposed", "brought down", "bring down",
                                     "removed", "replaced", "swept away", "swept", "seized power from",
                                     "took power from", "took power", "seized power", "dissolved", "dispersed",
                                     "abolished", "liquidated", "sacked", "dismissed", "get rid of", "got rid of",
                                     "rid of"])
        add("crush", .negative, ["crushed", "crush", "crushing", "suppressed", "suppress", "suppression of",
                                 "repressed", "repression of", "repression", "defeated", "defeat", "defeat of",
                                 "disarmed", "disarm", "smashed", "smash", "put down", "banned", "ban", "outlawed",
                                 "closed down", "purged", "expelled", "crackdown on", "routed", "drowned"])
        add("walk-out", .negative, ["walked out of", "walk out of", "walked out", "left", "withdrew from",
                                    "withdrawal from", "quit", "resigned from"])
        add("boycott", .negative, ["boycotted", "boycott", "boycott of"])
        add("march-on", .negative, ["marched on", "march on", "marching on", "advanced on", "moved against",
                                    "moved troops against", "sent troops against", "ordered the arrest of"])
        add("split", .negative, directed: false, ["split from", "split with", "split", "broke with", "break with",
                                                  "broke away from", "break from", "broke from", "parted with",
                                                  "severed", "schism", "rupture with", "separated from", "divorced from"])
        add("threaten", .negative, ["threatened", "threaten", "threatens", "threat to", "menaced", "endangered",
                                    "conspired against", "plotted against", "counter-revolution against",
                                    "warned", "intimidated", "demanded the removal of"])
        add("fight", .negative, ["fought", "fight", "fights", "fighting", "war against", "war on", "war with",
                                 "battle with", "battled", "clashed with", "clash with", "struggled with",
                                 "struggle with", "conflict with", "at war with"])
    }

    static let negations: Set<String> = [
        "not", "n't", "never", "no", "nor", "refused", "refuse", "refuses", "declined", "decline", "failed", "fail",
        "unwilling", "reluctant", "without", "neither", "hardly", "rather", "instead",
    ]
    static let auxiliaries: Set<String> = ["was", "were", "been", "being", "is", "are", "be", "get", "got"]
    static let connectors: Set<String> = [",", "and", "or", "the", "both", "as", "well", "its", "their", "his", "her", "&"]
    static let clauseBreaks: Set<String> = [";", ":", "(", ")", "which", "who", "whom", "whose", "while", "whereas",
                                            "although", "though", "but", "because", "since", "when", "if", "unless"]

    struct Group {
        var members: [Int]         // lexicon entry indices
        var start: Int             // first token
        var end: Int               // past last token
        var possessive: Bool
    }

    /// What a lowercase word is to the classifier: the word lists it belongs to and
    /// the single words it asks about by name. Asked by set lookups and comparisons of
    /// the lowercased string, they were a third of the classifier's instructions (a
    /// hash or comparison and a retain and release each; callgrind, 4.95 MB corpus).
    struct WordFlags: OptionSet, Sendable {
        let rawValue: UInt16
        static let clauseBreak = WordFlags(rawValue: 1 << 0)
        static let connector = WordFlags(rawValue: 1 << 1)
        static let negation = WordFlags(rawValue: 1 << 2)
        static let auxiliary = WordFlags(rawValue: 1 << 3)
        static let apposition = WordFlags(rawValue: 1 << 4)
        static let roleNoun = WordFlags(rawValue: 1 << 5)
        static let occupation = WordFlags(rawValue: 1 << 6)
        /// "and", ",", "or", "&": what joins mentions into a group.
        static let coordinator = WordFlags(rawValue: 1 << 7)
        /// "who", "which".
        static let relative = WordFlags(rawValue: 1 << 8)
        static let by = WordFlags(rawValue: 1 << 9)
        static let had = WordFlags(rawValue: 1 << 10)
        static let of = WordFlags(rawValue: 1 << 11)
        static let the = WordFlags(rawValue: 1 << 12)
        static let other = WordFlags(rawValue: 1 << 13)
        static let between = WordFlags(rawValue: 1 << 14)
    }

    /// The tokens of a sentence in lowercase, what each is (breaks a clause, connects
    /// mentions) and the cues it opens: the classifier asks these of each token several
    /// times over, and each question was a set or dictionary lookup of the word.
    ///
    /// Read from the vocabulary's own per-word arrays (`Vocabulary.lowered` fills them
    /// for the sentence's words) by each token's word number: copying them into arrays
    /// per sentence, and freeing those, was a fortieth of extraction. The vocabulary
    /// must not change while this is alive (it would copy its arrays).
    struct Lowered {
        /// The tokens whose words are lowered in `words` and `flags`: the sentence and
        /// `Lowered.margin` tokens either side, which the classifier looks at too ("of
        /// the" before a group that opens the sentence).
        let known: Range<Int>
        let words: [String?]
        let flags: [WordFlags]
        /// By word number: `TieClassifier.cueList` of the word in lowercase.
        let cueLists: [Int32]

        static let margin = 2

        /// Token `i` in lowercase; tokens further out are lowercased when asked.
        @inline(__always) func callAsFunction(_ i: Int, _ tokens: Tokens) -> String {
            known.contains(i) ? words[Int(tokens[i].word)]! : tokens.text(i).lowercased()
        }

        /// The number of the list of cues that open with token `i` (in the sentence), or -1.
        @inline(__always) func cueList(_ i: Int, _ tokens: Tokens) -> Int {
            known.contains(i) ? Int(cueLists[Int(tokens[i].word)]) : -1
        }

        /// Whether token `i` is `flag` (worked out when it lies further out).
        @inline(__always) func `is`(_ flag: WordFlags, _ i: Int, _ tokens: Tokens) -> Bool {
            if known.contains(i) { return flags[Int(tokens[i].word)].contains(flag) }
            return TieClassifier.flags(tokens.text(i).lowercased()).contains(flag)
        }
    }

    /// The number of the list of cues that open with `lowercase`, a lowercase token, or -1.
    func cueList(_ lowercase: String) -> Int32 { cueListOf[lowercase] ?? -1 }

    private static let flagLists: [(Set<String>, WordFlags)] = [
        (clauseBreaks, .clauseBreak), (connectors, .connector), (negations, .negation), (auxiliaries, .auxiliary),
        (appositionWords, .apposition), (roleNouns, .roleNoun), (occupations, .occupation),
    ]

    /// What `lowercase`, a lowercase token, is.
    static func flags(_ lowercase: String) -> WordFlags {
        var flags: WordFlags = []
        for (list, flag) in flagLists where list.contains(lowercase) { flags.insert(flag) }
        switch lowercase {
        case "and", ",", "or", "&": flags.insert(.coordinator)
        case "who", "which": flags.insert(.relative)
        case "by": flags.insert(.by)
        case "had": flags.insert(.had)
        case "of": flags.insert(.of)
        case "the": flags.insert(.the)
        case "other": flags.insert(.other)
        case "between": flags.insert(.between)
        default: break
        }
        return flags
    }

    /// Relations in one sentence. `mentions` are the resolved actor mentions in token
    /// order (entry index and token range).
    public func relations(tokens: Tokens, sentence: Range<Int>, mentions: [(entry: Int, tokens: Range<Int>)],
                          kinds: [ActorKind]) -> [TypedRelation] {
        guard mentions.count >= 2 else { return [] }
        // The sentence's words numbered in a vocabulary of their own.
        var vocabulary = Vocabulary()
        let numbered = vocabulary.numbered(tokens)
        let lowered = vocabulary.lowered(numbered, sentence, for: self)
        return relations(tokens: numbered, sentence: sentence, mentions: mentions, kinds: kinds, lowered: lowered)
    }

    /// `relations` with the sentence's tokens lowercased already (from the worker's
    /// vocabulary, once per distinct word).
    func relations(tokens: Tokens, sentence: Range<Int>, mentions: [(entry: Int, tokens: Range<Int>)],
                   kinds: [ActorKind], lowered: Lowered) -> [TypedRelation] {
        guard mentions.count >= 2 else { return [] }
        let groups = group(tokens, mentions, lowered)
        var out: [TypedRelation] = []
        // Whether token i is inside a mention: asked only of words that open a cue and
        // their neighbours, so the sentence's few mentions are searched, not marked in an
        // array made for every sentence.
        func covered(_ i: Int) -> Bool { mentions.contains { $0.tokens.contains(i) } }
        func lower(_ i: Int) -> String { lowered(i, tokens) }

        var i = sentence.lowerBound
        var lastCueEnd = -10
        while i < sentence.upperBound {
            let list = lowered.cueList(i, tokens)
            guard list >= 0, !covered(i) else { i += 1; continue }
            let candidates = cueLists[list]
            // Longest cue starting here.
            var best: Cue? = nil
            for cue in candidates where i + cue.words.count <= sentence.upperBound {
                var ok = true
                for (k, w) in cue.words.enumerated() where lower(i + k) != w || covered(i + k) { ok = false; break }
                if ok, cue.words.count > (best?.words.count ?? 0) { best = cue }
            }
            guard let cue = best else { i += 1; continue }
            let cueEnd = i + cue.words.count
            defer { i = cueEnd; lastCueEnd = cueEnd }
            // A cue right after another is its object ("suppressed supporters of X").
            if i - lastCueEnd <= 1 { continue }
            // Negation in the three words before the cue.
            var negated = false
            var k = i - 1
            var seen = 0
            while k >= sentence.lowerBound, seen < 3, !covered(k) {
                if lowered.is(.negation, k, tokens) { negated = true; break }
                if lowered.is(.clauseBreak, k, tokens) { break }
                k -= 1
                seen += 1
            }
            var sign = cue.sign
            var type = cue.type
            if negated {
                if sign == .negative { continue }   // "did not oppose" says too little
                sign = .negative
                type = "refuse-" + cue.type
            }
            // Made only for a cue that yields a relation.
            let cueStart = negated ? k : i
            var madeText: String? = nil
            func cueText() -> String {
                if let madeText { return madeText }
                let text = tokens.texts(cueStart..<cueEnd).joined(separator: " ")
                madeText = text
                return text
            }
            // Passive: "was arrested by X", "led by X", "the arrest of X by Y".
            let byIndex = (cueEnd..<min(sentence.upperBound, cueEnd + 6)).first { lowered.is(.by, $0, tokens) && !covered($0) }
            var before = groups.last { $0.end <= i && !crossesClause(tokens, $0.end, i, lowered) && i - $0.end <= 12 }
            // A role noun ("leaders of", "head of") names its holder only when the
            // holder stands right before it: "Lenin, the leader of", not "arrested
            // the leaders of".
            if cue.opensWithRoleNoun, let b = before,
               !(b.end..<i).allSatisfy({ lowered.is(.apposition, $0, tokens) }) {
                before = nil
            }
            let after = groups.first { $0.start >= cueEnd && !crossesClause(tokens, cueEnd, $0.start, lowered) && $0.start - cueEnd <= 8 }
            var agents: [Int] = [], patients: [Int] = []
            let passiveAux = i - 1 >= sentence.lowerBound && lowered.is(.auxiliary, i - 1, tokens)
            if let byIndex, let agentGroup = groups.first(where: { $0.start > byIndex && $0.start - byIndex <= 3 }),
               passiveAux || byIndex == cueEnd || (after.map { $0.end <= byIndex } ?? false) {
                agents = agentGroup.members
                if let after, after.end <= byIndex {
                    patients = after.members            // "the arrest of X by Y"
                } else if let before {
                    patients = before.members           // "X was arrested by Y", "X, led by Y"
                }
            } else if let before, let after {
                agents = before.members
                patients = after.members
            } else if before == nil, let after, cue.roleNounBeforeOf,
                      let appositive = groups.first(where: { $0.start > after.end && $0.start - after.end <= 2
                          && (after.end..<$0.start).allSatisfy { tokens[$0].mark == UInt8(ascii: ",") } }) {
                // "The head of the government, Alexander Kerensky, …"
                agents = appositive.members
                patients = after.members
            } else if !cue.directed, let group = before ?? after, group.members.count >= 2 {
                // "the Bolsheviks and Left SRs allied", "an alliance of X and Y".
                for a in 0..<group.members.count {
                    for b in (a + 1)..<group.members.count {
                        out.append(TypedRelation(source: group.members[a], target: group.members[b], type: type,
                                                 sign: sign, directed: false, cue: cueText()))
                    }
                }
                continue
            }
            if !cue.directed, before == nil, let after, after.members.count == 1,
               let partner = groups.first(where: { $0.start >= after.end && $0.start - after.end <= 6 }) {
                // "the split in the SR Party, depriving the more radical Left SRs".
                for p in partner.members where p != after.members[0] {
                    out.append(TypedRelation(source: after.members[0], target: p, type: type, sign: sign, directed: false,
                                             cue: cueText()))
                }
                continue
            }
            if !cue.directed, let after, after.members.count >= 2, before == nil || lowered.is(.between, cueEnd, tokens) {
                for a in 0..<after.members.count {
                    for b in (a + 1)..<after.members.count {
                        out.append(TypedRelation(source: after.members[a], target: after.members[b], type: type,
                                                 sign: sign, directed: false, cue: cueText()))
                    }
                }
                continue
            }
            let pluperfect = (max(sentence.lowerBound, i - 3)..<i).contains { lowered.is(.had, $0, tokens) }
            for a in agents {
                for p in patients where a != p {
                    out.append(TypedRelation(source: a, target: p, type: type, sign: sign, directed: cue.directed, cue: cueText(),
                                             earlier: pluperfect))
                }
            }
        }
        out.append(contentsOf: memberships(tokens, mentions, kinds: kinds, lowered))
        out.append(contentsOf: nominalRoles(tokens, sentence: sentence, groups: groups, kinds: kinds, lowered))
        return out
    }

    /// Words between a party and a person in "the Bolshevik sailor, Raskolnikov".
    static let occupations: Set<String> = [
        "sailor", "sailors", "leader", "leaders", "activist", "activists", "deputy", "minister", "worker", "soldier",
        "historian", "chronicler", "journalist", "orator", "delegate", "member", "commissar", "politician", "militant",
        "agitator", "organiser", "organizer", "lawyer", "veteran", "revolutionary", "theorist", "writer", "editor",
        "chairman", "spokesman", "general", "officer", "commander", "deputies", "internationalist", "leftist",
        "moderate", "veteran", "old", "young", "prominent", "leading", "right-wing", "left-wing",
    ]

    static let appositionWords: Set<String> = [",", "the", "a", "an", "one", "of", "was", "is", "were", "are", "became",
                                               "becomes", "as", "its", "their", "main", "chief", "top", "central",
                                               "new", "elected", "remained"]

    static let roleNouns: Set<String> = ["head", "leader", "leaders", "leadership", "chairman", "chair", "member",
                                         "members", "president", "commander", "newspaper", "organ", "spokesman",
                                         "representative", "representatives", "delegate", "delegates", "activist",
                                         "activists", "founder", "secretary", "minister"]

    /// Nominal patterns: "X, one of the Bolsheviks' central leaders", "a leading
    /// activist of the Bolsheviks", "the party of Lenin and Trotsky", "Raskolnikov and
    /// other Bolsheviks".
    private func nominalRoles(_ tokens: Tokens, sentence: Range<Int>, groups: [Group], kinds: [ActorKind],
                              _ lowered: Lowered) -> [TypedRelation] {
        var out: [TypedRelation] = []
        func lower(_ i: Int) -> String { lowered(i, tokens) }
        for (gi, g) in groups.enumerated() {
            // "the party of Lenin and Trotsky": an organisation of named people.
            if g.members.count == 1, kinds[g.members[0]] == .party || kinds[g.members[0]] == .body,
               g.end < sentence.upperBound, lowered.is(.of, g.end, tokens), gi + 1 < groups.count, groups[gi + 1].start == g.end + 1,
               groups[gi + 1].members.allSatisfy({ kinds[$0] == .person }) {
                for p in groups[gi + 1].members {
                    out.append(TypedRelation(source: p, target: g.members[0], type: "lead", sign: .positive, directed: true,
                                             cue: "\(tokens.text(g.start)) of"))
                }
            }
            // "X and other Bolsheviks".
            if g.members.count >= 2, g.members.dropLast().allSatisfy({ kinds[$0] == .person }),
               let last = g.members.last, kinds[last] == .party, g.end - g.start >= 3,
               (g.start..<g.end).contains(where: { lowered.is(.other, $0, tokens) })
                || (g.end >= 2 && lowered.is(.other, g.end - 2, tokens)) {
                for p in g.members.dropLast() {
                    out.append(TypedRelation(source: p, target: last, type: "member", sign: .positive, directed: true,
                                             cue: "and other"))
                }
            }
            // Possessive or "of" role: "[of] the Bolsheviks' central leaders", "activist of the Bolsheviks",
            // with the person in apposition before it ("Trotsky, at this time one of …").
            guard g.members.count == 1, kinds[g.members[0]] == .party || kinds[g.members[0]] == .body else { continue }
            var roleIndex: Int? = nil
            if g.possessive {
                var j = g.end
                if j < sentence.upperBound, tokens[j].mark == UInt8(ascii: "'") { j += 1 }
                while j < min(sentence.upperBound, g.end + 4), tokens[j].kind == .word, tokens[j].startsLowercase {
                    if lowered.is(.roleNoun, j, tokens) { roleIndex = j; break }
                    j += 1
                }
            } else if g.start >= 2, let ofIndex = lowered.is(.of, g.start - 1, tokens) ? g.start - 1
                        : g.start >= 3 && lowered.is(.of, g.start - 2, tokens) && lowered.is(.the, g.start - 1, tokens) ? g.start - 2
                        : nil {
                // "the leader of X", "the leader of the X".
                if ofIndex - 1 >= sentence.lowerBound, lowered.is(.roleNoun, ofIndex - 1, tokens) { roleIndex = ofIndex - 1 }
            }
            guard let role = roleIndex else { continue }
            // The person: nearest person group before the role within the clause.
            guard let person = groups[..<gi].last(where: { grp in
                grp.members.allSatisfy { kinds[$0] == .person } && g.start - grp.end <= 10
                    && !crossesClause(tokens, grp.end, g.start, lowered)
            }) else { continue }
            let type = ["member", "members", "activist", "activists", "delegate", "delegates", "representative",
                        "representatives", "newspaper", "organ", "spokesman"].contains(lower(role)) ? "member" : "lead"
            for p in person.members where p != g.members[0] {
                out.append(TypedRelation(source: p, target: g.members[0], type: type, sign: .positive, directed: true,
                                         cue: tokens.text(role)))
            }
        }
        return out
    }

    /// "the Menshevik Sukhanov", "the Bolshevik sailor, Raskolnikov", "Sukhanov, a Menshevik".
    private func memberships(_ tokens: Tokens, _ mentions: [(entry: Int, tokens: Range<Int>)],
                             kinds: [ActorKind], _ lowered: Lowered) -> [TypedRelation] {
        var out: [TypedRelation] = []
        for (a, b) in zip(mentions, mentions.dropFirst()) {
            let gap = a.tokens.upperBound..<b.tokens.lowerBound
            guard gap.count <= 3 else { continue }
            let onlyNouns = gap.allSatisfy { k in
                let t = tokens.text(k)
                return t == "," || ["a", "an", "the"].contains(t) || lowered.is(.occupation, k, tokens)
            }
            guard onlyNouns, !tokens[a.tokens.upperBound - 1].possessive else { continue }
            let between = tokens.texts(gap)
            if kinds[a.entry] == .party && kinds[b.entry] == .person, between.allSatisfy({ $0 != "," }) || between.count >= 2 {
                out.append(TypedRelation(source: b.entry, target: a.entry, type: "member", sign: .positive, directed: true,
                                         cue: between.joined(separator: " ")))
            } else if kinds[a.entry] == .person && kinds[b.entry] == .party,
                      between.first == ",", between.count >= 2, ["a", "an", "the"].contains(between[1]) {
                out.append(TypedRelation(source: a.entry, target: b.entry, type: "member", sign: .positive, directed: true,
                                         cue: between.joined(separator: " ")))
            }
        }
        return out
    }

    private func crossesClause(_ tokens: Tokens, _ from: Int, _ to: Int, _ lowered: Lowered) -> Bool {
        guard from < to else { return false }
        for i in from..<to where lowered.is(.clauseBreak, i, tokens) {
            // "the SRs and Mensheviks who wished to continue coalition with the Kadets":
            // a relative pronoun right after the mention keeps it as the subject.
            if i == from, lowered.is(.relative, i, tokens) { continue }
            return true
        }
        return false
    }

    /// Coordinated mentions: "the Mensheviks and the SRs", "Lenin, Trotsky and Kamenev".
    private func group(_ tokens: Tokens, _ mentions: [(entry: Int, tokens: Range<Int>)], _ lowered: Lowered) -> [Group] {
        var groups: [Group] = []
        // At most a group per mention: grown from nothing, the array was reallocated
        // in most sentences.
        groups.reserveCapacity(mentions.count)
        for m in mentions {
            if let last = groups.indices.last {
                let gap = groups[last].end..<m.tokens.lowerBound
                if gap.count <= 3, !gap.isEmpty, gap.allSatisfy({ lowered.is(.connector, $0, tokens) }),
                   gap.contains(where: { lowered.is(.coordinator, $0, tokens) }) {
                    // In place: a copy of the group shared its members and copied them to append.
                    if !groups[last].members.contains(m.entry) { groups[last].members.append(m.entry) }
                    groups[last].end = m.tokens.upperBound
                    groups[last].possessive = tokens[m.tokens.upperBound - 1].possessive
                    continue
                }
            }
            let last = tokens[m.tokens.upperBound - 1]
            // "the Bolsheviks' leaders": a plural possessive is an apostrophe glued on.
            let pluralPossessive = m.tokens.upperBound < tokens.count && tokens[m.tokens.upperBound].mark == UInt8(ascii: "'")
                && tokens[m.tokens.upperBound].start == last.end && tokens.text(m.tokens.upperBound - 1).hasSuffix("s")
            groups.append(Group(members: [m.entry], start: m.tokens.lowerBound, end: m.tokens.upperBound,
                                possessive: last.possessive || pluralPossessive))
        }
        return groups
    }
}
