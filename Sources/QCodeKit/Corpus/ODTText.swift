import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The text of an OpenDocument text file (`content.xml`), ready for the transcript rules.
///
/// `text:p` and `text:h` become lines; `text:line-break` a line feed; `text:s` spaces
/// (`text:c` of them); `text:tab` a tab. Other white space is collapsed as ODF requires.
/// Table rows become one line with cells joined by `" | "`. Footnotes (`text:note`),
/// comments (`office:annotation`) and tracked deletions are left out.
enum ODTText {
    static let path = "content.xml"

    static func extract(_ data: Data, fileName: String) throws -> String {
        let xml = try ZipEntryReader.readXML(path, from: data, fileName: fileName)
        let handler = ODTHandler()
        try ZipEntryReader.parseXML(xml, delegate: handler, path: path, fileName: fileName)
        let text = TextNormalizer.normalize(handler.lines.joined(separator: "\n"))
        try TextRules.check(text, file: fileName)
        return text
    }
}

/// Collects paragraph lines from ODF content.
final class ODTHandler: NSObject, XMLParserDelegate {
    static let text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    static let table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

    var lines: [String] = []
    private var paragraph = ""
    private var paragraphDepth = 0
    private var skipDepth = 0
    private var tableDepth = 0
    private var rowCells: [String] = []
    private var cellParagraphs: [String] = []
    /// Whether the paragraph ends in collapsible white space from character data.
    private var lastWasSpace = true

    private func isSkipped(_ name: String, _ ns: String?) -> Bool {
        (ns == Self.text && (name == "note" || name == "tracked-changes"))
            || (ns == Self.office && name == "annotation")
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI ns: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if isSkipped(name, ns) { skipDepth += 1; return }
        if skipDepth > 0 { return }
        if ns == Self.text {
            switch name {
            case "p", "h":
                if paragraphDepth == 0 { paragraph = ""; lastWasSpace = true }
                else if !paragraph.isEmpty { paragraph += " "; lastWasSpace = true }
                paragraphDepth += 1
            case "s":
                let count = attributes["text:c"].flatMap { Int($0) } ?? attributes["c"].flatMap { Int($0) } ?? 1
                paragraph += String(repeating: " ", count: Swift.min(Swift.max(count, 1), 1000))
                lastWasSpace = false
            case "tab": paragraph += "\t"; lastWasSpace = false
            case "line-break": paragraph += "\n"; lastWasSpace = true
            default: break
            }
        } else if ns == Self.table {
            switch name {
            case "table": tableDepth += 1
            case "table-row" where tableDepth == 1: rowCells = []
            case "table-cell" where tableDepth == 1: cellParagraphs = []
            default: break
            }
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI ns: String?, qualifiedName: String?) {
        if isSkipped(name, ns) { skipDepth -= 1; return }
        if skipDepth > 0 { return }
        if ns == Self.text, name == "p" || name == "h" {
            paragraphDepth -= 1
            if paragraphDepth == 0 {
                var p = paragraph
                while p.hasSuffix(" ") { p.removeLast() }
                if tableDepth > 0 { cellParagraphs.append(p) } else { lines.append(p) }
                paragraph = ""
            }
        } else if ns == Self.table {
            switch name {
            case "table": tableDepth -= 1
            case "table-cell" where tableDepth == 1:
                rowCells.append(cellParagraphs.filter { !$0.isEmpty }.joined(separator: " "))
            case "table-row" where tableDepth == 1:
                lines.append(rowCells.joined(separator: " | "))
            default: break
            }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard paragraphDepth > 0, skipDepth == 0 else { return }
        for ch in string.unicodeScalars {
            if ch == " " || ch == "\t" || ch == "\n" || ch == "\r" {
                if !lastWasSpace { paragraph += " "; lastWasSpace = true }
            } else {
                paragraph.unicodeScalars.append(ch)
                lastWasSpace = false
            }
        }
    }
}
