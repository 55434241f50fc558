import Foundation
import GRDB
import Testing
@testable import QCodeKit

/// Undo by changesets: every change recorded through the store can be undone and redone
/// exactly, imports included; entries from older formats still decode and undo.
@Suite struct UndoEverythingTests {
    private func documentsFingerprint(_ project: Project) throws -> [String] {
        try project.database.read { db in
            try String.fetchAll(db, sql: """
                SELECT d.id || ':' || d.name || ':' || d.sha256 || ':' || d.characters || ':' ||
                       (SELECT group_concat(number || '/' || ifnull(speaker, '') || '/' || start || '-' || "end", ',')
                        FROM turns t WHERE t.document_id = d.id)
                FROM documents d ORDER BY d.id
                """)
        }
    }

    @Test func undoingAnImportRemovesItsDocumentsAndRedoBringsThemBackExactly() throws {
        let project = try TestProject.withTranscript(sampleInterview)
        let before = try documentsFingerprint(project)
        #expect(before.count == 1)
        let undone = try #require(try project.undo())
        #expect(undone.action == "import")
        #expect(try project.documents().isEmpty)
        #expect(try project.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM turns") } == 0)
        let redone = try #require(try project.redo())
        #expect(redone.id == undone.id)
        #expect(try documentsFingerprint(project) == before)
        try project.undo()
        #expect(try project.documents().isEmpty)
    }

    @Test func anImportWithCodingsMadeSinceIsNotUndoneButExplained() throws {
        let project = try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
        _ = try project.code(document: "interview", code: "alpha", coder: "bob", selection: Selection(.turns(2...2)))
        let entries = try project.auditEntries(limit: 100)
        let importID = try #require(entries.first { $0.action == "import" }?.id)
        #expect {
            try project.undo(entryID: importID)
        } throws: { error in
            "\(error)".contains("document 'interview' has 1 coding(s) made since")
        }
        #expect(try project.documents().count == 1)
        #expect(try project.segments().count == 1)
    }

    @Test func documentMemosUndoAndRedo() throws {
        let project = try TestProject.withTranscript(sampleInterview)
        try project.setDocumentMemo("interview", memo: "first reading")
        try project.setDocumentMemo("interview", memo: "second reading")
        #expect(try project.undo()?.action == "document.memo")
        #expect(try project.documents().first?.memo == "first reading")
        try project.undo()
        #expect(try project.documents().first?.memo == nil)
        try project.redo()
        try project.redo()
        #expect(try project.documents().first?.memo == "second reading")
    }

    @Test func anOlderDocumentMemoEntryStillDecodesAndUndoes() throws {
        let project = try TestProject.withTranscript(sampleInterview)
        try project.database.write { db in
            try db.execute(sql: "UPDATE documents SET memo = 'new' WHERE name = 'interview'")
            try db.execute(sql: """
                INSERT INTO audit_log(at, actor, action, summary, before, after)
                VALUES ('2026-11-01T00:00:00Z', NULL, 'document.memo', 'memo on document interview', '"old"', '"new"')
                """)
        }
        let entry = try #require(try project.auditEntries(limit: 1).first)
        #expect(entry.auditAction == .documentMemo(DocumentMemoChange(document: "", before: "old", after: "new")))
        try project.undo()
        #expect(try project.documents().first?.memo == "old")
        try project.redo()
        #expect(try project.documents().first?.memo == "new")
    }

    @Test func aConflictingLaterChangeRefusesTheUndoAndChangesNothing() throws {
        let project = try TestProject.withTranscript(sampleInterview)
        try project.setDocumentMemo("interview", memo: "mine")
        let memoEntry = try #require(try project.auditEntries(limit: 1).first?.id)
        // Someone else changes the same row outside the audited path.
        try project.database.write { db in try db.execute(sql: "UPDATE documents SET memo = 'theirs'") }
        #expect(throws: UndoError.self) { try project.undo(entryID: memoEntry) }
        #expect(try project.documents().first?.memo == "theirs")
    }

    @Test func everyActionNameDecodesToItsTypedAction() throws {
        let snapshot = CodingSnapshot(document: 1, code: "a", coder: "alice", start: 0, end: 4)
        let actions: [AuditAction] = [
            .importDocuments(ImportedDocuments(source: "import", ids: [1], names: ["x"])),
            .code([snapshot]), .uncode([snapshot]),
            .codingMemo(CodingMemoChange(before: snapshot, after: snapshot)),
            .documentMemo(DocumentMemoChange(document: "x", before: nil, after: "m")),
            .document(DocumentEdit(operation: .rename, document: "x", detail: "y")),
            .cases(CaseEdit(operation: .merge, subjects: ["A", "B"])),
            .cases(CaseEdit(operation: .import, subjects: ["survey.csv"])),
            .coders(CoderEdit(operation: .rename, from: "al", to: "alice")),
            .codebook(CodebookEdit(operation: .set, subjects: ["theme/alpha"])),
            .bulkCodings(BulkCodings(source: "codings.import", count: 3)),
            .team(TeamEvent(kind: "merge", detail: nil)),
            .undo(entry: 4), .redo(entry: 4),
        ]
        for action in actions {
            #expect(AuditAction(name: action.name, before: nil, after: try action.encodedPayload()) == action)
        }
        #expect(AuditAction(name: "something.new", before: nil, after: nil) == .unknown(name: "something.new"))
    }

    @Test func codingIdsAreNeverReused() throws {
        let project = try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
        _ = try project.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(1...2)))
        let ids = try project.segments().map(\.id)
        try project.undo()
        _ = try project.code(document: "interview", code: "beta", coder: "bob", selection: Selection(.turns(3...3)))
        let newID = try #require(try project.segments().first?.id)
        #expect(newID > ids.max()!)
    }
}
