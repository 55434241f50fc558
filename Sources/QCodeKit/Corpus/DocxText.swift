import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The text of a Word document (`word/document.xml`), ready for the transcript rules.
///
/// Each paragraph becomes a line; `<w:br/>` and `<w:cr/>` become a line feed inside the
/// paragraph (Word users often put the speaker label and the text on separate soft-broken
/// lines, and a line break keeps label detection working); `<w:tab/>` a tab. A table row
/// becomes one line: each cell's paragraphs joined by spaces, cells joined by `" | "`.
/// Deleted text, field codes, footnotes, comments, headers and fallback copies of text
/// boxes are left out.
enum DocxText {
    static let path = "word/document.xml"

    static func extract(_ data: Data, fileName: String) throws -> String {
        try DocxHandler.extract(part: path, from: data, fileName: fileName)
    }
}

/// Collects paragraph lines from WordprocessingML.
final class DocxHandler: ZippedXMLLines {
    static let namespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]
    static let compatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    private var runDepth = 0
    private var inText = false

    override func start(_ name: String, namespace namespaceURI: String?, attributes: [String: String]) {
        if namespaceURI == Self.compatibility, name == "Fallback" { skipDepth += 1; return }
        guard let ns = namespaceURI, Self.namespaces.contains(ns) else { return }
        if skipDepth > 0 { return }
        switch name {
        case "p": beginParagraph()
        case "r": runDepth += 1
        case "t": inText = true
        case "tab" where runDepth > 0: paragraph += "\t"
        case "br", "cr": if runDepth > 0 { paragraph += "\n" }
        case "noBreakHyphen": paragraph += "-"
        case "tbl": beginTable()
        case "tr": beginRow()
        case "tc": beginCell()
        default: break
        }
    }

    override func end(_ name: String, namespace namespaceURI: String?) {
        if namespaceURI == Self.compatibility, name == "Fallback" { skipDepth -= 1; return }
        guard let ns = namespaceURI, Self.namespaces.contains(ns) else { return }
        if skipDepth > 0 { return }
        switch name {
        case "p": endParagraph()
        case "r": runDepth -= 1
        case "t": inText = false
        case "tc": endCell()
        case "tr": endRow()
        case "tbl": endTable()
        default: break
        }
    }

    override func characters(_ string: String) {
        if inText, skipDepth == 0 { paragraph += string }
    }
}
