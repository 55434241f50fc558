import Foundation
import Testing
@testable import QCodeKit

@Suite("REFI-QDA export")
struct QDPXExportTests {
    @Test(.enabled(if: REFITest.xmllint != nil, "needs xmllint (apt-get install libxml2-utils)"))
    func projectValidatesAgainstTheProjectSchema() throws {
        let project = try REFITest.demoProject()
        try project.setDocumentMemo("GP02_interview", memo: "Recorded in the practice; GP & <nurse> present.")
        let url = TemporaryDirectory.make().appendingPathComponent("demo.qdpx")
        let report = try project.exportQDPX(to: url)
        #expect(report.documents == 9 && report.codings == 98 && report.cases > 0 && report.users == 2)
        let qde = try REFITest.entry("project.qde", in: url)
        let result = try REFITest.validate(qde, schema: REFITest.schema("Project-mrt2019.xsd"))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(.enabled(if: REFITest.xmllint != nil, "needs xmllint (apt-get install libxml2-utils)"))
    func codebookValidatesAgainstTheCodebookSchema() throws {
        let project = try REFITest.demoProject()
        let xml = try project.exportQDC()
        let result = try REFITest.validate(Data(xml.utf8), schema: REFITest.schema("Codebook-mrt2019.xsd"))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func reExportingGivesTheSameBytes() throws {
        let project = try REFITest.demoProject()
        let directory = TemporaryDirectory.make()
        let first = directory.appendingPathComponent("a.qdpx")
        let second = TemporaryDirectory.make().appendingPathComponent("a.qdpx")
        try project.exportQDPX(to: first)
        try project.exportQDPX(to: second)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        #expect(try project.exportQDC() == project.exportQDC())
    }

    @Test func sourcesAreUTF8TextNamedByGUIDWithCodePointPositions() throws {
        let project = try TestProject.make()
        let file = TemporaryDirectory.make().appendingPathComponent("p1.txt")
        try Data("I: Hi 😀 there.\nR: Café? Yes.\n".utf8).write(to: file)
        _ = try project.importFiles([file])
        _ = try project.importCodebook(Codebook(codes: [CodeDefinition(id: "c1", name: "greeting")]), source: "t")
        let documentID = try project.documentID("p1")
        try project.addCodings([NewCoding(documentID: documentID, codeID: "c1", coder: "ann", start: 9, end: 14, memo: "after the emoji")])
        let url = TemporaryDirectory.make().appendingPathComponent("p.qdpx")
        try project.exportQDPX(to: url)
        let xml = String(decoding: try REFITest.entry("project.qde", in: url), as: UTF8.self)
        let path = try #require(xml.firstMatch(of: /plainTextPath="internal:\/\/([0-9a-f-]{36})\.txt"/))
        let text = String(decoding: try REFITest.entry("sources/\(path.1).txt", in: url), as: UTF8.self)
        #expect(text == "I: Hi 😀 there.\nR: Café? Yes.\n")
        #expect(xml.contains("startPosition=\"9\" endPosition=\"14\""))
        #expect(xml.contains("<PlainTextContent>after the emoji</PlainTextContent>"))
        #expect(xml.contains("<User guid=") && xml.contains("name=\"ann\""))
    }

    @Test func anEmptyCodebookCannotBeAQDC() throws {
        let project = try TestProject.make()
        #expect(throws: REFIExportError.emptyCodebook) { try project.exportQDC() }
    }
}
