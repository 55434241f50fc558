import Foundation

/// What a REFI-QDA project import did.
public struct REFIImportReport: Sendable {
    /// Documents added, by name.
    public var documents: [String] = []
    /// Sources whose text was already in the project (their codings go to that document).
    public var existingDocuments: [String] = []
    public var codes = CodebookImportReport()
    public var codings = 0
    /// Codings that were already in the project.
    public var duplicateCodings = 0
    /// Cases created or updated.
    public var cases = 0
    public var coders: [String] = []
    public var positionUnit: REFIPositionUnit = .codePoints
    public var origin: String?
    /// Things read around or left out, one line each.
    public var warnings: [String] = []
}

extension Project {
    /// Imports a REFI-QDA project (`.qdpx`) from NVivo, ATLAS.ti, MAXQDA, QualCoder,
    /// Taguette, qc or qcode, in one transaction: on any error nothing is imported.
    ///
    /// Text sources become documents (pictures, PDFs, audio and video are skipped with a
    /// warning; a source with only a Word file is read from it), codes merge into the
    /// codebook (by id, else by path, as `qcode codebook import` does), cases keep their
    /// variables as typed attributes and their sources as linked documents, and each
    /// coding becomes a coding by the coder named like its user ("imported" when it has
    /// none). Notes on selections, codings and sources become memos. Positions are
    /// converted to Unicode scalar offsets into the stored text (NVivo's UTF-16 units
    /// included), so every coding covers the text it covered in the source program.
    ///
    /// - Throws: ``ImportError`` naming the file (unsafe or corrupt archive, malformed
    ///   XML, a DOCTYPE, a document name already used by a different text).
    public func importQDPX(url: URL) throws -> REFIImportReport {
        let reader = try QDPXReader(url: url)
        return try write { store in try Self.write(reader, store: store) }
    }

    private static func write(_ reader: QDPXReader, store: Store) throws -> REFIImportReport {
        var report = REFIImportReport()
        report.positionUnit = reader.positionUnit
        report.origin = reader.origin
        report.warnings = reader.warnings
        let fileName = (reader.file as NSString).lastPathComponent

        // Codebook, merged as `importCodebook` does; file ids -> stored ids.
        let storedID = try mergeCodebook(reader.codebook, store: store, report: &report.codes)
        func codeID(_ guid: String) -> String? {
            guard let fileID = reader.codeIDForGUID[guid] ?? REFIGUID.normalise(guid).flatMap({ reader.codeIDForGUID[$0] }) else { return nil }
            return storedID[fileID]
        }

        // Cases and their variables.
        var attributeIDs: [String: Int64] = [:]
        for variable in reader.project.variables {
            guard let key = REFIGUID.normalise(variable.guid) else { continue }
            let name = variable.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { continue }
            attributeIDs[key] = try store.addAttributeIfMissing(name, type: variable.type.attributeType)
        }
        for item in reader.project.cases {
            let name = QDPXReader.caseName(item)
            let caseID = try store.addCaseIfMissing(name, memo: item.description?.trimmingCharacters(in: .whitespacesAndNewlines))
            for value in item.values {
                guard let key = REFIGUID.normalise(value.variableGUID), let attributeID = attributeIDs[key] else { continue }
                let text = value.value.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { continue }
                try store.setCaseValue(caseID: caseID, attributeID: attributeID, value: text)
            }
            report.cases += 1
        }

        // Documents, then their codings.
        var writer = try store.documentWriter()
        var importReport = ImportReport()
        var coderIDs: [String: Int64] = [:]
        var outside = 0, unknownCode = 0, uncoded = 0
        for prepared in reader.sources {
            let key = REFIGUID.normalise(prepared.source.guid) ?? prepared.source.guid
            let before = importReport.added.count
            try writer.insert(prepared.document, file: "\(reader.file)#\(prepared.name)",
                              caseName: reader.caseForSource[key], report: &importReport)
            let hash = ContentHash.of(prepared.document.text)
            guard let documentID = try store.documentID(sha256: hash, preferring: prepared.name) else { continue }
            if importReport.added.count > before {
                report.documents.append(prepared.name)
            } else {
                report.existingDocuments.append(prepared.name)
            }
            let memo = memoText(prepared.source.noteGUIDs, description: prepared.source.description, notes: reader.notes)
            if let memo {
                try store.setDocumentMemoIfNone(documentID, memo: memo)
            }

            var placed: [(TextSpan, REFICoding, REFISelection?)] = []
            let whole = TextSpan(start: 0, end: prepared.text.count)
            for coding in prepared.source.codings { placed.append((whole, coding, nil)) }
            for selection in prepared.source.selections {
                if selection.codings.isEmpty { uncoded += 1; continue }
                guard let start = prepared.text.offset(selection.start, unit: reader.positionUnit),
                      let end = prepared.text.offset(selection.end, unit: reader.positionUnit), start < end else {
                    outside += selection.codings.count
                    continue
                }
                for coding in selection.codings { placed.append((TextSpan(start: start, end: end), coding, selection)) }
            }
            for (span, coding, selection) in placed {
                guard let code = codeID(coding.codeGUID) else { unknownCode += 1; continue }
                let userGUID = (coding.creatingUser ?? selection?.creatingUser).flatMap(REFIGUID.normalise)
                let coder = userGUID.flatMap { reader.userNames[$0] } ?? "imported"
                if coderIDs[coder] == nil {
                    coderIDs[coder] = try store.coderID(named: coder)
                    report.coders.append(coder)
                }
                let memo = memoText(coding.noteGUIDs + (selection?.noteGUIDs ?? []), description: selection?.description,
                                    notes: reader.notes)
                let change = try store.insertCodings(documentID: documentID, codeID: code, coderID: coderIDs[coder]!,
                                                     spans: [span], memo: memo)
                report.codings += change.changed.count
                report.duplicateCodings += change.duplicates.count
            }
        }
        report.warnings += importReport.warnings.map { "\($0.file): \($0.message)" }
        if outside > 0 {
            report.warnings.append("\(outside) coding(s) skipped: their selection lies outside the source's text")
        }
        if unknownCode > 0 { report.warnings.append("\(unknownCode) coding(s) skipped: they refer to no code in the codebook") }
        if uncoded > 0 { report.warnings.append("\(uncoded) selection(s) without codings ignored") }

        // The documents themselves went in with change recording paused (`DocumentWriter`):
        // the entry names them by id, and undoing the import removes them.
        try store.record(.importDocuments(ImportedDocuments(source: "refi.import", ids: importReport.added.map(\.id),
                                                            names: importReport.added.map(\.name))),
                         summary: "imported \(fileName): \(report.documents.count) document(s), \(report.codes.added) new code(s), \(report.codings) coding(s)")
        return report
    }

    /// Notes (by GUID) and a description joined into one memo, or nil.
    private static func memoText(_ noteGUIDs: [String], description: String?, notes: [String: String]) -> String? {
        var parts: [String] = []
        if let description = description?.trimmingCharacters(in: .whitespacesAndNewlines), !description.isEmpty {
            parts.append(TextNormalizer.normalize(description))
        }
        for guid in noteGUIDs {
            if let key = REFIGUID.normalise(guid), let text = notes[key], !parts.contains(text) { parts.append(text) }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }

    /// Adds or updates codes inside the caller's transaction, matching by id, else by path;
    /// returns the stored id for each file id.
    private static func mergeCodebook(_ codebook: Codebook, store: Store, report: inout CodebookImportReport) throws -> [String: String] {
        let existing = try store.codebookCodes()
        let byID = Dictionary(uniqueKeysWithValues: existing.map { ($0.id, $0) })
        let byPath = Dictionary(existing.map { (CodePath($0.path).key, $0) }, uniquingKeysWith: { first, _ in first })
        var idFor: [String: String] = [:]
        for code in codebook.flattened {
            let parentID = code.parentID.map { idFor[$0] ?? $0 }
            let match = byID[code.id] ?? byPath[CodePath(code.path).key]
            var row = code
            row.id = match?.id ?? code.id
            row.parentID = parentID
            idFor[code.id] = row.id
            if let match {
                if match.parentID == row.parentID, match.position == row.position, match.name == row.name, match.colour == row.colour,
                   match.description == row.description, match.label == row.label, match.include == row.include,
                   match.exclude == row.exclude, match.examples == row.examples, match.keywords == row.keywords {
                    report.unchanged += 1
                    continue
                }
                try store.updateCode(row)
                report.updated += 1
            } else {
                try store.insertCode(row)
                report.added += 1
            }
        }
        _ = try store.codebookCodes()  // refuses a result with cycles or clashing names
        return idFor
    }
}

extension REFIVariableType {
    /// The qcode attribute type.
    var attributeType: AttributeType {
        switch self {
        case .text, .dateTime: return .text
        case .boolean: return .boolean
        case .integer: return .integer
        case .float: return .number
        case .date: return .date
        }
    }
}
