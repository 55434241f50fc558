import Foundation
import Testing

@testable import QCodeKit

@Suite("Ratings CSV reader")
struct RatingsCSVReaderTests {
    func read(_ text: String, categories: [String]? = nil) throws -> RatingsTable {
        try RatingsCalculator.table(csv: Data(text.utf8), categories: categories)
    }

    func error(_ text: String) -> String? {
        do {
            _ = try read(text)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func readsLongFormat() throws {
        let t = try read("unit,coder,value\nu1,A,yes\nu1,B,no\nu2,A,yes\nu2,B,yes\n")
        #expect(t.units == ["u1", "u2"])
        #expect(t.coders == ["A", "B"])
        #expect(t.categories == ["no", "yes"])
        #expect(t.cells == [1, 0, 1, 1])
    }

    @Test func headerSynonymsAnyOrderBOMCRLFQuotes() throws {
        let text = "\u{FEFF}Rating,Rater,Item,note\r\n\"a, b\",\"Dr \"\"X\"\"\",1,x\r\nc,Y,1,\"multi\nline\"\r\n\r\n,Y,2,\r\n"
        let t = try read(text)
        #expect(t.units == ["1", "2"])
        #expect(t.coders == ["Dr \"X\"", "Y"])
        #expect(t.categories == ["a, b", "c"])
        #expect(t.cells == [0, 1, -1, -1])
    }

    @Test func blankValueIsMissingButUnitCounts() throws {
        let t = try read("unit,coder,value\n1,A,\n1,B,x\n2,A, \n")
        #expect(t.unitCount == 2)
        #expect(t.ratingCount == 1)
    }

    @Test func trimsSpacesAroundUnquotedFields() throws {
        let t = try read("unit , coder , value\n 1 , A , yes \n1,B,yes\n")
        #expect(t.coders == ["A", "B"])
        #expect(t.categories == ["yes"])
    }

    @Test func errorsNameTheLine() {
        #expect(error("unit,coder,value\n1,A,x\n1,B\n") == "line 3: expected 3 fields, found 2")
        #expect(error("unit,coder,value\n1,A,x\n2,B,y\n1,A,z\n") == "line 4: coder 'A' already rated unit '1' on line 2")
        #expect(error("") == "empty input: expected a header row 'unit,coder,value'")
        #expect(error("unit,rater\n1,A\n") == "missing column 'value' (also accepted: 'rating', 'category')")
        #expect(error("unit,coder,value\n1,A,\"x\n") == "line 2: malformed quoted field")
        #expect(error("unit,coder,value\n1,A,\"x\"y\n") == "line 2: malformed quoted field")
        #expect(error("unit,coder,value\n,A,x\n") == "line 2: empty unit")
        #expect(error("unit,item,coder,value\n") == "column 'unit' appears twice in the header")
        // A quoted field spanning lines moves the count on.
        #expect(error("unit,coder,value\n\"1\n2\",A,x\n3,A\n") == "line 4: expected 3 fields, found 2")
    }

    @Test func undeclaredCategoryNamesLine() {
        #expect(throws: RatingsError.undeclaredCategory(line: 3, value: "maybe")) {
            try read("unit,coder,value\n1,A,yes\n1,B,maybe\n", categories: ["yes", "no"])
        }
    }

    @Test func invalidUTF8() {
        var data = Data("unit,coder,value\n1,A,".utf8)
        data.append(contentsOf: [0xFF, 0xFE, 0x0A])
        #expect(throws: RatingsError.invalidUTF8(line: 2)) {
            try RatingsCalculator.table(csv: data, categories: nil)
        }
    }

    @Test func matchesTableBuiltFromList() throws {
        var csv = "unit,coder,value\n"
        var list: [(unit: String, coder: String, value: String?)] = []
        var rng = SplitMix64(seed: 5)
        for u in 0..<300 {
            for c in ["A", "B", "C"] where rng.next(below: 10) > 0 {
                let v = rng.next(below: 8) == 0 ? "" : "v\(rng.next(below: 6))"
                csv += "u\(u),\(c),\(v)\n"
                list.append(("u\(u)", c, v))
            }
        }
        #expect(try read(csv) == RatingsTable(ratings: list))
    }

    @Test func manyDistinctKeysGrowTheInterner() throws {
        var csv = "unit,coder,value\n"
        for u in 0..<5000 { csv += "unit-\(u),A,\(u % 7)\nunit-\(u),B,\(u % 5)\n" }
        let t = try read(csv)
        #expect(t.unitCount == 5000)
        #expect(t.units[4321] == "unit-4321")
        #expect(t.categories == (0..<7).map(String.init))
    }
}
