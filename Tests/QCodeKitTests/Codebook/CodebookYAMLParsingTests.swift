import Foundation
import Testing
@testable import QCodeKit

@Suite struct CodebookYAMLParsingTests {
    @Test func readsTitleDescriptionAndTree() throws {
        let book = try Codebook.parseYAML(CodebookFixtures.sampleYAML, fileName: "book.yaml")
        #expect(book.title == "Social prescribing interviews")
        #expect(book.description == "Codes for interviews with service users and link workers.")
        #expect(book.codes.map(\.name) == ["social-cure", "outcomes"])
        let socialCure = book.codes[0]
        #expect(socialCure.id == "sc")
        #expect(socialCure.label == "Social cure processes")
        #expect(socialCure.description == "Groups and social connection as a route to health.")
        #expect(socialCure.children.map(\.name) == ["group-membership", "community-belonging"])
        let joining = socialCure.children[0].children[0]
        #expect(joining.examples == ["I went along on the Tuesday."])
        #expect(joining.keywords == ["joined", "started"])
        #expect(socialCure.children[1].include == "Feeling part of a place.\nFeeling part of its people.")
    }

    @Test func normalisesColoursToUpperCaseAndAcceptsAmericanSpelling() throws {
        let book = try Codebook.parseYAML(CodebookFixtures.sampleYAML, fileName: "book.yaml")
        #expect(book.codes[0].colour == "#1B9E77")
        #expect(book.codes[1].colour == "#D95F02")
    }

    @Test func generatesLowerCaseUUIDsForMissingIDs() throws {
        let book = try Codebook.parseYAML("codes:\n  - name: a\n  - name: b\n", fileName: "x.yaml")
        for code in book.codes {
            #expect(UUID(uuidString: code.id) != nil)
            #expect(code.id == code.id.lowercased())
        }
        #expect(book.codes[0].id != book.codes[1].id)
    }

    @Test func usesTheGivenIDMaker() throws {
        let book = try Codebook.parseYAML(
            "codes:\n  - name: a\n    children:\n      - name: b\n",
            fileName: "x.yaml", makeID: CodebookFixtures.sequentialIDs())
        #expect(book.flattened.map(\.id) == ["id1", "id2"])
    }

    @Test func emptyTextAndNullsCountAsAbsent() throws {
        let yaml = """
            codebook: ""
            codes:
              - name: a
                id: a
                label:
                description: "   "
                examples:
                keywords: []
                children:
            """
        let book = try Codebook.parseYAML(yaml, fileName: "x.yaml")
        #expect(book == Codebook(codes: [CodeDefinition(id: "a", name: "a")]))
    }

    @Test func readsNumbersAndBooleansAsTheTextWritten() throws {
        let yaml = "codes:\n  - name: 2020\n    id: 007\n  - name: yes\n    id: 1.50\n"
        let book = try Codebook.parseYAML(yaml, fileName: "x.yaml")
        #expect(book.codes.map(\.name) == ["2020", "yes"])
        #expect(book.codes.map(\.id) == ["007", "1.50"])
    }

    @Test func readsUnicodeNamesAndText() throws {
        let yaml = """
            codes:
              - name: appartenance-à-la-communauté
                id: fr
                label: Appartenance
                examples: ["On se sent chez soi, café compris ☕"]
                children:
                  - name: 孤独
                    id: zh
            """
        let book = try Codebook.parseYAML(yaml, fileName: "x.yaml")
        #expect(book.flattened.map(\.path) == ["appartenance-à-la-communauté", "appartenance-à-la-communauté/孤独"])
        #expect(book.codes[0].examples == ["On se sent chez soi, café compris ☕"])
    }

    @Test func emptyCodesListIsAnEmptyCodebook() throws {
        #expect(try Codebook.parseYAML("codes: []\n", fileName: "x.yaml") == Codebook())
        #expect(try Codebook.parseYAML("codebook: T\ncodes:\n", fileName: "x.yaml") == Codebook(title: "T"))
    }

    @Test func followsAnchorsAndAliases() throws {
        let yaml = """
            codes:
              - name: a
                id: a
                keywords: &words [one, two]
              - name: b
                id: b
                keywords: *words
            """
        let book = try Codebook.parseYAML(yaml, fileName: "x.yaml")
        #expect(book.codes[1].keywords == ["one", "two"])
    }
}
