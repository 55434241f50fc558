import Foundation

/// A case (participant) with its attribute values and linked documents, as shown and exported.
public struct CaseDetails: Sendable, Codable, Equatable {
    public var name: String
    /// Attribute values by attribute name, typed as the attribute's inferred type.
    public var attributes: [String: AttributeValue]
    public var documents: [String]
}

/// An attribute value as exported: a number, a boolean, or text (dates stay ISO text).
public enum AttributeValue: Sendable, Codable, Equatable, CustomStringConvertible {
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case text(String)

    /// Interprets stored text by the attribute's type; unparseable values stay text. Dates
    /// become ISO 8601 `yyyy-mm-dd` (a d/m/y value that could be m/d/y is read day first).
    public init(stored: String, type: AttributeType) {
        switch type {
        case .integer: self = Int(stored).map(AttributeValue.integer) ?? .text(stored)
        case .number: self = Double(stored).map(AttributeValue.number) ?? .text(stored)
        case .boolean:
            switch stored.lowercased() {
            case "true", "yes", "y", "1": self = .boolean(true)
            case "false", "no", "n", "0": self = .boolean(false)
            default: self = .text(stored)
            }
        case .date: self = .text(ISODate.normalised(stored) ?? stored)  // exports write ISO 8601
        case .text: self = .text(stored)
        }
    }

    public var description: String {
        switch self {
        case .integer(let value): return String(value)
        case .number(let value): return String(value)
        case .boolean(let value): return value ? "true" : "false"
        case .text(let value): return value
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .boolean(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(Bool.self) { self = .boolean(value) }
        else { self = .text(try container.decode(String.self)) }
    }
}

/// An attribute (survey variable) with its inferred type.
public struct AttributeInfo: Sendable, Codable, Equatable {
    public var name: String
    public var type: AttributeType
}

/// What a case-table import changed.
public struct CaseImportReport: Sendable {
    public var created: Int = 0
    public var updated: Int = 0
    public var attributes: [AttributeInfo] = []
    /// Things worth telling the user, such as a column matched to an existing attribute
    /// whose name differs only in case.
    public var notes: [String] = []
}

/// Errors about cases.
public enum CaseError: Error, CustomStringConvertible, Equatable {
    case notFound(String)
    case emptyName
    case nameTaken(String)
    case mergeIntoItself(String)
    /// Both cases have a value for these attributes and the values differ.
    case conflictingValues(from: String, into: String, [CaseValueConflict])
    case noAttribute(String)
    case badValue(attribute: String, type: AttributeType, value: String)

    public var description: String {
        switch self {
        case .notFound(let name): return "no case '\(name)' (see 'qcode cases list')"
        case .emptyName: return "a case name cannot be empty"
        case .nameTaken(let name): return "a case named '\(name)' already exists"
        case .mergeIntoItself(let name): return "cannot merge case '\(name)' into itself"
        case .conflictingValues(let from, let into, let conflicts):
            let list = conflicts.map { "\($0.attribute) ('\($0.from)' vs '\($0.into)')" }.joined(separator: ", ")
            return "cases \(from) and \(into) have different values for \(list); choose whose values to keep"
        case .noAttribute(let name): return "no attribute '\(name)'"
        case .badValue(let attribute, let type, let value):
            return "'\(value)' is not a valid \(type.rawValue) value for attribute '\(attribute)'"
        }
    }
}

/// An attribute two merged cases both have, with different values.
public struct CaseValueConflict: Sendable, Equatable {
    public var attribute: String
    public var from: String
    public var into: String
}

extension Project {
    /// Imports a survey table: one case per row, every other column an attribute.
    /// Re-importing updates values (an empty cell clears the value).
    public func importCases(_ table: CaseTable, source: String) throws -> CaseImportReport {
        try write { store in
            var report = CaseImportReport()
            var attributeIDs: [String: Int64] = [:]
            let existing = try store.attributeRecords()
            for (position, column) in table.columns.enumerated() {
                let type = table.types[column] ?? .text
                // A column differing only in case from an attribute ("Age", "age") is that attribute.
                var name = column
                if !existing.contains(where: { $0.name == column }),
                   let match = existing.first(where: { $0.name.lowercased() == column.lowercased() }) {
                    name = match.name
                    report.notes.append("column '\(column)' matched the existing attribute '\(match.name)'")
                }
                attributeIDs[column] = try store.upsertAttribute(named: name, type: type, position: position)
                report.attributes.append(AttributeInfo(name: name, type: type))
            }
            let values = try store.makeCaseValueWriter()
            for row in table.rows {
                let caseID: Int64
                if let existing = try store.caseID(named: row.id) {
                    caseID = existing
                    report.updated += 1
                } else {
                    caseID = try store.createCase(named: row.id)
                    report.created += 1
                }
                for column in table.columns {
                    guard let attributeID = attributeIDs[column] else { continue }
                    if let value = row.values[column], !value.isEmpty {
                        try values.set(caseID: caseID, attributeID: attributeID, value: value)
                    } else {
                        try values.clear(caseID: caseID, attributeID: attributeID)
                    }
                }
            }
            try store.record(.cases(CaseEdit(operation: .import, subjects: [source])),
                             summary: "cases from \(source): \(report.created) new, \(report.updated) updated")
            return report
        }
    }

    /// The attributes in column order.
    public func attributes() throws -> [AttributeInfo] {
        try read { store in try store.attributes() }
    }

    /// All cases with attributes and documents, sorted by name.
    public func cases() throws -> [CaseDetails] {
        try read { store in try store.caseDetails() }
    }

    /// One case by name.
    public func caseRecord(_ name: String) throws -> CaseDetails {
        try read { store in
            guard let found = try store.caseDetails(named: name).first else { throw CaseError.notFound(name) }
            return found
        }
    }

    /// Links a document to a case, creating the case if `create` is true.
    public func link(document query: String, toCase name: String, create: Bool = false) throws {
        try write { store in
            let documentID = try store.documentID(named: query)
            var caseID = try store.caseID(named: name)
            if caseID == nil {
                guard create else { throw CaseError.notFound(name) }
                caseID = try store.createCase(named: name)
            }
            try store.setCase(caseID, ofDocument: documentID)
            let document = try store.documentName(id: documentID) ?? query
            try store.record(.cases(CaseEdit(operation: .link, subjects: [name], detail: document)),
                             summary: "linked document \(query) to case \(name)")
        }
    }
}
