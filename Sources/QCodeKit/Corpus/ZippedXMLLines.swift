import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What the Word and OpenDocument readers share: reading one XML part of a zipped document
/// into lines, one per paragraph, a table row becoming one line (each cell's paragraphs
/// joined by spaces, cells joined by `" | "`). Subclasses override `start`, `end` and
/// `characters`, mapping their elements onto the `begin…`/`end…` steps.
class ZippedXMLLines: NSObject, XMLParserDelegate {
    var lines: [String] = []
    var paragraph = ""
    var paragraphDepth = 0
    /// Inside left-out content (deletions, notes, comments...) when above 0.
    var skipDepth = 0
    private var tableDepth = 0
    private var rowCells: [String] = []
    private var cellParagraphs: [String] = []

    required override init() {}

    /// The text of the XML part `part` of the zipped document `data`, read by this
    /// subclass, normalised and checked against the transcript rules.
    static func extract(part: String, from data: Data, fileName: String) throws -> String {
        let xml = try ZipEntryReader.readXML(part, from: data, fileName: fileName)
        let handler = Self()
        try ZipEntryReader.parseXML(xml, delegate: handler, path: part, fileName: fileName)
        let text = TextNormalizer.normalize(handler.lines.joined(separator: "\n"))
        try TextRules.check(text, file: fileName)
        return text
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        start(name, namespace: namespaceURI, attributes: attributes)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        end(name, namespace: namespaceURI)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        characters(string)
    }

    /// An element starts (the subclass's reading of its format).
    func start(_ name: String, namespace: String?, attributes: [String: String]) {}

    /// An element ends.
    func end(_ name: String, namespace: String?) {}

    /// Character data.
    func characters(_ string: String) {}

    /// A paragraph starts; one nested in another continues it after a space.
    func beginParagraph() {
        if paragraphDepth == 0 { paragraph = "" } else if !paragraph.isEmpty { paragraph += " " }
        paragraphDepth += 1
    }

    /// A paragraph ends: the outermost one becomes a line, or part of its table cell.
    func endParagraph(trimmingTrailingSpaces: Bool = false) {
        paragraphDepth -= 1
        guard paragraphDepth == 0 else { return }
        var text = paragraph
        if trimmingTrailingSpaces { while text.hasSuffix(" ") { text.removeLast() } }
        if tableDepth > 0 { cellParagraphs.append(text) } else { lines.append(text) }
        paragraph = ""
    }

    func beginTable() {
        tableDepth += 1
        if tableDepth == 1 { rowCells = [] }
    }

    func endTable() { tableDepth -= 1 }

    /// Rows and cells of nested tables belong to the outermost table's cell.
    func beginRow() { if tableDepth == 1 { rowCells = [] } }

    func endRow() { if tableDepth == 1 { lines.append(rowCells.joined(separator: " | ")) } }

    func beginCell() { if tableDepth == 1 { cellParagraphs = [] } }

    func endCell() { if tableDepth == 1 { rowCells.append(cellParagraphs.filter { !$0.isEmpty }.joined(separator: " ")) } }
}
