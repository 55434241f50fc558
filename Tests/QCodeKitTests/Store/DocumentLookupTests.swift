import Foundation
import Testing
@testable import QCodeKit

/// How a document is named on the command line: id, exact name, unique prefix, and,
/// when those find nothing, the same ignoring case (issue 10).
@Suite struct DocumentLookupTests {
    /// A project holding one small transcript under each of `names`.
    private func project(_ names: [String]) throws -> Project {
        let project = try TestProject.make()
        let folder = project.url.deletingLastPathComponent()
        let files = try names.enumerated().map { index, name in
            let file = folder.appendingPathComponent("\(name).txt")
            try Data("A: text number \(index)\n".utf8).write(to: file)
            return file
        }
        _ = try project.importFiles(files)
        return project
    }

    @Test func nameInTheWrongCaseFindsTheDocument() throws {
        let project = try project(["Interview_P01", "focus-group"])
        let id = try project.documentID("Interview_P01")
        #expect(try project.documentID("interview_p01") == id)
        #expect(try project.documentID("INTERVIEW_P01") == id)
        #expect(try project.document("FOCUS-GROUP").name == "focus-group")
    }

    @Test func prefixInTheWrongCaseFindsTheDocument() throws {
        let project = try project(["Interview_P01", "focus-group"])
        #expect(try project.document("interview").name == "Interview_P01")
        #expect(try project.document("Focus").name == "focus-group")
    }

    @Test func exactCaseStillWinsOverACaseInsensitiveMatch() throws {
        let project = try project(["p01", "P01-followup"])
        #expect(try project.document("p01").name == "p01")
        #expect(try project.document("P01").name == "P01-followup")  // a prefix in the right case
    }

    @Test func wrongCaseMatchingSeveralDocumentsIsAmbiguous() throws {
        let project = try project(["Interview", "INTERVIEW"])
        #expect(throws: DocumentLookupError.ambiguous("interview", ["INTERVIEW", "Interview"])) {
            try project.documentID("interview")
        }
        let prefixes = try self.project(["Alpha-1", "ALPHA-2"])
        #expect(throws: DocumentLookupError.ambiguous("alpha", ["ALPHA-2", "Alpha-1"])) {
            try prefixes.documentID("alpha")
        }
    }

    @Test func wrongCaseExactNameBeatsAWrongCasePrefix() throws {
        let project = try project(["Interview", "Interview-2"])
        #expect(try project.document("interview").name == "Interview")
    }

    @Test func unknownNameIsStillNotFound() throws {
        let project = try project(["Interview"])
        #expect(throws: DocumentLookupError.notFound("survey")) { try project.documentID("survey") }
    }

    @Test func codingAndLinkingAcceptTheWrongCase() throws {
        let project = try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview, name: "Interview.txt"))
        let change = try project.code(document: "INTERVIEW", code: "alpha", coder: "ann", selection: Selection(.turns(2...2)))
        #expect(change.changed.count == 1)
        try project.link(document: "interview", toCase: "P01", create: true)
        #expect(try project.caseRecord("P01").documents == ["Interview"])
    }
}
