import Foundation

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
    /// With `contextTurns` above 0, two more columns follow `memo`: `before` and `after`,
    /// the turns around the coding (see ``SegmentContext``).
    ///
    /// - Returns: the number of rows written.
    /// - Throws: errors of the filter (unknown code, document, coder or attribute).
    /// - Complexity: O(*n* log *t* + *c*) for *n* codings, *t* turns per document and *c*
    ///   characters of the documents that have codings.
    @discardableResult
    public func exportSegments(
        _ filter: SegmentFilter = .init(), attributes: Bool = false, contextTurns: Int = 0, format: ExportFormat,
        to sink: ByteSink, guardFormulas: Bool = true
    ) throws -> Int {
        try read { store in
            try Self.writeSegments(store, filter, attributes: attributes, contextTurns: contextTurns) { columns in
                RowWriter(format: format, columns: columns, sink: sink, guardFormulas: guardFormulas)
            }
        }
    }

    /// The rows of ``exportSegments(_:attributes:contextTurns:format:to:guardFormulas:)`` as a table for an
    /// SPSS or Stata file: the same columns, typed (id, turn, start, end and numeric
    /// attributes as numbers, time in seconds, dates as dates), each attribute labelled with
    /// its name. The whole table is held in memory.
    public func segmentsTable(_ filter: SegmentFilter = .init(), attributes: Bool = false) throws -> StatisticsTable {
        try read { store in
            let collector = TableCollector()
            var names: [String] = []
            try Self.writeSegments(store, filter, attributes: attributes) { columns in
                names = columns
                return collector
            }
            let infos = attributes ? try store.attributes() : []
            let numeric: Set<String> = ["id", "turn", "time", "start", "end"]
            var columns = names.prefix(Self.segmentExportColumns.count).map { name in
                StatisticsColumn(name: name, label: name, kind: numeric.contains(name) ? .numeric : .string)
            }
            for (name, info) in zip(names.dropFirst(Self.segmentExportColumns.count), infos) {
                columns.append(StatisticsColumn(name: name, label: info.name, kind: StatisticsColumn.kind(of: info.type),
                                                valueLabels: info.type == .boolean ? StatisticsColumn.booleanLabels : []))
            }
            columns[Self.segmentExportColumns.firstIndex(of: "time")!].label = "time (seconds) of the turn where the segment starts"
            columns[Self.segmentExportColumns.firstIndex(of: "start")!].label = "start (Unicode scalar offset)"
            columns[Self.segmentExportColumns.firstIndex(of: "end")!].label = "end (Unicode scalar offset, exclusive)"
            return StatisticsTable(columns: columns, rows: collector.rows)
        }
    }

    /// Streams the segment rows into the writer `makeWriter` makes for the column names.
    @discardableResult
    static func writeSegments<Writer: RowCellWriter>(
        _ store: any SegmentSource, _ filter: SegmentFilter, attributes: Bool, contextTurns: Int = 0, makeWriter: ([String]) -> Writer
    ) throws -> Int {
        do {
            let codes = try CodeColumns.read(store, level: nil)
            let paths = codes.codes.map { Array($0.path.utf8) }
            let themes = codes.codes.indices.map { paths[codes.theme[$0]] }

            let coders = try store.coderNamesByID().mapValues { Array($0.utf8) }
            var documents: [Int64: (name: [UInt8], case: String?)] = [:]
            for document in try store.documentLabels() {
                documents[document.id] = (Array(document.name.utf8), document.caseName)
            }

            var namer = ColumnNamer()
            var columns = Self.segmentExportColumns.map { namer.unique($0) }
            if contextTurns > 0 { columns += ["before", "after"].map { namer.unique($0) } }
            var attributeCells: [String: [ExportCell]] = [:]
            var attributeCount = 0
            if attributes {
                let names = try store.attributeNames()
                columns += names.map { namer.unique($0) }
                attributeCount = names.count
                for record in try store.caseDetails(named: nil) {
                    attributeCells[record.name] = names.map { ExportCell(record.attributes[$0]) }
                }
            }

            let writer = makeWriter(columns)
            try writer.begin()
            let missingAttributes = [ExportCell](repeating: .null, count: attributeCount)
            var currentDocument: Int64 = -1
            var text: [UInt8] = []
            var offsets: [Int] = []
            var turns: [TurnInfo] = []
            var count = 0
            let selection = try Self.codingSelection(store, filter)
            try store.forEachCodingInTextOrder(selection) { coding in
                let documentID = coding.documentID
                if documentID != currentDocument {
                    currentDocument = documentID
                    text = Array((try store.documentText(documentID) ?? "").utf8)
                    offsets = Self.scalarOffsets(text)
                    turns = try store.turnInfos(ofDocument: documentID)
                }
                let start = coding.start
                let end = coding.end
                let turn = TurnInfo.index(startingAtOrBefore: start, in: turns).map { turns[$0] }
                if let speaker = filter.speaker, turn?.speaker?.caseInsensitiveCompare(speaker) != .orderedSame {
                    return
                }
                let code = codes.indexByRowID[coding.codeRowID] ?? 0
                let document = documents[documentID]
                writer.integer(Int(coding.id))
                writer.text(bytes: document?.name ?? [])
                writer.text(document?.case)
                writer.text(turn?.speaker)
                writer.integer(turn?.number)
                writer.number(turn?.time)
                writer.text(bytes: paths[code])
                writer.text(bytes: themes[code])
                writer.text(bytes: coders[coding.coderID] ?? [])
                writer.integer(start)
                writer.integer(end)
                let lower = offsets[max(0, min(start, offsets.count - 1))]
                let upper = offsets[max(0, min(end, offsets.count - 1))]
                writer.text(bytes: text[lower..<max(lower, upper)])
                writer.text(coding.memo)
                if contextTurns > 0 {
                    let context = SegmentContext.of(start: start, end: end, turns: turns, count: contextTurns) { lower, upper in
                        let from = offsets[max(0, min(lower, offsets.count - 1))]
                        let to = offsets[max(0, min(upper, offsets.count - 1))]
                        return String(decoding: text[from..<max(from, to)], as: UTF8.self)
                    }
                    writer.text(context.before)
                    writer.text(context.after)
                }
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
