import Foundation
import Testing
@testable import QCodeKit

/// Codes nest at most `Codebook.maxDepth` levels, whatever the codebook was read from, so a
/// hostile file cannot exhaust the stack of any tree walk.
@Suite struct CodebookDepthTests {
    private func nestedYAML(levels: Int) -> String {
        var yaml = "codes:\n"
        var indent = "  "
        for level in 0..<levels {
            yaml += "\(indent)- name: c\(level)\n"
            if level < levels - 1 { yaml += "\(indent)  children:\n" }
            indent += "    "
        }
        return yaml
    }

    @Test func sixtyFourLevelsAreAllowed() throws {
        let codebook = try Codebook.parseYAML(nestedYAML(levels: Codebook.maxDepth), fileName: "deep.yaml")
        #expect(codebook.flattened.count == Codebook.maxDepth)
    }

    @Test func deeperIsRefusedWithOneLine() {
        do {
            _ = try Codebook.parseYAML(nestedYAML(levels: Codebook.maxDepth + 1), fileName: "deep.yaml")
            Issue.record("a 65-level codebook was accepted")
        } catch {
            #expect("\(error)".contains("nested more than 64 levels deep"))
        }
    }

    @Test func validationRefusesADeepTreeBuiltInCode() {
        var code = CodeDefinition(id: "x0", name: "leaf")
        for level in 1...70 { code = CodeDefinition(id: "x\(level)", name: "c\(level)", children: [code]) }
        #expect(throws: CodebookError.self) { try Codebook(codes: [code]).validate() }
    }
}
