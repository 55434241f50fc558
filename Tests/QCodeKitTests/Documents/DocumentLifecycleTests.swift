import Foundation
import GRDB
import Testing
@testable import QCodeKit

/// Renaming, removing and replacing documents: one transaction each, audited, undoable.
@Suite struct DocumentLifecycleTests {
    static let original = """
        Interviewer: How did the link worker help?
        P01: She rang the advise centre for me. The advise centre sorted my gas bil in a week.
        Interviewer: And the group?
        P01: I go every Tuesday. I hated the bus. It was the best thing I did last year.
        """

    static let corrected = """
        Interviewer: How did the link worker help?
        P01: She rang the advice centre for me. The advice centre sorted my gas bill in a week.
        Interviewer: And the group?
        P01: I go every Tuesday. It was the best thing I did last year.
        """

    /// Everything about a project's documents, turns and codings, to compare exactly.
    private func state(_ project: Project) throws -> [String] {
        try project.database.read { db in
            try String.fetchAll(db, sql: """
                SELECT 'd ' || id || ' ' || name || ' ' || sha256 || ' ' || characters || ' ' || revision || ' ' || ifnull(memo, '') FROM documents
                UNION ALL SELECT 't ' || document_id || ' ' || number || ' ' || ifnull(speaker, '') || ' ' || start || '-' || "end" FROM turns
                UNION ALL SELECT 'k ' || id || ' ' || document_id || ' ' || code_id || ' ' || coder_id || ' ' || start || '-' || "end" || ' ' || ifnull(memo, '') FROM codings
                ORDER BY 1
                """)
        }
    }

    private func codedProject() throws -> Project {
        let project = try TestProject.withCodebook(try TestProject.withTranscript(Self.original))
        _ = try project.code(document: "interview", code: "alpha", coder: "alice",
                             selection: Selection(.quote("The advise centre sorted my gas bil")))
        _ = try project.code(document: "interview", code: "beta", coder: "alice",
                             selection: Selection(.quote("I hated the bus.")))
        _ = try project.code(document: "interview", code: "gamma", coder: "bob",
                             selection: Selection(.quote("the best thing I did")))
        return project
    }

    private func texts(_ project: Project) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try project.segments().map { ("\($0.code):\($0.coder)", $0.text) })
    }

    @Test func aCorrectedTranscriptKeepsEveryCodingOnItsWordsAndListsTheLostOnes() throws {
        let project = try codedProject()
        let file = project.url.deletingLastPathComponent().appendingPathComponent("interview-v2.txt")
        try Data(Self.corrected.utf8).write(to: file)
        let result = try project.replaceDocument("interview", with: file)
        #expect(result.lost.map(\.text) == ["I hated the bus."])
        #expect(result.lost.first?.code == "theme/beta")
        #expect(result.lost.first?.coder == "alice")
        #expect(result.moved.count == 2)
        let now = try texts(project)
        #expect(now == ["theme/alpha:alice": "The advice centre sorted my gas bill",
                        "other/gamma:bob": "the best thing I did"])
        // Every segment's text is the stored text at its offsets; turns are re-split.
        let stored = try project.document("interview")
        #expect(stored.text == Self.corrected)
        #expect(stored.turns.count == 4)
        for segment in try project.segments() {
            #expect(stored.scalars.slice(segment.start, segment.end) == segment.text)
        }
    }

    @Test func undoBringsBackTheOldTextAndEveryCodingExactly() throws {
        let project = try codedProject()
        let before = try state(project)
        let file = project.url.deletingLastPathComponent().appendingPathComponent("interview-v2.txt")
        try Data(Self.corrected.utf8).write(to: file)
        _ = try project.replaceDocument("interview", with: file)
        let after = try state(project)
        #expect(after != before)
        #expect(try project.undo()?.action == "document.replace")
        #expect(try state(project) == before)
        #expect(try project.document("interview").text == Self.original)
        try project.redo()
        #expect(try state(project) == after)
    }

    @Test func renameRefusesATakenNameAndUndoes() throws {
        let project = try TestProject.withTranscript(Self.original)
        #expect(throws: DocumentLifecycleError.emptyName) { try project.renameDocument("interview", to: "  ") }
        let renamed = try project.renameDocument("interview", to: "P01 first interview")
        #expect(renamed.old == "interview" && renamed.new == "P01 first interview")
        #expect(try project.documents().map(\.name) == ["P01 first interview"])
        try project.undo()
        #expect(try project.documents().map(\.name) == ["interview"])
    }

    @Test func removeNeedsConsentForCodingsAndUndoRestoresEverything() throws {
        let project = try codedProject()
        try project.setDocumentMemo("interview", memo: "first reading")
        let before = try state(project)
        #expect(throws: DocumentLifecycleError.hasCodings(document: "interview", codings: 3, memos: 0)) {
            try project.removeDocument("interview")
        }
        #expect(try state(project) == before)
        let removal = try project.removeDocument("interview", force: true)
        #expect(removal == DocumentRemoval(document: "interview", codings: 3, memos: 1))
        #expect(try project.documents().isEmpty)
        #expect(try state(project).isEmpty)
        try project.undo()
        #expect(try state(project) == before)
    }
}
