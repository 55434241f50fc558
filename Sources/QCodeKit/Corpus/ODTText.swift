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
        try ODTHandler.extract(part: path, from: data, fileName: fileName)
    }
}

/// Collects paragraph lines from ODF content.
final class ODTHandler: ZippedXMLLines {
    static let text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    static let table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

    /// Whether the paragraph ends in collapsible white space from character data.
    private var lastWasSpace = true

    private func isSkipped(_ name: String, _ ns: String?) -> Bool {
        (ns == Self.text && (name == "note" || name == "tracked-changes"))
            || (ns == Self.office && name == "annotation")
    }

    override func start(_ name: String, namespace ns: String?, attributes: [String: String]) {
        if isSkipped(name, ns) { skipDepth += 1; return }
        if skipDepth > 0 { return }
        if ns == Self.text {
            switch name {
            case "p", "h":
                beginParagraph()
                lastWasSpace = true  // already so when the paragraph is still empty
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
            case "table": beginTable()
            case "table-row": beginRow()
            case "table-cell": beginCell()
            default: break
            }
        }
    }

    override func end(_ name: String, namespace ns: String?) {
        if isSkipped(name, ns) { skipDepth -= 1; return }
        if skipDepth > 0 { return }
        if ns == Self.text, name == "p" || name == "h" {
            endParagraph(trimmingTrailingSpaces: true)
        } else if ns == Self.table {
            switch name {
            case "table": endTable()
            case "table-cell": endCell()
            case "table-row": endRow()
            default: break
            }
        }
    }

    override func characters(_ string: String) {
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
