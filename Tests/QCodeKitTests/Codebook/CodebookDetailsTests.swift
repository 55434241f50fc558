import Foundation
import Testing
@testable import QCodeKit

/// One code's whole definition (`codeDetails`) and editing it in place (`setCodeFields`).
@Suite struct CodebookDetailsTests {
    private func project() throws -> Project {
        let project = try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
        try project.setCodeFields("theme", CodeFieldEdits(label: "Themes", description: "Big ideas", include: "yes",
                                                          exclude: "no", colour: "#1b9e77", keywords: ["one", "two"]))
        try project.code(document: "interview", code: "theme", coder: "ann", selection: Selection(.turns(1...1)))
        try project.code(document: "interview", code: "alpha", coder: "ann", selection: Selection(.turns(2...3)))
        try project.code(document: "interview", code: "beta", coder: "bob", selection: Selection(.turns(4...4)))
        try project.code(document: "interview", code: "gamma", coder: "bob", selection: Selection(.turns(4...4)))
        return project
    }

    @Test func detailsShowTheWholeDefinitionWithParentChildrenAndCountsPerCoder() throws {
        let project = try project()
        let theme = try project.codeDetails("t")
        #expect(theme.code.path == "theme" && theme.code.label == "Themes" && theme.code.description == "Big ideas")
        #expect(theme.code.include == "yes" && theme.code.exclude == "no" && theme.code.colour == "#1B9E77")
        #expect(theme.code.keywords == ["one", "two"])
        #expect(theme.parent == nil && theme.children == ["theme/alpha", "theme/beta"])
        #expect(theme.coders == [.init(coder: "ann", codings: 1, withChildren: 3), .init(coder: "bob", codings: 0, withChildren: 1)])
        #expect(theme.codings == 1 && theme.withChildren == 4)
        let alpha = try project.codeDetails("alpha")
        #expect(alpha.parent == "theme" && alpha.children.isEmpty)
        #expect(alpha.coders == [.init(coder: "ann", codings: 2, withChildren: 2)])
        let json = String(decoding: try JSONEncoder().encode(alpha), as: UTF8.self)
        #expect(json.contains(#""label":null"#) && json.contains(#""with_children":2"#))
        #expect(throws: CodebookError.self) { try project.codeDetails("nothing-like-it") }
    }

    @Test func setChangesOnlyTheGivenFieldsClearsEmptyOnesAndUndoes() throws {
        let project = try project()
        let before = try TableDump.of(project)
        let result = try project.setCodeFields("theme", CodeFieldEdits(label: "", description: "Bigger ideas", include: "yes",
                                                                       keywords: [" three ", "", "four"]))
        #expect(result.path == "theme")
        #expect(result.changes == [
            CodeFieldChange(field: "label", before: "Themes", after: nil),
            CodeFieldChange(field: "description", before: "Big ideas", after: "Bigger ideas"),
            CodeFieldChange(field: "keywords", before: "one, two", after: "three, four"),
        ])
        let theme = try project.codeDetails("theme").code
        #expect(theme.label == nil && theme.description == "Bigger ideas" && theme.keywords == ["three", "four"])
        #expect(theme.exclude == "no" && theme.colour == "#1B9E77" && theme.id == "t")
        let entry = try #require(try project.auditEntries(limit: 1).first)
        #expect(entry.action == "codebook.set" && entry.summary == "set label, description, keywords of theme")
        #expect(entry.auditAction == .codebook(CodebookEdit(operation: .set, subjects: ["theme"])))
        try project.undo()
        #expect(try TableDump.of(project) == before)
    }

    @Test func setWithNothingNewWritesNothing() throws {
        let project = try project()
        let entries = try project.auditEntries(limit: 100).count
        #expect(try project.setCodeFields("theme", CodeFieldEdits(label: "Themes", keywords: ["one", "two"])).changes.isEmpty)
        #expect(try project.auditEntries(limit: 100).count == entries)
    }

    @Test func badColoursAreRefusedWithoutNamingAnOption() throws {
        let project = try project()
        for colour in ["red", "#12345", "#GGGGGG", "1B9E77"] {
            #expect(throws: CodebookEditError.badColour(colour)) { try project.setCodeFields("alpha", CodeFieldEdits(colour: colour)) }
        }
        #expect(throws: CodebookEditError.badColour("blue")) {
            try project.addCode(path: "theme/new", definition: CodeDefinition(id: "", name: "new", colour: "blue"))
        }
        #expect(!CodebookEditError.badColour("red").description.contains("--"))
        #expect(!CodebookEditError.codedCodes(path: "x", codings: 2).description.contains("--"))
        try project.setCodeFields("alpha", CodeFieldEdits(colour: "#00ff00"))
        try project.setCodeFields("alpha", CodeFieldEdits(colour: ""))
        #expect(try project.codeDetails("alpha").code.colour == nil)
    }

    @Test func codebookEditsAreTypedEntriesThatUndo() throws {
        let project = try project()
        let before = try TableDump.of(project)
        try project.addCode(path: "other/delta", definition: CodeDefinition(id: "d", name: "delta"))
        try project.renameCode("delta", to: "epsilon")
        try project.moveCode("epsilon", under: "theme")
        try project.mergeCode("gamma", into: "beta")
        try project.removeCode("theme/epsilon", force: false)
        let actions = try project.auditEntries(limit: 5).map(\.auditAction)
        #expect(actions == [
            .codebook(CodebookEdit(operation: .remove, subjects: ["theme/epsilon"])),
            .codebook(CodebookEdit(operation: .merge, subjects: ["other/gamma", "theme/beta"])),
            .codebook(CodebookEdit(operation: .move, subjects: ["other/epsilon", "theme/epsilon"])),
            .codebook(CodebookEdit(operation: .rename, subjects: ["other/delta", "other/epsilon"])),
            .codebook(CodebookEdit(operation: .add, subjects: ["other/delta"])),
        ])
        for _ in 0..<5 { try project.undo() }
        #expect(try TableDump.of(project) == before)
    }
}
