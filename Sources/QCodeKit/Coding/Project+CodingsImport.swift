import Foundation

/// What a codings-file import did.
public struct CodingsImportReport: Sendable, Equatable {
    public var added = 0
    public var duplicates = 0
    public var coders: [String] = []
}

extension Project {
    /// Imports codings from a CSV file, in one transaction (a bad row aborts it all).
    ///
    /// Header row required. Columns: `document`, `coder`, `code`, and where the coding
    /// is, as one of: `quote` (text that occurs exactly once in the document), `turns`
    /// (`3` or `3-5`), or `start` and `end` (Unicode scalar offsets into the stored NFC
    /// text, end exclusive). `memo` is optional. A document is named by its id, name or
    /// unique name prefix; a code by id, path or unique path suffix.
    public func importCodings(csv text: String, file: String) throws -> CodingsImportReport {
        let rows = try CodingsCSV.parse(text, file: file)
        return try write { store in
            var report = CodingsImportReport()
            var documents: [String: StoredDocument] = [:]
            var codes: [String: String] = [:]
            var coders: [String: Int64] = [:]
            let resolver = CodeResolver(try store.flatCodes())
            for row in rows {
                let line = row.line, documentName = row.document, coder = row.coder, codeName = row.code
                do {
                    if documents[documentName] == nil {
                        documents[documentName] = try store.document(named: documentName)
                    }
                    let document = documents[documentName]!
                    if codes[codeName] == nil { codes[codeName] = try resolver.resolve(codeName).id }
                    if coders[coder] == nil {
                        coders[coder] = try store.coderID(named: coder)
                        report.coders.append(coder)
                    }
                    let target = row.target
                    let spans = try document.spans(for: Selection(target))
                    let change = try store.insertCodings(documentID: document.id, codeID: codes[codeName]!,
                                                         coderID: coders[coder]!, spans: spans, memo: row.memo)
                    report.added += change.changed.count
                    report.duplicates += change.duplicates.count
                } catch let error as ImportError {
                    throw error
                } catch {
                    throw ImportError(file: file, reason: "line \(line): \(error)")
                }
            }
            try store.record(.bulkCodings(BulkCodings(source: "codings.import", count: report.added)),
                             summary: "imported \(report.added) coding(s) from \(file)")
            return report
        }
    }
}

/// Parses `3`, `3-5` or `3..5` (1-based, inclusive) as a range.
public enum NumberRange {
    public static func parse(_ text: String) -> ClosedRange<Int>? {
        let parts = text.replacingOccurrences(of: "..", with: "-")
            .split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        switch parts.count {
        case 1:
            guard let value = Int(parts[0]) else { return nil }
            return value...value
        case 2:
            guard let low = Int(parts[0]), let high = Int(parts[1]), low <= high else { return nil }
            return low...high
        default:
            return nil
        }
    }
}
