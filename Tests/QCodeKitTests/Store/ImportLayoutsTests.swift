import Foundation
import Testing
@testable import QCodeKit

/// Importing CSV layouts (issue 14): duplicate texts by content hash, cases, progress.
@Suite struct ImportLayoutsTests {
    private func write(_ text: String, _ name: String, in project: Project) throws -> URL {
        let url = project.url.deletingLastPathComponent().appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func duplicateCSVTextsAreSkippedByContentHash() throws {
        let project = try TestProject.make()
        let dialogue = "time,speaker,statement\n0:01,A,Hello there.\n0:02,B,Hi, good to see you.\n"
        let first = try write(dialogue, "call.csv", in: project)
        let copy = try write(dialogue, "call-copy.csv", in: project)
        let report = try project.importFiles([first, copy])
        #expect(report.added.map(\.name) == ["call"])
        #expect(report.skipped.map(\.file) == ["call-copy.csv"])
        #expect(report.skipped.map(\.reason) == ["same text as document 'call'"])

        // Survey answers: the same answer from two respondents is two documents; the same
        // respondent's answer in another file is a duplicate.
        let wave1 = try write("id,comment\nP1,No.\nP2,No.\nP3,It was too far to travel every week.\n", "wave1.csv", in: project)
        let wave2 = try write("id,comment\nP3,It was too far to travel every week.\nP4,No.\n", "wave2.csv", in: project)
        var options = ImportOptions()
        options.csvTextColumns = ["comment"]
        let survey = try project.importFiles([wave1, wave2], options: options)
        #expect(survey.added.map(\.name) == ["wave1-P1", "wave1-P2", "wave1-P3", "wave2-P4"])
        #expect(survey.skipped.map(\.reason) == ["same text as document 'wave1-P3'"])
        // Re-importing the same file skips every row.
        let again = try project.importFiles([wave1], options: options)
        #expect(again.added.isEmpty && again.skipped.count == 3)
    }

    @Test func noCasesAndFileNamespacedCases() throws {
        let project = try TestProject.make()
        let a = try write("comment\nThe course was far too long for me and I stopped halfway.\n", "a.csv", in: project)
        let b = try write("comment\nThe course was good but the room was always far too cold.\n", "b.csv", in: project)
        let namespaced = try project.importFiles([a])
        #expect(namespaced.added.map(\.caseName) == ["a.csv#1"])
        var options = ImportOptions()
        options.noCases = true
        let none = try project.importFiles([b], options: options)
        #expect(none.added.map(\.caseName) == [nil])
        #expect(none.casesCreated.isEmpty)
    }

    @Test func progressCountsFilesAndBytes() throws {
        let project = try TestProject.make()
        let urls = try (1...3).map { try write("Interviewer: Question \($0)?\nP0\($0): Answer \($0).\n", "p\($0).txt", in: project) }
        let total = try urls.reduce(0) { $0 + (try Data(contentsOf: $1)).count }
        var seen: [ImportProgress] = []
        _ = try project.importFiles(urls) { seen.append($0) }
        #expect(seen.map(\.files) == [0, 1, 2, 3])
        #expect(seen.allSatisfy { $0.totalFiles == 3 && $0.totalBytes == total })
        #expect(seen.last?.bytes == total && seen.last?.documents == 3)
    }

    @Test func aBadCSVLeavesNothingHalfImported() throws {
        let project = try TestProject.make()
        let good = try write("speaker,text\nA,Hello.\nB,Hi.\n", "good.csv", in: project)
        let bad = try write("speaker,text\nA,\"never closed\nB,Hi.\n", "bad.csv", in: project)
        #expect(throws: ImportError(file: bad.path, reason: "unbalanced quote in CSV at line 2")) {
            try project.importFiles([good, bad])
        }
        #expect(try project.documents().isEmpty)
    }
}
