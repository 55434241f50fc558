import Foundation
import Testing
@testable import QCodeKit

/// Reconcile decisions files read through qcode's one CSV reader.
@Suite("Reconcile decisions CSV")
struct ReconcileDecisionsCSVTests {
    static let decision = ReconcileDecision(document: "doc1", unit: 1, start: 0, end: 5, code: "a", codedBy: "alice",
                                            decision: .keep, text: "x")

    @Test func semicolonSeparatedDecisionsRead() throws {
        let text = "document;unit;start;end;code;coded_by;decision;text\r\ndoc1;1;0;5;a;alice;keep;x\r\n"
        #expect(try ReconcileDecisionsFile.parse(text, file: "d.csv") == [Self.decision])
    }

    @Test func windows1252DecisionsRead() throws {
        var bytes = Array("document,unit,start,end,code,coded_by,decision,text\ncaf".utf8)
        bytes += [0xE9] + Array(",1,0,5,a,alice,KEEP,x\n".utf8)
        var expected = Self.decision
        expected.document = "café"
        #expect(try ReconcileDecisionsFile.parse(data: Data(bytes), file: "d.csv") == [expected])
    }

    @Test func linesAreCountedAcrossMultiLineCells() throws {
        let text = "document,unit,start,end,code,coded_by,decision,text\ndoc1,1,0,5,a,alice,,\"two\nlines\"\ndoc1,2,6,9,a,ben,perhaps,y\n"
        #expect(throws: AgreementError.badDecision(line: 4, value: "perhaps")) {
            try ReconcileDecisionsFile.parse(text, file: "d.csv")
        }
        let long = String(repeating: "x", count: 500)
        #expect(throws: AgreementError.badDecision(line: 2, value: String(repeating: "x", count: 80) + "…")) {
            try ReconcileDecisionsFile.parse("document,start,end,code,coded_by,decision\nd,0,1,a,b,\(long)\n", file: "d.csv")
        }
    }
}
