import Foundation
import Testing
@testable import QCodeKit

/// Control characters shown as visible escapes: the function, its widths, and its use in
/// text tables and the workspace's lines.
@Suite struct TerminalSafeTests {
    /// True when `text` holds a character a terminal would act on (C0 but tab and newline, DEL, C1).
    static func hasRawControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
    }

    @Test func escapesEachKindOfControlCharacter() {
        #expect(TerminalSafe.escape("a\u{1B}[2Jb") == "a\\e[2Jb")
        #expect(TerminalSafe.escape("\u{1B}]52;c;ZXZpbA==\u{07}") == "\\e]52;c;ZXZpbA==^G")
        #expect(TerminalSafe.escape("\u{00}\u{01}\u{0D}\u{1A}\u{1F}") == "^@^A^M^Z^_")
        #expect(TerminalSafe.escape("x\u{7F}y") == "x\\u007Fy")
        #expect(TerminalSafe.escape("\u{9B}31m\u{80}\u{9F}") == "\\u009B31m\\u0080\\u009F")
    }

    @Test func keepsTabNewlineAndOrdinaryText() {
        let text = "line one\n\tline two · café 日本 😀 \u{A0}\u{2028}e\u{301}"
        #expect(TerminalSafe.escape(text) == text)
        #expect(!TerminalSafe.needsEscaping(text))
        #expect(TerminalSafe.escape(Substring("ok")) == "ok")
    }

    @Test func escapingTwiceChangesNothingAndLeavesNoControlCharacter() {
        var all = ""
        for value in 0...0xA0 { all.unicodeScalars.append(Unicode.Scalar(UInt32(value))!) }
        let once = TerminalSafe.escape(all)
        #expect(!Self.hasRawControl(once))
        #expect(TerminalSafe.escape(once) == once)
    }

    @Test func jsonPassedThroughStillParsesToTheSameText() throws {
        let original = ["memo": "a\u{9B}31mred\u{7F}\u{1B}[0m"]
        let json = String(decoding: try JSONEncoder().encode(original), as: UTF8.self)
        let shown = TerminalSafe.escape(json)
        #expect(!Self.hasRawControl(shown))
        #expect(try JSONDecoder().decode([String: String].self, from: Data(shown.utf8)) == original)
    }

    @Test func cellWidthCountsTheEscapedForm() {
        #expect(CellWidth.of("\u{1B}") as Int == 2)
        #expect(CellWidth.of("a\u{07}b") == 4)
        #expect(CellWidth.of("\u{9B}") as Int == 6)
        #expect(CellWidth.of("\n") as Int == 0)
        for text in ["\u{1B}]0;title\u{07}", "x\u{9B}2Jy\u{7F}", "日\u{1B}本"] {
            #expect(CellWidth.of(text) == CellWidth.of(TerminalSafe.escape(text)))
        }
    }

    @Test func lineBuilderDrawsControlCharactersVisiblyAtExactWidth() {
        var line = LineBuilder(width: 30, palette: .plain)
        line.add("evil\u{1B}]52;c;ZXZpbA==\u{07}\u{9B}2J and more text than fits")
        let finished = line.finish()
        #expect(!finished.contains("\u{1B}"))
        #expect(!Self.hasRawControl(finished))
        #expect(finished.hasPrefix("evil\\e]52;c;ZXZpbA==^G\\u009B"))
        #expect(CellWidth.of(finished) == 30)
        var coloured = LineBuilder(width: 20, palette: .colour)
        coloured.add("a\u{1B}[31mb", .bold)
        let styled = coloured.finish()
        // The builder's own style sequence is the only escape sequence.
        #expect(styled.hasPrefix("\u{1B}[1ma\\e[31mb\u{1B}[0m"))
    }

    @Test func tableEscapesAndAlignsWhileCsvAndTsvStayExact() {
        let table = Tabular(headers: ["name", "n"], rows: [["a\u{1B}[2Jb", "1"], ["plain", "2"], ["x\u{9B}y", "3"], ["日本", "4"]])
        let text = table.table()
        #expect(!Self.hasRawControl(text))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[1] == "a\\e[2Jb" + "   1")
        #expect(lines[2] == "plain" + String(repeating: " ", count: 5) + "2")
        #expect(lines[3] == "x\\u009By  3")
        #expect(lines[4] == "日本" + String(repeating: " ", count: 6) + "4")
        // Every row's last column starts at the same terminal column.
        #expect(Set(lines.map { CellWidth.of($0.dropLast()) }).count == 1)
        #expect(table.csv().contains("a\u{1B}[2Jb,1\r\n"))
        #expect(table.tsv().contains("x\u{9B}y\t3\n"))
    }

    @Test func tableCutsLongCellsWithoutSplittingAnEscape() {
        let cell = String(repeating: "a", count: 8) + "\u{9B}" + String(repeating: "b", count: 20)
        let text = Tabular(headers: ["h"], rows: [[cell]]).table(maxWidth: 12)
        let row = text.split(separator: "\n")[1]
        #expect(row == "aaaaaaaa…")
        #expect(Tabular(headers: ["h"], rows: [[cell]]).table(maxWidth: 16).split(separator: "\n")[1] == "aaaaaaaa\\u009Bb…")
    }
}
