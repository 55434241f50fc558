import Foundation
import Testing

@testable import QCodeKit

@Suite("Disagreements and reconcile on stretches of text (--unit character / continuum)")
struct StretchDisagreementTests {
    /// alice: a 0..<40, b 50..<90; ben: a 10..<40, b 50..<70, other 60..<65.
    private func fixture() throws -> AgreementFixture {
        let f = try AgreementFixture()
        try f.code("alice", "a", chars: 0, 40)
        try f.code("alice", "b", chars: 50, 90)
        try f.code("ben", "a", chars: 10, 40)
        try f.code("ben", "b", chars: 50, 70)
        try f.code("ben", "other", chars: 60, 65)
        return f
    }

    @Test func maximalStretchesWhereTheCodeSetsDiffer() throws {
        let f = try fixture()
        var request = DisagreementRequest(coders: ["alice", "ben"])
        for unit in [AgreementUnit.character, .continuum] {
            request.unit = unit
            let rows = try f.project.disagreements(request)
            #expect(rows.map { [$0.start, $0.end] } == [[0, 10], [60, 65], [70, 90]])
            #expect(rows[0].onlyA == ["theme/a"] && rows[0].onlyB.isEmpty && rows[0].agreed.isEmpty)
            #expect(rows[1].onlyB == ["other"] && rows[1].agreed == ["theme/b"])
            #expect(rows[2].onlyA == ["theme/b"])
            let text = try f.project.document("doc1").scalars
            #expect(rows[0].text == text.slice(0, 10))
            #expect(rows[0].unit == 1)
        }
        request.code = "other"
        request.unit = .continuum
        #expect(try f.project.disagreements(request).map(\.start) == [60])
        request.unit = .segment(overlap: 0.9)
        #expect(throws: AgreementError.unsupportedUnit("disagreements", allowed: "turn, sentence, paragraph, character or continuum")) {
            try f.project.disagreements(request)
        }
    }

    @Test func reconcileKeepsAgreedStretchesAndDecidedOnes() throws {
        let f = try fixture()
        let first = try f.project.reconcile(coders: ["alice", "ben"], into: "agreed", unit: .continuum)
        // Agreed: a 10..<40 and b 50..<70. To decide: a 0..<10 (alice), b 70..<90 (alice), other 60..<65 (ben).
        #expect(first.agreed == 2 && first.added == 2 && first.pending == 3)
        #expect(Set(first.decisions.map { "\($0.code)@\($0.start)-\($0.end):\($0.codedBy)" })
                == ["theme/a@0-10:alice", "theme/b@70-90:alice", "other@60-65:ben"])
        var decisions = first.decisions
        for i in decisions.indices { decisions[i].decision = decisions[i].code == "other" ? .drop : .keep }
        let second = try f.project.reconcile(coders: ["alice", "ben"], into: "agreed", unit: .continuum, decisions: decisions)
        #expect(second.kept == 2 && second.dropped == 1 && second.added == 2 && second.pending == 0)
        let again = try f.project.reconcile(coders: ["alice", "ben"], into: "agreed", unit: .continuum, decisions: decisions)
        #expect(again.added == 0)
        // The consensus now agrees with alice on a and b wherever either coded them.
        var request = DisagreementRequest(coders: ["alice", "agreed"])
        request.unit = .character
        #expect(try f.project.disagreements(request).isEmpty)
    }
}
