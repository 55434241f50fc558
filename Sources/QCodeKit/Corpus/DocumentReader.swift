import Foundation

/// Reads transcript files into ``ParsedDocument``s: text plus turns, paragraphs and sentences.
///
///     let docs = try DocumentReader.parse(data: Data("I: Hi.\nR: Hello.".utf8), fileName: "p1.txt")
///     // docs[0].turns.map(\.speaker) == ["I", "R"]
///
/// Formats: txt, md, docx, odt, vtt, srt (one document each) and csv (one document per
/// answer). Nothing here touches a database or the network.
public enum DocumentReader {
    /// Reads the file at `url`, refusing it before reading if it is over `options.maxFileBytes`.
    /// - Throws: ``ImportError`` naming the file's path as given (relative if `url` is).
    public static func read(contentsOf url: URL, options: ImportOptions = .init()) throws -> [ParsedDocument] {
        let path = url.relativePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw ImportError(file: path, reason: "file not found")
        }
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw ImportError(file: path, reason: "cannot read file (\(Self.shortReason(error)))")
        }
        try checkSize(size, file: path, options: options)
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw ImportError(file: path, reason: "cannot read file (\(Self.shortReason(error)))")
        }
        do {
            return try parse(data: data, fileName: url.lastPathComponent, options: options)
        } catch var error as ImportError {
            error.file = path
            throw error
        }
    }

    /// Parses a file's bytes; `fileName` gives the format (unless `options.format` is set),
    /// the document name and the name used in errors.
    /// - Throws: ``ImportError`` with a one-line reason.
    public static func parse(data: Data, fileName: String, options: ImportOptions = .init()) throws -> [ParsedDocument] {
        try checkSize(data.count, file: fileName, options: options)
        guard let format = options.format ?? SourceFormat.detect(fileName: fileName) else {
            let ext = (fileName as NSString).pathExtension
            let supported = SourceFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw ImportError(
                file: fileName,
                reason: ext.isEmpty ? "unknown file type (no extension; supported: \(supported))"
                                    : "unsupported file type '.\(ext)' (supported: \(supported))")
        }
        let name = documentName(fileName)
        switch format {
        case .text, .markdown:
            let decoded = try TranscriptTextDecoder.decode(data, fileName: fileName)
            return [try transcript(decoded.text, name: name, format: format, encoding: decoded.encoding,
                                   warnings: decodingWarnings(decoded), fileName: fileName, options: options)]
        case .docx:
            let text = try DocxText.extract(data, fileName: fileName)
            return [try transcript(text, name: name, format: .docx, encoding: nil, warnings: [],
                                   fileName: fileName, options: options)]
        case .odt:
            let text = try ODTText.extract(data, fileName: fileName)
            return [try transcript(text, name: name, format: .odt, encoding: nil, warnings: [],
                                   fileName: fileName, options: options)]
        case .vtt, .srt:
            let decoded = try TranscriptTextDecoder.decode(data, fileName: fileName)
            let cues = format == .vtt ? WebVTTParser.cues(in: decoded.text) : SRTParser.cues(in: decoded.text)
            var doc = SubtitleAssembler.document(cues: cues.cues, name: name, format: format, encoding: decoded.encoding)
            doc.warnings = decodingWarnings(decoded) + cues.warnings + doc.warnings
            return [doc]
        case .csv:
            let decoded = try TranscriptTextDecoder.decode(data, fileName: fileName)
            var docs = try SurveyCSV.documents(decoded.text, stem: name, fileName: fileName, options: options)
            let warnings = decodingWarnings(decoded)
            if !warnings.isEmpty { for i in docs.indices { docs[i].warnings = warnings + docs[i].warnings } }
            for i in docs.indices { docs[i].encoding = decoded.encoding }
            return docs
        }
    }

    /// Parses already-decoded transcript text (NFC, LF) in txt/md/docx/odt style.
    static func transcript(
        _ text: String, name: String, format: SourceFormat, encoding: TextEncoding?, warnings: [String],
        fileName: String, options: ImportOptions
    ) throws -> ParsedDocument {
        var parser = TranscriptParser()
        parser.markdown = format == .markdown
        if let pattern = options.speakerPattern {
            do {
                parser.customPattern = try NSRegularExpression(pattern: pattern, options: [])
            } catch {
                throw ImportError(file: fileName, reason: "invalid speaker pattern '\(pattern)'")
            }
        }
        let bytes = Array(text.utf8)
        if bytes.allSatisfy({ ASCII.isSpace($0) }) {
            throw ImportError(file: fileName, reason: format.isZipped ? "no text in document" : "empty file")
        }
        let structure = bytes.withUnsafeBufferPointer { parser.parse($0) }
        return ParsedDocument(name: name, text: text, bytes: bytes, format: format, encoding: encoding,
                              structure: structure, warnings: warnings)
    }

    static func decodingWarnings(_ decoded: DecodedText) -> [String] {
        decoded.encoding == .windows1252 ? ["decoded as Windows-1252 (not valid UTF-8)"] : []
    }

    /// The file name without directories and extension.
    static func documentName(_ fileName: String) -> String {
        let last = (fileName as NSString).lastPathComponent
        let stem = (last as NSString).deletingPathExtension
        return stem.isEmpty ? last : stem
    }

    static func checkSize(_ size: Int, file: String, options: ImportOptions) throws {
        guard size > options.maxFileBytes else { return }
        throw ImportError(file: file, reason: "file is \(megabytes(size)), over the \(megabytes(options.maxFileBytes)) limit")
    }

    /// Sizes as "300 MB" (MiB, rounded up so an over-limit size never prints as equal).
    static func megabytes(_ bytes: Int) -> String {
        let mb = 1024 * 1024
        if bytes < mb { return "\(bytes) bytes" }
        return "\((bytes + mb - 1) / mb) MB"
    }

    static func shortReason(_ error: Error) -> String {
        if let e = error as? CocoaError {
            switch e.code {
            case .fileReadNoSuchFile, .fileNoSuchFile: return "file not found"
            case .fileReadNoPermission: return "permission denied"
            default: break
            }
        }
        return (error as NSError).localizedDescription.replacingOccurrences(of: "\n", with: " ")
    }
}
