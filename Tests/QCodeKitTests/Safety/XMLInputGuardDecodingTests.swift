import Foundation
import Testing
@testable import QCodeKit

/// The XML guard decodes first (BOM, zero bytes, the declaration's encoding) and checks
/// second, so a DOCTYPE cannot hide in UTF-16, and every XML reader shares it.
@Suite("XML guard: decode, then check")
struct XMLInputGuardDecodingTests {
    static let documentNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> Data {
        var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        return Data(bytes)
    }

    static func documentXML(_ body: String, encoding: String, prolog: String = "") -> String {
        """
        <?xml version="1.0" encoding="\(encoding)" standalone="yes"?>\(prolog)
        <w:document xmlns:w="\(documentNamespace)"><w:body>\(body)</w:body></w:document>
        """
    }

    static func docx(_ xml: Data) throws -> Data {
        try CorpusTest.makeZip([("[Content_Types].xml", Data("<Types/>".utf8)), ("word/document.xml", xml)])
    }

    static func odt(_ xml: Data) throws -> Data {
        try CorpusTest.makeZip([("mimetype", Data("application/vnd.oasis.opendocument.text".utf8)), ("content.xml", xml)])
    }

    @Test(arguments: [(false, true), (true, true), (false, false), (true, false)])
    func aUTF16DocxOrODTWithAnInternalDTDIsRefused(bigEndian: Bool, bom: Bool) throws {
        let docx = Self.documentXML("<w:p><w:r><w:t>Interviewer: hello &secret;</w:t></w:r></w:p>", encoding: "UTF-16",
                                    prolog: "<!DOCTYPE w:document [<!ENTITY secret \"from the DTD\">]>")
        CorpusTest.expectImportError("XML document type declarations are not allowed") {
            _ = try DocumentReader.parse(data: try Self.docx(Self.utf16(docx, bigEndian: bigEndian, bom: bom)), fileName: "a.docx")
        }
        let odt = """
            <?xml version="1.0" encoding="UTF-16"?><!DOCTYPE office:document-content [<!ENTITY x "y">]>\
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>\
            <text:p>Interviewer: &x;</text:p></office:text></office:body></office:document-content>
            """
        CorpusTest.expectImportError("XML document type declarations are not allowed") {
            _ = try DocumentReader.parse(data: try Self.odt(Self.utf16(odt, bigEndian: bigEndian, bom: bom)), fileName: "a.odt")
        }
    }

    @Test func utf16WordXMLWithoutADTDReads() throws {
        let xml = Self.documentXML("<w:p><w:r><w:t>Interviewer: café 😀?</w:t></w:r></w:p><w:p><w:r><w:t>P1: Fine.</w:t></w:r></w:p>",
                                   encoding: "UTF-16")
        for (bigEndian, bom) in [(false, true), (true, true), (false, false)] {
            let doc = try #require(try DocumentReader.parse(data: try Self.docx(Self.utf16(xml, bigEndian: bigEndian, bom: bom)),
                                                            fileName: "a.docx").first)
            #expect(doc.text == "Interviewer: café 😀?\nP1: Fine.")
        }
    }

    @Test func latin1AndWindows1252AreConverted() throws {
        for (encoding, byte, expected) in [("ISO-8859-1", UInt8(0xE9), "é"), ("windows-1252", UInt8(0x80), "€")] {
            let parts = Self.documentXML("<w:p><w:r><w:t>Interviewer: caf@</w:t></w:r></w:p>", encoding: encoding)
                .split(separator: "@", omittingEmptySubsequences: false)
            let bytes = Array(parts[0].utf8) + [byte] + Array(parts[1].utf8)
            let doc = try #require(try DocumentReader.parse(data: try Self.docx(Data(bytes)), fileName: "a.docx").first)
            #expect(doc.text == "Interviewer: caf\(expected)")
        }
    }

    @Test func otherEncodingsAreRefusedByName() throws {
        let xml = Self.documentXML("<w:p><w:r><w:t>Interviewer: hello</w:t></w:r></w:p>", encoding: "Shift_JIS")
        CorpusTest.expectImportError("word/document.xml: XML encoding 'Shift_JIS' is not supported (qcode reads UTF-8, UTF-16, ISO-8859-1 and Windows-1252)") {
            _ = try DocumentReader.parse(data: try Self.docx(Data(xml.utf8)), fileName: "a.docx")
        }
        #expect(XMLInputGuard.problem(in: Data([0xFF, 0xFE, 0, 0, 0x3C, 0, 0, 0])) == "XML in UTF-32 is not supported")
    }

    @Test func aLoneSurrogateInUTF16XMLIsRefused() throws {
        // A .qdc whose code name ends in an unpaired high surrogate.
        var data = Self.utf16("<?xml version=\"1.0\" encoding=\"UTF-16\"?><CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes><Code guid=\"11111111-1111-1111-1111-111111111111\" name=\"a",
                              bigEndian: false, bom: true)
        data.append(contentsOf: [0x00, 0xD8])
        data.append(Self.utf16("\" isCodable=\"true\"/></Codes></CodeBook>", bigEndian: false, bom: false))
        do {
            _ = try Codebook.parseQDC(data: data, fileName: "s.qdc")
            Issue.record("read a lone surrogate")
        } catch {
            #expect("\(error)".contains("unpaired surrogate"), "\(error)")
        }
    }

    @Test func convertedXMLIsRedeclaredKeepingItsLines() throws {
        let xml = "<?xml version=\"1.0\"\n encoding=\"UTF-16\"?>\n<d>é</d>"
        let out = try XMLInputGuard.utf8(Self.utf16(xml, bigEndian: false, bom: true))
        #expect(String(decoding: out, as: UTF8.self) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n<d>é</d>")
        // UTF-8 passes through unchanged, apart from a byte order mark.
        #expect(try XMLInputGuard.utf8(Data("\u{FEFF}<d/>".utf8)) == Data("<d/>".utf8))
    }
}
