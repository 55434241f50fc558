import Foundation
import Testing
@testable import QCodeKit

@Suite("Survey CSV documents")
struct SurveyCSVTests {
    let survey = "\u{FEFF}id,age,comment\r\nP1,34,\"I liked it. It was great, really \"\"great\"\".\"\r\n"
        + "P2,,\"Line one\nline two is longer\"\r\nP3,40,\r\n"

    @Test func oneDocumentPerAnswer() throws {
        let docs = try DocumentReader.parse(data: Data(survey.utf8), fileName: "wave1.csv")
        #expect(docs.map(\.name) == ["wave1-P1", "wave1-P2"])
        #expect(docs.map(\.caseID) == ["P1", "P2"])
        #expect(docs[0].text == "I liked it. It was great, really \"great\".")
        #expect(docs[1].text == "Line one\nline two is longer")
        #expect(docs[0].attributes == [DocumentAttribute(name: "age", value: "34")])
        #expect(docs[1].attributes.isEmpty)
        #expect(docs[0].turns == [Turn(speaker: "P1", span: TextSpan(start: 0, end: 41))])
        #expect(docs[0].sentences.map { CorpusTest.slice(docs[0], $0) } == ["I liked it.", "It was great, really \"great\"."])
        #expect(docs.allSatisfy { $0.format == .csv && $0.encoding == .utf8BOM })
    }

    @Test func chosenColumnsAndRowNumbers() throws {
        let csv = "q1,q2,group\nyes,no,A\n,maybe,B\n"
        var options = ImportOptions()
        options.csvTextColumns = ["q1", "q2"]
        let docs = try DocumentReader.parse(data: Data(csv.utf8), fileName: "s.csv", options: options)
        #expect(docs.map(\.name) == ["s-1-q1", "s-1-q2", "s-2-q2"])
        // No ID column: cases are namespaced by file, so two files' row 1 are two cases.
        #expect(docs.map(\.caseID) == ["s.csv#1", "s.csv#1", "s.csv#2"])
        #expect(docs[2].attributes == [DocumentAttribute(name: "group", value: "B")])
        #expect(docs[0].warnings.contains("1 empty answer(s) skipped"))
    }

    @Test func chosenIDColumnAndSemicolons() throws {
        let csv = "who;feedback\nAnna;The course was too long for me and I stopped halfway.\n"
        var options = ImportOptions()
        options.csvIDColumn = "who"
        let docs = try DocumentReader.parse(data: Data(csv.utf8), fileName: "s.csv", options: options)
        #expect(docs.map(\.name) == ["s-Anna"])
        #expect(docs[0].turns.map(\.speaker) == ["Anna"])
    }

    @Test func errors() {
        CorpusTest.expectImportError("unbalanced quote in CSV at line 3") {
            _ = try DocumentReader.parse(data: Data("id,text\n1,fine\n2,\"never closed\n3,x\n".utf8), fileName: "a.csv")
        }
        var options = ImportOptions()
        options.csvIDColumn = "x"
        CorpusTest.expectImportError("no column named 'x' (columns: id, age, comment)") {
            _ = try DocumentReader.parse(data: Data(survey.utf8), fileName: "a.csv", options: options)
        }
        CorpusTest.expectImportError("no free-text column found (columns: id, n)") {
            _ = try DocumentReader.parse(data: Data("id,n\n1,2\n".utf8), fileName: "a.csv")
        }
    }
}
