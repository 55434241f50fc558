import Foundation

/// A `.qdpx` read and checked, ready to be written to a project: the parsed project XML,
/// each usable text source with its stored text, the codebook and the position unit.
///
/// Reading touches no database, so ``Project/importQDPX(url:)`` can check everything
/// before it starts its transaction, and `qcode refi validate` can report without
/// importing.
public struct QDPXReader {
    /// One text source that will become a document.
    struct Source {
        var source: REFITextSource
        var name: String
        var text: SourceText
        var document: ParsedDocument
    }

    let file: String
    let project: REFIProject
    let sources: [Source]
    let codebook: Codebook
    let codeIDForGUID: [String: String]
    /// Note texts by normalised GUID.
    let notes: [String: String]
    /// Coder names by normalised user GUID.
    let userNames: [String: String]
    /// The case name for each source's normalised GUID.
    let caseForSource: [String: String]
    /// How the file counts selection positions.
    public let positionUnit: REFIPositionUnit
    /// Things read around or left out, one line each.
    public private(set) var warnings: [String] = []

    /// The exporting program, as the file names it.
    public var origin: String? { project.origin }
    /// Number of text sources that will become documents.
    public var documentCount: Int { sources.count }
    /// Number of codes in the file.
    public var codeCount: Int { codebook.flattened.count }
    /// Number of codings (a selection coded with two codes counts two).
    public var codingCount: Int {
        sources.reduce(0) { $0 + $1.source.codings.count + $1.source.selections.reduce(0) { $0 + $1.codings.count } }
    }
    /// Number of cases.
    public var caseCount: Int { project.cases.count }

    /// Reads and checks the archive at `url`.
    ///
    /// - Throws: ``ImportError`` naming the file: not a ZIP, an unsafe entry, a zip bomb,
    ///   malformed XML or a DOCTYPE in `project.qde`, or no `project.qde`.
    public init(url: URL) throws {
        file = url.path
        let archive = try QDPXArchive(url: url)
        let qde = try archive.projectEntryPath()
        let parsed: (root: String, project: REFIProject)
        do {
            parsed = try QDEParser.parse(try archive.read(qde))
        } catch let failure as QDEParser.Failure {
            throw ImportError(file: url.path, reason: "\(qde): \(failure.reason)")
        }
        guard parsed.root == "Project" else {
            throw ImportError(file: url.path, reason: "\(qde) holds a CodeBook, not a Project (import a .qdc with 'qcode codebook import')")
        }
        project = parsed.project
        var warnings: [String] = []
        for skipped in project.skippedSources {
            warnings.append("\(skipped) skipped: qcode imports text sources only")
        }

        var notes: [String: String] = [:]
        for note in project.notes {
            guard let key = REFIGUID.normalise(note.guid) else { continue }
            var text = note.plainTextContent
            if text == nil, let reference = note.plainTextPath, let path = archive.internalPath(reference) {
                text = try Self.decode(try archive.read(path), path: path, label: "note \(key)", file: url.path).text
            }
            if let text, let problem = TextRules.problem(in: text) {
                throw ImportError(file: url.path, reason: "note \(key): \(problem)")
            }
            if let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                notes[key] = TextNormalizer.normalize(text)
            }
        }
        self.notes = notes

        var userNames: [String: String] = [:]
        for user in project.users {
            guard let key = REFIGUID.normalise(user.guid) else { continue }
            let candidates = [user.name, user.id].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
            let name = (candidates.first { !$0.isEmpty } ?? "user-\(key.prefix(8))").replacingOccurrences(of: ",", with: " ")
            userNames[key] = name
        }
        self.userNames = userNames

        var caseForSource: [String: String] = [:]
        for item in project.cases {
            let name = Self.caseName(item)
            for source in item.sourceGUIDs {
                guard let key = REFIGUID.normalise(source) else { continue }
                if let other = caseForSource[key], other != name {
                    warnings.append("source \(key) is in cases '\(other)' and '\(name)'; linked to '\(other)'")
                    continue
                }
                caseForSource[key] = name
            }
        }
        self.caseForSource = caseForSource

        var sources: [Source] = []
        var usedNames: Set<String> = []
        for source in project.sources {
            let label = source.name.map { "'\(MessageText.clip($0))'" } ?? MessageText.clip(source.guid)
            guard let raw = try Self.text(of: source, archive: archive, label: label, warnings: &warnings) else { continue }
            // The text rules of every importer, before anything is stored.
            if let problem = TextRules.problem(in: raw) {
                throw ImportError(file: url.path, reason: "source \(label): \(problem)")
            }
            let text = SourceText(raw: raw)
            guard text.stored.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
                warnings.append("source \(label) has no text; skipped")
                continue
            }
            var name = Self.documentName(source)
            var number = 2
            let base = name
            while usedNames.contains(name) {
                name = "\(base) (\(number))"
                number += 1
            }
            usedNames.insert(name)
            var document = try DocumentReader.transcript(text.stored, name: name, format: .text, encoding: .utf8,
                                                         warnings: [], fileName: url.lastPathComponent, options: ImportOptions())
            if !document.turns.contains(where: { $0.speaker != nil }) {
                // Markdown transcripts label speakers as **Name:**; plain text rules miss them.
                let markdown = try DocumentReader.transcript(text.stored, name: name, format: .markdown, encoding: .utf8,
                                                             warnings: [], fileName: url.lastPathComponent, options: ImportOptions())
                if markdown.turns.contains(where: { $0.speaker != nil }) { document = markdown }
            }
            sources.append(Source(source: source, name: name, text: text, document: document))
        }
        self.sources = sources

        let converted = REFICodes.codebook(from: project.codes, fromQCode: REFICodes.isQCode(project.origin))
        codebook = converted.codebook
        codeIDForGUID = converted.idForGUID
        warnings += converted.warnings
        do {
            try codebook.validate()
        } catch {
            throw ImportError(file: url.path, reason: "codebook: \(error)")
        }

        positionUnit = REFIPositionUnit.detect(origin: project.origin, selections: sources.map { source in
            (source.text, source.source.selections.map(\.start), source.source.selections.map(\.end))
        })
        self.warnings = warnings
    }

    static func caseName(_ item: REFICase) -> String {
        let name = item.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return name.isEmpty ? "case-\(item.guid.prefix(8))" : name
    }

    /// The source's name; else its text file's name; else its GUID.
    static func documentName(_ source: REFITextSource) -> String {
        let name = source.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !name.isEmpty { return name }
        if let path = source.plainTextPath ?? source.richTextPath {
            let last = (path.replacingOccurrences(of: "internal://", with: "") as NSString).lastPathComponent
            let stem = (last as NSString).deletingPathExtension
            if !stem.isEmpty { return stem }
        }
        return "source-\(source.guid.prefix(8))"
    }

    /// The raw text of a source: inline content, the internal `.txt`, else the text of
    /// the internal `.docx`; nil (with a warning) when there is none qcode may read.
    private static func text(of source: REFITextSource, archive: QDPXArchive, label: String,
                             warnings: inout [String]) throws -> String? {
        if let content = source.plainTextContent { return content }
        var plain: String?
        if let reference = source.plainTextPath {
            if let path = archive.internalPath(reference) {
                let decoded = try decode(try archive.read(path), path: path, label: "source \(label)", file: archive.fileName)
                if decoded.windows1252 { warnings.append("source \(label): text is not UTF-8; read as Windows-1252") }
                plain = decoded.text
            } else {
                warnings.append("source \(label): '\(reference)' is not inside the archive; skipped")
                return nil
            }
        }
        if let plain, plain.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) { return plain }
        if let reference = source.richTextPath, reference.lowercased().hasSuffix(".docx"), let path = archive.internalPath(reference) {
            let data = try archive.read(path)
            if plain != nil, !source.selections.isEmpty {
                warnings.append("source \(label): plain text empty; its selections cannot be placed in the Word text")
            }
            do {
                return try DocxText.extract(data, fileName: path)
            } catch let error as ImportError {
                warnings.append("source \(label): \(error.reason); skipped")
                return nil
            }
        }
        if plain == nil {
            warnings.append("source \(label) has no plain text qcode can read; skipped")
            return nil
        }
        return plain
    }

    /// The text of a text file in the archive: UTF-8 as written (BOM dropped; positions
    /// count in it), else decoded as a transcript file is (UTF-16, or Windows-1252 when the
    /// bytes are not UTF-8). Binary data, malformed UTF-16 and control characters are
    /// refused with an error naming the archive, `label` and the entry.
    static func decode(_ data: Data, path: String, label: String, file: String) throws -> (text: String, windows1252: Bool) {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, false) }
        do {
            let decoded = try TranscriptTextDecoder.decode(Data(bytes), fileName: path)
            return (decoded.text, decoded.encoding == .windows1252)
        } catch let error as ImportError {
            throw ImportError(file: file, reason: "\(label) (\(path)): \(error.reason)")
        }
    }
}
