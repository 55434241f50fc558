import Foundation
import Testing
@testable import QCodeKit

/// Memos record who wrote them and when, are listed with `memos`, and undo exactly.
@Suite struct MemoTests {
    private func project() throws -> Project {
        let project = try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
        try project.code(document: "interview", code: "alpha", coder: "Ann", selection: Selection(.turns(2...2)))
        try project.code(document: "interview", code: "gamma", coder: "bob", selection: Selection(.turns(4...4)))
        return project
    }

    private func codingID(_ project: Project, code: String) throws -> Int64 {
        try #require(try project.segments().first { $0.code == code }?.id)
    }

    @Test func aDocumentMemoRecordsItsAuthorAndTimeAndIsListed() throws {
        let project = try project()
        let entry = try project.setDocumentMemo("interview", memo: "first reading", author: "ann")
        #expect(entry.kind == .document && entry.document == "interview")
        #expect(entry.author == "Ann")  // spelled as the coder is
        #expect(entry.at?.hasSuffix("Z") == true)
        let memos = try project.memos()
        #expect(memos == [entry])
        #expect(memos[0].text == "first reading")
    }

    @Test func codingMemosAreListedWithCodeRangeAndAuthorInTextOrder() throws {
        let project = try project()
        let gamma = try codingID(project, code: "other/gamma")
        let alpha = try codingID(project, code: "theme/alpha")
        try project.setCodingMemo(id: gamma, memo: "money", author: "bob")
        try project.setCodingMemo(id: alpha, memo: "grief", author: "carol")
        try project.setDocumentMemo("interview", memo: "whole", author: "bob")
        let memos = try project.memos()
        #expect(memos.map(\.kind) == [.document, .coding, .coding])
        #expect(memos.map(\.text) == ["whole", "grief", "money"])
        let grief = memos[1]
        let turn = try project.document("interview").turns[1].span
        #expect(grief.codingID == alpha && grief.code == "theme/alpha")
        #expect(grief.start == turn.start && grief.end == turn.end)
        #expect(grief.author == "carol")
        #expect(try project.memos(author: "BOB").map(\.text) == ["whole", "money"])
        #expect(try project.memos(author: "nobody").isEmpty)
        #expect(try project.memos(document: "interv").count == 3)
    }

    @Test func theProjectsUserIsTheAuthorWhenNoneIsGiven() throws {
        let plain = try project()
        let project = try Project.open(at: plain.url, user: "dora")
        let entry = try project.setCodingMemo(id: try codingID(project, code: "theme/alpha"), memo: "x")
        #expect(entry.author == "dora")
        #expect(try project.auditEntries(limit: 1).first?.actor == "dora")
        #expect(try project.auditEntries(limit: 1).first?.action == "coding.memo.set")
    }

    @Test func clearingAMemoClearsItsAuthorAndUndoRestoresEverythingExactly() throws {
        let project = try project()
        let alpha = try codingID(project, code: "theme/alpha")
        try project.setCodingMemo(id: alpha, memo: "grief", author: "ann")
        try project.setDocumentMemo("interview", memo: "whole", author: "bob")
        let before = try TableDump.of(project)
        let cleared = try project.setCodingMemo(id: alpha, memo: nil, author: "bob")
        #expect(cleared.text.isEmpty && cleared.author == nil)
        #expect(try project.memos().map(\.kind) == [.document])
        try project.setDocumentMemo("interview", memo: "rewritten", author: "carol")
        #expect(try project.memos().first?.author == "carol")
        try project.undo()
        try project.undo()
        #expect(try TableDump.of(project) == before)
        #expect(try project.memos().map(\.author) == ["bob", "Ann"])
        try project.redo()
        #expect(try project.memos().map(\.kind) == [.document])
    }

    @Test func unknownCodingsAndCommasInNamesAreRefused() throws {
        let project = try project()
        #expect(throws: CodingError.noSuchCoding(999)) { try project.setCodingMemo(id: 999, memo: "x", author: "ann") }
        #expect(throws: CodingError.badCoderName("a,b")) { try project.setDocumentMemo("interview", memo: "x", author: "a,b") }
        #expect(throws: DocumentLookupError.notFound("nothing")) { try project.memos(document: "nothing") }
    }
}
