import Foundation
import GRDB
import Testing

@testable import QCodeKit

@Suite struct DisagreementsAndReconcileTests {
    private func fixture() throws -> AgreementFixture {
        let f = try AgreementFixture()
        try f.code("alice", "a", turns: 1...4)
        try f.codeEach("ben", "a", [3, 4, 5, 6])
        try f.codeEach("alice", "other", [8])
        return f
    }

    @Test func listsEachDisagreeingUnitWithWhoAppliedWhat() throws {
        let f = try fixture()
        let rows = try f.project.disagreements(DisagreementRequest(coders: ["alice", "ben"]))
        #expect(rows.map(\.unit) == [1, 2, 5, 6, 8])
        #expect(rows[0].onlyA == ["theme/a"] && rows[0].onlyB.isEmpty)
        #expect(rows[2].onlyB == ["theme/a"])
        #expect(rows[4].onlyA == ["other"])
        #expect(rows[0].text == "This is turn number 1 of doc1.")
        #expect(rows[0].start == f.turns["doc1"]![0].start)
    }

    @Test func confusionMatrixOfSiblings() throws {
        let f = try AgreementFixture()
        try f.codeEach("alice", "a", [1, 2])
        try f.codeEach("ben", "a", [1])
        try f.codeEach("ben", "b1", [2])  // counts as b
        try f.codeEach("alice", "b", [3])
        try f.codeEach("alice", "a", [3])
        var request = DisagreementRequest(coders: ["alice", "ben"])
        request.code = "theme"
        let matrix = try f.project.confusionMatrix(request)
        #expect(matrix.categories == ["a", "b", "(none)", "(several)"])
        #expect(matrix.counts == [[1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 7, 0], [0, 0, 1, 0]])
        #expect(matrix.units == 10)
        request.code = "other"
        #expect(throws: AgreementError.noChildren("other")) { try f.project.confusionMatrix(request) }
    }

    @Test func reconcileRoundTrip() throws {
        let f = try fixture()
        let t = f.turns["doc1"]!
        let first = try f.project.reconcile(coders: ["alice", "ben"], into: "consensus")
        #expect(first.agreed == 2)
        #expect(first.added == 2)
        #expect(first.pending == 5)
        let consensus = try f.project.segments({ var s = SegmentFilter(); s.coders = ["consensus"]; return s }())
        #expect(consensus.map { TextSpan(start: $0.start, end: $0.end) } == [t[2], t[3]])

        // Decisions file round trip: keep alice's turn 1, drop ben's turn 5.
        var rows = try ReconcileDecisionsFile.parse(ReconcileDecisionsFile.render(first.decisions), file: "d.csv")
        #expect(rows == first.decisions)
        rows[0].decision = .keep
        rows[2].decision = .drop
        let second = try f.project.reconcile(coders: ["alice", "ben"], into: "consensus", decisions: rows)
        #expect(second.added == 1 && second.kept == 1 && second.dropped == 1 && second.pending == 3)
        let third = try f.project.reconcile(coders: ["alice", "ben"], into: "consensus", decisions: rows)
        #expect(third.added == 0)
        let after = try f.project.segments({ var s = SegmentFilter(); s.coders = ["consensus"]; return s }())
        #expect(after.map { TextSpan(start: $0.start, end: $0.end) } == [t[0], t[2], t[3]])
        let log = try f.project.auditEntries(limit: 3)
        #expect(log.allSatisfy { $0.action == "reconcile" })
    }

    /// An edited decisions file applies both ways (issue 14): keep then drop removes the
    /// consensus coding, drop then keep adds it back; each run is one undoable entry.
    @Test func changedDecisionsApplyBothWays() throws {
        let f = try fixture()
        let t = f.turns["doc1"]!
        func consensus() throws -> [TextSpan] {
            try f.project.segments({ var s = SegmentFilter(); s.coders = ["consensus"]; return s }())
                .map { TextSpan(start: $0.start, end: $0.end) }
        }
        let first = try f.project.reconcile(coders: ["alice", "ben"], into: "consensus")
        var rows = first.decisions
        rows[0].decision = .keep  // alice's turn 1
        rows[2].decision = .keep  // ben's turn 5
        let kept = try f.project.reconcile(coders: ["alice", "ben"], into: "consensus", decisions: rows)
        #expect(kept.added == 2 && kept.removed == 0)
        #expect(try consensus() == [t[0], t[2], t[3], t[4]])

        rows[0].decision = .drop
        let dropped = try f.project.reconcile(coders: ["alice", "ben"], into: "consensus", decisions: rows)
        #expect(dropped.added == 0 && dropped.removed == 1 && dropped.kept == 1 && dropped.dropped == 1)
        #expect(try consensus() == [t[2], t[3], t[4]])
        #expect(try f.project.auditEntries(limit: 1).first?.summary.hasSuffix("added 0 coding(s), removed 1") == true)

        rows[0].decision = .keep
        rows[2].decision = .drop
        let swapped = try f.project.reconcile(coders: ["alice", "ben"], into: "consensus", decisions: rows)
        #expect(swapped.added == 1 && swapped.removed == 1)
        #expect(try consensus() == [t[0], t[2], t[3]])
        // Undo reverts the whole run at once.
        _ = try f.project.undo()
        #expect(try consensus() == [t[2], t[3], t[4]])

        // Stretches (character unit) too.
        let g = try AgreementFixture()
        let u = g.turns["doc1"]![0]
        try g.code("alice", "a", chars: u.start, u.start + 9)
        try g.code("ben", "a", chars: u.start, u.start + 5)
        var stretch = try g.project.reconcile(coders: ["alice", "ben"], into: "c", unit: .character).decisions
        stretch[0].decision = .keep
        #expect(try g.project.reconcile(coders: ["alice", "ben"], into: "c", unit: .character, decisions: stretch).added == 1)
        stretch[0].decision = .drop
        #expect(try g.project.reconcile(coders: ["alice", "ben"], into: "c", unit: .character, decisions: stretch).removed == 1)
        let left = try g.project.segments({ var s = SegmentFilter(); s.coders = ["c"]; return s }())
        #expect(left.map { TextSpan(start: $0.start, end: $0.end) } == [TextSpan(start: u.start, end: u.start + 5)])
    }

    @Test func agreedCodingsAreTheUnionInsideTheUnit() throws {
        let f = try AgreementFixture()
        let t = f.turns["doc1"]![0]
        try f.code("alice", "a", chars: t.start, t.start + 5)
        try f.code("ben", "a", chars: t.start + 3, t.start + 9)
        _ = try f.project.reconcile(coders: ["alice", "ben"], into: "agreed")
        let spans = try f.project.segments({ var s = SegmentFilter(); s.coders = ["agreed"]; return s }())
        #expect(spans.map { TextSpan(start: $0.start, end: $0.end) } == [TextSpan(start: t.start, end: t.start + 9)])
    }

    @Test func decisionsFileErrorsNameTheLine() throws {
        let text = "document,unit,start,end,code,coded_by,decision,text\r\ndoc1,1,0,5,a,alice,keep,x\r\ndoc1,2,6,9,a,ben,perhaps,y\r\n"
        #expect(throws: AgreementError.badDecision(line: 3, value: "perhaps")) {
            try ReconcileDecisionsFile.parse(text, file: "d.csv")
        }
        #expect(throws: AgreementError.self) { try ReconcileDecisionsFile.parse("document,start\n", file: "d.csv") }
    }

    @Test func consensusMustBeAnotherCoder() throws {
        let f = try fixture()
        #expect(throws: AgreementError.consensusIsACoder("Ben")) {
            try f.project.reconcile(coders: ["alice", "ben"], into: "Ben")
        }
    }
}
