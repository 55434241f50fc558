import Foundation
import Testing

@testable import QCodeKit

@Suite struct ProjectAgreementTests {
    @Test func tenTurnsHandWorked() throws {
        let f = try AgreementFixture()
        try f.code("alice", "a", turns: 1...4)  // one coding spanning turns 1-4
        try f.codeEach("ben", "a", [3, 4, 5, 6])  // one coding per turn
        let report = try f.agreement(["alice", "ben"])
        let a = try #require(report.row("theme/a"))
        #expect(a.units == 10)
        #expect([a.both, a.onlyA, a.onlyB, a.neither] == [2, 2, 2, 4])
        expectAgreementClose(a.figures.percentAgreement, 0.6, 1e-12)
        expectAgreementClose(a.figures.cohenKappa, 1.0 / 6, 1e-12)
        #expect(a.figures.cohenKappaCI?.count == 2)
        #expect(report.codes.map(\.code) == ["theme/a"])
        #expect(report.themes.map(\.code) == ["theme"])
        #expect(report.documents == ["doc1"])
        #expect(report.overall.pooled.units == 10)
        #expect(report.overall.codes == 1)
    }

    @Test func childrenRollUpUnlessAsked() throws {
        let f = try AgreementFixture()
        try f.codeEach("alice", "b", [1, 2])
        try f.codeEach("ben", "b", [1])
        try f.codeEach("ben", "b1", [2])
        let withChildren = try f.agreement(["alice", "ben"])
        #expect(withChildren.row("theme/b")?.both == 2)
        #expect(withChildren.row("theme/b/b1")?.onlyB == 1)
        let own = try f.agreement(["alice", "ben"], children: false)
        let b = try #require(own.row("theme/b"))
        #expect([b.both, b.onlyA, b.onlyB] == [1, 1, 0])
        // A theme always rolls up its subtree.
        #expect(own.theme("theme")?.both == 2)
        #expect(own.theme("theme")?.onlyA == 0)
    }

    @Test func themesPoolSiblingCodesAndOverallPoolsAndAverages() throws {
        let f = try AgreementFixture()
        try f.codeEach("alice", "a", [1, 2])
        try f.codeEach("ben", "a", [1, 2])
        try f.codeEach("alice", "other", [5])
        try f.codeEach("ben", "other", [6])
        let report = try f.agreement(["alice", "ben"])
        #expect(report.row("theme/a")?.figures.cohenKappa == 1)
        let other = try #require(report.row("other"))
        #expect([other.both, other.onlyA, other.onlyB, other.neither] == [0, 1, 1, 8])
        #expect(report.themes.map(\.code) == ["theme", "other"])
        let pooled = report.overall.pooled
        #expect([pooled.both, pooled.onlyA, pooled.onlyB, pooled.neither] == [2, 1, 1, 16])
        let kappas = report.codes.compactMap(\.figures.cohenKappa)
        expectAgreementClose(report.overall.meanOverCodes.cohenKappa, kappas.reduce(0, +) / Double(kappas.count), 1e-12)
    }

    @Test func aChosenCodeNobodyCodedIsReportedWithReasons() throws {
        let f = try AgreementFixture()
        try f.codeEach("alice", "a", [1])
        try f.codeEach("ben", "a", [1])
        let report = try f.agreement(["alice", "ben"], code: "other")
        let other = try #require(report.row("other"))
        #expect(other.neither == 10)
        #expect(other.figures.cohenKappa == nil)
        #expect(other.figures.notes.contains { $0.statistic == "cohen_kappa" && $0.reason == "chance_agreement_is_one" })
        #expect(other.figures.percentAgreement == 1)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!json.contains("NaN") && json.contains("\"cohen_kappa\":null"))
    }

    @Test func allAgree() throws {
        let f = try AgreementFixture()
        for coder in ["alice", "ben", "carol"] { try f.codeEach(coder, "a", [2, 7]) }
        let two = try f.agreement(["alice", "ben"])
        #expect(two.row("theme/a")?.figures.cohenKappa == 1)
        let three = try f.agreement(["alice", "ben", "carol"])
        let a = try #require(three.row("theme/a"))
        #expect(a.unitsCodedBy == [8, 0, 0, 2])
        expectAgreementClose(a.figures.fleissKappa, 1, 1e-12)
        expectAgreementClose(a.figures.krippendorffAlpha, 1, 1e-12)
        #expect(a.figures.cohenKappa == nil)
        #expect(a.figures.notes.contains { $0.reason == "not_two_coders" })
    }

    @Test func coderNamesAreChecked() throws {
        let f = try AgreementFixture()
        try f.codeEach("alice", "a", [1])
        #expect(throws: AgreementError.tooFewCoders) { try f.agreement(["alice"]) }
        #expect(throws: AgreementError.unknownCoder("zoe", known: ["alice"])) { try f.agreement(["alice", "zoe"]) }
        try f.codeEach("ben", "a", [1], in: "doc1")
        #expect(throws: AgreementError.duplicateCoder("ALICE")) { try f.agreement(["alice", "ALICE"]) }
    }

    @Test func onlyDocumentsEveryCoderCodedCountUnlessNamed() throws {
        let f = try AgreementFixture(documents: ["doc1", "doc2"])
        try f.codeEach("alice", "a", [1], in: "doc1")
        try f.codeEach("ben", "a", [1], in: "doc1")
        try f.codeEach("alice", "a", [1, 2, 3], in: "doc2")  // ben never opened doc2
        let shared = try f.agreement(["alice", "ben"])
        #expect(shared.documents == ["doc1"])
        #expect(shared.row("theme/a")?.figures.cohenKappa == 1)
        let both = try f.agreement(["alice", "ben"], documents: ["doc1", "doc2"])
        #expect(both.documents == ["doc1", "doc2"])
        #expect(both.row("theme/a")?.onlyA == 3)
        try f.codeEach("carol", "a", [1], in: "doc2")
        #expect(throws: AgreementError.noSharedDocuments(["ben", "carol"])) { try f.agreement(["ben", "carol"]) }
    }

    @Test func minimumOverlap() throws {
        let f = try AgreementFixture()
        let t = f.turns["doc1"]!
        try f.code("alice", "a", chars: t[0].start, t[1].start + 2)  // all of turn 1, 2 characters of turn 2
        try f.code("ben", "a", chars: t[0].start, t[0].end)
        #expect(try f.agreement(["alice", "ben"]).row("theme/a")?.onlyA == 1)
        #expect(try f.agreement(["alice", "ben"], minOverlap: 3).row("theme/a")?.onlyA == 0)
    }

    @Test func characterUnitIsNVivoStyle() throws {
        let f = try AgreementFixture()
        try f.code("alice", "a", chars: 0, 150)
        try f.code("ben", "a", chars: 100, 200)
        let report = try f.agreement(["alice", "ben"], unit: .character)
        let a = try #require(report.row("theme/a"))
        let length = try f.project.document("doc1").scalars.count
        #expect(a.units == length)
        #expect([a.both, a.onlyA, a.onlyB] == [50, 100, 50])
        let expected = CharacterAgreement(length: length, both: 50, onlyA: 100, onlyB: 50)
        expectAgreementClose(a.figures.cohenKappa, try #require(expected.kappa.value), 1e-12)
        expectAgreementClose(a.cohenKappaLengthWeighted, try #require(expected.kappa.value), 1e-12)
        #expect(a.figures.cohenKappaSE == nil)
        #expect(a.figures.notes.contains { $0.reason == "units_not_independent" })
    }

    @Test func segmentAndContinuumUnits() throws {
        let f = try AgreementFixture()
        try f.code("alice", "a", chars: 0, 100)
        try f.code("ben", "a", chars: 5, 100)  // 95% of the union
        try f.code("alice", "other", chars: 200, 300)
        try f.code("ben", "other", chars: 250, 300)  // 50%
        let segments = try f.agreement(["alice", "ben"], unit: .segment(overlap: 0.9))
        #expect(segments.unit == "segment:90")
        #expect(segments.row("theme/a")?.segments == SegmentCounts(SegmentMatching(matchedA: 1, unmatchedA: 0, matchedB: 1, unmatchedB: 0)))
        #expect(segments.row("other")?.figures.percentAgreement == 0)
        #expect(segments.overall.pooled.figures.percentAgreement == 0.5)
        #expect(segments.row("theme/a")?.figures.cohenKappa == nil)
        let continuum = try f.agreement(["alice", "ben"], unit: .continuum)
        #expect(continuum.row("theme/a")?.both == 95)
        #expect(continuum.row("theme/a")?.segments?.matchedA == 1)
        #expect(throws: AgreementError.needsTwoCoders("the unit 'segment:90'")) {
            try f.code("carol", "a", chars: 0, 10)
            return try f.agreement(["alice", "ben", "carol"], unit: .segment(overlap: 0.9))
        }
    }

    @Test func sentenceAndParagraphUnits() throws {
        let f = try AgreementFixture()
        try f.codeEach("alice", "a", [1])
        try f.codeEach("ben", "a", [1])
        let paragraphs = try f.agreement(["alice", "ben"], unit: .paragraph)
        #expect((paragraphs.row("theme/a")?.units ?? 0) >= 10)
        #expect(paragraphs.row("theme/a")?.figures.cohenKappa == 1)
        let sentences = try f.agreement(["alice", "ben"], unit: .sentence)
        #expect(sentences.row("theme/a")?.figures.cohenKappa == 1)
    }

    @Test func unitNamesParse() {
        #expect(AgreementUnit(parsing: "turn") == .turn)
        #expect(AgreementUnit(parsing: "segment") == .segment(overlap: 0.9))
        #expect(AgreementUnit(parsing: "segment:75") == .segment(overlap: 0.75))
        #expect(AgreementUnit(parsing: "segment:0") == nil)
        #expect(AgreementUnit(parsing: "word") == nil)
        #expect(AgreementUnit.segment(overlap: 0.75).description == "segment:75")
    }
}
