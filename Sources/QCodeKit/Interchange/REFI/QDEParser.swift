import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads `project.qde` and `.qdc` XML into a ``REFIProject`` (a `.qdc` fills only `codes`).
///
/// Lenient where tools differ: elements are matched by local name whatever their namespace
/// (ATLAS.ti 9 writes `urn:QDA-XML:codebook:0:4`), UTF-8 and UTF-16 are read (with or
/// without a byte order mark), names may be missing, GUIDs may be upper case or in braces.
/// Strict where it matters for safety: the bytes pass ``XMLInputGuard`` (decoded, then a
/// document type declaration, the home of entity bombs and external entities, is
/// refused) before parsing, and external entities are never resolved. Codes nested more
/// than ``maxCodeDepth`` levels deep are refused (no real codebook comes near; a hostile
/// one 10,000 levels deep would otherwise exhaust the stack of everything that walks the
/// tree), and so is a selection position too large for an integer.
enum QDEParser {
    /// Why XML could not be read, without the file name.
    struct Failure: Error, Equatable {
        var reason: String
    }

    /// The deepest nesting of codes read: a top-level code is at depth 1.
    static let maxCodeDepth = 64

    /// Parses `data`, whose root must be `Project` or `CodeBook`.
    static func parse(_ data: Data) throws(Failure) -> (root: String, project: REFIProject) {
        let bytes: Data
        do {
            bytes = try XMLInputGuard.utf8(data)
        } catch {
            throw Failure(reason: error.reason)
        }
        let handler = QDEHandler()
        // From a stream: on Linux, XMLParser(data:) fails at the end of any input over
        // 10 MB (a 1,000-transcript project.qde is 25 MB); fed in chunks it does not.
        let parser = XMLParser(stream: InputStream(data: bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        let ok = parser.parse()
        // A problem the handler found aborted the parse: it is the reason, not the abort.
        if let problem = handler.problem { throw Failure(reason: problem) }
        if !ok || parser.parserError != nil || handler.root == nil {
            if handler.root == nil, ok, parser.parserError == nil {
                throw Failure(reason: "not REFI-QDA XML (no Project or CodeBook element)")
            }
            throw Failure(reason: "malformed XML at line \(parser.lineNumber)")
        }
        return (handler.root!, handler.project)
    }

    /// A selection position: nil when `text` is not a whole number, `.tooLarge` when it
    /// is one that does not fit an integer.
    static func position(_ text: String?) -> Position? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let value = Int(text) { return .value(value) }
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return .tooLarge }
        return nil
    }

    enum Position: Equatable {
        case value(Int)
        case tooLarge
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
            guard codeStack.count < QDEParser.maxCodeDepth else {
                problem = "codes nested deeper than \(QDEParser.maxCodeDepth) levels (line \(parser.lineNumber)); qcode reads at most \(QDEParser.maxCodeDepth)"
                parser.abortParsing()
                return
            }
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
            let positions = [attributes["startPosition"], attributes["endPosition"]]
            for (text, position) in zip(positions, positions.map(QDEParser.position)) where position == .tooLarge {
                problem = "PlainTextSelection \(MessageText.clip(guid())): position \(MessageText.clip(text ?? "")) out of range (line \(parser.lineNumber))"
                parser.abortParsing()
                return
            }
            guard case .value(let start) = QDEParser.position(positions[0]), case .value(let end) = QDEParser.position(positions[1]) else {
                problem = "PlainTextSelection \(MessageText.clip(guid())) has no valid startPosition and endPosition (line \(parser.lineNumber))"
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
