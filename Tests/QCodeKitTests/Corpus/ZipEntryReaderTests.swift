import Foundation
import Testing
@testable import QCodeKit

/// docx, odt and qdpx read through one zip extractor, with one set of guards and one set
/// of messages.
@Suite("Zip entry reader")
struct ZipEntryReaderTests {
    @Test(arguments: ["../evil.txt", "sources/../../evil.txt", "/etc/evil.txt", "sources\\..\\evil.txt", "C:/evil.txt"])
    func docxODTAndQDPXRefuseAnEscapingEntryAlike(path: String) throws {
        let entries: [(String, Data)] = [
            ("project.qde", Data(QDPXSecurityTests.validQDE.utf8)),
            ("word/document.xml", Data("<w:document xmlns:w=\"\(XMLInputGuardDecodingTests.documentNamespace)\"/>".utf8)),
            ("content.xml", Data("<x/>".utf8)),
            (path, Data("owned".utf8)),
        ]
        let url = try REFITest.zip(entries)
        let data = try Data(contentsOf: url)
        let expected = "archive entry '\(path)' points outside the archive (zip slip)"
        CorpusTest.expectImportError(expected) { _ = try DocumentReader.parse(data: data, fileName: "a.docx") }
        CorpusTest.expectImportError(expected) { _ = try DocumentReader.parse(data: data, fileName: "a.odt") }
        do {
            _ = try QDPXReader(url: url)
            Issue.record("read a .qdpx with entry \(path)")
        } catch let error as ImportError {
            #expect(error.reason == expected)
        }
    }

    @Test func entriesAreReadWithTheSameChecks() throws {
        let url = try REFITest.zip([("Word/Document.xml", Data("<d>x</d>".utf8)), ("a.txt", Data("hello".utf8))])
        let zip = try ZipEntryReader(url: url, fileName: "t.zip")
        #expect(try zip.read("a.txt") == Data("hello".utf8))
        #expect(zip.contains("word/document.xml"))  // case-insensitive, as tools differ
        #expect(try zip.readXML("word/document.xml") == Data("<d>x</d>".utf8))
        #expect(throws: ImportError(file: "t.zip", reason: "b.txt missing")) { try zip.read("b.txt") }
        let inMemory = try ZipEntryReader(data: try Data(contentsOf: url), fileName: "m.zip")
        #expect(try inMemory.read("a.txt") == Data("hello".utf8))
    }
}
