import Testing
@testable import FactionsExtract

func words(_ text: String) -> [String] {
    let tokens = Tokenizer().tokenize(Array(text.unicodeScalars)).tokens
    return tokens.indices.filter { tokens[$0].kind != .punctuation }.map { tokens.text($0) }
}

@Suite struct TokenizerTests {
    @Test func footnoteMarkersGluedToWordsAreDropped() {
        #expect(words("as ¹Sukhanov wrote") == ["as", "Sukhanov", "wrote"])
        #expect(words("¹¹Raskolnikov recalled") == ["Raskolnikov", "recalled"])
        #expect(words("the party.¹⁰ Then") == ["the", "party", "Then"])
        #expect(words("(10)D. Mandel argued") == ["D", "Mandel", "argued"])
        #expect(words("the Soviet(12) met") == ["the", "Soviet", "met"])
    }

    @Test func hyphenationAcrossLinesIsUndone() {
        let scalars = Array("the Provisional Govern-\nment fell".unicodeScalars)
        let tokens = Tokenizer().tokenize(scalars).tokens
        let government = tokens.first { tokens.text(of: $0) == "Government" }
        #expect(government != nil)
        if let g = government {
            #expect(String(String.UnicodeScalarView(scalars[g.start..<g.end])) == "Govern-\nment")
        }
        #expect(words("Menshevik-Internationalists split") == ["Menshevik-Internationalists", "split"])
    }

    @Test func possessivesAndQuotes() {
        let tokens = Tokenizer().tokenize(Array("Lenin’s theses and Kerensky's army".unicodeScalars)).tokens
        #expect(tokens.texts(tokens.indices) == ["Lenin", "theses", "and", "Kerensky", "army"])
        #expect(tokens[0].possessive && tokens[3].possessive)
        #expect(words("O’Toole didn't") == ["O'Toole", "didn't"])
    }

    @Test func markdownEmphasisAndWhitespace() {
        #expect(words("*Lessons of October*   by  _Trotsky_") == ["Lessons", "of", "October", "by", "Trotsky"])
    }

    @Test func blocksSplitOnBlankLinesAndHeadings() {
        let text = "The July Days\n\nThe workers marched. Lenin hid.\n\n¹³Sukhanov, N. The Russian Revolution 1917 p. 528.\n"
        let (_, blocks) = Tokenizer().tokenize(Array(text.unicodeScalars))
        #expect(blocks.map(\.role) == [.heading, .prose, .note])
    }

    /// Plain words are numbered through their letters packed into two integers (eight
    /// letters each) up to sixteen letters, and through their bytes beyond: words that
    /// differ only in the ninth, sixteenth or seventeenth letter, or only in length,
    /// keep their own text and number, and a word met again gets its number again.
    @Test func plainWordsKeepTheirTextAndNumberAcrossLengths() {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var list: [String] = []
        for length in [1, 2, 7, 8, 9, 15, 16, 17, 24, 40] {
            let base = String((0..<length).map { alphabet[($0 * 7) % alphabet.count] })
            list.append(base)
            for k in [0, 7, 8, 15, 16] where k < length {
                var letters = Array(base)
                letters[k] = letters[k] == "z" ? "Z" : "z"
                list.append(String(letters))
            }
        }
        list.append(contentsOf: ["a", "A", "aa", "aaaaaaaa", "aaaaaaaaa", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaa"])
        // Each word twice, in both orders, between words the general path reads.
        let text = (list + list.reversed()).joined(separator: " x-y ")
        var vocabulary = Vocabulary()
        let all = Tokenizer().tokenize(Array(text.unicodeScalars), vocabulary: &vocabulary).tokens
        let kept = all.indices.filter { all.text($0) != "x-y" }
        #expect(kept.map { all.text($0) } == list + list.reversed())
        var numbers: [String: Int32] = [:]
        for i in kept {
            let (token, text) = (all[i], all.text(i))
            #expect(vocabulary.strings[Int(token.word)] == text)
            if let known = numbers[text] { #expect(known == token.word, "\(text)") }
            numbers[text] = token.word
        }
        #expect(Set(numbers.values).count == Set(list).count)
    }

    /// Plain words are read eight scalars at a time: a word of every length up to 18,
    /// at every offset from a text's start, ending the text or followed by what ends
    /// it or what the general path reads on through (a scalar past ASCII whose low byte
    /// is a letter, as U+0141 and U+0161 are, a digit).
    @Test func plainWordsEndWhereTheirLettersEnd() {
        let letters = Array("kLmnopqrsTuvwxyzab")
        for length in 1...18 {
            let word = String(letters.prefix(length))
            for offset in 0..<9 {
                let pad = String(repeating: " ", count: offset)
                for (follower, expected) in [("", [word]), (" ", [word]), (",", [word]), (".", [word]),
                                             ("\u{141}", [word + "\u{141}"]), ("\u{161}x", [word + "\u{161}x"]),
                                             ("é", [word + "é"]), ("5", [word + "5"])] {
                    #expect(words(pad + word + follower) == expected, "\(offset) \(word)\(follower)")
                    #expect(words(pad + word + follower + " end of the text") == expected + ["end", "of", "the", "text"],
                            "\(offset) \(word)\(follower)")
                }
            }
        }
    }

    /// The marks made inside a run of plain words are exactly the printable ASCII
    /// marks that `tokenize` reads nothing more into: not letters or digits, not `(`
    /// or `[` (note markers), not `*` or `_` (emphasis), not spaces or controls.
    @Test func plainMarksAreThePrintableMarksWithNoOtherMeaning() {
        for v in UInt32(0)..<0x100 {
            let printable = v >= 0x21 && v <= 0x7E
            let alphanumeric = (v >= 0x30 && v <= 0x39) || ((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A)
            let special = [UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "*"), UInt8(ascii: "_")].contains { UInt32($0) == v }
            #expect(Tokenizer.isPlainMark(v) == (printable && !alphanumeric && !special), "U+\(String(v, radix: 16))")
        }
        // Marks inside runs and the same marks after a word read in full (a possessive,
        // a number) give the same tokens.
        let tokens = Tokenizer().tokenize(Array("Lenin, Trotsky; Kamenev: yes! no? \"1917\", Lenin's. {a|b} ~c@d".unicodeScalars)).tokens
        #expect(tokens.map { tokens.text(of: $0) } == ["Lenin", ",", "Trotsky", ";", "Kamenev", ":", "yes", "!", "no", "?",
                                                        "\"", "1917", "\"", ",", "Lenin", ".", "{", "a", "|", "b", "}",
                                                        "~", "c", "@", "d"])
        #expect(tokens.allSatisfy { $0.kind != .punctuation || ($0.end - $0.start == 1 && !$0.emphasised) })
    }

    /// A token holds its text's number, not the text, and its offsets in 32 bits: 20
    /// bytes, with nothing to release. Offsets read back as set.
    @Test func tokensAreTwentyPlainBytesAndKeepTheirOffsets() {
        #expect(MemoryLayout<Token>.stride == 20)
        #expect(_isPOD(Token.self))
        var token = Tokenizer().tokenize(Array("Lenin spoke".unicodeScalars)).tokens[1]
        #expect((token.start, token.end) == (6, 11))
        token.start = 511 * 1024 * 1024
        token.end = Int(UInt32.max)
        #expect((token.start, token.end) == (511 * 1024 * 1024, Int(UInt32.max)))
    }

    /// Case is asked of a token without its text: for a text that starts outside ASCII
    /// it is worked out when the token is made.
    @Test func caseOfWordsStartingOutsideASCII() {
        let tokens = Tokenizer().tokenize(Array("Émile über Ёлкин ǅemal 1917 lenin Lenin".unicodeScalars)).tokens
        #expect(tokens.texts(tokens.indices) == ["Émile", "über", "Ёлкин", "ǅemal", "1917", "lenin", "Lenin"])
        #expect(tokens.map(\.isCapitalised) == [true, false, true, false, false, false, true])
        #expect(tokens.map(\.startsLowercase) == [false, true, false, false, false, true, false])
        #expect(tokens.map(\.firstScalarIsLowercase) == [false, true, false, false, false, true, false])
    }

    @Test func softWrappedLinesStayInOneBlock() {
        let text = "Tsarist forces were caught off guard when\nthe strikes spread.\n"
        let (_, blocks) = Tokenizer().tokenize(Array(text.unicodeScalars))
        #expect(blocks.count == 1)
    }
}

@Suite struct SentenceSplitterTests {
    func sentences(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        let (tokens, blocks) = Tokenizer().tokenize(scalars)
        return SentenceSplitter().split(tokens: tokens, blocks: blocks, scalars: scalars)
            .map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
    }

    @Test func initialsAndAbbreviationsDoNotEndSentences() {
        #expect(sentences("F. F. Raskolnikov led the sailors. E.H. Carr disagreed.") ==
            ["F. F. Raskolnikov led the sailors.", "E.H. Carr disagreed."])
        #expect(sentences("Gen. Kornilov marched on St. Petersburg. He failed.") ==
            ["Gen. Kornilov marched on St. Petersburg.", "He failed."])
    }

    @Test func closingQuotesStayWithTheirSentence() {
        #expect(sentences("Lenin said: “All power to the soviets!” The crowd cheered.") ==
            ["Lenin said: “All power to the soviets!”", "The crowd cheered."])
    }

    @Test func lowercaseAfterMarkContinues() {
        #expect(sentences("He asked “why now?” and left. Then it rained.") ==
            ["He asked “why now?” and left.", "Then it rained."])
    }
}

@Suite struct DocumentTitleTests {
    /// Extraction titles a document from its decoded scalars, reading only to the end
    /// of the first line that is not blank; it must give what `title(of:)` gives on the
    /// whole text.
    @Test func titleFromScalarsEqualsTitleFromText() {
        let texts = [
            "The 1917 Russian Revolution\n\nText.", "\n\n  \t\n  Title after blanks  \nmore", "\r\n\r\nCRLF title\r\nbody",
            "\u{2028}\u{00A0}\u{2003}Title after separators\u{2029}rest", "only line", "   \n \t ", "",
            "\u{200B}\n zero-width space is not blank", String(repeating: "long ", count: 100) + "\nnext",
            "\u{85}After NEL\u{0B}after VT", "\u{0C}Ленин’s «Апрельские тезисы»\n",
        ]
        for text in texts {
            #expect(DatasetDocument.title(ofScalars: Array(text.unicodeScalars), fallback: "fallback")
                    == DatasetDocument.title(of: text, fallback: "fallback"), "\(text.debugDescription)")
        }
    }
}

@Suite struct WordLookupTests {
    static let words = [
        "Dec", "dec", "DEC", "dEc", "December", "DECEMBER", "Decembers", "Sept", "sept", "September", "May", "MAY",
        "Mayor", "Mar", "March", "Marches", "Oct", "Octo", "Jan", "Janus", "Gen", "GEN", "Gen.", "St", "st", "Mrs",
        "Ibid", "ibid", "Prof", "Professor", "Col", "Colonel", "N", "n", "E", "Viz", "Ｍay", "Dëc", "Ƶ", "ſt",
        "\u{212A}", "İ", "", "p", "P", "pp", "Vol", "vols", "etc", "Etc", "approx", "Approximately",
    ]

    /// The byte-table lookups give what lowercasing into a string and asking the set
    /// or dictionary gave, for ASCII words in any case and for words that are not ASCII.
    @Test func monthsAndAbbreviationsAsLowercasingFinds() {
        for word in Self.words + DateResolver.months.keys.flatMap({ [$0, $0.uppercased(), $0.capitalized] }) {
            let expected = DateResolver.mayBeMonth(word) ? DateResolver.months[word.lowercased()] : nil
            #expect(DateResolver.month(word)?.month == expected, "\(word)")
            if let found = DateResolver.month(word) { #expect(found.lower == word.lowercased(), "\(word)") }
            #expect(SentenceSplitter.isAbbreviation(word) == SentenceSplitter.abbreviations.contains(word.lowercased()), "\(word)")
        }
    }

    /// The shortcut for General Punctuation gives what the property tables give.
    @Test func generalPunctuationHoldsNoWordScalar() {
        for v in UInt32(0x2000)...0x206F {
            let c = Unicode.Scalar(v)!
            #expect(!(c.properties.isAlphabetic || c.properties.numericType == .decimal), "U+\(String(v, radix: 16))")
            #expect(!Tokenizer.isOtherWordScalar(c))
        }
    }

    /// A `WordSet` answers as its `Set` does, for queries in any case, longer than any
    /// of its words, and not ASCII (the Kelvin sign is canonically equivalent to "K").
    @Test func wordSetsAnswerAsTheirSets() {
        for set in [Discovery.connectors, Discovery.stopwords, Discovery.placePrepositions, ["K", "of"]] {
            let words = WordSet(set)
            for query in Self.words + set.flatMap({ [$0, $0.uppercased(), $0.capitalized, $0 + "s"] }) {
                #expect(words.contains(query) == set.contains(query), "\(query)")
                #expect(words.containsLowercased(query) == set.contains(query.lowercased()), "\(query)")
                #expect(words.member(lowercasing: query) == (set.contains(query.lowercased()) ? query.lowercased() : nil),
                        "\(query)")
            }
        }
    }
}

@Suite struct PerSentenceTests {
    /// Items dropped or changed in place keep every other item in its own sentence,
    /// empty sentences included.
    @Test func updateKeepsSentencesApart() {
        var parts = PerSentence<Int>()
        for sentence in [[1, 2, 3], [], [4], [5, 6], []] {
            for item in sentence { parts.append(item) }
            parts.closeSentence()
        }
        #expect(parts.count == 5)
        #expect(parts.map(Array.init) == [[1, 2, 3], [], [4], [5, 6], []])
        var seen: [(Int, Int)] = []
        parts.update { s, item in
            seen.append((s, item))
            item *= 10
            return item != 20 && item != 40
        }
        #expect(seen.map(\.0) == [0, 0, 0, 2, 3, 3])
        #expect(parts.map(Array.init) == [[10, 30], [], [], [50, 60], []])
        #expect(parts.items == [10, 30, 50, 60])
    }
}
