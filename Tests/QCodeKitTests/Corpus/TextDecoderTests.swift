import Foundation
import Testing
@testable import QCodeKit

@Suite("Text decoding")
struct TextDecoderTests {
    func decode(_ bytes: [UInt8]) throws -> DecodedText {
        try TranscriptTextDecoder.decode(Data(bytes), fileName: "t.txt")
    }

    func utf16(_ s: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for u in s.utf16 {
            let hi = UInt8(u >> 8), lo = UInt8(u & 0xFF)
            out += bigEndian ? [hi, lo] : [lo, hi]
        }
        return out
    }

    @Test func plainUTF8() throws {
        let d = try decode(Array("I: café 😀".utf8))
        #expect(d.text == "I: café 😀")
        #expect(d.encoding == .utf8)
    }

    @Test func utf8ByteOrderMark() throws {
        let d = try decode([0xEF, 0xBB, 0xBF] + Array("WEBVTT".utf8))
        #expect(d.text == "WEBVTT")
        #expect(d.encoding == .utf8BOM)
    }

    @Test func utf16WithAndWithoutBOM() throws {
        let s = "I: naïve 😀\r\nR: ok"
        for bigEndian in [false, true] {
            for bom in [true, false] {
                let d = try decode(utf16(s, bigEndian: bigEndian, bom: bom))
                #expect(d.text == "I: naïve 😀\nR: ok")
                #expect(d.encoding == (bigEndian ? .utf16BE : .utf16LE))
            }
        }
    }

    @Test func windows1252Fallback() throws {
        // "It’s café £5" in Windows-1252: 0x92 is ’, 0xE9 é, 0xA3 £.
        let bytes: [UInt8] = Array("It".utf8) + [0x92] + Array("s caf".utf8) + [0xE9, 0x20, 0xA3] + Array("5".utf8)
        let d = try decode(bytes)
        #expect(d.text == "It’s café £5")
        #expect(d.encoding == .windows1252)
        let doc = try #require(try DocumentReader.parse(data: Data(bytes), fileName: "w.txt").first)
        #expect(doc.warnings.contains("decoded as Windows-1252 (not valid UTF-8)"))
        #expect(doc.encoding == .windows1252)
    }

    @Test func lineEndsBecomeLF() throws {
        #expect(try decode(Array("a\r\nb\rc\n\r\nd".utf8)).text == "a\nb\nc\n\nd")
        #expect(try decode(Array("caf".utf8) + [0xE9, 0x0D, 0x0A, 0x78]).text == "café\nx")
    }

    @Test func nfcNormalisation() throws {
        let d = try decode(Array("e\u{301}t\u{E9} A\u{30A}".utf8))
        #expect(d.text.unicodeScalars.map(\.value) == [0xE9, 0x74, 0xE9, 0x20, 0xC5])
    }

    @Test func binaryIsRefused() {
        CorpusTest.expectImportError("not a text file (binary data)") { _ = try decode([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]) }
        CorpusTest.expectImportError("not a text file (binary data)") { _ = try decode(Array("abc".utf8) + [0x00] + Array("def".utf8)) }
        CorpusTest.expectImportError("not a text file (binary data)") {
            _ = try decode(Array(repeating: 0x01, count: 10) + Array("mostly text here".utf8))
        }
    }

    @Test func emptyAndTruncated() {
        CorpusTest.expectImportError("empty file") { _ = try decode([]) }
        CorpusTest.expectImportError("empty file") { _ = try decode([0xEF, 0xBB, 0xBF]) }
        CorpusTest.expectImportError("truncated UTF-16 text (odd number of bytes)") { _ = try decode([0xFF, 0xFE, 0x41, 0x00, 0x42]) }
        CorpusTest.expectImportError("invalid UTF-16 text (unpaired surrogate)") { _ = try decode([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]) }
    }

    @Test func errorDescriptionIsOneLine() {
        let e = ImportError(file: "P07.docx", reason: "word/document.xml missing")
        #expect(e.description == "P07.docx: word/document.xml missing")
    }
}

@Test func shortNameIsTheSameDecoder() throws {
    #expect(try TextDecoder.decode(Data("x".utf8), fileName: "a.txt").text == "x")
}
