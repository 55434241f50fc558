import Foundation
import Testing

@testable import QCodeKit

@Suite("Project agreement: unitizing alpha for --unit continuum")
struct UnitizedAlphaProjectTests {
    @Test func continuumRowsCarryUnitizedAlpha() throws {
        let f = try AgreementFixture(documents: ["doc1", "doc2"])
        try f.code("alice", "a", chars: 0, 100)
        try f.code("ben", "a", chars: 5, 100)
        try f.code("alice", "other", chars: 20, 40, in: "doc2")
        try f.code("ben", "other", chars: 20, 40, in: "doc2")
        let report = try f.agreement(["alice", "ben"], unit: .continuum)
        let lengths = try ["doc1", "doc2"].map { try f.project.document($0).scalars.count }
        let expected = try UnitizedAlpha.compute([
            UnitizedAlpha.Continuum(length: lengths[0], coders: [[ContinuumSpan(start: 0, end: 100)], [ContinuumSpan(start: 5, end: 100)]]),
            UnitizedAlpha.Continuum(length: lengths[1], coders: [[], []]),
        ]).alpha.value
        expectAgreementClose(report.row("theme/a")?.unitizedAlpha, try #require(expected), 1e-12)
        #expect(report.row("other")?.unitizedAlpha == 1)
        // A code nobody used: null with a note, and the key present in JSON.
        let b = try #require(report.row("theme/b") ?? report.theme("theme"))
        if b.unitizedAlpha == nil {
            #expect(b.figures.notes.contains { $0.statistic == "unitized_alpha" })
        }
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"unitized_alpha\""))
        #expect(report.renderTable().contains("|uα"))
        // Other units do not report it.
        let turns = try f.agreement(["alice", "ben"], unit: .turn)
        #expect(!String(decoding: try JSONEncoder().encode(turns), as: UTF8.self).contains("unitized_alpha"))
    }
}
