import Foundation

/// One side of a merge as plain values: what ``MergePlanner`` compares. No database.
///
/// For the other project (theirs) every row is here. For this project (ours) codings may be
/// limited to the coders named there: only those can be duplicates of theirs.
struct MergeSide {
    struct Document: Equatable {
        var id: Int64
        var name: String
        var sha256: String
        var caseName: String?
        var memo: String?
    }

    struct Case {
        var name: String
        var memo: String?
        /// Values by attribute name, in attribute order.
        var values: [(attribute: String, value: String)]
    }

    struct Attribute: Equatable {
        var name: String
        var type: String
    }

    struct Coding: Equatable {
        var documentID: Int64
        var codeID: String
        /// The coder's name as stored on this side.
        var coder: String
        var start: Int
        var end: Int
        var memo: String?
        var createdAt: String
    }

    /// By id.
    var documents: [Document] = []
    /// Depth-first, so a parent always comes before its children (as ``Codebook`` flattens).
    var codes: [FlatCode] = []
    /// In position order.
    var attributes: [Attribute] = []
    var cases: [Case] = []
    /// Coder names (used for ours: the coders a coding of theirs may belong to).
    var coders: [String] = []
    var codings: [Coding] = []
    /// Documents marked fully coded, by document id and coder name.
    var marks: [Mark] = []

    struct Mark: Equatable {
        var documentID: Int64
        var coder: String
        var markedAt: String
    }
}

/// What a merge will write into this project, worked out by ``MergePlanner`` before anything is written.
///
/// Rows to add are listed in the order they are to be written; new cases, attributes and
/// coders are named (their ids exist only once written), and a document is either one
/// here (by id) or one added by this plan (by index into ``documents``).
struct MergePlan {
    enum DocumentRef: Hashable {
        /// A document here, by id.
        case existing(Int64)
        /// A document this plan adds, by index into ``MergePlan/documents``.
        case added(Int)
    }

    struct NewAttribute: Equatable {
        var name: String
        var type: String
        var position: Int
    }

    struct NewCase: Equatable {
        var name: String
        var memo: String?
    }

    struct CaseMemo: Equatable {
        var caseName: String
        var memo: String
    }

    struct CaseValue: Equatable {
        var caseName: String
        var attribute: String
        var value: String
    }

    struct NewDocument: Equatable {
        /// The document's id in the other project (its text is read from there).
        var sourceID: Int64
        var name: String
        var sha256: String
        var caseName: String?
        var memo: String?
    }

    struct DocumentCase: Equatable {
        var document: DocumentRef
        var caseName: String
    }

    struct DocumentMemo: Equatable {
        var document: DocumentRef
        var memo: String
    }

    struct NewCoding: Equatable {
        var document: DocumentRef
        var codeID: String
        /// The coder's name here.
        var coder: String
        var start: Int
        var end: Int
        var memo: String?
        var createdAt: String
        /// The document's name there, for messages.
        var documentName: String
    }

    struct CodingMemo: Equatable {
        var document: DocumentRef
        var codeID: String
        var coder: String
        var start: Int
        var end: Int
        var memo: String
    }

    var attributes: [NewAttribute] = []
    var cases: [NewCase] = []
    var caseMemos: [CaseMemo] = []
    var values: [CaseValue] = []
    /// Parents first, with their ids, parents, paths and positions here.
    var codes: [FlatCode] = []
    var documents: [NewDocument] = []
    var documentCases: [DocumentCase] = []
    var documentMemos: [DocumentMemo] = []
    /// Coders to create, by name.
    var coders: [String] = []
    var codings: [NewCoding] = []
    var codingMemos: [CodingMemo] = []
    /// "Fully coded" marks to add.
    var marks: [NewMark] = []

    struct NewMark: Equatable {
        var document: DocumentRef
        /// The coder's name here.
        var coder: String
        var markedAt: String
    }
    /// What the merge brings in and where the sides differ (filled in from the report given).
    var report: MergeReport
}

/// Works out a merge from plain values: matches the other project's documents, codes,
/// cases, attributes, coders and codings with this one's and decides what to add and
/// where the two differ. Pure: no database, no files.
///
/// The rules (see ``Project/merge(from:dryRun:)``): documents match by SHA-256, preferring
/// the same name; codes by id, then by path; coders by name ignoring (ASCII) case, as SQLite's
/// `NOCASE` does; codings by document, code, coder, start and end. Nothing of ours is
/// overwritten: a value of theirs fills in only what is empty here, and each difference is
/// a conflict (ours kept). With a base (the copy as it was made) a change made only there
/// is taken, and one made only here is no conflict.
struct MergePlanner {
    let ours: MergeSide
    let theirs: MergeSide
    let base: MergeBase?
    private(set) var plan: MergePlan

    /// Attribute names known after the merge (ours and added).
    private var attributeNames: Set<String> = []
    /// Case names to their memo and values here, as the plan leaves them.
    private var caseState: [String: (memo: String?, values: [String: String])] = [:]
    /// Their code id to ours.
    private var codeIDs: [String: String] = [:]
    /// Our code id to its path here.
    private var codePaths: [String: String] = [:]
    /// Their document id to ours.
    private var documentTargets: [Int64: MergePlan.DocumentRef] = [:]
    /// Their coder name, lower-cased, to our coder's name.
    private var coderNames: [String: String] = [:]
    /// Our coder names and those this plan adds.
    private var knownCoders: [String] = []

    init(ours: MergeSide, theirs: MergeSide, base: MergeBase?, report: MergeReport) {
        self.ours = ours
        self.theirs = theirs
        self.base = base
        self.plan = MergePlan(report: report)
        self.knownCoders = ours.coders
    }

    /// The plan for merging `theirs` into `ours`.
    ///
    /// - Throws: `TeamError.brokenCodebook` for a code of theirs whose parent is missing,
    ///   `TeamError.invalidCoding` for a coding of theirs whose document or code is missing,
    ///   `CodingError.badCoderName` for an unusable coder name.
    static func plan(ours: MergeSide, theirs: MergeSide, base: MergeBase?, report: MergeReport) throws -> MergePlan {
        var planner = MergePlanner(ours: ours, theirs: theirs, base: base, report: report)
        planner.planAttributes()
        planner.planCases()
        try planner.planCodes()
        planner.planDocuments()
        try planner.planCodings()
        try planner.planMarks()
        return planner.plan
    }

    /// Whether two coder names are the same coder: equal after trimming, ignoring ASCII case
    /// (SQLite's `NOCASE`, which the coders table uses).
    static func sameCoder(_ a: String, _ b: String) -> Bool {
        let fold = { (text: String) in
            text.trimmingCharacters(in: .whitespaces).utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        }
        return fold(a) == fold(b)
    }

    // MARK: Cases and attributes

    private mutating func planAttributes() {
        var existing: [String: String] = [:]
        for attribute in ours.attributes { existing[attribute.name] = attribute.type }
        attributeNames = Set(existing.keys)
        for attribute in theirs.attributes {
            if let type = existing[attribute.name] {
                if type != attribute.type {
                    plan.report.conflicts.append(MergeConflict(kind: .attributeType, subject: "type of attribute '\(attribute.name)'",
                                                               ours: type, theirs: attribute.type))
                }
                continue
            }
            plan.attributes.append(.init(name: attribute.name, type: attribute.type, position: ours.attributes.count + plan.attributes.count))
            existing[attribute.name] = attribute.type
            attributeNames.insert(attribute.name)
            plan.report.attributesAdded.append(attribute.name)
        }
    }

    private mutating func planCases() {
        for ourCase in ours.cases {
            caseState[ourCase.name] = (ourCase.memo, Dictionary(ourCase.values.map { ($0.attribute, $0.value) },
                                                                uniquingKeysWith: { first, _ in first }))
        }
        for theirs in theirs.cases {
            if let state = caseState[theirs.name] {
                if let memo = memoToTake(ours: state.memo, theirs: theirs.memo, base: base.map { $0.caseMemos[theirs.name] },
                                         subject: "memo on case '\(theirs.name)'") {
                    plan.caseMemos.append(.init(caseName: theirs.name, memo: memo))
                    caseState[theirs.name]?.memo = memo
                }
            } else {
                plan.cases.append(.init(name: theirs.name, memo: theirs.memo))
                caseState[theirs.name] = (theirs.memo, [:])
                plan.report.casesAdded.append(theirs.name)
            }
            for (attribute, value) in theirs.values {
                guard attributeNames.contains(attribute) else { continue }
                if let ours = caseState[theirs.name]?.values[attribute] {
                    if ours != value {
                        plan.report.conflicts.append(MergeConflict(kind: .caseValue, subject: "case '\(theirs.name)', attribute '\(attribute)'",
                                                                   ours: ours, theirs: value))
                    }
                } else {
                    plan.values.append(.init(caseName: theirs.name, attribute: attribute, value: value))
                    caseState[theirs.name]?.values[attribute] = value
                    plan.report.valuesAdded += 1
                }
            }
        }
    }

    // MARK: Codes

    /// Matches each of their codes by id, then by path (under its parent as matched here,
    /// then as written there); adds the rest, parents first, keeping their ids.
    private mutating func planCodes() throws {
        var byID: [String: FlatCode] = [:]
        var byPath: [String: FlatCode] = [:]
        var lastPosition: [String: Int] = [:]  // parent id ("" for the top) to its children's highest position
        for code in ours.codes {
            byID[code.id] = code
            if byPath[CodePath(code.path).key] == nil { byPath[CodePath(code.path).key] = code }
            lastPosition[code.parentID ?? "", default: -1] = max(lastPosition[code.parentID ?? "", default: -1], code.position)
            codePaths[code.id] = code.path
        }
        for code in theirs.codes {
            var parentID: String?
            if let theirParent = code.parentID {
                guard let mapped = codeIDs[theirParent] else { throw TeamError.brokenCodebook(code: code.path) }
                parentID = mapped
            }
            if let ours = byID[code.id] {
                codeIDs[code.id] = ours.id
                let here = MergeBase.Place(parent: ours.parentID, name: CodePath.normalise(ours.name))
                let there = MergeBase.Place(parent: parentID, name: CodePath.normalise(code.name))
                let before = base?.codes[code.id].map {
                    MergeBase.Place(parent: $0.parent.flatMap { codeIDs[$0] ?? $0 }, name: CodePath.normalise($0.name))
                }
                // Moved or renamed there (or on both sides differently): ours is kept and
                // the difference listed. Moved or renamed only here: nothing to say.
                if here != there && (before == nil || there != before) {
                    plan.report.conflicts.append(MergeConflict(kind: .codeRenamed, subject: "code '\(code.id)'",
                                                               ours: ours.path, theirs: code.path))
                }
                continue
            }
            let parent = parentID.flatMap { byID[$0] }
            let path = parent.map { "\($0.path)/\(code.name)" } ?? code.name
            if let ours = byPath[CodePath(path).key] ?? byPath[CodePath(code.path).key] {
                codeIDs[code.id] = ours.id
                continue
            }
            var row = code
            row.parentID = parentID
            row.path = path
            row.depth = (parent?.depth ?? -1) + 1
            row.position = lastPosition[parentID ?? "", default: -1] + 1
            plan.codes.append(row)
            lastPosition[parentID ?? ""] = row.position
            byID[row.id] = row
            byPath[CodePath(path).key] = row
            codeIDs[code.id] = row.id
            codePaths[row.id] = path
            plan.report.codesAdded.append(path)
        }
    }

    // MARK: Documents

    /// Matches documents by text (SHA-256), never by name alone, preferring one with the
    /// same name, then the oldest; adds the rest, renaming one whose name is taken by a
    /// different text.
    private mutating func planDocuments() {
        // Documents here as the plan leaves them, oldest first (added ones after ours).
        var here: [(ref: MergePlan.DocumentRef, document: MergeSide.Document)] = ours.documents.map { (.existing($0.id), $0) }
        var names = Set(ours.documents.map(\.name))
        var bySHA: [String: [Int]] = [:]  // indexes into `here`, oldest first
        for (index, entry) in here.enumerated() { bySHA[entry.document.sha256, default: []].append(index) }
        for theirs in theirs.documents {
            let sameText = bySHA[theirs.sha256] ?? []
            guard let index = sameText.first(where: { here[$0].document.name == theirs.name }) ?? sameText.first else {
                var name = theirs.name
                var suffix = 2
                while names.contains(name) {
                    name = "\(theirs.name) (\(suffix))"
                    suffix += 1
                }
                if name != theirs.name {
                    plan.report.conflicts.append(MergeConflict(kind: .documentName, subject: "document '\(theirs.name)'",
                                                               ours: theirs.name, theirs: name))
                }
                let ref = MergePlan.DocumentRef.added(plan.documents.count)
                plan.documents.append(.init(sourceID: theirs.id, name: name, sha256: theirs.sha256,
                                            caseName: theirs.caseName, memo: theirs.memo))
                bySHA[theirs.sha256, default: []].append(here.count)
                here.append((ref, MergeSide.Document(id: -1, name: name, sha256: theirs.sha256, caseName: theirs.caseName, memo: theirs.memo)))
                names.insert(name)
                documentTargets[theirs.id] = ref
                plan.report.documentsAdded.append(name)
                continue
            }
            let (ref, ours) = here[index]
            documentTargets[theirs.id] = ref
            if let theirCase = theirs.caseName, caseState[theirCase] != nil {
                if ours.caseName == nil {
                    plan.documentCases.append(.init(document: ref, caseName: theirCase))
                    here[index].document.caseName = theirCase
                    plan.report.documentLinksAdded += 1
                } else if ours.caseName != theirCase {
                    plan.report.conflicts.append(MergeConflict(kind: .documentCase, subject: "case of document '\(ours.name)'",
                                                               ours: ours.caseName, theirs: theirCase))
                }
            }
            if let memo = memoToTake(ours: ours.memo, theirs: theirs.memo, base: base.map { $0.documentMemos[theirs.sha256] },
                                     subject: "memo on document '\(ours.name)'") {
                plan.documentMemos.append(.init(document: ref, memo: memo))
                here[index].document.memo = memo
            }
        }
    }

    // MARK: Codings

    private struct CodingKey: Hashable {
        var document: MergePlan.DocumentRef
        var code: String
        var coder: String
        var start: Int
        var end: Int
    }

    /// Adds each coding unless an exact duplicate (document, code, coder, start, end) is here.
    private mutating func planCodings() throws {
        var memos: [CodingKey: String?] = [:]  // codings here (ours and added) to their memo
        for coding in ours.codings {
            memos[CodingKey(document: .existing(coding.documentID), code: coding.codeID, coder: coding.coder,
                            start: coding.start, end: coding.end)] = .some(coding.memo)
        }
        let documents = Dictionary(theirs.documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for coding in theirs.codings {
            let documentName = documents[coding.documentID]?.name ?? String(coding.documentID)
            guard let document = documentTargets[coding.documentID], let codeID = codeIDs[coding.codeID] else {
                throw TeamError.invalidCoding(document: documentName, start: coding.start, end: coding.end,
                                              reason: "its document or code is missing")
            }
            let coder = try coder(named: coding.coder)
            let key = CodingKey(document: document, code: codeID, coder: coder, start: coding.start, end: coding.end)
            guard let ours = memos[key] else {
                memos[key] = .some(coding.memo)
                plan.codings.append(.init(document: document, codeID: codeID, coder: coder, start: coding.start, end: coding.end,
                                          memo: coding.memo, createdAt: coding.createdAt, documentName: documentName))
                plan.report.codingsAdded[coder, default: 0] += 1
                continue
            }
            plan.report.codingsAlreadyHere += 1
            guard coding.memo?.isEmpty == false else { continue }
            let subject = "memo on \(coder)'s coding \(coding.start)-\(coding.end) of '\(documentName)' as \(codePaths[codeID] ?? codeID)"
            let base = base.map {
                $0.codingMemos[MergeBase.codingKey(sha256: documents[coding.documentID]?.sha256 ?? "", code: coding.codeID,
                                                   coder: coding.coder, start: coding.start, end: coding.end)]
            }
            if let memo = memoToTake(ours: ours, theirs: coding.memo, base: base, subject: subject) {
                plan.codingMemos.append(.init(document: document, codeID: codeID, coder: coder,
                                              start: coding.start, end: coding.end, memo: memo))
                memos[key] = .some(memo)
            }
        }
    }

    /// Adds each "fully coded" mark of theirs that is not here (marks of documents it cannot
    /// place are left out: a mark without its document means nothing).
    private mutating func planMarks() throws {
        struct Key: Hashable { var document: MergePlan.DocumentRef; var coder: String }
        var here = Set(ours.marks.map { Key(document: .existing($0.documentID), coder: $0.coder.lowercased()) })
        for mark in theirs.marks {
            guard let document = documentTargets[mark.documentID] else { continue }
            let coder = try coder(named: mark.coder)
            guard here.insert(Key(document: document, coder: coder.lowercased())).inserted else { continue }
            plan.marks.append(.init(document: document, coder: coder, markedAt: mark.markedAt))
            plan.report.marksAdded += 1
        }
    }

    /// Our coder's name for their coder's name: matched ignoring case, else a new coder.
    private mutating func coder(named name: String) throws -> String {
        if let known = coderNames[name.lowercased()] { return known }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains(",") else { throw CodingError.badCoderName(name) }
        let stored: String
        if let match = knownCoders.first(where: { Self.sameCoder($0, trimmed) }) {
            stored = match
        } else {
            stored = trimmed
            knownCoders.append(trimmed)
            plan.coders.append(trimmed)
        }
        coderNames[name.lowercased()] = stored
        return stored
    }

    // MARK: Memos

    /// The memo to write, if any.
    ///
    /// With a base (the memo when the copy was made): theirs is taken if only they changed
    /// it; if both changed it differently, ours is kept and the conflict listed. Without one:
    /// theirs fills an empty memo of ours, and two different memos are a conflict. A memo
    /// they cleared is never cleared here.
    ///
    /// - Parameter base: nil when no base is known; `.some(nil)` when the base had no memo.
    private mutating func memoToTake(ours: String?, theirs: String?, base: String??, subject: String) -> String? {
        let ours = ours?.isEmpty == false ? ours : nil
        guard let theirs, !theirs.isEmpty, theirs != ours else { return nil }
        if let base {
            let base = base?.isEmpty == false ? base : nil
            if theirs == base { return nil }
            if ours != base {
                plan.report.conflicts.append(MergeConflict(kind: .memo, subject: subject, ours: ours, theirs: theirs))
                return nil
            }
        } else if ours != nil {
            plan.report.conflicts.append(MergeConflict(kind: .memo, subject: subject, ours: ours, theirs: theirs))
            return nil
        }
        plan.report.memosAdded += 1
        return theirs
    }
}
