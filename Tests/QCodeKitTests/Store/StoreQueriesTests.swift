import Foundation
import Testing
@testable import QCodeKit

/// The named queries on `Store` that features build on (codes, coders, codings, cases).
@Suite struct StoreQueriesTests {
    private func project() throws -> Project {
        try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
    }

    @Test func coderIsCreatedOnceAndFoundIgnoringCase() throws {
        let project = try project()
        try project.write { store in
            #expect(try store.existingCoderID(named: "Ann") == nil)
            let id = try store.coderID(named: "  Ann ")
            #expect(try store.coderID(named: "ann") == id)
            #expect(try store.existingCoderID(named: "ANN") == id)
            #expect(throws: CodingError.badCoderName("a,b")) { try store.coderID(named: "a,b") }
            #expect(throws: CodingError.badCoderName("  ")) { try store.coderID(named: "  ") }
        }
    }

    @Test func codesRoundTripThroughTheirRecords() throws {
        let project = try project()
        try project.write { store in
            var code = FlatCode(id: "n", parentID: "t", position: 7, name: "new", label: "New", colour: "#112233",
                                description: "d", include: "i", exclude: "e", examples: ["x, y"], keywords: ["k"])
            try store.insertCode(code)
            #expect(try store.storedCodes().first { $0.id == "n" } == code)
            code.name = "renamed"
            code.examples = []
            try store.updateCode(code)
            let stored = try #require(try store.flatCodes().first { $0.id == "n" })
            #expect(stored.path == "theme/renamed" && stored.examples.isEmpty && stored.keywords == ["k"])
            #expect(try store.subtreeIDs(of: "t").sorted() == ["a", "b", "n", "t"])
            #expect(try store.resolveExactCode(path: "theme").id == "t")
        }
    }

    @Test func bulkInserterSkipsDuplicatesAndCountsCodings() throws {
        let project = try project()
        try project.write { store in
            let document = try store.documentID(named: "interview")
            let coder = try store.coderID(named: "ann")
            let inserter = try store.makeCodingInserter()
            #expect(try inserter.insert(documentID: document, codeID: "a", coderID: coder, start: 0, end: 5, memo: nil))
            #expect(try !inserter.insert(documentID: document, codeID: "a", coderID: coder, start: 0, end: 5, memo: "again"))
            #expect(try inserter.insert(documentID: document, codeID: "b", coderID: coder, start: 0, end: 5, memo: nil))
            #expect(try store.codingCount(codeIDs: ["a", "b"]) == 2)
            #expect(try store.codingCountsByCode(coderName: "ANN") == ["a": 1, "b": 1])
            #expect(try store.codingCountsByCode(coderName: "nobody").isEmpty)
            try store.moveCodings(fromCode: "a", toCode: "b")  // the duplicate collapses
            #expect(try store.codingCountsByCode() == ["b": 1])
        }
    }

    @Test func caseValuesAreSetClearedAndTyped() throws {
        let project = try project()
        try project.write { store in
            let age = try store.upsertAttribute(named: "age", type: .integer, position: 0)
            #expect(try store.upsertAttribute(named: "age", type: .number, position: 5) == age)
            let caseID = try store.createCase(named: "P01")
            let values = try store.makeCaseValueWriter()
            try values.set(caseID: caseID, attributeID: age, value: "41.5")
            try store.setCase(caseID, ofDocument: try store.documentID(named: "interview"))
            #expect(try store.caseDetails(named: "P01")
                    == [CaseDetails(name: "P01", attributes: ["age": .number(41.5)], documents: ["interview"])])
            try values.clear(caseID: caseID, attributeID: age)
            #expect(try store.caseDetails(named: "P01").first?.attributes.isEmpty == true)
            #expect(try store.attributes() == [AttributeInfo(name: "age", type: .number)])
        }
    }
}
