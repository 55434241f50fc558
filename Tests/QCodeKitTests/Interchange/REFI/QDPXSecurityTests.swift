import Foundation
import GRDB
import Testing
@testable import QCodeKit

/// Hostile archives, built here: each is refused with one line naming the file, and the
/// project is left exactly as it was.
@Suite("REFI-QDA hostile archives")
struct QDPXSecurityTests {
    static let validQDE = """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="p">
          <CodeBook><Codes><Code guid="11111111-1111-1111-1111-111111111111" name="c" isCodable="true"/></Codes></CodeBook>
          <Sources>
            <TextSource guid="22222222-2222-2222-2222-222222222222" name="doc" plainTextPath="internal://22222222-2222-2222-2222-222222222222.txt">
              <PlainTextSelection guid="33333333-3333-3333-3333-333333333333" startPosition="0" endPosition="5">
                <Coding guid="44444444-4444-4444-4444-444444444444"><CodeRef targetGUID="11111111-1111-1111-1111-111111111111"/></Coding>
              </PlainTextSelection>
            </TextSource>
          </Sources>
        </Project>
        """
    static let sourceEntry = ("sources/22222222-2222-2222-2222-222222222222.txt", Data("Hello world\n".utf8))

    /// Imports `url` into a project holding one document, expecting an error, and checks
    /// that nothing changed.
    private func expectRefused(_ url: URL, mentioning words: String) throws {
        let project = try TestProject.make()
        let file = TemporaryDirectory.make().appendingPathComponent("keep.txt")
        try Data("I: kept\n".utf8).write(to: file)
        _ = try project.importFiles([file])
        let before = try project.database.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM codes) + (SELECT count(*) FROM codings) + (SELECT count(*) FROM audit_log)")
        }
        do {
            _ = try project.importQDPX(url: url)
            Issue.record("expected \(url.lastPathComponent) to be refused")
        } catch let error as ImportError {
            #expect(error.description.hasPrefix(url.path), "\(error)")
            #expect(error.description.contains(words), "\(error)")
            #expect(!error.description.contains("\n"))
        }
        let after = try project.database.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM codes) + (SELECT count(*) FROM codings) + (SELECT count(*) FROM audit_log)")
        }
        #expect(before == after)
    }

    @Test func theValidArchiveImports() throws {
        let url = try REFITest.zip([("project.qde", Data(Self.validQDE.utf8)), Self.sourceEntry])
        let project = try TestProject.make()
        let report = try project.importQDPX(url: url)
        #expect(report.documents == ["doc"] && report.codings == 1 && report.coders == ["imported"])
        #expect(try project.segments().map(\.text) == ["Hello"])
    }

    @Test func entriesThatEscapeTheFolderAreRefused() throws {
        for path in ["../evil.txt", "sources/../../evil.txt", "/etc/evil.txt", "sources\\..\\evil.txt", "C:/evil.txt"] {
            let url = try REFITest.zip([("project.qde", Data(Self.validQDE.utf8)), Self.sourceEntry, (path, Data("x".utf8))])
            try expectRefused(url, mentioning: "entry")
        }
    }

    @Test func aDoctypeIsRefused() throws {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <Project xmlns="urn:QDA-XML:project:1.0" name="&lol2;"/>
            """
        let url = try REFITest.zip([("project.qde", Data(bomb.utf8))])
        try expectRefused(url, mentioning: "document type declarations are not allowed")
        let external = """
            <?xml version="1.0"?>
            <!doctype Project SYSTEM "file:///etc/passwd">
            <Project xmlns="urn:QDA-XML:project:1.0" name="x"/>
            """
        try expectRefused(try REFITest.zip([("project.qde", Data(external.utf8))]), mentioning: "document type")
    }

    @Test func aZipBombIsRefusedBeforeItIsInflated() throws {
        let zeros = Data(count: 30 * 1024 * 1024)
        let url = try REFITest.zip([("project.qde", Data(Self.validQDE.utf8)),
                                    ("sources/22222222-2222-2222-2222-222222222222.txt", zeros)])
        try expectRefused(url, mentioning: "zip bomb")
    }

    @Test func malformedXMLAndNonZipFilesAreRefused() throws {
        let broken = try REFITest.zip([("project.qde", Data("<Project name='x'><Users>".utf8))])
        try expectRefused(broken, mentioning: "malformed XML")
        let notZip = TemporaryDirectory.make().appendingPathComponent("fake.qdpx")
        try Data("PK but not really".utf8).write(to: notZip)
        try expectRefused(notZip, mentioning: "not a ZIP archive")
        let noProject = try REFITest.zip([Self.sourceEntry])
        try expectRefused(noProject, mentioning: "no project.qde")
    }

    @Test func externalSourcePathsAreNeverRead() throws {
        let qde = Self.validQDE.replacingOccurrences(of: "internal://22222222-2222-2222-2222-222222222222.txt",
                                                     with: "file:///etc/hostname")
        let url = try REFITest.zip([("project.qde", Data(qde.utf8))])
        let project = try TestProject.make()
        let report = try project.importQDPX(url: url)
        #expect(report.documents.isEmpty)
        #expect(report.warnings.contains { $0.contains("not inside the archive") })
    }

    @Test func aBadCodingRollsBackTheWholeImport() throws {
        // Two sources with the same text but one named like an existing, different document.
        let url = try REFITest.zip([("project.qde", Data(Self.validQDE.utf8)), Self.sourceEntry])
        let project = try TestProject.make()
        let file = TemporaryDirectory.make().appendingPathComponent("doc.txt")
        try Data("I: another text\n".utf8).write(to: file)
        _ = try project.importFiles([file])
        #expect(throws: ImportError.self) { try project.importQDPX(url: url) }
        #expect(try project.codes().isEmpty)
        #expect(try project.documents().map(\.name) == ["doc"])
    }
}
