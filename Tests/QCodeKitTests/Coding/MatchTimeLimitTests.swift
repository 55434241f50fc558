import Foundation
import Testing
@testable import QCodeKit

/// `--match` patterns that backtrack catastrophically are stopped at a time limit, and no
/// match ever runs inside a write transaction (issue 11, item 10).
@Suite struct MatchTimeLimitTests {
    /// `a`s and a `b`: `(a+)+$` backtracks through ways to split the `a`s before failing
    /// (ICU needs about 7 s for 40 of them on the test machine; 80 take far longer).
    static let runaway = String(repeating: "a", count: 80) + "b"

    @Test(.timeLimit(.minutes(1))) func oneCatastrophicMatchIsStoppedAtTheLimit() throws {
        let started = Date()
        #expect(throws: SelectionError.patternTooSlow("(a+)+$", seconds: 0.5, document: "doc")) {
            try StoredDocument.matches(of: "(a+)+$", ignoreCase: false, in: Self.runaway, timeLimit: 0.5, document: "doc")
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.5 && elapsed < 3, "stopped after \(elapsed) s")
    }

    @Test(.timeLimit(.minutes(1))) func manyQuickMatchesAreStoppedAtTheLimitToo() throws {
        let text = String(repeating: "ab ", count: 300_000)
        #expect(throws: SelectionError.patternTooSlow("b", seconds: 0.000_001, document: "doc")) {
            try StoredDocument.matches(of: "b", ignoreCase: false, in: text, timeLimit: 0.000_001, document: "doc")
        }
        // With time to finish, every match is found.
        #expect(try StoredDocument.matches(of: "b", ignoreCase: false, in: text, timeLimit: 60, document: "doc").count == 300_000)
    }

    @Test func theMessageNamesThePatternTheLimitAndTheDocument() {
        #expect(SelectionError.patternTooSlow("(a+)+$", seconds: 5, document: "GP02_interview").description
            == "the pattern '(a+)+$' took longer than 5 s on GP02_interview; simplify it")
        #expect(SelectionError.patternTooSlow("x", seconds: 0.5, document: "d").description
            == "the pattern 'x' took longer than 0.5 s on d; simplify it")
    }

    @Test(.timeLimit(.minutes(1))) func codeRefusesATooSlowPatternAndWritesNothing() throws {
        let project = try TestProject.withCodebook(try TestProject.withTranscript("P01: \(Self.runaway)\n"))
        let before = try project.count("SELECT count(*) FROM audit_log")
        let selection = Selection(.match(pattern: "(a+)+$", ignoreCase: false, scope: .turn), matchTimeLimit: 0.3)
        #expect(throws: SelectionError.patternTooSlow("(a+)+$", seconds: 0.3, document: "interview")) {
            try project.code(document: "interview", code: "alpha", coder: "ann", selection: selection)
        }
        #expect(throws: SelectionError.patternTooSlow("(a+)+$", seconds: 0.3, document: "interview")) {
            try project.uncode(document: "interview", code: nil, coder: "ann", selection: selection)
        }
        #expect(try project.count("SELECT count(*) FROM codings") == 0)
        #expect(try project.count("SELECT count(*) FROM audit_log") == before)
        // A pattern that is fine still codes.
        let fine = Selection(.match(pattern: "a+b", ignoreCase: false, scope: .match))
        #expect(try project.code(document: "interview", code: "alpha", coder: "ann", selection: fine).changed.count == 1)
    }

    /// While one connection works on a slow pattern, another connection's `code` lands at once:
    /// the match runs before any write transaction opens.
    @Test(.timeLimit(.minutes(1))) func aSlowMatchHoldsNoOtherWriterOut() async throws {
        let project = try TestProject.withCodebook(try TestProject.withTranscript("P01: \(Self.runaway)\nP02: fine words here\n"))
        let url = project.url
        let slow = Task.detached {
            let started = Date()
            let selection = Selection(.match(pattern: "(a+)+$", ignoreCase: false, scope: .turn), matchTimeLimit: 3)
            let error = #expect(throws: SelectionError.self) {
                try Project.open(at: url).code(document: "interview", code: "alpha", coder: "ann", selection: selection)
            }
            return (error, Date().timeIntervalSince(started))
        }
        try await Task.sleep(for: .milliseconds(500))  // the slow one is matching now
        let started = Date()
        let other = try Project.open(at: url)
        let change = try other.code(document: "interview", code: "beta", coder: "ben", selection: Selection(.turns(2...2)))
        let waited = Date().timeIntervalSince(started)
        #expect(change.changed.count == 1)
        #expect(waited < 1.5, "the other writer waited \(waited) s")
        let (error, slowTook) = await slow.value
        #expect(error == .patternTooSlow("(a+)+$", seconds: 3, document: "interview"))
        #expect(slowTook >= 3)
    }

    @Test func spansWorkedOutOnAnOlderDocumentAreRefused() throws {
        let project = try TestProject.withTranscript(sampleInterview)
        let document = try project.document("interview")
        let seen = SnapshotSelection(document: document, spans: [TextSpan(start: 0, end: 3)])
        #expect(try seen.spans(confirmedBy: document) == [TextSpan(start: 0, end: 3)])
        var changed = document
        changed.text += " more"
        #expect(throws: SelectionError.documentChanged(document: "interview")) { try seen.spans(confirmedBy: changed) }
        #expect(SelectionError.documentChanged(document: "interview").description
            == "interview changed while the selection was being worked out; run the command again")
    }
}
