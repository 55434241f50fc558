import Foundation
import Testing

@testable import QCodeKit

/// SPSS and Stata files written through ReadStat, read back with ReadStat's parser.
@Suite struct StatisticsFileWriterTests {
    /// case (text), age (integer), score (decimal, one missing), seen (date, one missing),
    /// sc (a code: presence with labels, one never-coded case), rating (user-missing 9).
    static let table = StatisticsTable(
        columns: [
            StatisticsColumn(name: "case", label: "case"),
            StatisticsColumn(name: "age", label: "Age (years)", kind: .numeric),
            StatisticsColumn(name: "Score at 6 weeks", kind: .numeric),
            StatisticsColumn(name: "seen", label: "first seen", kind: .date),
            StatisticsColumn(name: "sc", label: "Social cure [social-cure]", kind: .numeric, valueLabels: StatisticsColumn.presenceLabels),
            StatisticsColumn(name: "rating", kind: .numeric,
                             valueLabels: [ValueLabel(value: 1, label: "low"), ValueLabel(value: 9, label: "refused")], missingValues: [9]),
            StatisticsColumn(name: "str1", label: "a name Stata reserves"),
        ],
        rows: [
            [.text("SU01"), .integer(34), .number(2.5), .text("2024-03-01"), .integer(1), .integer(1), .text("é—ü")],
            [.text("SU02"), .integer(61), .null, .null, .integer(0), .integer(9), .text("")],
            [.text("SU03"), .null, .number(-0.125), .text("1959-12-31"), .null, .null, .null],
        ])

    private func written(_ table: StatisticsTable, _ format: StatisticsFormat) throws -> StatisticsFileContents {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-stat-\(UUID().uuidString).\(format.rawValue)")
        defer { try? FileManager.default.removeItem(at: url) }
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try StatisticsFileWriter.write(table, format: format, to: ByteSink(handle: handle))
        try handle.close()
        return try StatisticsFileContents.read(url, format: format == .sav ? .sav : .dta)
    }

    @Test(arguments: [StatisticsFormat.sav, .dta])
    func namesLabelsAndTypesComeBack(_ format: StatisticsFormat) throws {
        let file = try written(Self.table, format)
        #expect(file.variables.map(\.name) == ["case", "age", "score_at_6_weeks", "seen", "sc", "rating", "xstr1"])
        #expect(file.variable("age")?.label == "Age (years)")
        #expect(file.variable("score_at_6_weeks")?.label == "Score at 6 weeks")
        #expect(file.variable("sc")?.label == "Social cure [social-cure]")
        #expect(file.variable("case")?.isString == true)
        #expect(file.variable("age")?.isString == false)
        #expect(file.variable("seen")?.format == (format == .sav ? "SDATE10" : "%td"))
        #expect(file.rows.count == 3)
        #expect(file.column("case") == [.string("SU01"), .string("SU02"), .string("SU03")])
        #expect(file.column("age") == [.number(34), .number(61), .systemMissing])
        #expect(file.column("score_at_6_weeks") == [.number(2.5), .systemMissing, .number(-0.125)])
        #expect(file.column("xstr1") == [.string("é—ü"), .string(""), .string("")])
    }

    @Test(arguments: [StatisticsFormat.sav, .dta])
    func codeColumnsHaveValueLabelsAndMissingForNeverCoded(_ format: StatisticsFormat) throws {
        let file = try written(Self.table, format)
        #expect(file.column("sc") == [.number(1), .number(0), .systemMissing])
        let set = try #require(file.variable("sc")?.labelSet)
        #expect(file.valueLabels[set] == ["0": "absent", "1": "present"])
    }

    @Test(arguments: [StatisticsFormat.sav, .dta])
    func datesAreDates(_ format: StatisticsFormat) throws {
        let file = try written(Self.table, format)
        // SPSS: seconds since 1582-10-14; Stata: days since 1960-01-01.
        let expected: [StatisticsFileContents.Value] = format == .sav
            ? [.number(Double(141_428 + 19_783) * 86_400), .systemMissing, .number(Double(141_428 - 3_654) * 86_400)]
            : [.number(19_783 + 3_653), .systemMissing, .number(-1)]
        #expect(file.column("seen") == expected)
    }

    @Test func spssUserMissingValues() throws {
        let file = try written(Self.table, .sav)
        #expect(file.variable("rating")?.missing == [9])
        #expect(file.column("rating") == [.number(1), .userMissing(9), .systemMissing])
        let set = try #require(file.variable("rating")?.labelSet)
        #expect(file.valueLabels[set] == ["1": "low", "9": "refused"])
    }

    @Test func stataUserMissingValuesAreExtendedMissing() throws {
        let file = try written(Self.table, .dta)
        #expect(file.column("rating") == [.number(1), .taggedMissing("a"), .systemMissing])
        let set = try #require(file.variable("rating")?.labelSet)
        #expect(file.valueLabels[set] == ["1": "low", ".a": "refused"])
    }

    @Test(arguments: [StatisticsFormat.sav, .dta])
    func aNumericColumnWithTextBecomesAStringColumn(_ format: StatisticsFormat) throws {
        let table = StatisticsTable(columns: [StatisticsColumn(name: "bmi", kind: .numeric), StatisticsColumn(name: "on", kind: .date)],
                                    rows: [[.number(21.5), .text("2024-02-30")], [.text("unknown"), .text("2024-02-29")]])
        let file = try written(table, format)
        #expect(file.column("bmi") == [.string("21.5"), .string("unknown")])
        #expect(file.column("on") == [.string("2024-02-30"), .string("2024-02-29")])
    }

    @Test(arguments: [StatisticsFormat.sav, .dta])
    func longTextIsKeptWhole(_ format: StatisticsFormat) throws {
        // 5,001 bytes: Stata strL, SPSS very long string. (SPSS pads strings with spaces, so
        // trailing spaces do not come back from .sav files.)
        let long = String(repeating: "belonging ", count: 500) + "!"
        let table = StatisticsTable(columns: [StatisticsColumn(name: "text")], rows: [[.text(long)], [.text("short")]])
        let file = try written(table, format)
        #expect(file.column("text") == [.string(long), .string("short")])
    }

    @Test func textBeyondSPSSLimitIsRefused() throws {
        let table = StatisticsTable(columns: [StatisticsColumn(name: "text")], rows: [[.text(String(repeating: "x", count: 40_000))]])
        #expect(throws: StatisticsFileError.valueTooLong(format: .sav, variable: "text", row: 1, bytes: 40_000, limit: 32_767)) {
            try StatisticsFileWriter.write(table, format: .sav, to: ByteSink())
        }
    }

    @Test func labelsAreCutToWhatTheFormatHolds() {
        let label = String(repeating: "é", count: 200)
        #expect(ColumnPlan.trimmedLabel(label, format: .dta).count == 80)
        #expect(ColumnPlan.trimmedLabel(label, format: .sav).utf8.count == 254)
    }

    @Test func isoDates() {
        #expect(ISODate.normalised("01/03/2024") == "2024-03-01")
        #expect(ISODate.normalised("3/14/2024") == "2024-03-14")
        #expect(ISODate.normalised("01/03/2024", dayFirst: false) == "2024-01-03")
        #expect(ISODate.normalised("1.3.2024") == "2024-03-01")
        #expect(ISODate.normalised("2024-03-01") == "2024-03-01")
        #expect(ISODate.normalised("31/02/2024") == nil)
        #expect(ISODate.monthFirst(["01/03/2024", "03/14/2024"]))
        #expect(!ISODate.monthFirst(["01/03/2024", "14/03/2024"]))
        #expect(ISODate.days(sinceEpoch: "1970-01-01") == 0)
        #expect(ISODate.days(sinceEpoch: "2000-03-01") == 11_017)
        #expect(ISODate.days(sinceEpoch: "1582-10-14") == -141_428)
        #expect(ISODate.days(sinceEpoch: "1960-01-01") == -3_653)
    }
}
