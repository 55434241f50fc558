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

@Suite("Project agreement: uα and cuα over subcodes for --unit continuum")
struct DomainAlphaProjectTests {
    private typealias Valued = UnitizedAlphaFamily.ValuedSpan

    /// The fixture's `theme` has subcodes `a` and `b` (with `b/b1` below `b`); `other` is
    /// top-level. Rows must equal the statistics module fed the same sections by hand.
    @Test func subcodesAreTheValues() throws {
        let f = try AgreementFixture(documents: ["doc1", "doc2"])
        try f.code("alice", "a", chars: 0, 40)
        try f.code("alice", "b", chars: 50, 90)
        try f.code("ben", "a", chars: 0, 30)
        try f.code("ben", "b1", chars: 30, 45)  // counts as b, below it
        try f.code("ben", "b", chars: 55, 90)
        try f.code("alice", "other", chars: 10, 20, in: "doc2")
        try f.code("ben", "other", chars: 10, 25, in: "doc2")
        let report = try f.agreement(["alice", "ben"], unit: .continuum)
        let lengths = try ["doc1", "doc2"].map { try f.project.document($0).scalars.count }
        let theme = try UnitizedAlphaFamily.compute([
            .init(length: lengths[0], coders: [
                [try Valued(start: 0, end: 40, value: 0), try Valued(start: 50, end: 90, value: 1)],
                [try Valued(start: 0, end: 30, value: 0), try Valued(start: 30, end: 45, value: 1),
                 try Valued(start: 55, end: 90, value: 1)],
            ]),
            .init(length: lengths[1], coders: [[], []]),
        ], values: 2)
        let row = try #require(report.theme("theme"))
        expectAgreementClose(row.codingAlpha, try #require(theme.codingAlpha.value), 1e-12)
        expectAgreementClose(row.domainAlpha, try #require(theme.alpha.value), 1e-12)
        #expect(report.row("theme")?.codingAlpha == nil)  // nobody coded `theme` itself: no code row
        // A leaf has no subcodes: null with a reason.
        let a = try #require(report.row("theme/a"))
        #expect(a.codingAlpha == nil && a.figures.notes.contains { $0.statistic == "cu_alpha" && $0.reason == "no_subcodes" })
        // The pooled row takes the top-level codes as values (ATLAS.ti's Cu-alpha).
        let top = try UnitizedAlphaFamily.compute([
            .init(length: lengths[0], coders: [
                [try Valued(start: 0, end: 40, value: 0), try Valued(start: 50, end: 90, value: 0)],
                // a and b1 touch: two units of the same value, as everywhere.
                [try Valued(start: 0, end: 30, value: 0), try Valued(start: 30, end: 45, value: 0),
                 try Valued(start: 55, end: 90, value: 0)],
            ]),
            .init(length: lengths[1], coders: [[try Valued(start: 10, end: 20, value: 1)], [try Valued(start: 10, end: 25, value: 1)]]),
        ], values: 2)
        // Where the coders' stretches meet they always chose the same theme.
        #expect(report.overall.pooled.codingAlpha == 1 && top.codingAlpha.value == 1)
        expectAgreementClose(report.overall.pooled.domainAlpha, try #require(top.alpha.value), 1e-12)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"cu_alpha\"") && json.contains("\"u_alpha\""))
        #expect(report.renderTable().contains("cuα"))
        #expect(!String(decoding: try JSONEncoder().encode(f.agreement(["alice", "ben"])), as: UTF8.self).contains("cu_alpha"))
    }

    @Test func overlappingSubcodesGiveAReason() throws {
        let f = try AgreementFixture()
        try f.code("alice", "a", chars: 0, 40)
        try f.code("alice", "b", chars: 30, 60)
        try f.code("ben", "a", chars: 0, 60)
        let report = try f.agreement(["alice", "ben"], unit: .continuum)
        let theme = try #require(report.theme("theme"))
        #expect(theme.codingAlpha == nil)
        let note = try #require(theme.figures.notes.first { $0.statistic == "cu_alpha" })
        #expect(note.reason == "overlapping_values")
        #expect(note.message.contains("alice") && note.message.contains("doc1") && note.message.contains("offset 30"))
    }

    @Test func threeCodersGetThe2016FormsAndCharacterFigures() throws {
        let f = try AgreementFixture()
        try f.code("alice", "a", chars: 0, 40)
        try f.code("ben", "a", chars: 5, 40)
        try f.code("carol", "b", chars: 0, 30)
        try f.code("carol", "a", chars: 30, 40)
        let report = try f.agreement(["alice", "ben", "carol"], unit: .continuum)
        let length = try f.project.document("doc1").scalars.count
        let a = try #require(report.row("theme/a"))
        let expected = try UnitizedAlpha2016.compute(length: length, coders: [
            [ContinuumSpan(start: 0, end: 40)], [ContinuumSpan(start: 5, end: 40)], [ContinuumSpan(start: 30, end: 40)],
        ])
        expectAgreementClose(a.unitizedAlpha2016, try #require(expected.alpha.value), 1e-12)
        #expect(a.unitizedAlpha == nil && a.figures.notes.contains { $0.statistic == "unitized_alpha" && $0.reason == "not_two_coders" })
        #expect(a.units == length && a.figures.fleissKappa != nil && a.segments == nil)
        let theme = try #require(report.theme("theme"))
        let family = try UnitizedAlphaFamily.compute(length: length, values: 2, coders: [
            [try Valued(start: 0, end: 40, value: 0)], [try Valued(start: 5, end: 40, value: 0)],
            [try Valued(start: 0, end: 30, value: 1), try Valued(start: 30, end: 40, value: 0)],
        ])
        expectAgreementClose(theme.codingAlpha, try #require(family.codingAlpha.value), 1e-12)
        #expect(report.renderTable().contains("|uα 2016"))
        #expect(!report.renderTable().contains("|uα 2004"))
    }
}
