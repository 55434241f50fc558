import Foundation
import Testing
@testable import QCodeKit

/// One set of text rules for every importer: no NUL, no C0 control other than tab and line
/// feed, no lone surrogate, refused with an error naming the file before anything is stored.
@Suite("Text rules for every importer")
struct TextRulesTests {
    /// Long enough that one control character is far under the 5% that means "binary".
    static let padding = String(repeating: "Interviewer: how was the group this week for you? ", count: 4)

    @Test(arguments: [
        ("a.txt", "I: hello\nR: hi \u{1B}[2J there\n"),
        ("a.md", "**I:** hello\n**R:** hi \u{07} there\n"),
        ("a.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello \u{0E} there\n"),
        ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nhello \u{1B} there\n"),
        ("a.csv", "id,comment\nP1,\"a long enough answer to count as free text \u{01} for the survey import\"\n"),
    ])
    func controlCharactersAreRefusedInEveryTextFormat(file: String, text: String) throws {
        let data = Data((text + "\n" + Self.padding).utf8)
        do {
            _ = try DocumentReader.parse(data: data, fileName: file)
            Issue.record("\(file) was imported")
        } catch let error as ImportError {
            #expect(error.file == file)
            #expect(error.reason.contains("control character U+00"), "\(error)")
            #expect(error.reason.contains("is not allowed in text"), "\(error)")
        }
    }

    @Test func theErrorNamesTheLine() {
        CorpusTest.expectImportError("line 3: control character U+0007 is not allowed in text (only tab and line feed are)") {
            _ = try DocumentReader.parse(data: Data("I: one\r\nR: two\r\nI: th\u{07}ree\n\(Self.padding)".utf8), fileName: "t.txt")
        }
    }

    @Test func pageBreaksAndVerticalTabsBecomeLineFeedsOneForOne() throws {
        let doc = try CorpusTest.parse("I: one\u{0C}R: two\u{0B}three\n")
        #expect(doc.text == "I: one\nR: two\nthree\n")
    }

    @Test func tabsAndLineBreaksAreText() throws {
        let doc = try CorpusTest.parse("I:\tone\r\nR: two\rI: three\n")
        #expect(doc.text == "I:\tone\nR: two\nI: three\n")
        #expect(TextRules.problem(in: "a\tb\nc\r\n") == nil)
    }

    @Test func theRulesThemselves() {
        #expect(TextRules.problem(in: "ab\u{0}c") == "line 1: NUL character (U+0000) is not allowed in text")
        #expect(TextRules.problem(in: "a\nb\nc\u{1F}") == "line 3: control character U+001F is not allowed in text (only tab and line feed are)")
        #expect(TextRules.problem(in: "café 😀 \u{7F} \u{85}") == nil)  // DEL and C1 are shown escaped, not refused
        // A surrogate encoded as UTF-8 (CESU-8 / WTF-8): never valid text.
        let bytes: [UInt8] = Array("ok\n".utf8) + [0xED, 0xA0, 0x80]
        #expect(bytes.withUnsafeBufferPointer { TextRules.problem(utf8: $0) } == "line 2: lone surrogate U+D800 is not allowed in text")
    }

    @Test func loneSurrogatesInUTF16AreRefused() {
        // "I: a" then a high surrogate followed by "b": UTF-16LE with a BOM.
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit: UInt16 in [0x49, 0x3A, 0x20, 0x61, 0xD800, 0x62] { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        CorpusTest.expectImportError("invalid UTF-16 text (unpaired surrogate)") {
            _ = try DocumentReader.parse(data: Data(bytes), fileName: "s.txt")
        }
    }

    @Test func aControlCharacterInWordXMLIsRefused() throws {
        // XML 1.0 cannot hold C0 controls at all; XML 1.1 can, as character references.
        let xml = """
            <?xml version="1.1" encoding="UTF-8"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\
            <w:p><w:r><w:t>Interviewer: hello &#x1B;]0;owned&#x7; there</w:t></w:r></w:p></w:body></w:document>
            """
        let docx = try CorpusTest.makeZip([("word/document.xml", Data(xml.utf8))])
        #expect(throws: ImportError.self) { _ = try DocumentReader.parse(data: docx, fileName: "esc.docx") }
    }

    // MARK: REFI-QDA sources

    static func qdpx(source: Data, note: Data? = nil) throws -> URL {
        var qde = QDPXSecurityTests.validQDE
        var entries = [("sources/22222222-2222-2222-2222-222222222222.txt", source)]
        if let note {
            qde = qde.replacingOccurrences(of: "</Project>", with: """
                <Notes><Note guid="55555555-5555-5555-5555-555555555555" name="n" \
                plainTextPath="internal://55555555-5555-5555-5555-555555555555.txt"/></Notes></Project>
                """)
            entries.append(("sources/55555555-5555-5555-5555-555555555555.txt", note))
        }
        return try REFITest.zip([("project.qde", Data(qde.utf8))] + entries)
    }

    @Test func aNULInAREFISourceIsRefusedAndNothingIsStored() throws {
        let url = try Self.qdpx(source: Data("Hello\u{0}world\n".utf8))
        let project = try TestProject.make()
        do {
            _ = try project.importQDPX(url: url)
            Issue.record("imported a source holding a NUL")
        } catch let error as ImportError {
            #expect(error.file == url.path)
            #expect(error.reason == "source 'doc': line 1: NUL character (U+0000) is not allowed in text")
        }
        #expect(try project.documents().isEmpty)
        #expect(try project.codes().isEmpty)
    }

    @Test func otherControlsInREFISourcesAndNotesAreRefused() throws {
        #expect(throws: ImportError.self) { try QDPXReader(url: try Self.qdpx(source: Data("Hello \u{1B}]52;c;owned\u{07}\n".utf8))) }
        // UTF-16 and Windows-1252 sources go through the same rules.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "Hello\u{1}".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(throws: ImportError.self) { try QDPXReader(url: try Self.qdpx(source: Data(utf16))) }
        do {
            _ = try QDPXReader(url: try Self.qdpx(source: Data("Hello world\n".utf8), note: Data("a\u{0}b".utf8)))
            Issue.record("read a note holding a NUL")
        } catch let error as ImportError {
            #expect(error.reason.hasPrefix("note 55555555-5555-5555-5555-555555555555: line 1: NUL"), "\(error)")
        }
        // Clean text still imports.
        #expect(try QDPXReader(url: try Self.qdpx(source: Data("Hello\tworld\r\n".utf8))).documentCount == 1)
    }
}
