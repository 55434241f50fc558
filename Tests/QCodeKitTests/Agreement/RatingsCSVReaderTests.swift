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

    // MARK: Unit ids looked up by number (UnitKeyIndex) and the grid

    /// The same ratings as a list, for comparison with the table built without the CSV reader.
    func list(_ rows: [(String, String, String)]) -> (csv: String, list: [(unit: String, coder: String, value: String?)])
    {
        var csv = "unit,coder,value\n"
        var list: [(unit: String, coder: String, value: String?)] = []
        for (u, c, v) in rows {
            let quoted = u.contains { $0 == "," || $0 == "\"" || $0 == " " } ? "\"" + u.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : u
            csv += "\(quoted),\(c),\(v)\n"
            list.append((u, c, v))
        }
        return (csv, list)
    }

    @Test func numberLikeIdsKeepStringIdentity() throws {
        let ids = ["7", "007", "07", "0", "00", "u7", "U7", "u07", "u007", "u0", "-7", "+7", " 7", "7 ", "7.0", "1e3",
                   "u", "", "u12345678901234567890", "12345678901234567890", "999999999999999999", "x\"7"]
            .filter { !$0.isEmpty }
        var rows: [(String, String, String)] = []
        for (n, id) in ids.enumerated() {
            rows.append((id, "A", "v\(n % 3)"))
            rows.append((id, "B", "v\(n % 2)"))
        }
        let (csv, list) = list(rows)
        let t = try read(csv)
        #expect(t.units == ids)
        #expect(t == (try RatingsTable(ratings: list)))
    }

    @Test func numberPathAndInternerGiveTheSameTable() throws {
        // The same ratings keyed "u<n>" (number path), "u<n>x" (interner) and a mix where the
        // prefix is fixed by the first key and other shapes ("v<n>", "<n>", "u0<n>") fall back.
        var rng = SplitMix64(seed: 13)
        var order = Array(0..<700)
        for i in order.indices.reversed() { order.swapAt(i, Int(rng.next(below: UInt64(i + 1)))) }
        var ratings: [(Int, String, String)] = []
        for n in order {
            for coder in ["A", "B", "C"] where rng.next(below: 5) > 0 {
                ratings.append((n, coder, rng.next(below: 9) == 0 ? "" : "\(rng.next(below: 5))"))
            }
        }
        func rows(_ key: (Int) -> String) -> [(String, String, String)] { ratings.map { (key($0.0), $0.1, $0.2) } }
        let byNumber = rows { "u\($0)" }
        let interned = rows { "u\($0)x" }
        let mixed = rows { n in n % 4 == 0 ? "u\(n)" : n % 4 == 1 ? "v\(n)" : n % 4 == 2 ? "\(n)" : "u0\(n)" }
        for variant in [byNumber, interned, mixed] {
            let (csv, list) = list(variant)
            #expect(try read(csv) == RatingsTable(ratings: list))
        }
        let a = try read(list(byNumber).csv)
        let b = try read(list(interned).csv)
        #expect(a.cells == b.cells)
        #expect(a.units.map { $0 + "x" } == b.units)
    }

    @Test func numbersBeyondTheLimitTakeTheInterner() throws {
        // A small file bounds the number path to 2^16; bigger numbers still work. The first
        // key fixes the prefix "u" although its number is over the limit.
        let t = try read("unit,coder,value\nu70000,A,x\nu5,A,y\nu70000,B,y\nu65535,A,x\nu65536,B,x\nu70000,C,x\n")
        #expect(t.units == ["u70000", "u5", "u65535", "u65536"])
        #expect(t.cells == [0, 1, 0, 1, -1, -1, 0, -1, -1, -1, 0, -1])
    }

    @Test func duplicateRatingsNameBothLinesOnEveryPath() {
        #expect(error("unit,coder,value\nu1,A,x\nu2,A,y\nu1,B,z\nu1,A,z\n") == "line 5: coder 'A' already rated unit 'u1' on line 2")
        #expect(error("unit,coder,value\nfoo,A,x\nbar,A,y\nfoo,A,z\n") == "line 4: coder 'A' already rated unit 'foo' on line 2")
        #expect(error("unit,coder,value\n\"a\"\"b\",A,x\n\n\"a\"\"b\",A,y\n") == "line 4: coder 'A' already rated unit 'a\"b' on line 2")
        // The first duplicate in file order is reported; an undeclared category comes first.
        #expect(error("unit,coder,value\n1,A,x\n2,A,y\n2,A,y\n1,A,y\n") == "line 4: coder 'A' already rated unit '2' on line 3")
        #expect(throws: RatingsError.undeclaredCategory(line: 5, value: "z")) {
            try read("unit,coder,value\n1,A,x\n1,A,x\n1,B,y\n2,B,z\n", categories: ["x", "y"])
        }
        // A field-count error anywhere wins over a duplicate, as before.
        #expect(error("unit,coder,value\n1,A,x\n1,A,x\n2,B\n") == "line 4: expected 3 fields, found 2")
    }

    @Test func coderColumnsWidenAsCodersAppear() throws {
        // Coders first seen late (after many units) move the grid to a wider stride.
        var rows: [(String, String, String)] = []
        for u in 0..<50 { rows.append(("\(u)", "c0", "\(u % 3)")) }
        for c in 1..<7 { for u in stride(from: 0, to: 50, by: c) { rows.append(("\(u)", "c\(c)", "\((u + c) % 3)")) } }
        rows.append(("new", "c7", "1"))
        let (csv, list) = list(rows)
        let t = try read(csv)
        #expect(t.coderCount == 8)
        #expect(t == (try RatingsTable(ratings: list)))
        // One coder only: the grid narrows.
        let one = try read("unit,coder,value\n1,A,x\n2,A,y\n3,A,\n")
        #expect(one.cells == [0, 1, -1])
    }
}
