import Testing

@testable import QCodeKit

/// Crosstab counting from plain (case, value, columns) triples, without a project.
@Suite struct CrosstabCountsTests {
    /// Column 0 is a theme and column 1 its child: a coding of the child counts for both.
    private func counts() -> CrosstabCounts {
        var counts = CrosstabCounts(columns: 2)
        counts.add(case: 1, value: "GP", columns: [0, 1])
        counts.add(case: 1, value: "GP", columns: [0])
        counts.add(case: 2, value: "service user", columns: [0, 1])
        counts.add(case: 3, value: nil, columns: [0])
        return counts
    }

    @Test func countsDistinctCasesPerValueWithMissingLast() throws {
        let table = counts().table(paths: ["theme", "theme/child"], count: .cases)
        #expect(table.columns == ["code", "GP", "service user", "(missing)", "total"])
        #expect(table.rows == [
            [.text("theme"), .integer(1), .integer(1), .integer(1), .integer(3)],
            [.text("theme/child"), .integer(1), .integer(1), .integer(0), .integer(2)],
        ])
    }

    @Test func countsCodingsPerValue() throws {
        let table = counts().table(paths: ["theme", "theme/child"], count: .segments)
        #expect(try table.rendered(.csv)
                == "code,GP,service user,(missing),total\r\ntheme,2,1,1,4\r\ntheme/child,1,1,0,2\r\n")
    }

    @Test func numericValuesAreOrderedBySize() {
        var counts = CrosstabCounts(columns: 1)
        for (id, value) in [(1, "10"), (2, "9"), (3, "100"), (4, "9.5")] {
            counts.add(case: Int64(id), value: value, columns: [0])
        }
        #expect(counts.orderedValues == ["9", "9.5", "10", "100"])
        #expect(counts.table(paths: ["a"], count: .cases).rows == [[.text("a"), .integer(1), .integer(1), .integer(1), .integer(1), .integer(4)]])
    }

    @Test func aCaseCountsOnceInTheTotal() {
        var counts = CrosstabCounts(columns: 1)
        counts.add(case: 7, value: "x", columns: [0])
        counts.add(case: 7, value: "x", columns: [0])
        #expect(counts.table(paths: ["a"], count: .cases).rows == [[.text("a"), .integer(1), .integer(1)]])
        #expect(counts.table(paths: ["a"], count: .segments).rows == [[.text("a"), .integer(2), .integer(2)]])
    }
}
