import Foundation

/// Open-ended survey exports: one document per respondent and free-text column.
///
/// Each row × text column with a non-empty answer becomes a document named
/// `<file stem>-<row id>` (plus `-<column>` when there are several text columns) whose text
/// is the trimmed answer, with one turn spoken by the row id. The row's other non-empty
/// columns become attributes. Without an ID column, the case is `<file>#<row>`, so rows of
/// different files never share a case. Empty answers are counted in a warning.
enum SurveyCSV {
    static let textNameHints = [
        "comment", "response", "answer", "text", "feedback", "statement", "dialogue", "transcript",
        "freetext", "open", "verbatim",
    ]

    static func documents(_ text: String, stem: String, fileName: String, options: ImportOptions) throws
        -> [ParsedDocument]
    {
        let table: CSVTable
        do { table = try CSVTable.parse(text) } catch { throw ImportError(file: fileName, reason: error.reason) }
        guard !table.header.isEmpty else { throw ImportError(file: fileName, reason: "empty file") }
        if let layout = try DialogueCSV.layout(table, fileName: fileName, options: options) {
            return try DialogueCSV.documents(table, layout: layout, stem: stem, fileName: fileName)
        }

        var idColumn: Int? = nil
        if let name = options.csvIDColumn {
            guard let i = table.column(name) else { throw ImportError(file: fileName, reason: table.missingColumn(name)) }
            idColumn = i
        } else {
            idColumn = table.guessIDColumn()
        }
        var textColumns: [Int] = []
        if let names = options.csvTextColumns {
            for name in names {
                guard let i = table.column(name) else { throw ImportError(file: fileName, reason: table.missingColumn(name)) }
                textColumns.append(i)
            }
        } else {
            textColumns = guessTextColumns(table, excluding: idColumn)
            guard !textColumns.isEmpty else {
                throw ImportError(
                    file: fileName,
                    reason: "no free-text column found (columns: \(MessageText.list(table.header)))")
            }
        }
        // Per column: where most answers are dialogues, a two-line exchange is one too.
        var dialogueColumns: Set<Int> = []
        for c in textColumns {
            var answers = 0, dialogues = 0
            for row in table.rows {
                let answer = row[c].trimmingCharacters(in: .whitespacesAndNewlines)
                guard !answer.isEmpty else { continue }
                answers += 1
                let bytes = Array(answer.utf8)
                if bytes.withUnsafeBufferPointer({ CellTurns.structure($0) }) != nil { dialogues += 1 }
            }
            if dialogues > 0, dialogues * 2 >= answers { dialogueColumns.insert(c) }
        }
        var docs: [ParsedDocument] = []
        var usedNames: Set<String> = []
        var warnings: [String] = []
        var emptyAnswers = 0
        for (r, row) in table.rows.enumerated() {
            var rowID = idColumn.map { row[$0].trimmingCharacters(in: .whitespacesAndNewlines) } ?? String(r + 1)
            let caseID: String? = idColumn == nil ? (options.noCases ? nil : "\(fileName)#\(r + 1)") : rowID
            if rowID.isEmpty {
                rowID = "row\(r + 1)"
                warnings.append("line \(table.lines[r]): empty id, using '\(rowID)'")
            }
            var attributes: [DocumentAttribute] = []
            for (c, name) in table.header.enumerated() where c != idColumn && !textColumns.contains(c) {
                let v = row[c].trimmingCharacters(in: .whitespacesAndNewlines)
                if !CaseTable.isMissing(v) { attributes.append(DocumentAttribute(name: name, value: v)) }
            }
            for c in textColumns {
                let answer = row[c].trimmingCharacters(in: .whitespacesAndNewlines)
                guard !answer.isEmpty else { emptyAnswers += 1; continue }
                var name = "\(stem)-\(rowID)"
                if textColumns.count > 1 { name += "-\(table.header[c])" }
                if usedNames.contains(name) {
                    warnings.append("line \(table.lines[r]): duplicate id '\(MessageText.clip(rowID))', named '\(MessageText.clip(name + "-row\(r + 1)"))'")
                    name += "-row\(r + 1)"
                }
                usedNames.insert(name)
                var doc = answerDocument(answer, name: name, speaker: rowID, dialogues: dialogueColumns.contains(c))
                doc.caseID = caseID
                doc.attributes = attributes
                docs.append(doc)
            }
        }
        if options.noCases, idColumn == nil {
            let others = table.header.indices.filter { $0 != idColumn && !textColumns.contains($0) }
            if !others.isEmpty {
                warnings.append("no cases (--no-cases), so column(s) \(MessageText.list(others.map { table.header[$0] })) were not kept")
            }
        }
        if emptyAnswers > 0 { warnings.append("\(emptyAnswers) empty answer(s) skipped") }
        if let first = docs.indices.first { docs[first].warnings += warnings }
        return docs
    }

    /// Columns whose answers average over 40 characters, or that are named like free text
    /// and average over 20.
    static func guessTextColumns(_ table: CSVTable, excluding idColumn: Int?) -> [Int] {
        var out: [Int] = []
        for (c, name) in table.header.enumerated() where c != idColumn {
            var total = 0
            var count = 0
            for row in table.rows {
                let n = row[c].trimmingCharacters(in: .whitespaces).count
                if n > 0 { total += n; count += 1 }
            }
            guard count > 0 else { continue }
            let mean = Double(total) / Double(count)
            let lower = name.lowercased()
            if mean > 40 || (mean > 20 && textNameHints.contains { lower.contains($0) }) { out.append(c) }
        }
        return out
    }

    /// A one-turn document for an answer (already NFC and LF from the decoder).
    /// `dialogues`: the answer's column is mostly dialogues (see ``CellTurns``).
    static func answerDocument(_ answer: String, name: String, speaker: String, dialogues: Bool = false) -> ParsedDocument {
        let bytes = Array(answer.utf8)
        var s = ByteStructure()
        bytes.withUnsafeBufferPointer { b in
            if let labelled = CellTurns.structure(b, lenient: dialogues) {
                s = labelled
                return
            }
            s.turns = [ByteTurn(speaker: speaker, range: 0..<b.count)]
            // Paragraphs: blocks separated by blank lines.
            var start = -1
            var end = 0
            func flush() {
                if start >= 0 {
                    let r = ByteText.trim(b, start..<end)
                    if !r.isEmpty { s.paragraphs.append(r) }
                }
                start = -1
            }
            for line in ByteText.lines(b) {
                if ByteText.trim(b, line).isEmpty { flush(); continue }
                if start < 0 { start = line.lowerBound }
                end = line.upperBound
            }
            flush()
            for p in s.paragraphs { SentenceSplitter.split(b, p, into: &s.sentences) }
        }
        return ParsedDocument(name: name, text: answer, bytes: bytes, format: .csv, encoding: nil,
                              structure: s, warnings: [])
    }
}
