import Foundation
import Testing
@testable import QCodeKit

/// Codings files read through qcode's one CSV reader.
@Suite("Codings CSV")
struct CodingsCSVTests {
    static func project() throws -> Project {
        try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
    }

    @Test func semicolonSeparatedFilesImport() throws {
        let project = try Self.project()
        let csv = "document;coder;code;turns;memo\ninterview;ann;alpha;2;\"a memo; with a semicolon\"\n"
        let report = try project.importCodings(csv: csv, file: "excel.csv")
        #expect(report.added == 1)
        #expect(try project.segments().map(\.memo) == ["a memo; with a semicolon"])
    }

    @Test func windows1252FilesImport() throws {
        let project = try Self.project()
        var bytes = Array("document,coder,code,turns,memo\r\ninterview,ann,alpha,2,caf".utf8)
        bytes += [0xE9, 0x0D, 0x0A]
        let decoded = try TextDecoder.decode(Data(bytes), fileName: "w.csv")
        #expect(decoded.encoding == .windows1252)
        _ = try project.importCodings(csv: decoded.text, file: "w.csv")
        #expect(try project.segments().map(\.memo) == ["café"])
    }

    @Test func errorsNameThePhysicalLine() throws {
        let project = try Self.project()
        let csv = "document,coder,code,turns,memo\ninterview,ann,alpha,2,\"two\nlines\"\ninterview,ann,alpha,two,\n"
        #expect(throws: ImportError(file: "m.csv", reason: "line 4: 'two' is not a turn number or range")) {
            try project.importCodings(csv: csv, file: "m.csv")
        }
        #expect(try project.segments().isEmpty)
    }

    @Test func rowsAreParsedWithoutADatabase() throws {
        let rows = try CodingsCSV.parse("""
            \u{FEFF}Document,Coder,Code,Quote,Turns,Start,End,Memo
            d1, ann ,a,the words,,,,
            ,,,,,,,
            d2,ben,b,,3-5,,,m
            d3,cy,c,,,4,9,
            """, file: "r.csv")
        #expect(rows == [
            CodingsCSV.Row(line: 2, document: "d1", coder: "ann", code: "a", target: .quote("the words"), memo: nil),
            CodingsCSV.Row(line: 4, document: "d2", coder: "ben", code: "b", target: .turns(3...5), memo: "m"),
            CodingsCSV.Row(line: 5, document: "d3", coder: "cy", code: "c", target: .characters(start: 4, end: 9), memo: nil),
        ])
        #expect(throws: ImportError(file: "r.csv", reason: "line 2: document, coder and code are required")) {
            try CodingsCSV.parse("document,coder,code,turns\nd1,,a,1\n", file: "r.csv")
        }
        #expect(throws: ImportError(file: "r.csv", reason: "not a readable CSV file (unbalanced quote in CSV at line 2)")) {
            try CodingsCSV.parse("document,coder,code,turns\n\"d1,ann,a,1\n", file: "r.csv")
        }
    }
}
