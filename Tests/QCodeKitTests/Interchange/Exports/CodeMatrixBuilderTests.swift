import Testing

@testable import QCodeKit

/// The case-by-code matrix built from plain values (codes, cases, documents, codings),
/// without a project.
@Suite struct CodeMatrixBuilderTests {
    /// `Theme` with child `Theme/child`, and `Other`.
    let codes = try! Codebook.build(fromFlat: [
        FlatCode(id: "t", name: "Theme"),
        FlatCode(id: "c", parentID: "t", name: "child"),
        FlatCode(id: "o", position: 1, name: "Other"),
    ]).flattened
    /// P1 has d1 (100 characters) and d2 (50); P2 has d4 (10); d3 has no case; P3 no documents.
    let documents = [
        DocumentSize(id: 1, name: "d1", characters: 100, caseName: "P1"),
        DocumentSize(id: 2, name: "d2", characters: 50, caseName: "P1"),
        DocumentSize(id: 3, name: "d3", characters: 40, caseName: nil),
        DocumentSize(id: 4, name: "d4", characters: 10, caseName: "P2"),
    ]
    let cases = [
        CaseDetails(name: "P1", attributes: ["age": .integer(30)], documents: ["d1", "d2"]),
        CaseDetails(name: "P2", attributes: [:], documents: ["d4"]),
        CaseDetails(name: "P3", attributes: ["age": .integer(70)], documents: []),
    ]

    private func matrix(_ unit: MatrixUnit, _ value: MatrixValue, level: Int? = nil) throws -> CodeMatrix {
        let columns = try CodeColumns(codes: codes, level: level)
        var builder = CodeMatrixBuilder(unit: unit, value: value, coder: "ann", codes: columns,
                                        attributes: ["age"], cases: cases, documents: documents)
        let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1.id, $0) })
        builder.add(document: 1, code: index["c"]!, start: 0, end: 20)
        builder.add(document: 1, code: index["t"]!, start: 10, end: 30)
        builder.add(document: 2, code: index["c"]!, start: 0, end: 10)
        builder.add(document: 3, code: index["t"]!, start: 0, end: 40)
        builder.add(document: 4, code: index["o"]!, start: 0, end: 5)
        return builder.matrix()
    }

    @Test func codeColumnsRollChildrenUpToTheirAncestors() throws {
        let all = try CodeColumns(codes: codes, level: nil)
        #expect(all.columnPaths == ["Theme", "Theme/child", "Other"])
        #expect(all.targets == [[0], [0, 1], [2]])
        #expect(all.theme == [0, 0, 2])
        let themes = try CodeColumns(codes: codes, rowIDs: [7: "c", 8: "gone"], level: 1)
        #expect(themes.columnPaths == ["Theme", "Other"])
        #expect(themes.targets == [[0], [0], [1]])
        #expect(themes.indexByRowID == [7: 1])
        #expect(throws: ExportError.badLevel(0)) { try CodeColumns(codes: codes, level: 0) }
    }

    @Test func casesWithDocumentsAreRowsWithTheirAttributes() throws {
        let matrix = try matrix(.case, .count)
        #expect(matrix.rowCases == ["P1", "P2"])
        #expect(matrix.columns.map(\.kind) == [.id, .attribute, .code, .code, .code])
        #expect(matrix.columns.compactMap(\.codePath) == ["Theme", "Theme/child", "Other"])
        #expect(matrix.columns[2].values.hasPrefix("number of codings of this code and its descendants (coder ann); missing"))
        #expect(matrix.columns[2].values.contains("not coded is not absent"))
        // d3 has no case, so its coding counts nowhere.
        #expect(matrix.rows == [
            [.text("P1"), .integer(30), .integer(3), .integer(2), .integer(0)],
            [.text("P2"), .null, .integer(0), .integer(0), .integer(1)],
        ])
    }

    @Test func presenceIsOneOrZero() throws {
        #expect(try matrix(.case, .presence).rows.map { Array($0.dropFirst(2)) } == [
            [.integer(1), .integer(1), .integer(0)],
            [.integer(0), .integer(0), .integer(1)],
        ])
    }

    @Test func coverageIsTheUnionOverTheRowsCharacters() throws {
        let rows = try matrix(.case, .coverage).rows
        // P1 (150 characters): Theme covers d1 0..<30 and d2 0..<10; its child d1 0..<20 and d2 0..<10.
        #expect(rows[0].dropFirst(2) == [.number(40.0 / 150), .number(30.0 / 150), .number(0)])
        #expect(rows[1].dropFirst(2) == [.number(0), .number(0), .number(0.5)])
    }

    @Test func documentRowsKeepDocumentsWithoutACase() throws {
        let matrix = try matrix(.document, .count, level: 1)
        #expect(matrix.table.columns.prefix(3) == ["document", "case", "age"])
        #expect(matrix.rows == [
            [.text("d1"), .text("P1"), .integer(30), .integer(2), .integer(0)],
            [.text("d2"), .text("P1"), .integer(30), .integer(1), .integer(0)],
            [.text("d3"), .null, .null, .integer(1), .integer(0)],
            [.text("d4"), .text("P2"), .null, .integer(0), .integer(1)],
        ])
    }

    /// P1 (d1, d2) and P2 (d4) as rows; the coder coded only d2, and marked `marked` done.
    private func sparse(_ unit: MatrixUnit, _ value: MatrixValue, marked: Set<Int64>) throws -> [[ExportCell]] {
        let columns = try CodeColumns(codes: codes, level: 1)
        var builder = CodeMatrixBuilder(unit: unit, value: value, coder: "ann", codes: columns, attributes: [],
                                        cases: cases, documents: documents, markedDone: marked)
        builder.add(document: 2, code: 1, start: 0, end: 5)
        return builder.matrix().rows
    }

    @Test(arguments: [MatrixValue.presence, .count, .coverage])
    func aCaseTheCoderNeverCodedIsMissingNotZero(_ value: MatrixValue) throws {
        let rows = try sparse(.case, value, marked: [])
        let zero: ExportCell = value == .coverage ? .number(0) : .integer(0)
        // P1 has a coding in d2 (so its other code is absent: 0); P2 was never coded: missing.
        #expect(rows[0][2] == zero)
        #expect(rows[1] == [.text("P2"), .null, .null])
    }

    @Test(arguments: [MatrixValue.presence, .count, .coverage])
    func aDocumentMarkedDoneMakesSilenceAbsent(_ value: MatrixValue) throws {
        let zero: ExportCell = value == .coverage ? .number(0) : .integer(0)
        #expect(try sparse(.case, value, marked: [4])[1] == [.text("P2"), zero, zero])
        // A mark on a document of no row changes nothing.
        #expect(try sparse(.case, value, marked: [3])[1] == [.text("P2"), .null, .null])
    }

    @Test func byDocumentEachDocumentOnItsOwn() throws {
        let rows = try sparse(.document, .presence, marked: [3])
        #expect(rows.map { Array($0.suffix(2)) } == [
            [.null, .null],                 // d1: P1's other document, not coded
            [.integer(1), .integer(0)],     // d2: coded
            [.integer(0), .integer(0)],     // d3: marked done, no codings
            [.null, .null],                 // d4: not coded
        ])
    }

    @Test func statisticsTableLabelsCodesAndTypesAttributes() throws {
        let columns = try CodeColumns(codes: codes, level: nil)
        var builder = CodeMatrixBuilder(unit: .case, value: .presence, coder: "ann", codes: columns, attributes: ["age"],
                                        attributeTypes: ["age": .integer], cases: cases, documents: documents)
        builder.add(document: 1, code: 1, start: 0, end: 5)
        let table = builder.matrix().statisticsTable
        #expect(table.columns.map(\.kind) == [.string, .numeric, .numeric, .numeric, .numeric])
        #expect(table.columns.map(\.label) == ["case", "age", "Theme", "Theme/child", "Other"])
        #expect(table.columns.dropFirst(2).allSatisfy { $0.valueLabels == StatisticsColumn.presenceLabels })
        #expect(table.rows[1] == [.text("P2"), .null, .null, .null, .null])
    }
}
