import Foundation
import Testing
@testable import QCodeKit

@Suite("Document reader")
struct DocumentReaderTests {
    @Test func formatDetection() {
        #expect(SourceFormat.detect(fileName: "a/b/P07.DOCX") == .docx)
        #expect(SourceFormat.detect(fileName: "notes.Md") == .markdown)
        #expect(SourceFormat.detect(fileName: "x.txt") == .text)
        #expect(SourceFormat.detect(fileName: "x.srt") == .srt)
        #expect(SourceFormat.detect(fileName: "x.vtt") == .vtt)
        #expect(SourceFormat.detect(fileName: "x.odt") == .odt)
        #expect(SourceFormat.detect(fileName: "x.csv") == .csv)
        #expect(SourceFormat.detect(fileName: "x.pdf") == nil)
        #expect(SourceFormat.detect(fileName: "README") == nil)
    }

    @Test func unsupportedExtension() {
        CorpusTest.expectImportError("unsupported file type '.pdf' (supported: txt, md, docx, odt, vtt, srt, csv)") {
            _ = try DocumentReader.parse(data: Data("x".utf8), fileName: "a.pdf")
        }
    }

    @Test func explicitFormatOverridesExtension() throws {
        var options = ImportOptions()
        options.format = .text
        let docs = try DocumentReader.parse(data: Data("I: hi".utf8), fileName: "notes.log", options: options)
        #expect(docs.first?.format == .text)
        #expect(docs.first?.name == "notes")
    }

    @Test func emptyAndWhitespaceFiles() {
        CorpusTest.expectImportError("empty file") { _ = try DocumentReader.parse(data: Data(), fileName: "a.txt") }
        CorpusTest.expectImportError("empty file") { _ = try DocumentReader.parse(data: Data(" \n\n\t".utf8), fileName: "a.txt") }
    }

    @Test func sizeLimitIsCheckedBeforeReading() throws {
        let dir = try CorpusTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("huge.txt")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 300 * 1024 * 1024)  // sparse: nothing is written
        try handle.close()
        do {
            _ = try DocumentReader.read(contentsOf: url)
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.reason == "file is 300 MB, over the 200 MB limit")
            #expect(error.file == url.path)
        }
    }

    @Test func readFromFileNamesTheDocument() throws {
        let dir = try CorpusTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("P07 interview.txt")
        try Data("Interviewer: Hello.\nP07: Hi.".utf8).write(to: url)
        let doc = try #require(try DocumentReader.read(contentsOf: url).first)
        #expect(doc.name == "P07 interview")
        #expect(doc.turns.count == 2)
        CorpusTest.expectImportError("file not found") {
            _ = try DocumentReader.read(contentsOf: dir.appendingPathComponent("missing.txt"))
        }
    }
}
