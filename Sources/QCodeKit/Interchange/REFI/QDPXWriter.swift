import Foundation
import ZIPFoundation

/// What a REFI-QDA export wrote.
public struct REFIExportReport: Sendable, Equatable {
    public var documents = 0
    public var codes = 0
    public var codings = 0
    public var cases = 0
    public var variables = 0
    public var users = 0
    public var notes = 0
}

/// Errors from REFI-QDA exports.
public enum REFIExportError: Error, CustomStringConvertible, Equatable {
    case emptyCodebook
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .emptyCodebook: return "the codebook is empty: a .qdc file needs at least one code"
        case .cannotWrite(let path, let why): return "\(path): cannot write (\(why))"
        }
    }
}

extension Project {
    /// Writes the project as a REFI-QDA 1.5 project (`.qdpx`) that NVivo, ATLAS.ti,
    /// MAXQDA and QualCoder can open.
    ///
    /// The archive holds `project.qde` (valid against `Project-mrt2019.xsd`) and each
    /// document's text as `sources/<guid>.txt` (UTF-8, LF). Coders become users, the
    /// codebook keeps its tree, colours and descriptions, cases keep their typed
    /// attributes as variables, every coding is a `PlainTextSelection` (positions are
    /// Unicode code points, as the standard says) with one `Coding`, and memos on codings
    /// and documents are notes. GUIDs are derived from the project's creation stamp and
    /// each item's id, so exporting again gives the same GUIDs (and, for the same
    /// content, the same bytes). The file is written to a temporary name and moved into
    /// place, so a failed export leaves no partial file.
    ///
    /// - Complexity: O(text + codings); 1,000 transcripts take about a second.
    @discardableResult
    public func exportQDPX(to url: URL) throws -> REFIExportReport {
        let (project, texts, created, report) = try read { store in
            try Self.refiSnapshot(store, name: url.deletingPathExtension().lastPathComponent)
        }
        let xml = QDEProjectXML.xml(project)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let registrations = TemporaryFiles.register(temporary)  // removed on SIGINT/SIGTERM/SIGHUP too
        defer {
            try? FileManager.default.removeItem(at: temporary)
            TemporaryFiles.unregister(registrations)
        }
        do {
            let archive = try Archive(url: temporary, accessMode: .create)
            let date = Self.refiDate(created)
            try Self.add(Data(xml.utf8), path: "project.qde", to: archive, date: date)
            for (guid, text) in texts {
                try Self.add(Data(text.utf8), path: "sources/\(guid).txt", to: archive, date: date)
            }
        } catch {
            throw REFIExportError.cannotWrite(url.path, DocumentReader.shortReason(error))
        }
        do {
            if FileManager.default.fileExists(atPath: url.path) {
                _ = try FileManager.default.replaceItemAt(url, withItemAt: temporary)
            } else {
                try FileManager.default.moveItem(at: temporary, to: url)
            }
        } catch {
            throw REFIExportError.cannotWrite(url.path, DocumentReader.shortReason(error))
        }
        return report
    }

    /// The codebook as a REFI-QDA codebook (`.qdc`, valid against `Codebook-mrt2019.xsd`),
    /// with the same GUIDs as ``exportQDPX(to:)`` gives the codes.
    ///
    /// - Throws: ``REFIExportError/emptyCodebook`` when there are no codes.
    public func exportQDC() throws -> String {
        try read { store in
            let namespace = try Self.refiNamespace(store)
            let codebook = try Codebook.build(fromFlat: try store.storedCodes())
            guard !codebook.codes.isEmpty else { throw REFIExportError.emptyCodebook }
            return codebook.qdcXML(origin: "qcode \(QCodeVersion.current)") {
                REFICodes.guid(forCodeID: $0, namespace: namespace)
            }
        }
    }

    private static func add(_ data: Data, path: String, to archive: Archive, date: Date) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                             compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    private static func refiNamespace(_ store: Store) throws -> [UInt8] {
        let created = try store.projectCreatedAt() ?? ""
        return REFIGUID.projectNamespace(createdAt: created)
    }

    private static func refiDate(_ stamp: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: stamp) ?? Date(timeIntervalSince1970: 1_577_836_800)
    }

    /// The project as REFI-QDA elements, plus each source's text by GUID.
    static func refiSnapshot(_ store: Store, name: String) throws
        -> (REFIProject, [(String, String)], String, REFIExportReport)
    {
        let created = try store.projectCreatedAt() ?? ""
        let namespace = REFIGUID.projectNamespace(createdAt: created)
        func guid(_ kind: String, _ key: String) -> String { REFIGUID.nameBased(kind + ":" + key, namespace: namespace) }
        var report = REFIExportReport()
        var project = REFIProject(name: name.isEmpty ? "qcode project" : name,
                                  origin: "qcode \(QCodeVersion.current)",
                                  creationDateTime: created.isEmpty ? nil : created)

        var userGUID: [Int64: String] = [:]
        for coder in try store.codersInIDOrder() {
            let id = guid("coder", coder.name.lowercased())
            if let coderID = coder.id { userGUID[coderID] = id }
            project.users.append(REFIUser(guid: id, name: coder.name))
        }
        report.users = project.users.count

        let codebook = try Codebook.build(fromFlat: try store.storedCodes())
        var codeGUID: [String: String] = [:]
        project.codes = REFICodes.refiCodes(from: codebook.codes) { id in
            let value = REFICodes.guid(forCodeID: id, namespace: namespace)
            codeGUID[id] = value
            return value
        }
        report.codes = codeGUID.count

        var attributeGUID: [Int64: (String, AttributeType)] = [:]
        for attribute in try store.attributesInOrder() {
            let type = AttributeType(rawValue: attribute.type) ?? .text
            let id = guid("attribute", attribute.name)
            if let attributeID = attribute.id { attributeGUID[attributeID] = (id, type) }
            project.variables.append(REFIVariable(guid: id, name: attribute.name, type: type.refiType))
        }
        report.variables = project.variables.count

        var documentGUID: [Int64: String] = [:]
        var documentsByCase: [Int64: [String]] = [:]
        var texts: [(String, String)] = []
        var sourceIndex: [Int64: Int] = [:]
        for document in try store.documentsForREFI() {
            let name = document.name
            let sourceGUID = guid("document", name)
            documentGUID[document.id] = sourceGUID
            if let caseID = document.caseID { documentsByCase[caseID, default: []].append(sourceGUID) }
            texts.append((sourceGUID, document.text))
            var source = REFITextSource(guid: sourceGUID, name: name, plainTextPath: "internal://\(sourceGUID).txt",
                                        creationDateTime: document.importedAt)
            if let memo = document.memo, !memo.isEmpty {
                let noteGUID = guid("document-memo", name)
                project.notes.append(REFINote(guid: noteGUID, name: "Memo: \(name)", plainTextContent: memo))
                source.noteGUIDs.append(noteGUID)
            }
            sourceIndex[document.id] = project.sources.count
            project.sources.append(source)
        }
        report.documents = project.sources.count

        try store.forEachCodingInDocumentOrder { coding in
            guard let id = coding.id, let index = sourceIndex[coding.documentID], let code = codeGUID[coding.codeID] else { return }
            let user = userGUID[coding.coderID]
            let created = coding.createdAt
            var selection = REFISelection(guid: guid("selection", String(id)), start: coding.start, end: coding.end,
                                          creatingUser: user, creationDateTime: created)
            selection.codings.append(REFICoding(guid: guid("coding", String(id)), codeGUID: code,
                                                creatingUser: user, creationDateTime: created))
            if let memo = coding.memo, !memo.isEmpty {
                let noteGUID = guid("coding-memo", String(id))
                project.notes.append(REFINote(guid: noteGUID, name: "Memo on coding \(id)", plainTextContent: memo))
                selection.noteGUIDs.append(noteGUID)
            }
            project.sources[index].selections.append(selection)
            report.codings += 1
        }

        for record in try store.casesByName() {
            guard let caseID = record.id else { continue }
            var item = REFICase(guid: guid("case", record.name), name: record.name, description: record.memo)
            for value in try store.caseValues(ofCase: caseID) {
                guard let (variable, type) = attributeGUID[value.attributeID] else { continue }
                let (kind, text) = type.refiValue(value.value)
                item.values.append(REFIVariableValue(variableGUID: variable, kind: kind, value: text))
            }
            item.sourceGUIDs = documentsByCase[caseID] ?? []
            project.cases.append(item)
        }
        report.cases = project.cases.count
        report.notes = project.notes.count
        return (project, texts, created, report)
    }
}

extension AttributeType {
    /// The REFI-QDA `typeOfVariable`.
    var refiType: REFIVariableType {
        switch self {
        case .integer: return .integer
        case .number: return .float
        case .boolean: return .boolean
        case .date: return .date
        case .text: return .text
        }
    }

    /// The value element and its text for a stored value: schema-valid typed values where
    /// the stored text can be one (`yes` -> `true`, `1e3` -> `1000`), `TextValue` otherwise.
    func refiValue(_ stored: String) -> (String, String) {
        switch self {
        case .integer:
            if let value = Int(stored) { return ("IntegerValue", String(value)) }
        case .number:
            if let value = Decimal(string: stored, locale: Locale(identifier: "en_US_POSIX")), value.isFinite, stored.rangeOfCharacter(from: .letters.subtracting(CharacterSet(charactersIn: "eE"))) == nil {
                return ("FloatValue", "\(value)")
            }
        case .boolean:
            if case .boolean(let value) = AttributeValue(stored: stored, type: .boolean) {
                return ("BooleanValue", value ? "true" : "false")
            }
        case .date:
            if stored.count == 10, AttributeType.isDate(stored), stored.dropFirst(4).first == "-" {
                return ("DateValue", stored)
            }
        case .text:
            break
        }
        return ("TextValue", stored)
    }
}
