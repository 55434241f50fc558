import Foundation
import Testing
@testable import QCodeKit

/// The exact matcher, keyword-in-context, word counting and index planning (pure).
@Suite struct SearchMatcherTests {
    private func hits(_ query: String, _ text: String) throws -> [String] {
        let scalars = Array(text.unicodeScalars)
        return SearchMatcher(try SearchQuery.parse(query)).hits(in: scalars)
            .map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    @Test func wholeWordsIgnoringCaseWithApostrophesAlike() throws {
        let text = "Don’t go. I don't know; DON'T. Done? don"
        #expect(try hits("don't", text) == ["Don’t", "don't", "DON'T"])
        #expect(try hits("don", text) == ["don"])
        #expect(try hits("don*", text) == ["Don’t", "don't", "DON'T", "Done", "don"])
        #expect(try hits("worker's", "the link-worker's plan; workers") == ["worker's"])
        #expect(try hits("cafe", "café cafe") == ["cafe"])
    }

    @Test func phrasesBooleansAndNear() throws {
        let text = "The link worker helped. A worker, a link. Link   worker again."
        #expect(try hits("\"link worker\"", text) == ["link worker", "Link   worker"])
        #expect(try hits("link OR helped", text) == ["link", "helped", "link", "Link"])
        #expect(try hits("helped again", text) == ["helped", "again"])
        #expect(try hits("helped NOT again", text) == [])
        #expect(try hits("helped NOT missing", text) == ["helped"])
        #expect(try hits("NEAR(helped again, 6)", text) == ["helped. A worker, a link. Link   worker again"])
        #expect(try hits("NEAR(helped again, 5)", text) == [])
        #expect(try hits("NEAR(again helped, 8)", text) == ["helped. A worker, a link. Link   worker again"])
    }

    @Test func overlappingHitsAreMerged() throws {
        #expect(try hits("link OR \"link worker\"", "the link worker") == ["link worker"])
    }

    @Test func regexMatchesAreScalarSpans() throws {
        let regex = try RegexSearch(pattern: "b👍?|c$")
        #expect(try regex.matches(in: "a👍b👍c", timeLimit: 5, document: "d") == [TextSpan(start: 2, end: 4), TextSpan(start: 4, end: 5)])
        #expect(try regex.matches(in: "none", timeLimit: 5, document: "d").isEmpty)
        #expect(RegexSearch.scalarOffsets(of: [0, 1, 2, 3, 4, 5], in: "a👍b") == [0: 0, 1: 1, 2: 1, 3: 2, 4: 3, 5: 3])
        #expect(throws: SelectionError.badPattern("(")) { try RegexSearch(pattern: "(") }
    }

    @Test func keywordInContextStaysInsideItsTurn() {
        let context = KeywordInContext.context(hit: 10..<14, unit: 5..<20, width: 3)
        #expect(context.left == 7..<10 && context.right == 14..<17)
        let clipped = KeywordInContext.context(hit: 6..<8, unit: 5..<9, width: 40)
        #expect(clipped.left == 5..<6 && clipped.right == 8..<9)
    }

    @Test func wordCountsCountWordsAndDocuments() {
        var counter = WordCounter(size: 1, stopWords: ["the"], minimumLength: 2)
        counter.add(run: ["the", "choir", "a", "choir"], document: 1)
        counter.add(run: ["choir", "money"], document: 1)
        counter.add(run: ["money"], document: 2)
        #expect(counter.result() == [WordCount(word: "choir", count: 3, documents: 1), WordCount(word: "money", count: 2, documents: 2)])
        #expect(counter.result(top: 1).count == 1)

        var bigrams = WordCounter(size: 2, stopWords: ["the"])
        bigrams.add(run: ["the", "link", "worker", "the", "link", "worker"], group: "P1", document: 1)
        bigrams.add(run: ["link", "worker"], group: nil, document: 2)
        #expect(bigrams.result() == [
            WordCount(group: nil, word: "link worker", count: 1, documents: 1),
            WordCount(group: "P1", word: "link worker", count: 2, documents: 1),
        ])
        #expect(WordCounter.stopWords(fromFile: "# mine\nUm\nerm # filler\n\nDon’t\n") == ["um", "erm", "don't"])
        #expect(EnglishStopWords.list.count == 174 && EnglishStopWords.set.count == 174)
    }

    @Test func indexPlanIndexesNewForgetsGoneAndRebuildsWhenMostlyStale() {
        let held = IndexedDocument(revision: 1, sha256: "a", firstRow: 1, rows: 5)
        let current = [DocumentVersion(id: 1, revision: 1, sha256: "a"), DocumentVersion(id: 2, revision: 1, sha256: "b")]
        let plan = SearchIndexPlan(indexed: [1: held], current: current, staleRows: 0)
        #expect(plan.index == [2] && plan.forget.isEmpty && !plan.rebuild)
        #expect(SearchIndexPlan(indexed: [1: held], current: [current[0]], staleRows: 0).isEmpty)
        // Same revision number, different text (undo, then another replacement).
        let changed = SearchIndexPlan(indexed: [1: held, 3: IndexedDocument(revision: 2, sha256: "x", firstRow: 6, rows: 2)],
                                      current: [current[0], DocumentVersion(id: 3, revision: 2, sha256: "y")], staleRows: 0)
        #expect(changed.forget == [3] && changed.index == [3] && !changed.rebuild)
        let gone = SearchIndexPlan(indexed: [1: held, 9: IndexedDocument(revision: 1, sha256: "z", firstRow: 6, rows: 50)],
                                   current: [current[0]], staleRows: 0)
        #expect(gone.rebuild && gone.index == [1])
        #expect(SearchIndexPlan(indexed: [:], current: [], staleRows: 3).rebuild)
    }

    @Test func segmentContextTakesTheTurnsAround() {
        let turns = (0..<5).map { TurnInfo(number: $0 + 1, speaker: $0 % 2 == 0 ? "I" : nil, start: $0 * 10, end: $0 * 10 + 9, time: nil) }
        let context = SegmentContext.of(start: 21, end: 35, turns: turns, count: 1) { "t\($0 / 10)" + ($1 > 0 ? "" : "") }
        #expect(context == SegmentContext(before: "t1", after: "I: t4"))
        let wide = SegmentContext.of(start: 0, end: 5, turns: turns, count: 2) { lower, _ in "t\(lower / 10)" }
        #expect(wide == SegmentContext(before: "", after: "t1\nI: t2"))
    }
}
