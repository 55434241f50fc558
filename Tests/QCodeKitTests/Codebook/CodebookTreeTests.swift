import Testing
@testable import QCodeKit

@Suite struct CodebookTreeTests {
    private let book = Codebook(title: "T", description: "D", codes: [
        CodeDefinition(id: "sc", name: "social-cure", colour: "#1B9E77", children: [
            CodeDefinition(id: "sc-gm", name: "group-membership", children: [
                CodeDefinition(id: "sc-gm-join", name: "joining", examples: ["e"], keywords: ["k"]),
            ]),
            CodeDefinition(id: "sc-cb", name: "community-belonging"),
        ]),
        CodeDefinition(id: "out", name: "outcomes"),
    ])

    private func message(_ rows: [FlatCode]) -> String? {
        do {
            _ = try Codebook.build(fromFlat: rows)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func flattensDepthFirstWithParentsPathsAndDepths() {
        let rows = book.flattened
        #expect(rows.map(\.id) == ["sc", "sc-gm", "sc-gm-join", "sc-cb", "out"])
        #expect(rows.map(\.parentID) == [nil, "sc", "sc-gm", "sc", nil])
        #expect(rows.map(\.position) == [0, 0, 0, 1, 1])
        #expect(rows.map(\.depth) == [0, 1, 2, 1, 0])
        #expect(rows[2].path == "social-cure/group-membership/joining")
        #expect(rows[2].examples == ["e"] && rows[2].keywords == ["k"])
        #expect(rows[0].colour == "#1B9E77")
    }

    @Test func buildsBackTheSameTree() throws {
        #expect(try Codebook.build(fromFlat: book.flattened, title: "T", description: "D") == book)
    }

    @Test func ordersSiblingsByPositionThenInputOrder() throws {
        let rows = [
            FlatCode(id: "b", position: 1, name: "b"),
            FlatCode(id: "a2", parentID: "a", name: "second"),
            FlatCode(id: "a", position: 0, name: "a"),
            FlatCode(id: "a1", parentID: "a", name: "first"),
            FlatCode(id: "a0", parentID: "a", position: -1, name: "zeroth"),
        ]
        let rebuilt = try Codebook.build(fromFlat: rows)
        #expect(rebuilt.flattened.map(\.id) == ["a", "a0", "a2", "a1", "b"])
        #expect(rebuilt.flattened.map(\.path) == ["a", "a/zeroth", "a/second", "a/first", "b"])
    }

    @Test func missingParentNamesBothIDs() {
        #expect(message([FlatCode(id: "a", name: "a"), FlatCode(id: "b", parentID: "zz", name: "b")])
            == "code 'b' has parent 'zz', which is not in the codebook")
    }

    @Test func cyclesNameTheirIDs() {
        #expect(message([
            FlatCode(id: "root", name: "root"),
            FlatCode(id: "a", parentID: "c", name: "a"),
            FlatCode(id: "b", parentID: "a", name: "b"),
            FlatCode(id: "c", parentID: "b", name: "c"),
        ]) == "codes form a cycle: a -> c -> b -> a")
        #expect(message([FlatCode(id: "self", parentID: "self", name: "s")])
            == "codes form a cycle: self -> self")
    }

    @Test func aBranchHangingFromACycleReportsTheCycle() {
        #expect(message([
            FlatCode(id: "leaf", parentID: "x", name: "leaf"),
            FlatCode(id: "x", parentID: "y", name: "x"),
            FlatCode(id: "y", parentID: "x", name: "y"),
        ]) == "codes form a cycle: x -> y -> x")
    }

    @Test func duplicateIDsInRows() {
        #expect(message([
            FlatCode(id: "a", name: "a", path: "one/a"),
            FlatCode(id: "a", name: "a", path: "two/a"),
        ]) == "duplicate id 'a' in codes 'one/a' and 'two/a'")
    }

    @Test func validatesTheBuiltTree() {
        #expect(message([
            FlatCode(id: "p", name: "p"),
            FlatCode(id: "a", parentID: "p", name: "Belonging"),
            FlatCode(id: "b", parentID: "p", name: "belonging"),
        ]) == "duplicate code name 'belonging' under 'p' (same as 'Belonging')")
        #expect(message([FlatCode(id: "p", name: "p", colour: "blue")])
            == "bad colour 'blue' in code 'p'; expected \"#RRGGBB\", e.g. \"#1B9E77\"")
    }

    @Test func validateWithoutAFileGivesNoPrefix() {
        let bad = Codebook(codes: [CodeDefinition(id: " ", name: "a")])
        #expect(throws: CodebookError(.emptyID(code: "a"))) { try bad.validate() }
        #expect(throws: CodebookError(.emptyID(code: "a"), fileName: "db")) { try bad.validate(fileName: "db") }
    }
}
