import Testing
@testable import QCodeKit

/// ``MergePlanner`` on plain values: no project file, no SQLite.
@Suite struct MergePlanTests {
    private func code(_ id: String, _ path: String, parent: String? = nil, position: Int = 0) -> FlatCode {
        let segments = path.split(separator: "/").map(String.init)
        return FlatCode(id: id, parentID: parent, position: position, name: segments.last!, path: path, depth: segments.count - 1)
    }

    private func coding(_ document: Int64, _ code: String, _ coder: String, _ start: Int, _ end: Int,
                        memo: String? = nil) -> MergeSide.Coding {
        MergeSide.Coding(documentID: document, codeID: code, coder: coder, start: start, end: end, memo: memo, createdAt: "t")
    }

    private var report: MergeReport { MergeReport(source: "theirs.qcode", dryRun: true) }

    /// Ours: one document, a two-level codebook, alice's coding.
    private var ours: MergeSide {
        var side = MergeSide()
        side.documents = [.init(id: 1, name: "interview", sha256: "aaa", caseName: nil, memo: "ours")]
        side.codes = [code("t", "theme"), code("a", "theme/alpha", parent: "t"), code("b", "theme/beta", parent: "t", position: 1)]
        side.coders = ["alice"]
        side.codings = [coding(1, "a", "alice", 0, 5)]
        return side
    }

    @Test func documentsMatchByTextAndATakenNameGetsASuffix() throws {
        var theirs = MergeSide()
        theirs.documents = [
            .init(id: 7, name: "renamed there", sha256: "aaa", caseName: "P01", memo: nil),
            .init(id: 8, name: "interview", sha256: "bbb", caseName: nil, memo: "new"),
        ]
        theirs.cases = [.init(name: "P01", memo: nil, values: [])]
        let plan = try MergePlanner.plan(ours: ours, theirs: theirs, base: nil, report: report)
        #expect(plan.documents == [.init(sourceID: 8, name: "interview (2)", sha256: "bbb", caseName: nil, memo: "new")])
        #expect(plan.report.documentsAdded == ["interview (2)"])
        #expect(plan.cases == [.init(name: "P01", memo: nil)])
        #expect(plan.documentCases == [.init(document: .existing(1), caseName: "P01")])
        #expect(plan.report.documentLinksAdded == 1)
        #expect(plan.report.conflicts.map(\.kind) == [.documentName])
    }

    @Test func codesMatchByIDThenPathAndNewOnesComeWithTheirParents() throws {
        var theirs = MergeSide()
        theirs.codes = [
            code("t", "theme"), code("a", "theme/first", parent: "t"),  // renamed there
            code("x", "Theme/Beta", parent: "t", position: 1),  // another id, same path
            code("p", "place", position: 1), code("q", "place/park", parent: "p"),
        ]
        let plan = try MergePlanner.plan(ours: ours, theirs: theirs, base: nil, report: report)
        #expect(plan.codes.map(\.id) == ["p", "q"])
        #expect(plan.codes.map(\.position) == [1, 0])
        #expect(plan.codes.last?.parentID == "p" && plan.codes.last?.path == "place/park")
        #expect(plan.report.codesAdded == ["place", "place/park"])
        #expect(plan.report.conflicts == [MergeConflict(kind: .codeRenamed, subject: "code 'a'", ours: "theme/alpha", theirs: "theme/first")])

        // With a base where 'a' was already 'first', the rename happened here: no conflict.
        var base = MergeBase()
        base.codes["a"] = .init(parent: "t", name: "first")
        let withBase = try MergePlanner.plan(ours: ours, theirs: theirs, base: base, report: report)
        #expect(withBase.report.conflicts.isEmpty)
    }

    @Test func codingsByTheSameCoderIgnoringCaseAreDuplicatesAndNewCodersArePlanned() throws {
        var theirs = MergeSide()
        theirs.documents = [.init(id: 3, name: "interview", sha256: "aaa", caseName: nil, memo: nil)]
        theirs.codes = ours.codes
        theirs.codings = [
            coding(3, "a", "ALICE", 0, 5, memo: "theirs"),  // already here, memo fills ours
            coding(3, "b", "Alice", 2, 9),
            coding(3, "a", "carol", 1, 4),
        ]
        let plan = try MergePlanner.plan(ours: ours, theirs: theirs, base: nil, report: report)
        #expect(plan.coders == ["carol"])
        #expect(plan.codings.map { "\($0.coder) \($0.codeID) \($0.start)-\($0.end)" } == ["alice b 2-9", "carol a 1-4"])
        #expect(plan.codings.allSatisfy { $0.document == .existing(1) })
        #expect(plan.report.codingsAdded == ["alice": 1, "carol": 1] && plan.report.codingsAlreadyHere == 1)
        #expect(plan.codingMemos == [.init(document: .existing(1), codeID: "a", coder: "alice", start: 0, end: 5, memo: "theirs")])
        #expect(plan.report.memosAdded == 1)
    }

    @Test func memosChangedOnBothSidesAreConflictsAndOnlyThereAreTaken() throws {
        var mine = ours
        mine.codings = [coding(1, "a", "alice", 0, 5, memo: "changed here")]
        var theirs = MergeSide()
        theirs.documents = [.init(id: 3, name: "interview", sha256: "aaa", caseName: nil, memo: "revised there")]
        theirs.codes = ours.codes
        theirs.codings = [coding(3, "a", "alice", 0, 5, memo: "changed there")]
        var base = MergeBase()
        base.documentMemos["aaa"] = "ours"
        base.codingMemos[MergeBase.codingKey(sha256: "aaa", code: "a", coder: "alice", start: 0, end: 5)] = "original"
        let plan = try MergePlanner.plan(ours: mine, theirs: theirs, base: base, report: report)
        #expect(plan.documentMemos == [.init(document: .existing(1), memo: "revised there")])
        #expect(plan.codingMemos.isEmpty)
        #expect(plan.report.conflicts.map(\.description) == [
            "memo on alice's coding 0-5 of 'interview' as theme/alpha: here 'changed here', there 'changed there'; kept ours",
        ])
        // Without a base, two different document memos are a conflict too.
        let noBase = try MergePlanner.plan(ours: mine, theirs: theirs, base: nil, report: report)
        #expect(noBase.documentMemos.isEmpty && noBase.report.conflicts.count == 2)
    }

    @Test func attributesAndCaseValuesFillInAndDifferencesAreConflicts() throws {
        var mine = ours
        mine.attributes = [.init(name: "age", type: "integer")]
        mine.cases = [.init(name: "P01", memo: nil, values: [("age", "34")])]
        var theirs = MergeSide()
        theirs.attributes = [.init(name: "age", type: "text"), .init(name: "group", type: "text")]
        theirs.cases = [.init(name: "P01", memo: "m", values: [("age", "35"), ("group", "user")]),
                        .init(name: "P09", memo: nil, values: [("group", "staff")])]
        let plan = try MergePlanner.plan(ours: mine, theirs: theirs, base: nil, report: report)
        #expect(plan.attributes == [.init(name: "group", type: "text", position: 1)])
        #expect(plan.cases == [.init(name: "P09", memo: nil)])
        #expect(plan.caseMemos == [.init(caseName: "P01", memo: "m")])
        #expect(plan.values == [.init(caseName: "P01", attribute: "group", value: "user"),
                                .init(caseName: "P09", attribute: "group", value: "staff")])
        #expect(plan.report.conflicts.map(\.kind) == [.attributeType, .caseValue])
    }

    @Test func refusesCodingsWithoutTheirCodeAndCodesWithoutTheirParent() throws {
        var theirs = MergeSide()
        theirs.documents = [.init(id: 3, name: "interview", sha256: "aaa", caseName: nil, memo: nil)]
        theirs.codings = [coding(3, "gone", "alice", 0, 5)]
        #expect(throws: TeamError.invalidCoding(document: "interview", start: 0, end: 5, reason: "its document or code is missing")) {
            try MergePlanner.plan(ours: ours, theirs: theirs, base: nil, report: report)
        }
        theirs.codings = []
        theirs.codes = [code("c", "orphan/child", parent: "missing")]
        #expect(throws: TeamError.brokenCodebook(code: "orphan/child")) {
            try MergePlanner.plan(ours: ours, theirs: theirs, base: nil, report: report)
        }
    }
}
