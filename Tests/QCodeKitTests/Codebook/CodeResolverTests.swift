import Testing
@testable import QCodeKit

@Suite struct CodeResolverTests {
    private let resolver: CodeResolver = {
        let book = Codebook(codes: [
            CodeDefinition(id: "sc", name: "social-cure", children: [
                CodeDefinition(id: "sc-gm", name: "group-membership", children: [
                    CodeDefinition(id: "sc-gm-join", name: "joining"),
                    CodeDefinition(id: "sc-gm-lose", name: "losing"),
                ]),
                CodeDefinition(id: "sc-cb", name: "community-belonging"),
                CodeDefinition(id: "sc-b", name: "belonging"),
            ]),
            CodeDefinition(id: "out", name: "outcomes", children: [
                CodeDefinition(id: "out-b", name: "belonging"),
                CodeDefinition(id: "out-w", name: "wellbeing"),
            ]),
            CodeDefinition(id: "lw", name: "link-worker", children: [
                CodeDefinition(id: "lw-t", name: "trust"),
            ]),
        ])
        return CodeResolver(book.flattened)
    }()

    private func resolvedID(_ query: String) throws -> String {
        try resolver.resolve(query).id
    }

    private func message(_ query: String) -> String? {
        do {
            _ = try resolver.resolve(query)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func findsByID() throws {
        #expect(try resolvedID("sc-gm-join") == "sc-gm-join")
        #expect(try resolver.resolve("out-w").path == "outcomes/wellbeing")
    }

    @Test func findsByFullPathLoosely() throws {
        #expect(try resolvedID("social-cure/group-membership/joining") == "sc-gm-join")
        #expect(try resolvedID("/Social Cure/Group_membership/JOINING/") == "sc-gm-join")
        #expect(try resolvedID("outcomes") == "out")
    }

    @Test func findsByAUniqueEndingOfWholeSegments() throws {
        #expect(try resolvedID("community belonging") == "sc-cb")
        #expect(try resolvedID("group-membership/joining") == "sc-gm-join")
        #expect(try resolvedID("trust") == "lw-t")
        #expect(throws: CodebookError.self) { try resolver.resolve("cure/belonging") }
    }

    @Test func ambiguousEndingsListEveryMatch() {
        #expect(message("belonging") == "code 'belonging' is ambiguous: social-cure/belonging, outcomes/belonging")
    }

    @Test func unknownCodesSuggestNearMatches() {
        #expect(message("social-cur/belonging") == "no code 'social-cur/belonging'; did you mean 'social-cure/belonging', 'social-cure/community-belonging' or 'outcomes/belonging'?")
        #expect(message("joinng") == "no code 'joinng'; did you mean 'social-cure/group-membership/joining'?")
        #expect(message("comunity") == "no code 'comunity'; did you mean 'social-cure/community-belonging'?")
        #expect(message("wellbeeing") == "no code 'wellbeeing'; did you mean 'outcomes/wellbeing'?")
        #expect(message("finances") == "no code 'finances'")
        #expect(message("") == "no code ''")
    }

    @Test func errorsCarryTheMatches() {
        do {
            _ = try resolver.resolve("belonging")
            Issue.record("expected an error")
        } catch {
            #expect(error.problem == .ambiguousCode("belonging", matches: ["social-cure/belonging", "outcomes/belonging"]))
            #expect(error.fileName == nil && error.line == nil)
        }
    }

    @Test func idLookupWinsOverPaths() throws {
        let resolver = CodeResolver([
            FlatCode(id: "joining", name: "other"),
            FlatCode(id: "x", name: "joining"),
        ])
        #expect(try resolver.resolve("joining").id == "joining")
    }

    @Test func anExactFullPathWinsOverLongerEndings() throws {
        let book = Codebook(codes: [
            CodeDefinition(id: "top", name: "belonging"),
            CodeDefinition(id: "o", name: "outcomes", children: [CodeDefinition(id: "o-b", name: "belonging")]),
        ])
        #expect(try CodeResolver(book.flattened).resolve("belonging").id == "top")
    }

    @Test func descendantsAreDepthFirst() {
        #expect(resolver.descendants(of: "sc").map(\.id) == ["sc-gm", "sc-gm-join", "sc-gm-lose", "sc-cb", "sc-b"])
        #expect(resolver.descendants(of: "sc-gm").map(\.id) == ["sc-gm-join", "sc-gm-lose"])
        #expect(resolver.descendants(of: "sc-gm-join").isEmpty)
        #expect(resolver.descendants(of: "nope").isEmpty)
    }
}
