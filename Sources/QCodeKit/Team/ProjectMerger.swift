import Foundation

/// Merges a ``MergeSource`` into this project, inside the caller's transaction: reads what
/// is here, works out a ``MergePlan`` with ``MergePlanner`` (pure), then writes it through
/// the ``Store``.
///
/// The plan is written in dependency order: attributes, cases, case values, codes,
/// documents, coders, codings. Nothing of ours is overwritten: a value of theirs is taken
/// only where ours is missing, and every difference is in the report as a conflict.
struct ProjectMerger {
    let store: Store
    let source: MergeSource
    var report: MergeReport
    /// Codings added, as the audit log records them (enough to undo the merge).
    private(set) var addedCodings: [CodingSnapshot] = []

    init(store: Store, source: MergeSource, report: MergeReport) {
        self.store = store
        self.source = source
        self.report = report
    }

    mutating func run() throws {
        // Only our codings (and marks) by coders named there can be duplicates of theirs.
        let theirCoders = Set(source.side.codings.map(\.coder)).union(source.side.marks.map(\.coder))
        let coderIDs = try store.codersWithIDs()
            .filter { ours in theirCoders.contains { MergePlanner.sameCoder(ours.name, $0) } }.map(\.id)
        let ours = try store.mergeSide(codingsOfCoders: coderIDs)
        let plan = try MergePlanner.plan(ours: ours, theirs: source.side, base: source.base, report: report)
        try apply(plan)
        report = plan.report
    }

    private mutating func apply(_ plan: MergePlan) throws {
        for attribute in plan.attributes {
            try store.insertAttribute(name: attribute.name, type: attribute.type, position: attribute.position)
        }
        for newCase in plan.cases {
            try store.insertCase(name: newCase.name, memo: newCase.memo)
        }
        let caseIDs = try store.caseIDsByName()
        for memo in plan.caseMemos {
            guard let id = caseIDs[memo.caseName] else { continue }
            try store.setCaseMemo(caseID: id, memo: memo.memo)
        }
        if !plan.values.isEmpty {
            let attributeIDs = try store.attributeIDsByName()
            for value in plan.values {
                guard let caseID = caseIDs[value.caseName], let attributeID = attributeIDs[value.attribute] else { continue }
                try store.insertCaseValue(caseID: caseID, attributeID: attributeID, value: value.value)
            }
        }
        for code in plan.codes {
            try store.insertMergedCode(code)
        }
        if !plan.codes.isEmpty {
            try store.validateCodebook()  // refuses a codebook with clashing names or cycles
        }
        var added: [Int64] = []  // ids of the documents added, by index in the plan
        for document in plan.documents {
            added.append(try addDocument(document, caseID: document.caseName.flatMap { caseIDs[$0] }))
        }
        let id = { (ref: MergePlan.DocumentRef) -> Int64 in
            switch ref {
            case .existing(let id): return id
            case .added(let index): return added[index]
            }
        }
        for link in plan.documentCases {
            try store.setDocumentCase(documentID: id(link.document), caseID: caseIDs[link.caseName])
        }
        for memo in plan.documentMemos {
            try store.setDocumentMemo(id: id(memo.document), memo: memo.memo, author: nil)
        }
        var coderIDs: [String: Int64] = [:]
        let store = self.store
        let coderID = { (name: String) throws -> Int64 in
            if let known = coderIDs[name] { return known }
            let found = try store.mergeCoderID(named: name)
            coderIDs[name] = found
            return found
        }
        for name in plan.coders { _ = try coderID(name) }
        for coding in plan.codings {
            let documentID = id(coding.document)
            do {
                try store.insertMergedCoding(documentID: documentID, codeID: coding.codeID, coderID: try coderID(coding.coder),
                                             start: coding.start, end: coding.end, memo: coding.memo, createdAt: coding.createdAt)
            } catch let refused as RefusedRow {
                throw TeamError.invalidCoding(document: coding.documentName, start: coding.start, end: coding.end,
                                              reason: refused.reason)
            }
            addedCodings.append(CodingSnapshot(document: documentID, code: coding.codeID, coder: coding.coder,
                                                  start: coding.start, end: coding.end, memo: coding.memo))
        }
        for memo in plan.codingMemos {
            try store.setCodingMemo(documentID: id(memo.document), codeID: memo.codeID, coderID: try coderID(memo.coder),
                                    start: memo.start, end: memo.end, memo: memo.memo)
        }
        for mark in plan.marks {
            _ = try store.markDocumentDone(documentID: id(mark.document), coderID: try coderID(mark.coder), at: mark.markedAt)
        }
    }

    /// Adds one of their documents with its text, structure and turns, after checking that
    /// its text matches its hash and length; returns its id here.
    private func addDocument(_ planned: MergePlan.NewDocument, caseID: Int64?) throws -> Int64 {
        var (document, turns) = try source.document(planned.sourceID)
        guard ContentHash.of(document.text) == planned.sha256 else {
            throw TeamError.corruptDocument(name: document.name, reason: "its text does not match its SHA-256")
        }
        guard document.text.unicodeScalars.count == document.characters else {
            throw TeamError.corruptDocument(name: document.name, reason: "its length does not match its text")
        }
        document.name = planned.name
        document.caseID = caseID
        document.memo = planned.memo
        return try store.insertMergedDocument(document, turns: turns)
    }
}
