import Testing

@testable import QCodeKit

/// The shaded text table of `export matrix|cooccurrence --format table`.
@Suite struct ShadedTableTests {
    let table = ExportTable(columns: ["code", "a", "b"], rows: [
        [.text("a"), .integer(10), .integer(0)],
        [.text("b\u{1B}]0;x\u{07}"), .integer(5), .null],
    ])

    @Test func withoutColourItIsAnAlignedTableWithNoEscapes() {
        let text = ShadedTable.render(table, shading: [1, 2], colour: false)
        #expect(text == "code       a   b\na          10  0\nb\\e]0;x^G  5   \n")
    }

    @Test func withColourOnlyPositiveNumbersOfShadedColumnsAreShadedByFifths() {
        let text = ShadedTable.render(table, shading: [1, 2], colour: true)
        #expect(text == "code       a   b\na          \u{1B}[48;5;25;38;5;231m10\u{1B}[0m  0\nb\\e]0;x^G  \u{1B}[48;5;111;38;5;16m5 \u{1B}[0m  \n")
        // The only escapes are SGR shading: the cell's own ESC is shown as \e.
        #expect(!text.contains("\u{07}") && !text.contains("\u{1B}]"))
        #expect(ShadedTable.render(table, shading: [], colour: true) == ShadedTable.render(table, shading: [], colour: false))
    }
}
