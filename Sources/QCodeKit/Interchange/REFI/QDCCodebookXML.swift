import Foundation

/// Codebooks to and from REFI-QDA codes (`.qdc` files and the `CodeBook` of a `.qdpx`).
///
/// REFI-QDA codes have a name, a colour and a description. qcode's other fields (label,
/// include, exclude, examples, keywords, and an id that is not a GUID) travel in the
/// description's last line as `qcode: {...}` JSON, which other programs show as text and
/// which qcode reads back only from files whose `origin` is qcode.
extension Codebook {
    /// Reads a REFI-QDA codebook (`.qdc`), as NVivo, ATLAS.ti, MAXQDA, QualCoder or
    /// Taguette write it.
    ///
    /// Names that qcode cannot use are mended and the result always validates: a missing
    /// name becomes `unnamed`, `/` becomes `-`, a sibling with the same name gets ` (2)`;
    /// colours become `#RRGGBB` (`#abc` is expanded; others are dropped). Code ids are the
    /// GUIDs in lower case without braces. Sets are ignored.
    ///
    /// - Throws: ``CodebookError`` naming the file, for malformed XML, a document type
    ///   declaration, an encoding other than UTF-8, UTF-16, ISO-8859-1 or Windows-1252,
    ///   codes nested deeper than 64 levels (``QDEParser/maxCodeDepth``), or a file with
    ///   no codes.
    public static func parseQDC(data: Data, fileName: String) throws -> Codebook {
        let parsed: (root: String, project: REFIProject)
        do {
            parsed = try QDEParser.parse(data)
        } catch {
            throw CodebookError(.notACodebook(error.reason), fileName: fileName)
        }
        guard !parsed.project.codes.isEmpty else {
            throw CodebookError(.notACodebook("no codes in this REFI-QDA file"), fileName: fileName)
        }
        return REFICodes.codebook(from: parsed.project.codes, fromQCode: REFICodes.isQCode(parsed.project.origin)).codebook
    }

    /// The codebook as a REFI-QDA `.qdc` file that validates against `Codebook-mrt2019.xsd`.
    ///
    /// - Parameter guid: The GUID to write for a code id (see ``REFICodes/guid(forCodeID:namespace:)``).
    func qdcXML(origin: String, guid: (String) -> String) -> String {
        var w = XMLWriter()
        w.start("CodeBook", [("xmlns", "urn:QDA-XML:codebook:1.0"), ("origin", origin)])
        QDEProjectXML.writeCodes(REFICodes.refiCodes(from: codes, guid: guid), to: &w)
        w.end()
        return w.text
    }
}

/// Conversions between ``CodeDefinition`` and ``REFICode``.
enum REFICodes {
    /// qcode's fields that REFI-QDA has no place for.
    struct Extras: Codable, Equatable {
        var id: String?
        var label: String?
        var include: String?
        var exclude: String?
        var examples: [String]?
        var keywords: [String]?

        var isEmpty: Bool { self == Extras() }
    }

    static let extrasPrefix = "qcode: "

    static func isQCode(_ origin: String?) -> Bool {
        origin?.lowercased().hasPrefix("qcode") ?? false
    }

    /// A code id's GUID: the id itself when it is a GUID, else a name-based one.
    static func guid(forCodeID id: String, namespace: [UInt8]) -> String {
        REFIGUID.normalise(id) ?? REFIGUID.nameBased("code:" + id, namespace: namespace)
    }

    static func refiCodes(from codes: [CodeDefinition], guid: (String) -> String) -> [REFICode] {
        codes.map { code in
            let codeGUID = guid(code.id)
            let extras = Extras(
                id: codeGUID == code.id ? nil : code.id, label: code.label, include: code.include,
                exclude: code.exclude, examples: code.examples.isEmpty ? nil : code.examples,
                keywords: code.keywords.isEmpty ? nil : code.keywords)
            var description = code.description
            if !extras.isEmpty {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let json = String(decoding: (try? encoder.encode(extras)) ?? Data("{}".utf8), as: UTF8.self)
                description = (description.map { $0 + "\n\n" } ?? "") + extrasPrefix + json
            }
            return REFICode(guid: codeGUID, name: code.name, isCodable: true, color: code.colour,
                            description: description, children: refiCodes(from: code.children, guid: guid))
        }
    }

    /// The codebook for REFI codes, a map from each code's GUID (as written) to its id, and
    /// one warning per mended name or colour.
    static func codebook(from codes: [REFICode], fromQCode: Bool) -> (codebook: Codebook, idForGUID: [String: String], warnings: [String]) {
        var idForGUID: [String: String] = [:]
        var usedIDs: Set<String> = []
        var warnings: [String] = []

        func convert(_ codes: [REFICode], parentPath: String?) -> [CodeDefinition] {
            var siblings: Set<String> = []
            return codes.map { code in
                var name = code.name.trimmingCharacters(in: .whitespacesAndNewlines)
                if name.isEmpty {
                    name = "unnamed"
                } else if name.contains("/") {
                    name = name.replacingOccurrences(of: "/", with: "-")
                    warnings.append("code '\(code.name)': '/' replaced by '-'")
                }
                var unique = name
                var number = 2
                while siblings.contains(CodePath.normalise(unique)) {
                    unique = "\(name) (\(number))"
                    number += 1
                }
                if unique != name, !name.isEmpty {
                    warnings.append("code '\(name)' \(parentPath.map { "under '\($0)'" } ?? "at the top level") occurs twice; the second is named '\(unique)'")
                }
                siblings.insert(CodePath.normalise(unique))
                let path = parentPath.map { "\($0)/\(unique)" } ?? unique

                var description = code.description?.trimmingCharacters(in: .whitespacesAndNewlines)
                var extras = Extras()
                if fromQCode, let text = description, let (rest, found) = splitExtras(text) {
                    description = rest
                    extras = found
                }
                if description?.isEmpty ?? false { description = nil }

                var id = extras.id ?? REFIGUID.normalise(code.guid) ?? code.guid
                if id.trimmingCharacters(in: .whitespaces).isEmpty || usedIDs.contains(id) { id = Codebook.makeID() }
                usedIDs.insert(id)
                idForGUID[code.guid] = id
                if let normal = REFIGUID.normalise(code.guid) { idForGUID[normal] = id }

                var colour: String?
                if let color = code.color {
                    colour = normaliseColour(color)
                    if colour == nil { warnings.append("code '\(path)': colour '\(color)' is not #RRGGBB; dropped") }
                }
                return CodeDefinition(
                    id: id, name: unique, label: extras.label, colour: colour, description: description,
                    include: extras.include, exclude: extras.exclude, examples: extras.examples ?? [],
                    keywords: extras.keywords ?? [], children: convert(code.children, parentPath: path))
            }
        }
        let codebook = Codebook(codes: convert(codes, parentPath: nil))
        return (codebook, idForGUID, warnings)
    }

    /// Splits `text` into the description before a final `qcode: {...}` line and its extras.
    static func splitExtras(_ text: String) -> (String?, Extras)? {
        let lines = text.components(separatedBy: "\n")
        guard let last = lines.last, last.hasPrefix(extrasPrefix),
              let extras = try? JSONDecoder().decode(Extras.self, from: Data(last.dropFirst(extrasPrefix.count).utf8))
        else { return nil }
        let rest = lines.dropLast().joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return (rest.isEmpty ? nil : rest, extras)
    }

    /// `#RRGGBB` in upper case from `#rgb`, `#rrggbb` or `#rrggbbaa` (alpha dropped); nil otherwise.
    static func normaliseColour(_ text: String) -> String? {
        var hex = text.trimmingCharacters(in: .whitespaces)
        guard hex.hasPrefix("#") else { return nil }
        hex.removeFirst()
        guard hex.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit }) else { return nil }
        switch hex.count {
        case 3: hex = hex.map { "\($0)\($0)" }.joined()
        case 6: break
        case 8: hex = String(hex.prefix(6))
        default: return nil
        }
        return "#" + hex.uppercased()
    }
}
