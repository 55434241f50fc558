import Foundation
import Testing
@testable import QCodeKit

@Suite struct CodebookPlainListTests {
    private func parse(_ text: String) throws(CodebookError) -> Codebook {
        try Codebook.parsePlainList(text, fileName: "codes.txt", makeID: CodebookFixtures.sequentialIDs())
    }

    private func message(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func readsCategoriesCodesAndMemos() throws {
        let text = "code1\tA memo for code 1\r\ncat1>>code2\r\ncat1>>code3\r\ncat3>>cat2>>code4\tanother memo\r\ncat3>>code5\r\ncode6"
        let book = try parse(text)
        #expect(book.flattened.map(\.path) == [
            "code1", "cat1", "cat1/code2", "cat1/code3", "cat3", "cat3/cat2", "cat3/cat2/code4",
            "cat3/code5", "code6",
        ])
        #expect(book.flattened.map(\.id) == ["id1", "id2", "id3", "id4", "id5", "id6", "id7", "id8", "id9"])
        #expect(book.codes[0].description == "A memo for code 1")
        #expect(book.codes[2].children[0].children[0].description == "another memo")
        #expect(book.codes[1].description == nil)
    }

    /// QualCoder's example file in `shared/data`, beside the repository (as in CI).
    static let exampleURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data/codebook/qualcoder_plain_codes_categories_for_import.txt")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: exampleURL.path), "shared/data is absent"))
    func readsQualCodersExampleFileRequiresShared() throws {
        let text = try String(contentsOf: Self.exampleURL, encoding: .utf8)
        let book = try Codebook.parsePlainList(text, fileName: Self.exampleURL.lastPathComponent)
        #expect(book.flattened.count == 9)
        #expect(book.codes.map(\.name) == ["code1", "cat1", "cat3", "code6"])
    }

    @Test func aCategoryCanBeDeclaredWithAMemoLater() throws {
        let book = try parse("cat1>>code2\ncat1\tthe category memo\n\n   \n")
        #expect(book.codes.count == 1)
        #expect(book.codes[0].description == "the category memo")
        #expect(book.codes[0].children.map(\.name) == ["code2"])
    }

    @Test func stripsAByteOrderMarkAndSpacesAroundNames() throws {
        let book = try parse("\u{FEFF} cat >> code \t memo ")
        #expect(book.flattened.map(\.path) == ["cat", "cat/code"])
        #expect(book.codes[0].children[0].description == "memo")
    }

    @Test func errorsNameTheLine() {
        #expect(message("a\ncat1>>>>b\n") == "codes.txt: line 2: code 1 under 'cat1' has no name")
        #expect(message("a\n>>b\n") == "codes.txt: line 2: code 2 at the top level has no name")
        #expect(message("cat>>his/her\n") == "codes.txt: line 1: code name 'his/her' under 'cat' contains '/'; use children for sub-codes")
        #expect(message("cat>>code\nx\nCat>>Code\tmemo\n") == "codes.txt: line 3: duplicate code name 'Code' under 'cat' (same as 'code')")
    }
}
