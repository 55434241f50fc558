import Testing
@testable import QCodeKit

@Suite struct TextLayoutTests {
    private func wrap(_ text: String, _ width: Int) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return TextWrapper.wrap(scalars, start: 0, end: scalars.count, width: width).map { line in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[line.start..<line.end])
            return String(view)
        }
    }

    @Test func wrapsAtSpacesWithoutShowingThem() {
        #expect(wrap("one two three", 8) == ["one two", "three"])
        #expect(wrap("one two three", 13) == ["one two three"])
        #expect(wrap("one  two", 4) == ["one", "two"])
    }

    @Test func cutsWordsLongerThanTheLine() {
        #expect(wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"])
    }

    @Test func keepsLineBreaksAndEmptyText() {
        #expect(wrap("a\nb", 10) == ["a", "b"])
        #expect(wrap("", 10) == [""])
    }

    @Test func wideCharactersTakeTwoColumnsAndAreNeverSplit() {
        #expect(CellWidth.of("日本語") == 6)
        #expect(wrap("日本語のテキスト", 5) == ["日本", "語の", "テキ", "スト"])
        #expect(wrap("ab日", 3) == ["ab", "日"])
    }

    @Test func emojiAndCombiningMarks() {
        #expect(CellWidth.of("😀") == 2)
        #expect(CellWidth.of("👍🏽") == 2)
        #expect(CellWidth.of("👩‍👩‍👧") == 2)
        #expect(CellWidth.of("e\u{301}") == 1)
        #expect(wrap("😀😀😀 ok", 4) == ["😀😀", "😀", "ok"])
        // Offsets are scalars: a decomposed é is two scalars on one line.
        let scalars = Array("cafe\u{301} noir".unicodeScalars)
        let lines = TextWrapper.wrap(scalars, start: 0, end: scalars.count, width: 5)
        #expect(lines == [WrappedLine(start: 0, end: 5), WrappedLine(start: 6, end: 10)])
    }

    @Test func wrapsOnlyTheGivenRangeKeepingDocumentOffsets() {
        let scalars = Array("XXXX hello world YYYY".unicodeScalars)
        let lines = TextWrapper.wrap(scalars, start: 5, end: 16, width: 6)
        #expect(lines == [WrappedLine(start: 5, end: 10), WrappedLine(start: 11, end: 16)])
    }

    @Test func lineBuilderPadsAndCutsToTheWidth() {
        var line = LineBuilder(width: 6, palette: .plain)
        line.add("日本語です")
        #expect(line.finish() == "日本語")
        var short = LineBuilder(width: 6, palette: .plain)
        short.add("ab")
        #expect(short.finish() == "ab    ")
        var styled = LineBuilder(width: 3, palette: .monochrome)
        styled.add("ab", .reverse)
        #expect(styled.finish() == "\u{1B}[7mab\u{1B}[0m ")
        #expect(CellWidth.truncate("abcdef", to: 4) == "abc…")
    }

    @Test func screenBufferRewritesOnlyChangedLines() {
        var screen = ScreenBuffer()
        let first = screen.update(to: ["aaa", "bbb", "ccc"])
        #expect(first.contains("aaa") && first.contains("ccc"))
        let second = screen.update(to: ["aaa", "BBB", "ccc"])
        #expect(second == "\u{1B}[2;1HBBB\u{1B}[0m")
        #expect(screen.update(to: ["aaa", "BBB", "ccc"]).isEmpty)
        screen.invalidate()
        #expect(screen.update(to: ["aaa", "BBB", "ccc"]).contains("\u{1B}[2J"))
    }

    @Test func layoutPlacesBlocksAndFindsTheUnitAtARow() {
        let text = "Interviewer: Hello there.\nP01: A much longer answer that will wrap onto several lines here."
        let scalars = Array(text.unicodeScalars)
        let units = [WorkspaceUnit(number: 1, speaker: "Interviewer", span: TextSpan(start: 13, end: 25)),
                     WorkspaceUnit(number: 2, speaker: "P01", span: TextSpan(start: 31, end: scalars.count))]
        var layout = WorkspaceLayout(units: units, scalars: scalars, width: 40)
        #expect(layout.marginWidth == 0)
        #expect(layout.wrapped[0].count == 1)
        #expect(layout.blockStart[1] == 3)  // header, one line, blank
        #expect(layout.unit(atRow: 0) == 0 && layout.unit(atRow: 2) == 0 && layout.unit(atRow: 3) == 1)
        layout.setCodeCounts([2, 0])  // narrow: codes go under the text
        #expect(layout.blockStart[1] == 5)
        let wide = WorkspaceLayout(units: units, scalars: scalars, width: 80)
        #expect(wide.marginWidth == 22 && wide.textWidth == 80 - 2 - 25)
    }
}
