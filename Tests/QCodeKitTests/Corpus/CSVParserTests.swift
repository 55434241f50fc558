import Foundation
import Testing
@testable import QCodeKit

/// Limits of the one CSV reader: columns, and what error messages quote.
@Suite("CSV limits and messages")
struct CSVParserTests {
    static func wide(_ columns: Int) -> String {
        (["participant_id"] + (1..<columns).map { "q\($0)" }).joined(separator: ",") + "\nP01" + String(repeating: ",1", count: columns - 1) + "\n"
    }

    @Test func moreThanTenThousandColumnsAreRefused() throws {
        let clock = ContinuousClock()
        let started = clock.now
        CorpusTest.expectImportError("line 1 has more than 10000 columns, the most qcode reads") {
            _ = try CaseTable.parse(data: Data(Self.wide(1_000_000).utf8), fileName: "wide.csv", idColumn: nil)
        }
        CorpusTest.expectImportError("line 1 has more than 10000 columns, the most qcode reads") {
            _ = try DocumentReader.parse(data: Data(Self.wide(10_001).utf8), fileName: "wide.csv")
        }
        #expect(clock.now - started < .seconds(20))
        let table = try CaseTable.parse(data: Data(Self.wide(10_000).utf8), fileName: "ok.csv", idColumn: nil)
        #expect(table.columns.count == 9_999)
        // A data row wider than the limit is refused too, naming its line.
        CorpusTest.expectImportError("line 3 has more than 10000 columns, the most qcode reads") {
            _ = try CaseTable.parse(data: Data(("id,a\nP1,2\nP2" + String(repeating: ",x", count: 10_000)).utf8),
                                    fileName: "row.csv", idColumn: nil)
        }
    }

    @Test func longValuesAreCutInMessages() throws {
        let long = String(repeating: "a", count: 5_000)
        let header = (0..<2_000).map { "\(long)\($0)" }.joined(separator: ",")
        do {
            _ = try CaseTable.parse(data: Data("\(header)\nx\n".utf8), fileName: "h.csv", idColumn: nil)
            Issue.record("expected no ID column")
        } catch let error as ImportError {
            #expect(error.reason.count < 2_500, "\(error.reason.count) characters")
            #expect(error.reason.hasPrefix("no ID column found (columns: \(String(long.prefix(80)))…, "))
            #expect(error.reason.hasSuffix(", … and 1980 more)"))
        }
        do {
            _ = try CaseTable.parse(data: Data("id,a\n\(long),1\n\(long),2\n".utf8), fileName: "d.csv", idColumn: nil)
            Issue.record("expected a duplicate id")
        } catch let error as ImportError {
            #expect(error.reason == "duplicate id '\(String(long.prefix(80)))…' (lines 2 and 3)")
        }
        CorpusTest.expectImportError("no column named 'nope' (columns: id, a\u{20}b)") {
            _ = try CaseTable.parse(data: Data("id,\"a\nb\"\nP1,2\n".utf8), fileName: "n.csv", idColumn: "nope")
        }
    }

    @Test func casesImportWarnsWhenReadAsWindows1252() throws {
        let bytes = Array("participant_id,city\nP01,M".utf8) + [0xFC] + Array("nchen\n".utf8)
        let table = try CaseTable.parse(data: Data(bytes), fileName: "c.csv", idColumn: nil)
        #expect(table.rows[0].values["city"] == "München")
        #expect(table.warnings == ["decoded as Windows-1252 (not valid UTF-8)"])
        #expect(try CaseTable.parse(data: Data("participant_id,city\nP01,Leeds\n".utf8), fileName: "c.csv", idColumn: nil).warnings.isEmpty)
    }

    @Test func carriageReturnsAndAByteOrderMarkAreReadAsTheDecoderWould() throws {
        let table = try CSVTable.parse("\u{FEFF}id;name\r\nP1;\"a\r\nb\"\rP2;c\r\n")
        #expect(table.header == ["id", "name"])
        #expect(table.rows == [["P1", "a\nb"], ["P2", "c"]])
        #expect(table.lines == [2, 4])
    }
}
