import Documents
import Testing

/// Canonical JSON and the index sort keys by their UTF-8 bytes, which `<` on strings does not.
@Suite struct UTF8OrderTests {
    @Test("utf8Precedes orders strings as their UTF-8 bytes order, prefixes first")
    func order() {
        let words = ["", "a", "ab", "b", "B", "Z", "é", "e\u{301}", "日本", "z", "a\u{0}", "[0]", "[10]", "[9]", "status", "steps"]
        let bytewise = words.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(words.sorted { $0.utf8Precedes($1) } == bytewise)
        #expect(!"a".utf8Precedes("a") && "".utf8Precedes("a") && !"a".utf8Precedes(""))
        // "é" (U+00E9) and "e" + U+0301 are equal as Strings but not as bytes.
        #expect("e\u{301}".utf8Precedes("é") && !"é".utf8Precedes("e\u{301}"))
    }

    @Test("sortedByUTF8 orders as utf8Precedes does, across the eight-byte prefix it compares first")
    func sortedByPrefix() {
        let words = ["", "a", "a\u{0}", "a\u{0}\u{0}", "ab", "abcdefg", "abcdefg\u{0}", "abcdefgh", "abcdefgh\u{0}", "abcdefghi",
                     "abcdefgi", "abcdefgh\u{0}b", "abcdefgh\u{0}a", "é", "e\u{301}", "日本語のキー", "日本", "revisions", "revision",
                     "steps", "status", "ÿ", "\u{7F}", "Z", "z", "[10]", "[9]"]
        let bytewise = words.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(words.sortedByUTF8() == bytewise)
        #expect(words.reversed().sortedByUTF8() == bytewise)
        #expect([String]().sortedByUTF8() == [])
    }
}
