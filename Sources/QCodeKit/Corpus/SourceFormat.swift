/// The kinds of file a transcript or survey can be read from.
public enum SourceFormat: String, Sendable, CaseIterable, Codable {
    /// Plain text (`.txt`, `.text`).
    case text = "txt"
    /// Markdown (`.md`, `.markdown`): read like plain text, markup kept.
    case markdown = "md"
    /// Word documents (`.docx`).
    case docx
    /// OpenDocument text (`.odt`).
    case odt
    /// WebVTT subtitles (`.vtt`), e.g. Zoom and Teams transcripts.
    case vtt
    /// SubRip subtitles (`.srt`).
    case srt
    /// Comma-separated survey exports (`.csv`); one document per answer.
    case csv

    /// The format a file name's extension names, ignoring case, or `nil` when unknown.
    ///
    ///     SourceFormat.detect(fileName: "P07.DOCX")  // .docx
    ///     SourceFormat.detect(fileName: "notes.pdf") // nil
    public static func detect(fileName: String) -> SourceFormat? {
        guard let dot = fileName.lastIndex(of: "."),
              !fileName[fileName.index(after: dot)...].contains("/")
        else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "txt", "text": return .text
        case "md", "markdown": return .markdown
        case "docx": return .docx
        case "odt": return .odt
        case "vtt": return .vtt
        case "srt": return .srt
        case "csv": return .csv
        default: return nil
        }
    }

    /// Whether the format is a zip archive of XML (docx, odt).
    var isZipped: Bool { self == .docx || self == .odt }
}
