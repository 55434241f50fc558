import Foundation
import Testing
@testable import QCodeKit

@Suite struct CodebookStoreTests {
    private func project() throws -> Project {
        try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
    }

    @Test func importTwiceChangesNothingAndKeepsIDs() throws {
        let project = try project()
        let again = try project.importCodebook(try Codebook.parseYAML(TestProject.smallCodebook, fileName: "s.yaml"), source: "s.yaml")
        #expect(again == CodebookImportReport(added: 0, updated: 0, unchanged: 5))
        #expect(try project.codes().map(\.path) == ["theme", "theme/alpha", "theme/beta", "other", "other/gamma"])
    }

    @Test func sampleCodebookLoads() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Codebooks/social-prescribing.yaml")
        let project = try TestProject.make()
        let report = try project.importCodebook(try Codebook.parseYAML(String(contentsOf: url, encoding: .utf8), fileName: "sp.yaml"), source: "sp.yaml")
        #expect(report.added >= 40)
        #expect(try project.resolveCode("community-belonging").path == "social-cure/community-belonging")
        #expect(try project.codebook().yamlString().contains("social-cure"))
    }

    @Test func addRenameMoveKeepCodings() throws {
        let project = try project()
        try project.addCode(path: "theme/alpha/deep", definition: CodeDefinition(id: "", name: "deep", description: "d"))
        try project.code(document: "interview", code: "deep", coder: "ann", selection: Selection(.turns(2...2)))
        #expect(throws: CodebookEditError.exists("theme/alpha/deep")) {
            try project.addCode(path: "theme/alpha/Deep", definition: CodeDefinition(id: "", name: "Deep"))
        }
        #expect(try project.renameCode("deep", to: "deeper") == ("theme/alpha/deep", "theme/alpha/deeper"))
        #expect(try project.moveCode("deeper", under: "other") == ("theme/alpha/deeper", "other/deeper"))
        #expect(try project.segments().map(\.code) == ["other/deeper"])
        #expect(throws: CodebookEditError.moveIntoOwnSubtree("theme", "theme/alpha")) {
            try project.moveCode("theme", under: "alpha")
        }
    }

    @Test func mergeMovesCodingsAndCollapsesDuplicates() throws {
        let project = try project()
        try project.code(document: "interview", code: "alpha", coder: "ann", selection: Selection(.turns(2...4)))
        try project.code(document: "interview", code: "beta", coder: "ann", selection: Selection(.turns(2...2)))
        let result = try project.mergeCode("alpha", into: "beta")
        #expect(result.codings == 3)
        #expect(try project.segments().map(\.code) == ["theme/beta", "theme/beta", "theme/beta"])
        #expect(throws: CodebookError.self) { try project.resolveCode("alpha") }
    }

    @Test func removeRefusesCodedCodesUnlessForced() throws {
        let project = try project()
        try project.code(document: "interview", code: "alpha", coder: "ann", selection: Selection(.turns(2...3)))
        #expect(throws: CodebookEditError.codedCodes(path: "theme", codings: 2)) { try project.removeCode("theme", force: false) }
        #expect(try project.codes().count == 5)
        let removed = try project.removeCode("theme", force: true)
        #expect(removed.codes == 3 && removed.codings == 2)
        #expect(try project.codes().map(\.path) == ["other", "other/gamma"])
        #expect(try project.auditEntries().first?.action == "codebook.remove")
    }
}
