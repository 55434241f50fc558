import Foundation

/// Dialogue CSV exports: one row per utterance (transcription services, qux360:
/// `timestamp, speaker, statement`).
///
/// A table is a dialogue when it has a speaker column (named `speaker` or `speaker name`,
/// ignoring case, spaces and punctuation) and a text column (named `statement`, `text`,
/// `utterance` or `transcript`, or the one `--text-column` given). Each row is one turn,
/// in file order; a `timestamp`, `time` or `start` column gives the turn's time
/// (`1:02`, `00:01:02.5`, `[0:01]` or seconds). The whole file is one document named for the
/// file, or, with a conversation column, one document per value of that column (in order
/// of first appearance) named `<file stem>-<value>`.
///
/// The text is one line per turn, `Speaker: statement`; the turn covers the statement.
/// A row with an empty statement is skipped and counted; a row with no speaker continues
/// no one (its turn has no speaker).
enum DialogueCSV {
    static let speakerNames: Set<String> = ["speaker", "speakername"]
    static let textNames = ["statement", "text", "utterance", "transcript"]
    static let timeNames = ["timestamp", "time", "start", "starttime"]

    /// The columns of a dialogue table, when `table` is one.
    struct Layout {
        var speaker: Int
        var text: Int
        var time: Int?
        var conversation: Int?
    }

    /// The dialogue layout of `table`, or `nil` when it is not one (then it is a survey).
    /// - Throws: ``ImportError`` when a conversation column is asked for and missing, or
    ///   the table is not a dialogue.
    static func layout(_ table: CSVTable, fileName: String, options: ImportOptions) throws -> Layout? {
        func key(_ name: String) -> String {
            String(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        }
        let keys = table.header.map(key)
        var layout: Layout? = nil
        if let speaker = keys.firstIndex(where: speakerNames.contains) {
            var text: Int? = nil
            if let given = options.csvTextColumns {
                if given.count == 1 { text = table.column(given[0]) }
            } else {
                text = textNames.lazy.compactMap { name in keys.firstIndex(of: name) }.first
            }
            if let text, text != speaker {
                let time = timeNames.lazy.compactMap { name in keys.firstIndex(of: name) }.first
                layout = Layout(speaker: speaker, text: text, time: time)
            }
        }
        if let name = options.conversationColumn {
            guard layout != nil else {
                throw ImportError(
                    file: fileName,
                    reason: "--conversation-column needs one row per utterance: a speaker column and a text column "
                        + "(statement, text, utterance or transcript; columns: \(MessageText.list(table.header)))")
            }
            guard let c = table.column(name) else { throw ImportError(file: fileName, reason: table.missingColumn(name)) }
            layout!.conversation = c
        }
        return layout
    }

    /// The conversations of a dialogue table.
    /// - Throws: ``ImportError`` when a conversation has no statement at all.
    static func documents(_ table: CSVTable, layout: Layout, stem: String, fileName: String) throws
        -> [ParsedDocument]
    {
        var order: [String] = []
        var rowsOf: [String: [Int]] = [:]
        var missingConversation = 0
        for (r, row) in table.rows.enumerated() {
            var value = ""
            if let c = layout.conversation {
                value = row[c].trimmingCharacters(in: .whitespacesAndNewlines)
                if value.isEmpty { missingConversation += 1; continue }
            }
            if rowsOf[value] == nil { order.append(value) }
            rowsOf[value, default: []].append(r)
        }
        var docs: [ParsedDocument] = []
        if order.isEmpty { throw ImportError(file: fileName, reason: "no rows") }
        for value in order {
            let name = layout.conversation == nil ? stem : "\(stem)-\(value)"
            var doc = conversation(table, rows: rowsOf[value]!, layout: layout, name: name)
            guard !doc.turns.isEmpty else {
                let which = layout.conversation == nil ? "" : " in conversation '\(MessageText.clip(value))'"
                throw ImportError(file: fileName, reason: "no statement in column '\(table.header[layout.text])'\(which)")
            }
            if docs.isEmpty, missingConversation > 0 {
                doc.warnings.append("\(missingConversation) row(s) with no \(table.header[layout.conversation!]) skipped")
            }
            docs.append(doc)
        }
        return docs
    }

    /// One conversation: the given rows, in order, as turns.
    static func conversation(_ table: CSVTable, rows: [Int], layout: Layout, name: String) -> ParsedDocument {
        var bytes: [UInt8] = []
        var structure = ByteStructure()
        var empty = 0
        var badTimes: [Int] = []
        for r in rows {
            let row = table.rows[r]
            let statement = TextNormalizer.normalize(row[layout.text].trimmingCharacters(in: .whitespacesAndNewlines))
            guard !statement.isEmpty else { empty += 1; continue }
            let speaker = TextNormalizer.normalize(
                row[layout.speaker].trimmingCharacters(in: .whitespacesAndNewlines)
                    .replacingOccurrences(of: "\n", with: " "))
            var time: Double? = nil
            if let t = layout.time {
                let raw = row[t].trimmingCharacters(in: .whitespaces)
                if !raw.isEmpty {
                    time = Self.time(raw)
                    if time == nil { badTimes.append(table.lines[r]) }
                }
            }
            if !bytes.isEmpty { bytes.append(ASCII.lf) }
            let lineStart = bytes.count
            if !speaker.isEmpty { bytes += speaker.utf8; bytes += ": ".utf8 }
            let start = bytes.count
            bytes += statement.utf8
            structure.turns.append(ByteTurn(speaker: speaker.isEmpty ? nil : speaker, range: start..<bytes.count, time: time))
            structure.paragraphs.append(lineStart..<bytes.count)
        }
        bytes.withUnsafeBufferPointer { b in
            for t in structure.turns { SentenceSplitter.split(b, t.range, into: &structure.sentences) }
        }
        var warnings: [String] = []
        if empty > 0 { warnings.append("\(empty) empty statement(s) skipped") }
        if let first = badTimes.first {
            warnings.append("\(badTimes.count) time(s) not understood (first at line \(first)); those turns have no time")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return ParsedDocument(name: name, text: text, bytes: bytes, format: .csv, encoding: nil,
                              structure: structure, warnings: warnings)
    }

    /// Seconds from `1:02`, `00:01:02.5`, `00:01:02,5`, `[0:01]`, `(0:01)` or a plain number.
    static func time(_ raw: String) -> Double? {
        var s = Substring(raw)
        if let f = s.first, let l = s.last, (f == "[" && l == "]") || (f == "(" && l == ")") {
            s = s.dropFirst().dropLast()
        }
        s = Substring(s.trimmingCharacters(in: .whitespaces))
        if s.contains(":") { return Timestamp.parseCueTime(s) }
        if let seconds = Double(s.replacingOccurrences(of: ",", with: ".")), seconds >= 0, seconds.isFinite {
            return seconds
        }
        return nil
    }
}
