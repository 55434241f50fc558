import Foundation
import GRDB

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

    /// Interprets stored text by the attribute's type; unparseable values stay text.
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
        case .date, .text: self = .text(stored)
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
}

/// Errors about cases.
public enum CaseError: Error, CustomStringConvertible, Equatable {
    case notFound(String)

    public var description: String {
        switch self {
        case .notFound(let name): return "no case '\(name)' (see 'qcode cases list')"
        }
    }
}

extension Project {
    /// Imports a survey table: one case per row, every other column an attribute.
    /// Re-importing updates values (an empty cell clears the value).
    public func importCases(_ table: CaseTable, source: String) throws -> CaseImportReport {
        try database.write { db in
            var report = CaseImportReport()
            var attributeIDs: [String: Int64] = [:]
            for (position, column) in table.columns.enumerated() {
                let type = table.types[column] ?? .text
                try db.execute(sql: """
                    INSERT INTO attributes(name, type, position) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET type = excluded.type
                    """, arguments: [column, type.rawValue, position])
                attributeIDs[column] = try Int64.fetchOne(db, sql: "SELECT id FROM attributes WHERE name = ?", arguments: [column])
                report.attributes.append(AttributeInfo(name: column, type: type))
            }
            let setValue = try db.makeStatement(sql: "INSERT OR REPLACE INTO case_values(case_id, attribute_id, value) VALUES (?, ?, ?)")
            let clearValue = try db.makeStatement(sql: "DELETE FROM case_values WHERE case_id = ? AND attribute_id = ?")
            for row in table.rows {
                let caseID: Int64
                if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM cases WHERE name = ?", arguments: [row.id]) {
                    caseID = existing
                    report.updated += 1
                } else {
                    try db.execute(sql: "INSERT INTO cases(name) VALUES (?)", arguments: [row.id])
                    caseID = db.lastInsertedRowID
                    report.created += 1
                }
                for column in table.columns {
                    guard let attributeID = attributeIDs[column] else { continue }
                    if let value = row.values[column], !value.isEmpty {
                        try setValue.execute(arguments: [caseID, attributeID, value])
                    } else {
                        try clearValue.execute(arguments: [caseID, attributeID])
                    }
                }
            }
            try AuditLog.record(db, action: "cases.import",
                                summary: "cases from \(source): \(report.created) new, \(report.updated) updated")
            return report
        }
    }

    /// The attributes in column order.
    public func attributes() throws -> [AttributeInfo] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT name, type FROM attributes ORDER BY position, id").map {
                AttributeInfo(name: $0["name"], type: AttributeType(rawValue: $0["type"]) ?? .text)
            }
        }
    }

    /// All cases with attributes and documents, sorted by name.
    public func cases() throws -> [CaseDetails] {
        try database.read { db in try Self.cases(db, only: nil) }
    }

    /// One case by name.
    public func caseRecord(_ name: String) throws -> CaseDetails {
        try database.read { db in
            guard let found = try Self.cases(db, only: name).first else { throw CaseError.notFound(name) }
            return found
        }
    }

    static func cases(_ db: Database, only: String?) throws -> [CaseDetails] {
        var types: [Int64: (String, AttributeType)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name, type FROM attributes") {
            types[row["id"]] = (row["name"], AttributeType(rawValue: row["type"]) ?? .text)
        }
        let filter = only == nil ? "" : "WHERE name = ?"
        let arguments: StatementArguments = only.map { [$0] } ?? []
        return try Row.fetchAll(db, sql: "SELECT id, name FROM cases \(filter) ORDER BY name", arguments: arguments).map { row in
            let caseID: Int64 = row["id"]
            var attributes: [String: AttributeValue] = [:]
            for value in try Row.fetchAll(db, sql: "SELECT attribute_id, value FROM case_values WHERE case_id = ?", arguments: [caseID]) {
                guard let (name, type) = types[value["attribute_id"]] else { continue }
                attributes[name] = AttributeValue(stored: value["value"], type: type)
            }
            let documents = try String.fetchAll(db, sql: "SELECT name FROM documents WHERE case_id = ? ORDER BY id", arguments: [caseID])
            return CaseDetails(name: row["name"], attributes: attributes, documents: documents)
        }
    }

    /// Links a document to a case, creating the case if `create` is true.
    public func link(document query: String, toCase name: String, create: Bool = false) throws {
        try database.write { db in
            let documentID = try Self.documentID(db, query)
            var caseID = try Int64.fetchOne(db, sql: "SELECT id FROM cases WHERE name = ?", arguments: [name])
            if caseID == nil {
                guard create else { throw CaseError.notFound(name) }
                try db.execute(sql: "INSERT INTO cases(name) VALUES (?)", arguments: [name])
                caseID = db.lastInsertedRowID
            }
            let before = try String.fetchOne(db, sql: "SELECT c.name FROM documents d LEFT JOIN cases c ON c.id = d.case_id WHERE d.id = ?", arguments: [documentID])
            try db.execute(sql: "UPDATE documents SET case_id = ? WHERE id = ?", arguments: [caseID, documentID])
            try AuditLog.record(db, action: "cases.link", summary: "linked document \(query) to case \(name)",
                                before: before, after: name)
        }
    }
}
