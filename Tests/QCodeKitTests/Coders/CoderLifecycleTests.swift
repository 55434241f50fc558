import Foundation
import Testing
@testable import QCodeKit

/// Listing, renaming and merging coders; each change undoes exactly.
@Suite struct CoderLifecycleTests {
    private func project() throws -> Project {
        let project = try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
        try project.code(document: "interview", code: "alpha", coder: "ann", selection: Selection(.turns(2...3)))
        try project.code(document: "interview", code: "beta", coder: "ann", selection: Selection(.turns(4...4)))
        try project.code(document: "interview", code: "alpha", coder: "bob", selection: Selection(.turns(2...2)))
        try project.code(document: "interview", code: "gamma", coder: "bob", selection: Selection(.turns(1...1)))
        return project
    }

    private func codings(_ project: Project) throws -> [String] {
        try project.segments().map { "\($0.code):\($0.coder):\($0.start)-\($0.end)" }.sorted()
    }

    @Test func theOverviewCountsEachCodersCodingsPerDocumentWithZerosAndTotalsAndLeavesOutCodersWithNone() {
        let overview = CoderOverview(coderNames: ["bob", "Ann", "carol"], documents: [(1, "one"), (2, "two")],
                                     counts: [("Ann", 1, 3), ("bob", 1, 1), ("bob", 2, 4), ("ghost", 9, 1)])
        #expect(overview.coders.map(\.coder) == ["Ann", "bob"])
        #expect(overview.coders.map(\.total) == [3, 5])
        #expect(overview.total(of: "one") == 4 && overview.total == 8)
        #expect(overview.tabular.headers == ["document", "Ann", "bob", "total"])
        #expect(overview.tabular.rows == [["one", "3", "1", "4"], ["two", "0", "4", "4"], ["total", "3", "5", "8"]])
    }

    @Test func theOverviewReadsTheProject() throws {
        let overview = try project().coderOverview()
        #expect(overview.documents == ["interview"])
        #expect(overview.coders.map(\.coder) == ["ann", "bob"])
        #expect(overview.coders.map { $0.documents["interview"] } == [3, 2])
    }

    @Test func renameKeepsCodingsAndMemosAllowsACaseChangeAndUndoes() throws {
        let project = try project()
        let id = try #require(try project.segments().first { $0.coder == "ann" }?.id)
        try project.setCodingMemo(id: id, memo: "note", author: "ANN")
        let before = try TableDump.of(project)
        #expect(try project.renameCoder("ANN", to: "Ann") == ("ann", "Ann"))
        #expect(try project.renameCoder("ann", to: " Ann Smith ") == ("Ann", "Ann Smith"))
        #expect(try codings(project).filter { $0.contains("Ann Smith") }.count == 3)
        #expect(try project.memos().first?.author == "Ann Smith")
        let entry = try #require(try project.auditEntries(limit: 1).first)
        #expect(entry.auditAction == .coders(CoderEdit(operation: .rename, from: "Ann", to: "Ann Smith")))
        #expect(entry.action == "coder.rename")
        try project.undo()
        try project.undo()
        #expect(try TableDump.of(project) == before)
    }

    @Test func renameRefusesATakenNameAnUnknownCoderAndABadName() throws {
        let project = try project()
        #expect(throws: CoderError.nameTaken("bob")) { try project.renameCoder("ann", to: "BOB") }
        #expect(throws: CoderError.notFound("zed", known: ["ann", "bob"])) { try project.renameCoder("zed", to: "x") }
        #expect(throws: CodingError.badCoderName("a,b")) { try project.renameCoder("ann", to: "a,b") }
        #expect(throws: CodingError.badCoderName(" ")) { try project.renameCoder("ann", to: " ") }
        #expect("\(CoderError.notFound("zed", known: ["ann"]))" == "no coder 'zed' (coders: ann)")
    }

    @Test func mergeMovesCodingsDropsExactDuplicatesRemovesTheCoderAndUndoes() throws {
        let project = try project()
        let before = try TableDump.of(project)
        let merge = try project.mergeCoder("bob", into: "ANN")
        // bob's alpha on turn 2 duplicates ann's; his gamma on turn 1 moves.
        #expect(merge == CoderMerge(from: "bob", into: "ann", moved: 1, duplicates: 1))
        #expect(try project.coderOverview().coders.map(\.coder) == ["ann"])
        #expect(try codings(project).count == 4)
        #expect(try codings(project).allSatisfy { $0.contains(":ann:") })
        let entry = try #require(try project.auditEntries(limit: 1).first)
        #expect(entry.auditAction == .coders(CoderEdit(operation: .merge, from: "bob", to: "ann")))
        #expect(entry.summary == "merged coder bob into ann (1 coding(s) moved, 1 duplicate(s) dropped)")
        try project.undo()
        #expect(try TableDump.of(project) == before)
        try project.redo()
        #expect(try codings(project).count == 4)
    }

    @Test func mergeRefusesTheSameCoderTwice() throws {
        let project = try project()
        #expect(throws: CoderError.mergeIntoItself("ann")) { try project.mergeCoder("ann", into: "ANN") }
        #expect(throws: CoderError.notFound("carl", known: ["ann", "bob"])) { try project.mergeCoder("carl", into: "ann") }
    }
}
