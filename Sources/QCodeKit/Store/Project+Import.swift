import Foundation
import GRDB

/// How documents link to cases at import.
public enum CaseAssignment: Sendable {
    /// Leave documents unlinked (CSV rows still link to their row's case).
    case none
    /// Link every document to this case, creating it if needed.
    case fixed(String)
    /// Link each document to the case named by the first capture group (or the whole
    /// match) of this regular expression applied to the file name.
    case fromFileName(String)
}

/// What an import did, file by file.
public struct ImportReport: Sendable {
    /// A document that was added.
    public struct Added: Sendable {
        /// The new document's id.
        public var id: Int64
        public var name: String
        public var file: String
        public var caseName: String?
        public var turns: Int
        public var characters: Int
    }

    public var added: [Added] = []
    /// Files or rows skipped because the same document is already there.
    public var skipped: [(file: String, reason: String)] = []
    /// Files that could not be imported (only with `keepGoing`; otherwise the first one throws).
    public var failed: [ImportError] = []
    /// Warnings from the readers (e.g. an encoding fallback), with their file.
    public var warnings: [(file: String, message: String)] = []
    /// Cases created along the way.
    public var casesCreated: [String] = []
}

/// How far an import has got (see ``Project/importFiles(_:options:cases:keepGoing:progress:)``).
public struct ImportProgress: Sendable, Equatable {
    /// Files read so far (imported, skipped or failed).
    public var files: Int
    /// Files to read in all.
    public var totalFiles: Int
    /// The size of the files read so far, in bytes.
    public var bytes: Int
    /// The size of all the files, in bytes.
    public var totalBytes: Int
    /// Documents added so far.
    public var documents: Int
}

extension Project {
    /// Imports transcript files as documents, in one transaction.
    ///
    /// Files are read and parsed on a background thread a few files ahead of the writer
    /// (`PrefetchingReader`), so memory does not grow with the number of files. Without `keepGoing`, the first bad file throws and
    /// the project is left exactly as it was; with it, bad files are reported in the
    /// result and the good ones are kept.
    ///
    /// A document whose text is identical to one already in the project (same SHA-256) is
    /// skipped, so re-importing a folder is harmless. For CSV rows the same text is skipped
    /// only when it has the same name, or comes from another file with the same case (or
    /// neither has a case): different respondents' identical answers are all kept.
    ///
    /// `progress` is called (on the calling thread) before the first file and after each
    /// file, with the files and bytes done so far.
    public func importFiles(
        _ urls: [URL],
        options: ImportOptions = .init(),
        cases: CaseAssignment = .none,
        keepGoing: Bool = false,
        progress: ((ImportProgress) -> Void)? = nil
    ) throws -> ImportReport {
        let caseExpression = try cases.regularExpression()
        var report = ImportReport()
        let sizes = urls.map { url in
            ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
        }
        var done = ImportProgress(files: 0, totalFiles: urls.count, bytes: 0, totalBytes: sizes.reduce(0, +), documents: 0)
        progress?(done)
        let reader = PrefetchingReader(urls: urls, options: options)
        defer { reader.cancel() }
        try database.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let store = Store(db, user: user, recorder: try ChangeRecorder(db))
                var writer = try DocumentWriter(store)
                for (index, url) in urls.enumerated() {
                    let file = url.lastPathComponent
                    do {
                        try db.inSavepoint {
                            let documents = try reader.documents(at: index)
                            for document in documents {
                                let caseName = document.caseID ?? cases.caseName(for: file, expression: caseExpression)
                                try writer.insert(document, file: url.path, caseName: caseName, report: &report)
                            }
                            return .commit
                        }
                    } catch let error as ImportError {
                        guard keepGoing else { throw error }
                        report.failed.append(error)
                    } catch let error as DatabaseError {
                        let failure = ImportError(file: url.path, reason: error.message ?? "\(error)")
                        guard keepGoing else { throw failure }
                        report.failed.append(failure)
                    }
                    done.files = index + 1
                    done.bytes += sizes[index]
                    done.documents = report.added.count
                    progress?(done)
                }
                if !report.added.isEmpty {
                    try store.record(
                        .importDocuments(ImportedDocuments(source: "import", ids: report.added.map(\.id),
                                                          names: report.added.map(\.name))),
                        summary: "imported \(report.added.count) document(s)")
                }
                return .commit
            }
        }
        return report
    }
}

extension CaseAssignment {
    func regularExpression() throws -> NSRegularExpression? {
        guard case .fromFileName(let pattern) = self else { return nil }
        do {
            return try NSRegularExpression(pattern: pattern)
        } catch {
            throw ImportError(file: "case pattern", reason: "invalid regular expression '\(pattern)'")
        }
    }

    func caseName(for file: String, expression: NSRegularExpression?) -> String? {
        switch self {
        case .none:
            return nil
        case .fixed(let name):
            return name
        case .fromFileName:
            guard let expression else { return nil }
            let range = NSRange(file.startIndex..., in: file)
            guard let match = expression.firstMatch(in: file, range: range) else { return nil }
            let captured = match.numberOfRanges > 1 && match.range(at: 1).location != NSNotFound
                ? match.range(at: 1) : match.range
            return Range(captured, in: file).map { String(file[$0]) }
        }
    }
}

/// Writes parsed documents with prepared statements (the bulk path of an import).
struct DocumentWriter {
    private let store: Store
    private var db: Database { store.db }
    private let insertDocument: Statement
    private let insertTurn: Statement
    private var caseIDs: [String: Int64] = [:]
    private var attributeIDs: [String: Int64] = [:]
    private let importedAt = Clock.now()

    /// For callers that do not use `Store` yet (the REFI-QDA import).
    init(_ db: Database) throws {
        try self.init(Store(db))
    }

    init(_ store: Store) throws {
        self.store = store
        let db = store.db
        insertDocument = try db.makeStatement(sql: """
            INSERT INTO documents(name, case_id, format, encoding, source_file, sha256, text,
                                  characters, paragraphs, sentences, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertTurn = try db.makeStatement(sql: """
            INSERT INTO turns(document_id, number, speaker, start, "end", time, end_time)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func insert(_ document: ParsedDocument, file: String, caseName: String?, report: inout ImportReport) throws {
        let fileName = (file as NSString).lastPathComponent
        let hash = ContentHash.of(document.text)
        // Files: the same text is the same document. CSV rows: the same text is a duplicate
        // when it has the same name (a re-import) or, from another file, the same case (or
        // no case on both sides); two respondents who both answered "No" keep their answers.
        let isRow = document.format == .csv
        if let existing = try String.fetchOne(db, sql: """
            SELECT d.name FROM documents d LEFT JOIN cases c ON c.id = d.case_id
            WHERE d.sha256 = ? AND (NOT ? OR d.name = ? OR (d.source_file <> ? AND c.name IS ?))
            """, arguments: [hash, isRow, document.name, file, caseName.flatMap { $0.isEmpty ? nil : $0 }]) {
            report.skipped.append((fileName, existing == document.name
                ? "already imported as '\(existing)'"
                : "same text as document '\(existing)'"))
            return
        }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM documents WHERE name = ?", arguments: [document.name]) == true {
            throw ImportError(file: file, reason: "a different document named '\(document.name)' is already in the project")
        }
        let characters = document.text.unicodeScalars.count
        var caseID: Int64?
        if let caseName, !caseName.isEmpty {
            caseID = try self.caseID(named: caseName, report: &report)
            for attribute in document.attributes {
                try setAttribute(attribute.name, value: attribute.value, caseID: caseID!)
            }
        }
        insertDocument.setUncheckedArguments([
            document.name, caseID, document.format.rawValue, document.encoding?.rawValue, file, hash,
            document.text, characters, SpanPacking.pack(document.paragraphs),
            SpanPacking.pack(document.sentences), importedAt,
        ])
        // The text and turns are not recorded for undo: the audit entry names the document,
        // and undoing the import removes it. The search index is not written here (it would
        // double the import's time): the first search indexes the new documents.
        let documentID = try pausingRecorder {
            try insertDocument.execute()
            let documentID = db.lastInsertedRowID
            for (index, turn) in document.turns.enumerated() {
                insertTurn.setUncheckedArguments([
                    documentID, index + 1, turn.speaker, turn.span.start, turn.span.end, turn.time, turn.endTime,
                ])
                try insertTurn.execute()
            }
            return documentID
        }
        for warning in document.warnings {
            report.warnings.append((fileName, warning))
        }
        report.added.append(.init(id: documentID, name: document.name, file: fileName, caseName: caseName,
                                  turns: document.turns.count, characters: characters))
    }

    private func pausingRecorder<T>(_ body: () throws -> T) throws -> T {
        try store.withoutRecordingChanges(body)
    }

        private mutating func caseID(named name: String, report: inout ImportReport) throws -> Int64 {
        if let id = caseIDs[name] { return id }
        if let id = try store.caseID(named: name) {
            caseIDs[name] = id
            return id
        }
        let id = try store.createCase(named: name)
        caseIDs[name] = id
        report.casesCreated.append(name)
        return id
    }

    private mutating func setAttribute(_ name: String, value: String, caseID: Int64) throws {
        guard !value.isEmpty else { return }
        let attributeID: Int64
        if let id = attributeIDs[name] {
            attributeID = id
        } else if let id = try store.attributeID(named: name) {
            attributeID = id
        } else {
            attributeID = try store.appendTextAttribute(named: name)
        }
        attributeIDs[name] = attributeID
        try store.setCaseValue(caseID: caseID, attributeID: attributeID, value: value)
    }
}
