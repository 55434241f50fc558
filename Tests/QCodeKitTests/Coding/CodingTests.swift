import Foundation
import GRDB
import Testing
@testable import QCodeKit

@Suite struct CodingTests {
    private func project() throws -> Project {
        try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
    }

    @Test func codingAddsSegmentsAndSkipsExactDuplicates() throws {
        let project = try project()
        let first = try project.code(document: "interview", code: "theme/alpha", coder: "ann", selection: Selection(.turns(2...4)))
        #expect(first.changed.count == 3)
        let again = try project.code(document: "interview", code: "alpha", coder: "ann", selection: Selection(.turns(2...2)))
        #expect(again.changed.isEmpty && again.duplicates.count == 1)
        let other = try project.code(document: "interview", code: "alpha", coder: "bob", selection: Selection(.turns(2...2)))
        #expect(other.changed.count == 1)
        #expect(try project.segments().count == 4)
    }

    @Test func segmentsCarryTextSpeakerTurnAndFilterBySubtree() throws {
        let project = try project()
        try project.code(document: "interview", code: "alpha", coder: "ann", selection: Selection(.quote("lonely after my wife died")), memo: "grief")
        try project.code(document: "interview", code: "gamma", coder: "ann", selection: Selection(.turns(4...4)))
        var filter = SegmentFilter()
        filter.code = "theme"
        let segments = try project.segments(filter)
        #expect(segments.count == 1)
        #expect(segments[0].text == "lonely after my wife died")
        #expect(segments[0].code == "theme/alpha")
        #expect(segments[0].speaker == "P01" && segments[0].turn == 2 && segments[0].memo == "grief")
        filter.includeChildren = false
        #expect(try project.segments(filter).isEmpty)
        var bySpeaker = SegmentFilter()
        bySpeaker.speaker = "interviewer"
        #expect(try project.segments(bySpeaker).isEmpty)
    }

    @Test func uncodeRemovesOnlyCodingsInsideTheSelection() throws {
        let project = try project()
        try project.code(document: "interview", code: "alpha", coder: "ann", selection: Selection(.turns(1...4)))
        try project.code(document: "interview", code: "beta", coder: "ann", selection: Selection(.turns(2...2)))
        let removed = try project.uncode(document: "interview", code: "alpha", coder: "ann", selection: Selection(.turns(2...3)))
        #expect(removed.changed.count == 2)
        let all = try project.uncode(document: "interview", code: "theme", coder: "ann", selection: Selection(.turns(1...4)), children: true)
        #expect(all.changed.count == 3)
        #expect(try project.segments().isEmpty)
    }

    @Test func everyChangeIsInTheAuditLog() throws {
        let project = try project()
        try project.code(document: "interview", code: "alpha", coder: "ann", selection: Selection(.turns(2...2)))
        let entries = try project.auditEntries()
        #expect(entries.first?.action == "code")
        #expect(entries.first?.actor == "ann")
        #expect(entries.first?.after?.contains("\"start\"") == true)
    }

    @Test func unknownCodeSuggestsNearMatchesAndChangesNothing() throws {
        let project = try project()
        #expect(throws: CodebookError.self) {
            try project.code(document: "interview", code: "alpah", coder: "ann", selection: Selection(.turns(2...2)))
        }
        #expect(try project.segments().isEmpty)
    }

    @Test func codingsImportIsAllOrNothing() throws {
        let project = try project()
        let good = """
            document,coder,code,quote,memo
            interview,ann,alpha,The choir changed that.,
            interview,bob,theme/beta,"Money is tight.",money
            """
        let report = try project.importCodings(csv: good, file: "good.csv")
        #expect(report.added == 2 && report.coders == ["ann", "bob"])
        let bad = """
            document,coder,code,turns
            interview,ann,gamma,1
            interview,ann,gamma,9
            """
        #expect(throws: ImportError.self) { try project.importCodings(csv: bad, file: "bad.csv") }
        #expect(try project.segments().count == 2)
    }

    @Test func codingOutsideTheDocumentIsRefusedBySQLite() throws {
        let project = try project()
        let id = try project.documentID("interview")
        #expect(throws: DatabaseError.self) {
            try project.addCodings([NewCoding(documentID: id, codeID: "a", coder: "ann", start: 0, end: 100_000)])
        }
        #expect(try project.segments().isEmpty)
    }
}
