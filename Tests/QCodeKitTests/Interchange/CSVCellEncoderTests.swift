import Foundation
import Testing
@testable import QCodeKit

/// One CSV/TSV cell encoder behind both the text tables and the streaming exports.
@Suite("CSV cell encoder")
struct CSVCellEncoderTests {
    static let cells = ["plain", "", "=1+2", "+1.5", "-3", "-x", "+x", "@me", "\tx", "\rx", "a,b", "say \"hi\"",
                        "line\nbreak", "crlf\r\nx", "lone\rcr", "tab\there", "=a,\"b\"", "café 😀"]

    @Test(arguments: [ExportFormat.csv, .tsv])
    func tabularAndTheStreamingWriterEncodeAlike(format: ExportFormat) throws {
        let sink = ByteSink()
        let writer = RowWriter(format: format, columns: ["a", "b"], sink: sink)
        try writer.begin()
        for cell in Self.cells {
            writer.text(cell)
            writer.text("next")
            try writer.endRow()
        }
        try writer.finish()
        let table = Tabular(headers: ["a", "b"], rows: Self.cells.map { [$0, "next"] })
        #expect(sink.string == (format == .csv ? table.csv() : table.tsv()))
    }

    @Test func tsvTurnsEveryLineBreakIntoOneSpace() {
        #expect(Tabular(headers: ["a"], rows: [["x\ry"], ["x\r\ny"], ["x\n\ny"]]).tsv() == "a\nx y\nx y\nx  y\n")
    }

    @Test func cellsAreQuotedAndNeutralised() {
        #expect(CSVCellEncoder.csv("=a,\"b\"") == "\"'=a,\"\"b\"\"\"")
        #expect(CSVCellEncoder.csv("-3") == "-3")
        #expect(CSVCellEncoder.csv("-x") == "'-x")
        #expect(CSVCellEncoder.tsv("@x\ty") == "'@x y")
        #expect(Tabular.neutralise("+1e3") == "+1e3" && Tabular.neutralise("=x") == "'=x")
    }
}
