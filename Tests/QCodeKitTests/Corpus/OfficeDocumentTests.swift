import Foundation
import Testing
@testable import QCodeKit

@Suite("docx and odt")
struct OfficeDocumentTests {
    @Test func docxRunsBreaksTabsAndTables() throws {
        let body = """
            <w:p><w:r><w:t xml:space="preserve">Interviewer: How </w:t></w:r><w:r><w:t>are you?</w:t></w:r></w:p>
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>P1:</w:t></w:r><w:r><w:tab/><w:t>Fine.</w:t><w:br/><w:t>Really fine.</w:t></w:r></w:p>
            <w:p/>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Age</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>34</w:t></w:r></w:p><w:p><w:r><w:t>years</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:t>Interviewer: Thanks &amp; bye.</w:t></w:r></w:p>
            """
        let docs = try DocumentReader.parse(data: try CorpusTest.makeDocx(body: body), fileName: "P1.docx")
        let doc = try #require(docs.first)
        let m = CorpusTest.Marked("Interviewer: ⟦How are you?⟧\nP1:\t⟦Fine.\nReally fine.\n\nAge | 34 years⟧\nInterviewer: ⟦Thanks & bye.⟧")
        CorpusTest.expectTurns(doc, m, speakers: ["Interviewer", "P1", "Interviewer"])
        #expect(doc.format == .docx)
        #expect(doc.encoding == nil)
        #expect(doc.name == "P1")
    }

    @Test func docxOtterLabels() throws {
        let body = """
            <w:p><w:r><w:t>Jordan Lee   0:01</w:t></w:r></w:p><w:p><w:r><w:t>Thanks for joining.</w:t></w:r></w:p><w:p/>\
            <w:p><w:r><w:t>Alex Morgan   0:06</w:t></w:r></w:p><w:p><w:r><w:t>Sure, sale</w:t></w:r></w:p><w:p><w:r><w:t>s.</w:t></w:r></w:p>
            """
        let doc = try #require(try DocumentReader.parse(data: try CorpusTest.makeDocx(body: body), fileName: "a.docx").first)
        let m = CorpusTest.Marked("Jordan Lee   0:01\n⟦Thanks for joining.⟧\n\nAlex Morgan   0:06\n⟦Sure, sale\ns.⟧")
        CorpusTest.expectTurns(doc, m, speakers: ["Jordan Lee", "Alex Morgan"])
        #expect(doc.turns.map(\.time) == [1, 6])
    }

    @Test func corruptAndTruncatedZip() throws {
        CorpusTest.expectImportError("truncated or corrupt zip archive") {
            _ = try DocumentReader.parse(data: Data("PK\u{3}\u{4}garbage".utf8), fileName: "a.docx")
        }
        let good = try CorpusTest.makeDocx(body: "<w:p><w:r><w:t>Hello there.</w:t></w:r></w:p>")
        CorpusTest.expectImportError("truncated or corrupt zip archive") {
            _ = try DocumentReader.parse(data: good.prefix(good.count / 2), fileName: "a.docx")
        }
        CorpusTest.expectImportError("truncated or corrupt zip archive") {
            _ = try DocumentReader.parse(data: Data("just text".utf8), fileName: "a.odt")
        }
    }

    @Test func missingDocumentEntry() throws {
        let zip = try CorpusTest.makeZip([("word/styles.xml", Data("<x/>".utf8))])
        CorpusTest.expectImportError("word/document.xml missing") { _ = try DocumentReader.parse(data: zip, fileName: "a.docx") }
        CorpusTest.expectImportError("content.xml missing") { _ = try DocumentReader.parse(data: zip, fileName: "a.odt") }
    }

    @Test func doctypeIsRefused() throws {
        let docx = try CorpusTest.makeDocx(
            body: "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>",
            prolog: "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")
        CorpusTest.expectImportError("XML document type declarations are not allowed") {
            _ = try DocumentReader.parse(data: docx, fileName: "a.docx")
        }
    }

    @Test func zipBombRatioIsRefused() throws {
        let xml = Data(repeating: 0x20, count: 5 * 1024 * 1024)
        let zip = try CorpusTest.makeZip([("word/document.xml", xml)])
        do {
            _ = try DocumentReader.parse(data: zip, fileName: "bomb.docx")
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.reason.hasPrefix("word/document.xml compresses "))
            #expect(error.reason.hasSuffix(":1, over the 200:1 limit (zip bomb?)"))
        }
    }

    @Test func malformedXML() throws {
        let docx = try CorpusTest.makeDocx(body: "<w:p><w:r><w:t>unclosed</w:r></w:p>")
        do {
            _ = try DocumentReader.parse(data: docx, fileName: "a.docx")
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.reason.hasPrefix("malformed XML in word/document.xml"))
        }
    }

    @Test func odtParagraphsSpacesNotesAndTables() throws {
        let body = """
            <text:h text:outline-level="1">Interview  3</text:h>\
            <text:p>Interviewer: How<text:s text:c="2"/>are<text:tab/>you?<text:note><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note></text:p>\
            <text:p>P1: <text:span>Fine.</text:span><text:line-break/>Really.</text:p>\
            <table:table><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell><table:table-cell><text:p>b</text:p></table:table-cell></table:table-row></table:table>
            """
        let doc = try #require(try DocumentReader.parse(data: try CorpusTest.makeODT(body: body), fileName: "i.odt").first)
        let m = CorpusTest.Marked("Interview 3\nInterviewer: ⟦How  are\tyou?⟧\nP1: ⟦Fine.\nReally.\na | b⟧")
        CorpusTest.expectTurns(doc, m, speakers: ["Interviewer", "P1"])
        #expect(doc.format == .odt)
    }
}
