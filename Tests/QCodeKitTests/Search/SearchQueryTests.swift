import Foundation
import Testing
@testable import QCodeKit

/// Words, query parsing and the FTS5 translation: pure, no SQLite.
@Suite struct SearchQueryTests {
    private func words(_ text: String) -> [String] { WordTokenizer.foldedWords(of: text) }

    @Test func wordsKeepApostrophesInsideAndFoldCase() {
        #expect(words("I don’t know, the Link-Worker's 'hello' café ʼtis 3.5") ==
                ["i", "don't", "know", "the", "link", "worker's", "hello", "café", "ʼtis", "3", "5"])
        #expect(words("workers' rights: it's O'Brien’s") == ["workers", "rights", "it's", "o'brien's"])
        #expect(words("—…!?") == [])
    }

    @Test func wordRangesAreScalarOffsets() {
        let scalars = Array("é👍 naïve don't".unicodeScalars)
        let ranges = WordTokenizer.words(in: scalars)
        #expect(ranges == [0..<1, 3..<8, 9..<14])
    }

    @Test func parsesTheQuerySyntax() throws {
        #expect(try SearchQuery.parse("Choir") == .phrase(SearchPhrase(words: ["choir"])))
        #expect(try SearchQuery.parse("\"Link  worker\"") == .phrase(SearchPhrase(words: ["link", "worker"])))
        #expect(try SearchQuery.parse("link-worker") == .phrase(SearchPhrase(words: ["link", "worker"])))
        #expect(try SearchQuery.parse("belong*") == .phrase(SearchPhrase(words: ["belong"], prefix: true)))
        #expect(try SearchQuery.parse("\"link wor\"*") == .phrase(SearchPhrase(words: ["link", "wor"], prefix: true)))
        let a = SearchQuery.phrase(SearchPhrase(words: ["a"]))
        let b = SearchQuery.phrase(SearchPhrase(words: ["b"]))
        let c = SearchQuery.phrase(SearchPhrase(words: ["c"]))
        #expect(try SearchQuery.parse("a b") == .and([a, b]))
        #expect(try SearchQuery.parse("a AND b OR c") == .or([.and([a, b]), c]))
        #expect(try SearchQuery.parse("a OR b NOT c") == .or([a, .not(b, c)]))
        #expect(try SearchQuery.parse("(a OR b) NOT c") == .not(.or([a, b]), c))
        #expect(try SearchQuery.parse("a or b") == .and([a, .phrase(SearchPhrase(words: ["or"])), b]))
        #expect(try SearchQuery.parse("NEAR(a \"b c\", 3)") ==
                .near([SearchPhrase(words: ["a"]), SearchPhrase(words: ["b", "c"])], distance: 3))
        #expect(try SearchQuery.parse("NEAR(a b)") == .near([SearchPhrase(words: ["a"]), SearchPhrase(words: ["b"])], distance: 10))
        #expect(try SearchQuery.parse("near") == .phrase(SearchPhrase(words: ["near"])))
    }

    @Test func badQueriesSayWhatIsWrongNamingTheQuery() {
        let cases: [(String, String)] = [
            ("", "it is empty"), ("\"open", "a quote is not closed"), ("(a OR b", "'(' is not closed"),
            ("a OR", "it ends where a word or phrase is expected"), ("be*long", "'*' may only end a word"),
            ("NEAR(a)", "at least two"), ("NEAR(a b, x)", "whole number"), ("a )", "unexpected ')'"),
            ("&&", "holds no word"), ("\"\"", "an empty phrase"),
        ]
        for (query, reason) in cases {
            #expect(throws: SearchQueryError.self) { try SearchQuery.parse(query) }
            do {
                _ = try SearchQuery.parse(query)
            } catch {
                #expect("\(error)".hasPrefix("search query '\(query)': "), "\(error)")
                #expect("\(error)".contains(reason), "\(query): \(error)")
                #expect(!"\(error)".contains("\n"))
            }
        }
    }

    @Test func translatesToSafeFullTextQueries() throws {
        func fts(_ query: String) throws -> String? { FullTextQuery.translate(try SearchQuery.parse(query)) }
        #expect(try fts("Don’t") == "\"don't\"")
        #expect(try fts("belong*") == "\"belong\" *")
        #expect(try fts("a b OR c") == "((\"a\") AND (\"b\")) OR (\"c\")")
        #expect(try fts("a NOT b") == "\"a\"")
        #expect(try fts("NEAR(a \"b c\", 2)") == "(\"a\") AND (\"b c\")")
        // FTS5 syntax in the query is only ever words inside quotes.
        #expect(try fts("col:x^ y") == "(\"col x\") AND (\"y\")")
        #expect(try fts("\"a\" -b {c} +d") == "(\"a\") AND (\"b\") AND (\"c\") AND (\"d\")")
        // A word FTS5 cannot see (a letter newer than Unicode 6.1) makes that part match every turn.
        #expect(try fts("\u{1E900}") == nil)
        #expect(try fts("a \u{1E900}") == "(\"a\")")
        #expect(try fts("a OR \u{1E900}") == nil)
    }
}
