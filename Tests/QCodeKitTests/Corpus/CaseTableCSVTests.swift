import Foundation
import Testing
@testable import QCodeKit

@Suite("Case attribute tables")
struct CaseTableCSVTests {
    func table(_ csv: String, id: String? = nil) throws -> CaseTable {
        try CaseTable.parse(data: Data(csv.utf8), fileName: "cases.csv", idColumn: id)
    }

    @Test func typeInference() throws {
        let t = try table("""
            name,participant_id,age,score,member,joined,uk_date,notes,blank
            Ann,P1,34,3.5,yes,2024-01-05,05/01/2024,likes tea,
            Bob,P2,41,2,No,2023-12-31,31/12/2023,,
            Cy,P3,,-0.25,TRUE,2024-02-29,1/2/2024,42,
            """)
        #expect(t.idColumn == "participant_id")
        #expect(t.columns == ["name", "age", "score", "member", "joined", "uk_date", "notes", "blank"])
        #expect(t.types == [
            "name": .text, "age": .integer, "score": .number, "member": .boolean, "joined": .date,
            "uk_date": .date, "notes": .text, "blank": .text,
        ])
        #expect(t.rows.map(\.id) == ["P1", "P2", "P3"])
        #expect(t.rows[2].values == ["name": "Cy", "score": "-0.25", "member": "TRUE", "joined": "2024-02-29",
                                     "uk_date": "2024-02-01", "notes": "42"])
        // Dates are stored as ISO 8601 (day first here).
        #expect(t.rows[1].values["uk_date"] == "2023-12-31")
    }

    @Test func naAndDotAreMissingSoNumbersStayNumbers() throws {
        let t = try table("""
            id,score,when,note
            P1,NA,n/a,.
            P2,2.5,3/14/2024,ok
            P3,.,01/03/2024,N/A
            P4,,,na
            """)
        #expect(t.types == ["score": .number, "when": .date, "note": .text])
        #expect(t.rows.map(\.values) == [[:], ["score": "2.5", "when": "2024-03-14", "note": "ok"],
                                          ["when": "2024-01-03"], [:]])  // month first: 14 is no month
    }

    @Test func inferenceRules() {
        #expect(AttributeType.infer(["1", "-2", "+3"]) == .integer)
        #expect(AttributeType.infer(["1", "2.5", ".5", "1e3"]) == .number)
        #expect(AttributeType.infer(["yes", "False", "true", "NO"]) == .boolean)
        #expect(AttributeType.infer(["0", "1"]) == .integer)
        #expect(AttributeType.infer(["2024-13-01"]) == .text)
        #expect(AttributeType.infer(["32/01/2024"]) == .text)
        #expect(AttributeType.infer(["3,5"]) == .text)
        #expect(AttributeType.infer([String]()) == .text)
    }

    @Test func idColumnGivenOrGuessed() throws {
        #expect(try table("Case,Age\nID4,24\n").idColumn == "Case")
        #expect(try table("x,Respondent,y\n1,R1,2\n").idColumn == "Respondent")
        #expect(try table("a,b\n1,2\n", id: "b").rows.map(\.id) == ["2"])
    }

    @Test func errors() {
        CorpusTest.expectImportError("duplicate id 'P1' (lines 2 and 4)") { _ = try table("id,a\nP1,1\nP2,2\nP1,3\n") }
        CorpusTest.expectImportError("no column named 'pid' (columns: id, a)") { _ = try table("id,a\nP1,1\n", id: "pid") }
        CorpusTest.expectImportError("no ID column found (columns: a, b)") { _ = try table("a,b\n1,2\n") }
        CorpusTest.expectImportError("empty id at line 3") { _ = try table("id,a\nP1,1\n,2\n") }
    }
}
