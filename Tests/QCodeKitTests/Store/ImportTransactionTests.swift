import Foundation
import Testing
@testable import QCodeKit

@Suite struct ImportTransactionTests {
    private func files(in project: Project) throws -> [URL] {
        let folder = project.url.deletingLastPathComponent()
        let good = folder.appendingPathComponent("good.txt")
        try Data("Interviewer: one\nP01: two\nInterviewer: three\nP01: four\n".utf8).write(to: good)
        let binary = folder.appendingPathComponent("binary.txt")
        try Data([0x48, 0x00, 0x01, 0x02, 0x00, 0x03]).write(to: binary)
        let empty = folder.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let docx = folder.appendingPathComponent("truncated.docx")
        try Data("PK\u{3}\u{4}not really a zip".utf8).write(to: docx)
        return [good, binary, empty, docx]
    }

    @Test func aBadFileAbortsTheWholeImport() throws {
        let project = try TestProject.make()
        let urls = try files(in: project)
        #expect(throws: ImportError.self) { try project.importFiles(urls) }
        #expect(try project.documents().isEmpty)
        #expect(try project.auditEntries().isEmpty)
    }

    @Test func keepGoingKeepsTheGoodFilesAndReportsEachBadOne() throws {
        let project = try TestProject.make()
        let report = try project.importFiles(try files(in: project), keepGoing: true)
        #expect(report.added.map(\.name) == ["good"])
        #expect(report.failed.map { ($0.file as NSString).lastPathComponent } == ["binary.txt", "empty.txt", "truncated.docx"])
        #expect(try project.documents().count == 1)
    }

    @Test func identicalTextIsSkippedOnReimport() throws {
        let project = try TestProject.make()
        let urls = try files(in: project)
        _ = try project.importFiles([urls[0]])
        let again = try project.importFiles([urls[0]])
        #expect(again.added.isEmpty && again.skipped.count == 1)
    }

    @Test func olderFormatIsBackedUpThenMigrated() throws {
        let project = try TestProject.make()
        try project.database.write { db in try db.execute(sql: "PRAGMA user_version = 0") }
        try project.database.close()
        let reopened = try Project.open(at: project.url)
        #expect(try reopened.database.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == Schema.formatVersion)
        let backups = try FileManager.default.contentsOfDirectory(atPath: project.url.deletingLastPathComponent().path)
            .filter { $0.hasSuffix(".qcode-backup") }
        #expect(backups.count == 1)
    }
}
