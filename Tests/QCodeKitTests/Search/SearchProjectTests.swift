import Foundation
import Testing
@testable import QCodeKit

/// Search, coding every hit and word counts on real projects: exact counts, exact offsets,
/// and an index that stays right through imports, undo, redo, removals, replacements and merges.
@Suite struct SearchProjectTests {
    static let transcript = """
        Interviewer: Tell me about the choir. Don't rush.

        P01: The choir? I don’t know. The CHOIR helped; choirs are good. Link-worker's advice: choir!

        Interviewer: And money? 👍 money.

        P01: Money is tight, I don't like to talk about money. Café crème, the choir’s café.
        """

    static let second = """
        Interviewer: Where do you live?

        P02: Near the park. I walk there every day with the dog; the choir meets there.
        """

    private func project() throws -> Project {
        let project = try TestProject.withCodebook(try TestProject.withTranscript(Self.transcript))
        try TeamFixture.importText(Self.second, into: project, name: "second.txt")
        return project
    }

    /// An independent count: words by a regular expression over each turn's text.
    private func exactCount(_ word: String, in project: Project) throws -> Int {
        let expression = try NSRegularExpression(pattern: #"[\p{L}\p{M}\p{N}\p{Co}]+(?:['’][\p{L}\p{M}\p{N}\p{Co}]+)*"#)
        let wanted = word.lowercased().replacingOccurrences(of: "’", with: "'")
        var count = 0
        for summary in try project.documents() {
            let document = try project.document(summary.name)
            for turn in document.turns {
                let text = document.scalars.slice(turn.span.start, turn.span.end)
                for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let found = String(text[Range(match.range, in: text)!]).lowercased()
                        .replacingOccurrences(of: "’", with: "'")
                    if found == wanted { count += 1 }
                }
            }
        }
        return count
    }

    private func search(_ project: Project, _ query: String) throws -> [SearchHit] {
        try project.search(SearchRequest(.words(query)))
    }

    private func checkOffsets(_ hits: [SearchHit], _ project: Project) throws {
        for hit in hits {
            let document = try project.document(hit.document)
            #expect(document.scalars.slice(hit.start, hit.end) == hit.text)
            #expect(document.scalars.slice(hit.start - hit.left.unicodeScalars.count, hit.start) == hit.left)
            #expect(document.scalars.slice(hit.end, hit.end + hit.right.unicodeScalars.count) == hit.right)
            let turn = try #require(document.turns[(hit.turn ?? 0) - 1])
            #expect(turn.span.start <= hit.start && hit.end <= turn.span.end)
            #expect(turn.speaker == hit.speaker)
        }
    }

    @Test func hitCountsEqualExactWholeWordCountsAndOffsetsAreExact() throws {
        let project = try project()
        for word in ["choir", "don't", "Don’t", "money", "the", "café", "i", "link", "worker's", "choirs", "dog", "crème"] {
            let hits = try search(project, word)
            #expect(hits.count == (try exactCount(word, in: project)), "\(word)")
            #expect(hits.count > 0, "\(word)")
            try checkOffsets(hits, project)
        }
        #expect(try search(project, "choir").map(\.text) == ["choir", "choir", "CHOIR", "choir", "choir"])
        #expect(try search(project, "choir*").count == 7)
        #expect(try search(project, "\"the choir\"").map(\.text) == ["the choir", "The choir", "The CHOIR", "the choir"])
        #expect(try search(project, "money NOT tight").map(\.turn) == [3, 3])
        #expect(try search(project, "NEAR(dog choir, 3)").map(\.text) == ["dog; the choir"])
        #expect(try search(project, "NEAR(dog choir, 0)").isEmpty)
        #expect(try search(project, "nowhere").isEmpty)
    }

    @Test func filtersLimitHitsToDocumentsSpeakersAndCodings() throws {
        let project = try project()
        var request = SearchRequest(.words("choir"))
        request.speaker = "interviewer"
        #expect(try project.search(request).map(\.turn) == [1])
        request = SearchRequest(.words("the"))
        request.documents = ["second"]
        #expect(try project.search(request).allSatisfy { $0.document == "second" })
        _ = try project.code(document: "interview", code: "alpha", coder: "bob", selection: Selection(.turns(2...2)))
        request = SearchRequest(.words("choir"))
        request.inCode = "alpha"
        request.coder = "bob"
        #expect(try project.search(request).map(\.turn) == [2, 2, 2])
        request.inCode = nil
        request.uncoded = true
        #expect(try project.search(request).map(\.turn) == [1, 2])
        request.coder = nil
        #expect(throws: SearchError.needsCoder("--uncoded")) { try project.search(request) }
    }

    @Test func regularExpressionsGiveScalarOffsetsPastEmoji() throws {
        let project = try project()
        let hits = try project.search(SearchRequest(.regex("mon(ey)")))
        #expect(hits.map(\.text) == ["money", "money", "money"])
        try checkOffsets(hits, project)
        #expect(try project.search(SearchRequest(.regex("(?i)\\bmoney\\b"))).count == (try exactCount("money", in: project)))
        #expect(throws: SelectionError.badPattern("(")) { try project.search(SearchRequest(.regex("("))) }
    }

    @Test func theIndexFollowsImportsUndoRedoRemovalsAndReplacements() throws {
        let project = try TestProject.withTranscript(Self.transcript)
        let original = try search(project, "choir")
        #expect(original.count == 4)
        #expect(try project.searchIndexStatistics().documents == 1)

        try project.undo()  // the import
        #expect(try search(project, "choir").isEmpty)
        try project.redo()
        #expect(try search(project, "choir") == original)
        #expect(try project.searchIndexStatistics().documents == 1)

        _ = try project.removeDocument("interview", force: true)
        #expect(try search(project, "choir").isEmpty)
        try project.undo()
        #expect(try search(project, "choir") == original)

        let file = project.url.deletingLastPathComponent().appendingPathComponent("corrected.txt")
        try Data(Self.transcript.replacingOccurrences(of: "choir", with: "orchestra").utf8).write(to: file)
        _ = try project.replaceDocument("interview", with: file)
        #expect(try search(project, "choir").map(\.text) == ["CHOIR"])
        #expect(try search(project, "orchestra").count == 3)
        try project.undo()
        #expect(try search(project, "choir") == original)
        #expect(try search(project, "orchestra").isEmpty)
        // A different replacement now gets the revision number the undone one had.
        try Data(Self.transcript.replacingOccurrences(of: "choir", with: "band").utf8).write(to: file)
        _ = try project.replaceDocument("interview", with: file)
        #expect(try search(project, "band").count == 3)
        #expect(try search(project, "orchestra").isEmpty)
        // Without updating the index first, a search still reads changed documents in full.
        try project.undo()
        #expect(try project.read { store in
            try Project.searchHits(store, SearchRequest(.words("choir")), SearchPlan(SearchRequest(.words("choir"))))
        } == original)
    }

    @Test func mergedDocumentsAreFound() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        try TeamFixture.importText(Self.second, into: alice, name: "second.txt")
        _ = try project.merge(from: alice.url)
        let hits = try search(project, "dog")
        #expect(hits.map(\.document) == ["second"])
        try checkOffsets(hits, project)
        #expect(try project.searchIndexStatistics().documents == 2)
    }

    @Test func codingEveryHitAddsExactlyThoseCodingsInOneUndoableStep() throws {
        let project = try project()
        let request = SearchRequest(.words("choir OR money"))
        let hits = try project.search(request)
        let dryRun = try project.codeSearchHits(request, code: "alpha", coder: "bob", dryRun: true)
        #expect(dryRun.added == hits.count && dryRun.auditID == nil)
        #expect(try project.segments().isEmpty)

        let result = try project.codeSearchHits(request, code: "alpha", coder: "bob")
        #expect(result.hits == hits.count && result.added == hits.count && result.existing == 0)
        let segments = try project.segments()
        #expect(segments.map { "\($0.document):\($0.start)-\($0.end)" } == hits.map { "\($0.document):\($0.start)-\($0.end)" })
        #expect(segments.map(\.text) == hits.map(\.text))
        #expect(segments.allSatisfy { $0.code == "theme/alpha" && $0.coder == "bob" })

        let again = try project.codeSearchHits(request, code: "alpha", coder: "bob")
        #expect(again.added == 0 && again.existing == hits.count && again.auditID == nil)
        let undone = try #require(try project.undo())
        #expect(undone.action == "search.code")
        #expect(try project.segments().isEmpty)

        let turns = try project.codeSearchHits(request, code: "beta", coder: "bob", scope: .turn)
        #expect(turns.added == Set(hits.map { "\($0.document)#\($0.turn!)" }).count)
        #expect(try project.segments().allSatisfy { segment in
            let document = try! project.document(segment.document)
            return document.turns.contains { $0.span == TextSpan(start: segment.start, end: segment.end) }
        })
    }

    @Test func wordCountsEqualExactCounts() throws {
        let project = try project()
        var request = WordsRequest()
        request.stopWords = []
        let counts = try project.words(request)
        for row in counts {
            #expect(row.count == (try exactCount(row.word, in: project)), "\(row.word)")
        }
        #expect(counts.first { $0.word == "the" }?.documents == 2)
        #expect(counts.first { $0.word == "choir" }.map { ($0.count, $0.documents) } ?? (0, 0) == (5, 2))
        #expect(try project.words(WordsRequest()).contains { $0.word == "the" } == false)

        request.grouping = .speaker
        request.top = 1
        let bySpeaker = try project.words(request)
        #expect(bySpeaker.map(\.group) == ["Interviewer", "P01", "P02"])

        _ = try project.code(document: "interview", code: "alpha", coder: "bob", selection: Selection(.turns(4...4)))
        var inCode = WordsRequest()
        inCode.inCode = "alpha"
        inCode.coder = "bob"
        inCode.ngram = 2
        let bigrams = try project.words(inCode)
        #expect(bigrams.contains { $0.word == "café crème" && $0.count == 1 })
        #expect(!bigrams.contains { $0.word.contains("dog") })
    }

    @Test func segmentsCarryTheTurnsAroundThem() throws {
        let project = try project()
        _ = try project.code(document: "interview", code: "alpha", coder: "bob", selection: Selection(.turns(2...3)))
        let listed = try project.segments(SegmentFilter(), contextTurns: 1)
        let context = try #require(listed.first?.context)
        #expect(context.before == "Interviewer: Tell me about the choir. Don't rush.")
        #expect(context.after == "Interviewer: And money? 👍 money.")
        let sink = ByteSink()
        try project.exportSegments(contextTurns: 1, format: .json, to: sink)
        let rows = try JSONSerialization.jsonObject(with: sink.data) as? [[String: Any]]
        #expect(rows?.first?["before"] as? String == context.before)
        #expect(rows?.first?["after"] as? String == context.after)
    }
}
