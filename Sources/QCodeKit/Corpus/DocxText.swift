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
        let xml = try ZipEntryReader.readXML(path, from: data, fileName: fileName)
        let handler = DocxHandler()
        try ZipEntryReader.parseXML(xml, delegate: handler, path: path, fileName: fileName)
        let text = TextNormalizer.normalize(handler.lines.joined(separator: "\n"))
        try TextRules.check(text, file: fileName)
        return text
    }
}

/// Collects paragraph lines from WordprocessingML.
final class DocxHandler: NSObject, XMLParserDelegate {
    static let namespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]
    static let compatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    var lines: [String] = []
    private var paragraph = ""
    private var paragraphDepth = 0
    private var runDepth = 0
    private var inText = false
    private var skipDepth = 0
    private var tableDepth = 0
    private var rowCells: [String] = []
    private var cellParagraphs: [String] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if namespaceURI == Self.compatibility, name == "Fallback" { skipDepth += 1; return }
        guard let ns = namespaceURI, Self.namespaces.contains(ns) else { return }
        if skipDepth > 0 { return }
        switch name {
        case "p":
            if paragraphDepth == 0 { paragraph = "" } else if !paragraph.isEmpty { paragraph += " " }
            paragraphDepth += 1
        case "r": runDepth += 1
        case "t": inText = true
        case "tab" where runDepth > 0: paragraph += "\t"
        case "br", "cr": if runDepth > 0 { paragraph += "\n" }
        case "noBreakHyphen": paragraph += "-"
        case "tbl":
            tableDepth += 1
            if tableDepth == 1 { rowCells = [] }
        case "tr" where tableDepth == 1: rowCells = []
        case "tc" where tableDepth == 1: cellParagraphs = []
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if namespaceURI == Self.compatibility, name == "Fallback" { skipDepth -= 1; return }
        guard let ns = namespaceURI, Self.namespaces.contains(ns) else { return }
        if skipDepth > 0 { return }
        switch name {
        case "p":
            paragraphDepth -= 1
            if paragraphDepth == 0 {
                if tableDepth > 0 { cellParagraphs.append(paragraph) } else { lines.append(paragraph) }
                paragraph = ""
            }
        case "r": runDepth -= 1
        case "t": inText = false
        case "tc" where tableDepth == 1:
            rowCells.append(cellParagraphs.filter { !$0.isEmpty }.joined(separator: " "))
        case "tr" where tableDepth == 1:
            lines.append(rowCells.joined(separator: " | "))
        case "tbl":
            tableDepth -= 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText, skipDepth == 0 { paragraph += string }
    }
}
