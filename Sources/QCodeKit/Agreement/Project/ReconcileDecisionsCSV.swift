import Foundation

/// Reads a reconcile decisions file (see ``ReconcileDecisionsFile``) through qcode's one
/// CSV reader, ``CSVTable``: separated by `,`, `;` or tab (as spreadsheets in many locales
/// save it), CRLF or LF line ends, a byte order mark. Columns are found by name, ignoring
/// case; `unit` and `text` are optional. Pure: no database.
enum ReconcileDecisionsCSV {
    static let required = ["document", "start", "end", "code", "coded_by", "decision"]

    /// The decisions in `text`.
    ///
    /// - Throws: `AgreementError.badDecision(line:value:)` for a decision other than keep,
    ///   drop or empty; `.badDecisionsFile` for an unreadable CSV, missing columns or bad
    ///   numbers. Lines are the file's physical lines, header included.
    static func parse(_ text: String, file: String) throws -> [ReconcileDecision] {
        let table: CSVTable
        do {
            table = try CSVTable.parse(text)
        } catch {
            throw AgreementError.badDecisionsFile("\(file): not a readable CSV file (\(error.reason))")
        }
        var index: [String: Int] = [:]
        for name in required {
            guard let column = table.column(name) else {
                throw AgreementError.badDecisionsFile(
                    "\(file): missing column '\(name)' (expected \(ReconcileDecisionsFile.header.joined(separator: ",")))")
            }
            index[name] = column
        }
        let unitColumn = table.column("unit"), textColumn = table.column("text")
        var rows: [ReconcileDecision] = []
        for (r, record) in table.rows.enumerated() {
            let line = table.lines[r]
            func field(_ column: Int?) -> String {
                guard let column, column < record.count else { return "" }
                return record[column].trimmingCharacters(in: .whitespaces)
            }
            func field(_ name: String) -> String { field(index[name]) }
            if record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let value = field("decision").lowercased()
            let choice: ReconcileDecision.Choice?
            if value.isEmpty {
                choice = nil
            } else if let known = ReconcileDecision.Choice(rawValue: value) {
                choice = known
            } else {
                throw AgreementError.badDecision(line: line, value: MessageText.clip(field("decision")))
            }
            guard let start = Int(field("start")), let end = Int(field("end")) else {
                throw AgreementError.badDecisionsFile("\(file): line \(line): start and end must be whole numbers")
            }
            rows.append(ReconcileDecision(document: field("document"), unit: Int(field(unitColumn)) ?? 0, start: start,
                                          end: end, code: field("code"), codedBy: field("coded_by"), decision: choice,
                                          text: field(textColumn)))
        }
        return rows
    }
}

extension ReconcileDecisionsFile {
    /// Reads a decisions file from its bytes, decoded as a transcript is (UTF-8, UTF-16,
    /// else Windows-1252), so a file a spreadsheet saved in its own encoding reads too.
    ///
    /// - Throws: as ``parse(_:file:)``; an undecodable file is `.badDecisionsFile`.
    public static func parse(data: Data, file: String) throws -> [ReconcileDecision] {
        let text: String
        do {
            text = try TranscriptTextDecoder.decode(data, fileName: file).text
        } catch let error as ImportError {
            throw AgreementError.badDecisionsFile(error.description)
        }
        return try ReconcileDecisionsCSV.parse(text, file: file)
    }
}
