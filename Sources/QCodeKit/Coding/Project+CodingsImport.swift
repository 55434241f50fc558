import CSV
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
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw ImportError(file: file, reason: "not a readable CSV file (\(error))")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let documentColumn = column("document"), let coderColumn = column("coder"), let codeColumn = column("code") else {
            throw ImportError(file: file, reason: "needs columns document, coder, code (found: \(header.joined(separator: ", ")))")
        }
        let quoteColumn = column("quote"), turnsColumn = column("turns")
        let startColumn = column("start"), endColumn = column("end"), memoColumn = column("memo")
        guard quoteColumn != nil || turnsColumn != nil || (startColumn != nil && endColumn != nil) else {
            throw ImportError(file: file, reason: "needs a quote, turns, or start and end column to place each coding")
        }
        return try write { store in
            var report = CodingsImportReport()
            var documents: [String: StoredDocument] = [:]
            var codes: [String: String] = [:]
            var coders: [String: Int64] = [:]
            let resolver = CodeResolver(try store.flatCodes())
            var line = 1
            while let row = reader.next() {
                line += 1
                if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
                func field(_ index: Int?) -> String? {
                    guard let index, index < row.count else { return nil }
                    let value = row[index].trimmingCharacters(in: .whitespacesAndNewlines)
                    return value.isEmpty ? nil : value
                }
                do {
                    guard let documentName = field(documentColumn), let coder = field(coderColumn), let codeName = field(codeColumn) else {
                        throw ImportError(file: file, reason: "line \(line): document, coder and code are required")
                    }
                    if documents[documentName] == nil {
                        documents[documentName] = try store.document(named: documentName)
                    }
                    let document = documents[documentName]!
                    if codes[codeName] == nil { codes[codeName] = try resolver.resolve(codeName).id }
                    if coders[coder] == nil {
                        coders[coder] = try store.coderID(named: coder)
                        report.coders.append(coder)
                    }
                    let target: SelectionTarget
                    if let quote = field(quoteColumn) {
                        target = .quote(quote)
                    } else if let turns = field(turnsColumn) {
                        guard let range = NumberRange.parse(turns) else {
                            throw ImportError(file: file, reason: "line \(line): '\(turns)' is not a turn number or range")
                        }
                        target = .turns(range)
                    } else if let start = field(startColumn).flatMap({ Int($0) }), let end = field(endColumn).flatMap({ Int($0) }) {
                        target = .characters(start: start, end: end)
                    } else {
                        throw ImportError(file: file, reason: "line \(line): no quote, turns, or start and end")
                    }
                    let spans = try document.spans(for: Selection(target))
                    let change = try store.insertCodings(documentID: document.id, codeID: codes[codeName]!,
                                                         coderID: coders[coder]!, spans: spans, memo: field(memoColumn))
                    report.added += change.changed.count
                    report.duplicates += change.duplicates.count
                } catch let error as ImportError {
                    throw error
                } catch {
                    throw ImportError(file: file, reason: "line \(line): \(error)")
                }
            }
            if let error = reader.error {
                throw ImportError(file: file, reason: "line \(line): \(error)")
            }
            try store.recordAudit(action: "codings.import",
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
