import Foundation
import Testing
@testable import QCodeKit

/// `code` and `uncode` look the code up before computing the selection, so an unknown
/// code is reported as such, not as an empty selection (issue 10).
@Suite struct CodeLookupOrderTests {
    private func project() throws -> Project {
        try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
    }

    @Test func unknownCodeWithAnEmptyMatchNamesTheCode() throws {
        let project = try project()
        do {
            _ = try project.code(document: "interview", code: "choir-singing", coder: "ann",
                                 selection: Selection(.match(pattern: "no such words", ignoreCase: false, scope: .match)))
            Issue.record("coding with an unknown code succeeded")
        } catch let error as CodebookError {
            #expect(error.description.hasPrefix("no code 'choir-singing'"))
        }
        #expect(try project.segments().isEmpty)
    }

    @Test func knownCodeWithAnEmptyMatchStillSaysNothingIsSelected() throws {
        let project = try project()
        #expect(throws: SelectionError.nothingSelected(document: "interview")) {
            try project.code(document: "interview", code: "alpha", coder: "ann",
                             selection: Selection(.match(pattern: "no such words", ignoreCase: false, scope: .match)))
        }
    }

    @Test func unknownCodeBeatsABadQuoteInUncode() throws {
        let project = try project()
        #expect(throws: CodebookError.self) {
            try project.uncode(document: "interview", code: "choir-singing", coder: "ann", selection: Selection(.quote("absent")))
        }
    }
}
