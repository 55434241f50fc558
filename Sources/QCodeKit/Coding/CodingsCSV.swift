import Foundation

/// A codings file (`qcode codings import`) read into rows, before anything is looked up:
/// pure, no database.
///
/// Read through qcode's one CSV reader, ``CSVTable``: separated by `,`, `;` or tab, any
/// line ends, a byte order mark; the caller decodes the bytes (UTF-8, UTF-16, else
/// Windows-1252) with ``TextDecoder``. A header row is required. Columns, found by name
/// ignoring case and surrounding spaces: `document`, `coder`, `code`, and where the coding
/// is, as one of `quote`, `turns` (`3` or `3-5`), or `start` and `end`; `memo` is optional.
/// Rows whose cells are all empty are skipped. Cells are trimmed.
enum CodingsCSV {
    /// One coding to place.
    struct Row: Equatable {
        /// The physical line the row starts on (the header is line 1).
        var line: Int
        var document: String
        var coder: String
        var code: String
        var target: SelectionTarget
        var memo: String?
    }

    /// The rows of `text`, in file order.
    ///
    /// - Throws: ``ImportError`` naming `file`: an unreadable CSV, missing columns, or a row
    ///   without document, coder and code or without a place (naming its line).
    static func parse(_ text: String, file: String) throws -> [Row] {
        let table: CSVTable
        do {
            table = try CSVTable.parse(text)
        } catch {
            throw ImportError(file: file, reason: "not a readable CSV file (\(error.reason))")
        }
        let documentColumn = table.column("document"), coderColumn = table.column("coder"), codeColumn = table.column("code")
        guard documentColumn != nil, coderColumn != nil, codeColumn != nil else {
            let found = MessageText.list(table.header.map { $0.lowercased() })
            throw ImportError(file: file, reason: "needs columns document, coder, code (found: \(found))")
        }
        let quoteColumn = table.column("quote"), turnsColumn = table.column("turns")
        let startColumn = table.column("start"), endColumn = table.column("end"), memoColumn = table.column("memo")
        guard quoteColumn != nil || turnsColumn != nil || (startColumn != nil && endColumn != nil) else {
            throw ImportError(file: file, reason: "needs a quote, turns, or start and end column to place each coding")
        }
        var rows: [Row] = []
        rows.reserveCapacity(table.rows.count)
        for (r, row) in table.rows.enumerated() {
            let line = table.lines[r]
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func field(_ index: Int?) -> String? {
                guard let index, index < row.count else { return nil }
                let value = row[index].trimmingCharacters(in: .whitespacesAndNewlines)
                return value.isEmpty ? nil : value
            }
            guard let document = field(documentColumn), let coder = field(coderColumn), let code = field(codeColumn) else {
                throw ImportError(file: file, reason: "line \(line): document, coder and code are required")
            }
            let target: SelectionTarget
            if let quote = field(quoteColumn) {
                target = .quote(quote)
            } else if let turns = field(turnsColumn) {
                guard let range = NumberRange.parse(turns) else {
                    throw ImportError(file: file, reason: "line \(line): '\(MessageText.clip(turns))' is not a turn number or range")
                }
                target = .turns(range)
            } else if let start = field(startColumn).flatMap({ Int($0) }), let end = field(endColumn).flatMap({ Int($0) }) {
                target = .characters(start: start, end: end)
            } else {
                throw ImportError(file: file, reason: "line \(line): no quote, turns, or start and end")
            }
            rows.append(Row(line: line, document: document, coder: coder, code: code, target: target, memo: field(memoColumn)))
        }
        return rows
    }
}
