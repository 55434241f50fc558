import Testing
@testable import QCodeKit

@Suite struct CodePathTests {
    @Test func splitsOnSlashesAndDropsEmptySegments() {
        #expect(CodePath("/social-cure//belonging/").segments == ["social-cure", "belonging"])
        #expect(CodePath(" social cure / belonging ").segments == ["social cure", "belonging"])
        #expect(CodePath("").isEmpty)
        #expect(CodePath("///").isEmpty)
    }

    @Test func normalisesCaseAndSeparatorRuns() {
        #expect(CodePath.normalise("Community  belonging") == "community-belonging")
        #expect(CodePath.normalise("community_-_belonging") == "community-belonging")
        #expect(CodePath.normalise("ÉMIGRÉ") == "émigré")
        #expect(CodePath("Social Cure/Community belonging") == CodePath("social-cure/community_belonging"))
        #expect(CodePath("social-cure") != CodePath("socialcure"))
    }

    @Test func equalPathsHashAlike() {
        let set: Set = [CodePath("A b/C"), CodePath("a-b/c/"), CodePath("a_b/c")]
        #expect(set.count == 1)
    }

    @Test func suffixesMatchWholeSegments() {
        let path = CodePath("social-cure/group-membership/joining")
        #expect(path.hasSuffix(CodePath("joining")))
        #expect(path.hasSuffix(CodePath("Group membership/joining")))
        #expect(path.hasSuffix(path))
        #expect(!path.hasSuffix(CodePath("membership/joining")))
        #expect(!path.hasSuffix(CodePath("")))
        #expect(!CodePath("joining").hasSuffix(path))
    }

    @Test func describesItselfAsWritten() {
        #expect(CodePath("/Social cure/ belonging").description == "Social cure/belonging")
        #expect(CodePath("Social cure/belonging").key == "social-cure/belonging")
    }
}
