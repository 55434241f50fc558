import Foundation
import Testing
import ZIPFoundation
@testable import QCodeKit

/// Helpers for the Corpus tests.
enum CorpusTest {
    /// Text with expected spans marked by `⟦` and `⟧`; offsets are Unicode scalars in the
    /// unmarked text.
    struct Marked {
        var text: String
        var spans: [TextSpan]

        init(_ marked: String) {
            var text = String.UnicodeScalarView()
            var spans: [TextSpan] = []
            var open: Int? = nil
            var n = 0
            for s in marked.unicodeScalars {
                if s == "⟦" { open = n } else if s == "⟧" {
                    spans.append(TextSpan(start: open!, end: n))
                    open = nil
                } else {
                    text.append(s)
                    n += 1
                }
            }
            self.text = String(text)
            self.spans = spans
        }

        /// The marked substrings.
        var slices: [String] { spans.map { $0.slice(of: text) } }
    }

    /// The text a span covers, by scalar offsets.
    static func slice(_ doc: ParsedDocument, _ span: TextSpan) -> String { span.slice(of: doc.text) }

    /// Parses `text` as a file called `name`.
    static func parse(_ text: String, name: String = "sample.txt", options: ImportOptions = .init()) throws -> ParsedDocument {
        let docs = try DocumentReader.parse(data: Data(text.utf8), fileName: name, options: options)
        try #require(docs.count == 1)
        return docs[0]
    }

    /// Checks that `doc` has the text of `marked` and turns exactly at the marked spans, with
    /// the given speakers.
    static func expectTurns(
        _ doc: ParsedDocument, _ marked: Marked, speakers: [String?], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(doc.text == marked.text, sourceLocation: sourceLocation)
        #expect(doc.turns.map(\.speaker) == speakers, sourceLocation: sourceLocation)
        #expect(doc.turns.map { slice(doc, $0.span) } == marked.slices, sourceLocation: sourceLocation)
        #expect(doc.turns.map(\.span) == marked.spans, sourceLocation: sourceLocation)
    }

    /// Checks that the sentences of `doc` are the marked spans.
    static func expectSentences(_ doc: ParsedDocument, _ marked: Marked, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(doc.text == marked.text, sourceLocation: sourceLocation)
        #expect(doc.sentences.map { slice(doc, $0) } == marked.slices, sourceLocation: sourceLocation)
        #expect(doc.sentences == marked.spans, sourceLocation: sourceLocation)
    }

    /// Asserts that `body` throws an ImportError with exactly this reason.
    static func expectImportError(
        _ reason: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("expected ImportError '\(reason)', nothing thrown", sourceLocation: sourceLocation)
        } catch let error as ImportError {
            #expect(error.reason == reason, sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected ImportError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Builds a zip archive in memory.
    static func makeZip(_ entries: [(path: String, data: Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        return try #require(archive.data)
    }

    /// A minimal .docx whose body is `body` (WordprocessingML paragraphs and tables).
    static func makeDocx(body: String, prolog: String = "") throws -> Data {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\(prolog)
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
            """
        return try makeZip([
            ("[Content_Types].xml", Data("<Types/>".utf8)),
            ("word/document.xml", Data(xml.utf8)),
        ])
    }

    /// A minimal .odt whose office:text is `body`.
    static func makeODT(body: String) throws -> Data {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
            xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>\(body)</office:text></office:body></office:document-content>
            """
        return try makeZip([
            ("mimetype", Data("application/vnd.oasis.opendocument.text".utf8)),
            ("content.xml", Data(xml.utf8)),
        ])
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
