import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads `project.qde` and `.qdc` XML into a ``REFIProject`` (a `.qdc` fills only `codes`).
///
/// Lenient where tools differ: elements are matched by local name whatever their namespace
/// (ATLAS.ti 9 writes `urn:QDA-XML:codebook:0:4`), a UTF-8 byte order mark is skipped, names
/// may be missing, GUIDs may be upper case or in braces. Strict where it matters for safety:
/// a document type declaration (the home of entity bombs and external entities) is refused
/// before parsing, and external entities are never resolved.
enum QDEParser {
    /// Why XML could not be read, without the file name.
    struct Failure: Error, Equatable {
        var reason: String
    }

    /// Parses `data`, whose root must be `Project` or `CodeBook`.
    static func parse(_ data: Data) throws(Failure) -> (root: String, project: REFIProject) {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            bytes = try utf8FromUTF16(bytes)
        }
        if ZipEntryReader.containsDoctype(bytes) {
            throw Failure(reason: "XML document type declarations are not allowed")
        }
        // FoundationXML traps on XML names that are not valid UTF-8: refuse such input first.
        if let problem = XMLInputGuard.problem(in: Data(bytes)) {
            throw Failure(reason: problem)
        }
        let handler = QDEHandler()
        // From a stream: on Linux, XMLParser(data:) fails at the end of any input over
        // 10 MB (a 1,000-transcript project.qde is 25 MB); fed in chunks it does not.
        let parser = XMLParser(stream: InputStream(data: Data(bytes)))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        let ok = parser.parse()
        if !ok || parser.parserError != nil || handler.root == nil {
            if handler.root == nil, ok, parser.parserError == nil {
                throw Failure(reason: "not REFI-QDA XML (no Project or CodeBook element)")
            }
            throw Failure(reason: "malformed XML at line \(parser.lineNumber)")
        }
        if let problem = handler.problem { throw Failure(reason: problem) }
        return (handler.root!, handler.project)
    }

    /// UTF-16 XML re-encoded as UTF-8, with its XML declaration (which names UTF-16) removed.
    private static func utf8FromUTF16(_ bytes: Data) throws(Failure) -> Data {
        guard var text = String(data: bytes, encoding: .utf16) else {
            throw Failure(reason: "malformed UTF-16 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") {
            text.removeSubrange(text.startIndex..<end.upperBound)
        }
        return Data(text.utf8)
    }
}

/// The XMLParser delegate behind ``QDEParser``: a stack of open elements and builders.
private final class QDEHandler: NSObject, XMLParserDelegate {
    var project = REFIProject(name: "")
    var root: String?
    var problem: String?

    private var stack: [String] = []
    private var codeStack: [REFICode] = []
    private var currentCase: REFICase?
    private var currentSource: REFITextSource?
    private var currentSelection: REFISelection?
    private var currentCoding: REFICoding?
    private var currentVariable: REFIVariable?
    private var pendingValueRef: String?
    private var text = ""
    private var collecting = false
    /// Depth of an element whose content is skipped (non-text sources, graphs, links...).
    private var skipDepth = 0

    private static let skipped: Set<String> = [
        "PictureSource", "PDFSource", "AudioSource", "VideoSource", "Links", "Sets", "Graphs",
    ]

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let parent = stack.last
        stack.append(name)
        if skipDepth > 0 { skipDepth += 1; return }
        if root == nil {
            guard name == "Project" || name == "CodeBook" else { parser.abortParsing(); return }
            root = name
            project.name = attributes["name"] ?? ""
            project.origin = attributes["origin"]
            project.creationDateTime = attributes["creationDateTime"]
            return
        }
        if Self.skipped.contains(name) {
            if parent == "Sources" {
                let label = attributes["name"].map { " '\($0)'" } ?? ""
                project.skippedSources.append("\(name)\(label)")
            }
            skipDepth = 1
            return
        }
        func guid() -> String { attributes["guid"] ?? "" }
        switch name {
        case "User" where parent == "Users":
            project.users.append(REFIUser(guid: guid(), name: attributes["name"], id: attributes["id"]))
        case "Code" where parent == "Codes" || parent == "Code":
            codeStack.append(REFICode(
                guid: guid(), name: attributes["name"] ?? "",
                isCodable: (attributes["isCodable"] ?? "true").lowercased() != "false",
                color: attributes["color"]))
        case "Variable" where parent == "Variables":
            let type = REFIVariableType(rawValue: attributes["typeOfVariable"] ?? "Text") ?? .text
            currentVariable = REFIVariable(guid: guid(), name: attributes["name"] ?? "", type: type)
        case "Case" where parent == "Cases":
            currentCase = REFICase(guid: guid(), name: attributes["name"])
        case "TextSource" where parent == "Sources", "Note" where parent == "Notes":
            currentSource = REFITextSource(
                guid: guid(), name: attributes["name"], plainTextPath: attributes["plainTextPath"],
                richTextPath: attributes["richTextPath"], creationDateTime: attributes["creationDateTime"],
                creatingUser: attributes["creatingUser"])
        case "PlainTextSelection" where currentSource != nil:
            guard let start = Int(attributes["startPosition"] ?? ""), let end = Int(attributes["endPosition"] ?? "") else {
                problem = "PlainTextSelection \(guid()) has no valid startPosition and endPosition (line \(parser.lineNumber))"
                parser.abortParsing()
                return
            }
            currentSelection = REFISelection(guid: guid(), start: start, end: end,
                                             creatingUser: attributes["creatingUser"],
                                             creationDateTime: attributes["creationDateTime"])
        case "Coding" where currentSource != nil:
            currentCoding = REFICoding(guid: guid(), codeGUID: "", creatingUser: attributes["creatingUser"],
                                       creationDateTime: attributes["creationDateTime"])
        case "CodeRef" where currentCoding != nil:
            currentCoding?.codeGUID = attributes["targetGUID"] ?? ""
        case "NoteRef":
            let target = attributes["targetGUID"] ?? ""
            if currentCoding != nil {
                currentCoding?.noteGUIDs.append(target)
            } else if currentSelection != nil {
                currentSelection?.noteGUIDs.append(target)
            } else if currentSource != nil {
                currentSource?.noteGUIDs.append(target)
            }
        case "VariableRef" where currentCase != nil:
            pendingValueRef = attributes["targetGUID"]
        case "SourceRef" where currentCase != nil:
            if let target = attributes["targetGUID"] { currentCase?.sourceGUIDs.append(target) }
        case "Description", "PlainTextContent", "TextValue", "BooleanValue", "IntegerValue", "FloatValue",
             "DateValue", "DateTimeValue":
            collecting = true
            text = ""
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
        if skipDepth > 0 { skipDepth -= 1; return }
        let parent = stack.last
        switch name {
        case "Code" where !codeStack.isEmpty:
            let code = codeStack.removeLast()
            if codeStack.isEmpty {
                project.codes.append(code)
            } else {
                codeStack[codeStack.count - 1].children.append(code)
            }
        case "Variable" where currentVariable != nil:
            project.variables.append(currentVariable!)
            currentVariable = nil
        case "Case" where currentCase != nil:
            project.cases.append(currentCase!)
            currentCase = nil
        case "TextSource" where parent == "Sources" && currentSource != nil:
            project.sources.append(currentSource!)
            currentSource = nil
        case "Note" where parent == "Notes" && currentSource != nil:
            project.notes.append(currentSource!)
            currentSource = nil
        case "PlainTextSelection" where currentSelection != nil:
            currentSource?.selections.append(currentSelection!)
            currentSelection = nil
        case "Coding" where currentCoding != nil:
            if currentSelection != nil {
                currentSelection?.codings.append(currentCoding!)
            } else {
                currentSource?.codings.append(currentCoding!)
            }
            currentCoding = nil
        case "Description" where collecting:
            collecting = false
            let value = text.isEmpty ? nil : text
            switch parent {
            case "Code": if !codeStack.isEmpty { codeStack[codeStack.count - 1].description = value }
            case "Variable": currentVariable?.description = value
            case "Case": currentCase?.description = value
            case "PlainTextSelection": currentSelection?.description = value
            case "TextSource", "Note": currentSource?.description = value
            default: break
            }
        case "PlainTextContent" where collecting:
            collecting = false
            currentSource?.plainTextContent = text
        case "TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue":
            collecting = false
            if let ref = pendingValueRef, currentCase != nil {
                currentCase?.values.append(REFIVariableValue(variableGUID: ref, kind: name, value: text))
            }
        case "VariableValue":
            pendingValueRef = nil
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting, skipDepth == 0 { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if collecting, skipDepth == 0 { text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        nil
    }
}
