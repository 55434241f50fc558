import Foundation
import GRDB
import Testing
@testable import QCodeKit

@Suite("Project.check")
struct CheckTests {
    /// A coded project, then a raw connection that can break rules qcode never breaks.
    func damaged(_ damage: (Database) throws -> Void) throws -> [IntegrityProblem] {
        let project = try TestProject.withCodebook(TestProject.withTranscript(sampleInterview))
        _ = try project.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(1...2)))
        let raw = try DatabaseQueue(path: project.url.path)
        try raw.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "DROP TRIGGER documents_text_immutable; DROP TRIGGER codings_inside_document_update; DROP TRIGGER codings_inside_document_insert")
            try damage(db)
        }
        try raw.close()
        return try project.check()
    }

    @Test func soundProjectHasNoProblems() throws {
        let project = try TestProject.withCodebook(TestProject.withTranscript(sampleInterview))
        _ = try project.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(1...4)))
        #expect(try project.check().isEmpty)
    }

    @Test func codingPastTheEnd() throws {
        let problems = try damaged { db in try db.execute(sql: #"UPDATE codings SET "end" = 100000"#) }
        #expect(problems.map(\.kind).contains(.codingOutsideDocument))
        #expect(problems.contains { $0.message.contains("past the document's end") && $0.message.contains("'interview'") })
    }

    @Test func codingOfMissingCodeAndCoder() throws {
        let problems = try damaged { db in try db.execute(sql: "UPDATE codings SET code_id = 'gone', coder_id = 99") }
        #expect(problems.contains { $0.kind == .codingReference && $0.message.contains("code 'gone'") })
        #expect(problems.contains { $0.kind == .codingReference && $0.message.contains("coder 99") })
        #expect(problems.contains { $0.kind == .foreignKey })
    }

    @Test func changedTextBreaksTheHash() throws {
        let problems = try damaged { db in try db.execute(sql: "UPDATE documents SET text = replace(text, 'lonely', 'LONELY')") }
        #expect(problems.map(\.kind) == [.documentText])
        #expect(problems[0].message.contains("SHA-256"))
    }

    @Test func overlappingAndMisnumberedTurns() throws {
        let problems = try damaged { db in
            try db.execute(sql: "UPDATE turns SET start = 0 WHERE number = 2")
            try db.execute(sql: "UPDATE turns SET number = 7 WHERE number = 4")
        }
        #expect(problems.contains { $0.kind == .turn && $0.message.contains("before turn 1 ends") })
        #expect(problems.contains { $0.kind == .turn && $0.message.contains("no turn 4") })
    }

    @Test func codeCycle() throws {
        let problems = try damaged { db in
            try db.execute(sql: "UPDATE codes SET parent_id = 'a' WHERE id = 't'")
        }
        #expect(problems.contains { $0.kind == .codeTree && $0.message.contains("cycle") })
    }

    @Test func malformedSpanBlobs() throws {
        let problems = try damaged { db in
            try db.execute(sql: "UPDATE documents SET paragraphs = x'0102', sentences = x'0500000001000000'")
        }
        #expect(problems.contains { $0.kind == .documentSpans && $0.message.contains("paragraph spans") && $0.message.contains("8-byte") })
        #expect(problems.contains { $0.kind == .documentSpans && $0.message.contains("sentence spans") && $0.message.contains("reversed") })
    }

    @Test func limitPerKind() throws {
        let project = try TestProject.withCodebook(TestProject.withTranscript(sampleInterview))
        _ = try project.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(1...4)))
        let raw = try DatabaseQueue(path: project.url.path)
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER codings_inside_document_update")
            try db.execute(sql: #"UPDATE codings SET "end" = "end" + 100000"#)
        }
        try raw.close()
        let problems = try project.check(limit: 2)
        #expect(problems.count == 3)
        #expect(problems.last?.message.contains("and 2 more") == true)
    }
}
