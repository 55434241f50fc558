import Foundation
import GRDB

extension Project {
    /// The fixed columns of ``exportSegments(_:attributes:format:to:)``, in order.
    public static let segmentExportColumns = [
        "id", "document", "case", "speaker", "turn", "time", "code", "theme", "coder", "start", "end", "text", "memo",
    ]

    /// Writes one row per coding: the coding's id, document, case, speaker, turn number and
    /// time (of the turn where it starts), code path, theme (top-level code), coder, start,
    /// end, text and memo, then, with `attributes`, every case attribute (typed; names made
    /// safe by ``ColumnNamer``).
    ///
    /// Rows come in the order of ``segments(_:)``: by document, start, end, code, coder.
    /// The text is written straight from the document's UTF-8 bytes, and rows go out in
    /// large chunks, so 500,000 codings take well under two seconds.
    ///
    /// - Returns: the number of rows written.
    /// - Throws: errors of the filter (unknown code, document, coder or attribute).
    /// - Complexity: O(*n* log *t* + *c*) for *n* codings, *t* turns per document and *c*
    ///   characters of the documents that have codings.
    @discardableResult
    public func exportSegments(
        _ filter: SegmentFilter = .init(), attributes: Bool = false, format: ExportFormat, to sink: ByteSink
    ) throws -> Int {
        try database.read { db in
            let codes = try CodeColumns(db, level: nil)
            let paths = codes.codes.map { Array($0.path.utf8) }
            let themes = codes.codes.indices.map { paths[codes.theme[$0]] }

            var coders: [Int64: [UInt8]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM coders") { coders[row[0]] = Array((row[1] as String).utf8) }
            var documents: [Int64: (name: [UInt8], case: String?)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT d.id, d.name, c.name FROM documents d LEFT JOIN cases c ON c.id = d.case_id") {
                documents[row[0]] = (Array((row[1] as String).utf8), row[2])
            }

            var namer = ColumnNamer()
            var columns = Self.segmentExportColumns.map { namer.unique($0) }
            var attributeCells: [String: [ExportCell]] = [:]
            var attributeCount = 0
            if attributes {
                let names = try Self.attributeNames(db)
                columns += names.map { namer.unique($0) }
                attributeCount = names.count
                for record in try Self.cases(db, only: nil) {
                    attributeCells[record.name] = names.map { ExportCell(record.attributes[$0]) }
                }
            }

            let writer = RowWriter(format: format, columns: columns, sink: sink)
            try writer.begin()
            let missingAttributes = [ExportCell](repeating: .null, count: attributeCount)
            var currentDocument: Int64 = -1
            var text: [UInt8] = []
            var offsets: [Int] = []
            var turns: [TurnInfo] = []
            var count = 0
            let cursor = try Self.codingsInTextOrder(db, filter)
            while let row = try cursor.next() {
                let documentID: Int64 = row[1]
                if documentID != currentDocument {
                    currentDocument = documentID
                    text = Array((try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [documentID]) ?? "").utf8)
                    offsets = Self.scalarOffsets(text)
                    turns = try TurnInfo.all(db, document: documentID)
                }
                let start: Int = row[5]
                let end: Int = row[6]
                let turn = TurnInfo.index(startingAtOrBefore: start, in: turns).map { turns[$0] }
                if let speaker = filter.speaker, turn?.speaker?.caseInsensitiveCompare(speaker) != .orderedSame {
                    continue
                }
                let code = codes.indexByRowID[row[3]] ?? 0
                let document = documents[documentID]
                writer.integer(row[0] as Int)
                writer.text(bytes: document?.name ?? [])
                writer.text(document?.case)
                writer.text(turn?.speaker)
                writer.integer(turn?.number)
                writer.number(turn?.time)
                writer.text(bytes: paths[code])
                writer.text(bytes: themes[code])
                writer.text(bytes: coders[row[4]] ?? [])
                writer.integer(start)
                writer.integer(end)
                let lower = offsets[max(0, min(start, offsets.count - 1))]
                let upper = offsets[max(0, min(end, offsets.count - 1))]
                writer.text(bytes: text[lower..<max(lower, upper)])
                writer.text(row[7] as String?)
                if attributes {
                    for cell in document?.case.flatMap({ attributeCells[$0] }) ?? missingAttributes { writer.cell(cell) }
                }
                try writer.endRow()
                count += 1
            }
            try writer.finish()
            return count
        }
    }

    /// The byte offset of each Unicode scalar of UTF-8 `bytes`, plus the end.
    static func scalarOffsets(_ bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(bytes.count + 1)
        for (index, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 { offsets.append(index) }
        offsets.append(bytes.count)
        return offsets
    }
}
