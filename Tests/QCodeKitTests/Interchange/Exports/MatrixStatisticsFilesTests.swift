import Foundation
import Testing

@testable import QCodeKit

/// The matrix written as CSV, SPSS and Stata agrees cell for cell: missing for a case the
/// coder never coded, labels on every code column.
@Suite struct MatrixStatisticsFilesTests {
    let fixture: ExportFixture
    init() throws { fixture = try ExportFixture() }

    /// A temporary file written by `body`.
    private func file(_ ext: String, _ body: (ByteSink) throws -> Void) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-matrix-\(UUID().uuidString).\(ext)")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try body(ByteSink(handle: handle))
        try handle.close()
        return url
    }

    /// bob coded only BB02 (loneliness): AA01 is missing throughout, not 0.
    private func bobsMatrix(_ value: MatrixValue) throws -> CodeMatrix {
        try fixture.project.codeMatrix(.init(value: value, coder: "bob"))
    }

    @Test(arguments: [MatrixValue.presence, .count, .coverage])
    func csvSavAndDtaAgreeCellForCell(_ value: MatrixValue) throws {
        let matrix = try bobsMatrix(value)
        let csvURL = try file("csv") { try matrix.table.write(.csv, to: $0) }
        let savURL = try file("sav") { try StatisticsFileWriter.write(matrix.statisticsTable, format: .sav, to: $0) }
        let dtaURL = try file("dta") { try StatisticsFileWriter.write(matrix.statisticsTable, format: .dta, to: $0) }
        defer { for url in [csvURL, savURL, dtaURL] { try? FileManager.default.removeItem(at: url) } }

        let csv = try CSVTable.parse(String(decoding: Data(contentsOf: csvURL), as: UTF8.self))
        let sav = try StatisticsFileContents.read(savURL, format: .sav)
        let dta = try StatisticsFileContents.read(dtaURL, format: .dta)
        #expect(sav.variables.map(\.name) == csv.header)
        #expect(dta.variables.map(\.name) == csv.header)
        #expect(csv.rows.count == 2 && sav.rows.count == 2 && dta.rows.count == 2)

        for (row, cells) in csv.rows.enumerated() {
            for (column, text) in cells.enumerated() {
                let expected: StatisticsFileContents.Value
                if sav.variables[column].isString { expected = .string(text) }
                else if text.isEmpty { expected = .systemMissing }
                else { expected = .number(try #require(Double(text))) }
                for (name, file) in [("sav", sav), ("dta", dta)] {
                    // CSV writes at most 6 decimals; the statistics files keep every digit.
                    if case .number(let want) = expected, case .number(let got) = file.rows[row][column] {
                        #expect(abs(got - want) <= 5e-7, "\(name) row \(row) column \(csv.header[column])")
                    } else {
                        #expect(file.rows[row][column] == expected, "\(name) row \(row) column \(csv.header[column])")
                    }
                }
            }
        }
        // AA01 (row 0): never coded by bob, so every code cell is empty / missing.
        let codeColumns = matrix.columns.indices.filter { matrix.columns[$0].kind == .code }
        #expect(codeColumns.count == 5)
        #expect(codeColumns.allSatisfy { csv.rows[0][$0] == "" && sav.rows[0][$0] == .systemMissing && dta.rows[0][$0] == .systemMissing })
        #expect(codeColumns.allSatisfy { sav.rows[1][$0] != .systemMissing && dta.rows[1][$0] != .systemMissing })
        // Every code column carries the code's label and path; presence columns 0/1 labels.
        for file in [sav, dta] {
            for column in codeColumns {
                let variable = file.variables[column]
                #expect(variable.label.contains(matrix.columns[column].codePath!))
                if value == .presence {
                    #expect(file.valueLabels[variable.labelSet] == ["0": "absent", "1": "present"])
                } else {
                    #expect(variable.labelSet.isEmpty)
                }
            }
            #expect(file.variable("age")?.isString == false)
            #expect(file.variable("group")?.label == "group")
        }
    }

    /// pyreadstat (pandas) reads the same files the same way. Skipped, saying so, where
    /// python3 with pyreadstat is not installed (`pip install pyreadstat`).
    @Test(.enabled(if: Self.pyreadstat, "python3 with pyreadstat is not installed: pyreadstat cross-check skipped"))
    func pyreadstatReadsTheSameMatrix() throws {
        let matrix = try bobsMatrix(.presence)
        for format in StatisticsFormat.allCases {
            let url = try file(format.rawValue) { try StatisticsFileWriter.write(matrix.statisticsTable, format: format, to: $0) }
            defer { try? FileManager.default.removeItem(at: url) }
            let script = """
                import json, sys, math, pyreadstat
                read = pyreadstat.read_sav if sys.argv[1].endswith('.sav') else pyreadstat.read_dta
                df, meta = read(sys.argv[1])
                rows = [[None if (isinstance(v, float) and math.isnan(v)) else v for v in r] for r in df.astype(object).values.tolist()]
                labels = {k: {str(int(a)): b for a, b in v.items()} for k, v in meta.variable_value_labels.items()}
                print(json.dumps({"columns": list(df.columns), "labels": meta.column_labels, "values": labels, "rows": rows}))
                """
            let output = try Self.python(script, url.path)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            #expect(json["columns"] as? [String] == ["case", "group", "age", "social_cure", "sc_community_belonging",
                                                     "sc_loneliness", "link_worker", "lw_trust"])
            let rows = try #require(json["rows"] as? [[Any]])
            #expect(rows.count == 2)
            #expect(rows[0][0] as? String == "AA01")
            #expect(rows[0][3...].allSatisfy { $0 is NSNull }, "AA01 never coded by bob: missing, not 0 (\(format))")
            #expect(rows[1][3...].map { ($0 as? NSNumber)?.doubleValue } == [1, 0, 1, 0, 0])
            #expect((json["labels"] as? [String])?[5] == "Social Cure/loneliness")  // no label: the path
            let values = try #require(json["values"] as? [String: [String: String]])
            #expect(values.keys.sorted() == ["link_worker", "lw_trust", "sc_community_belonging", "sc_loneliness", "social_cure"])
            #expect(values.values.allSatisfy { $0 == ["0": "absent", "1": "present"] })
        }
    }

    static let pyreadstat: Bool = (try? python("import pyreadstat")) != nil

    /// Runs python3 with `script` and arguments; its standard output.
    static func python(_ script: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: data, as: UTF8.self)
    }
}
