import Foundation
import GRDB

/// Named queries on `cases`, `attributes` and `case_values`.
extension Store {
    // MARK: Cases

    /// The id of the case with this name, if there is one.
    func caseID(named name: String) throws -> Int64? {
        try CaseRecord.filter(CaseRecord.Columns.name == name)
            .select(CaseRecord.Columns.id, as: Int64.self)
            .fetchOne(db)
    }

    /// Creates a case; returns its id.
    func createCase(named name: String) throws -> Int64 {
        var record = CaseRecord(id: nil, name: name, memo: nil)
        try record.insert(db)
        return record.id!
    }

    /// Cases with their attribute values (typed by each attribute's type) and linked
    /// documents, sorted by name: all of them, or only the one named `only`.
    func caseDetails(named only: String? = nil) throws -> [CaseDetails] {
        var attributes: [Int64: (name: String, type: AttributeType)] = [:]
        for attribute in try AttributeRecord.fetchAll(db) {
            guard let id = attribute.id else { continue }
            attributes[id] = (attribute.name, AttributeType(rawValue: attribute.type) ?? .text)
        }
        var request = CaseRecord.order(CaseRecord.Columns.name)
        if let only { request = request.filter(CaseRecord.Columns.name == only) }
        return try request.fetchAll(db).map { record in
            let caseID = record.id!
            var values: [String: AttributeValue] = [:]
            let stored = try CaseValueRecord.filter(CaseValueRecord.Columns.caseID == caseID).fetchAll(db)
            for value in stored {
                guard let (name, type) = attributes[value.attributeID] else { continue }
                values[name] = AttributeValue(stored: value.value, type: type)
            }
            return CaseDetails(name: record.name, attributes: values, documents: try documentNames(inCase: caseID))
        }
    }

    // MARK: Attributes

    /// The attributes in column order.
    func attributes() throws -> [AttributeInfo] {
        try AttributeRecord.order(AttributeRecord.Columns.position, AttributeRecord.Columns.id).fetchAll(db).map {
            AttributeInfo(name: $0.name, type: AttributeType(rawValue: $0.type) ?? .text)
        }
    }

    /// The id of the attribute with this name, if there is one.
    func attributeID(named name: String) throws -> Int64? {
        try AttributeRecord.filter(AttributeRecord.Columns.name == name)
            .select(AttributeRecord.Columns.id, as: Int64.self)
            .fetchOne(db)
    }

    /// Adds an attribute at `position`, or, if one of that name exists, sets its type
    /// (keeping its position). Returns its id.
    func upsertAttribute(named name: String, type: AttributeType, position: Int) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO attributes(name, type, position) VALUES (?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET type = excluded.type
            """, arguments: [name, type.rawValue, position])
        return try attributeID(named: name)!
    }

    /// Adds a text attribute after the existing ones; returns its id.
    func appendTextAttribute(named name: String) throws -> Int64 {
        var record = AttributeRecord(id: nil, name: name, type: AttributeType.text.rawValue,
                                     position: try AttributeRecord.fetchCount(db))
        try record.insert(db)
        return record.id!
    }

    // MARK: Values

    /// Sets one case's value of one attribute (replacing any value it had).
    func setCaseValue(caseID: Int64, attributeID: Int64, value: String) throws {
        try CaseValueRecord(caseID: caseID, attributeID: attributeID, value: value).insert(db, onConflict: .replace)
    }

    /// A writer for setting and clearing many case values with prepared statements (the
    /// bulk path of a survey import).
    func makeCaseValueWriter() throws -> CaseValueWriter {
        CaseValueWriter(
            setStatement: try db.makeStatement(sql: "INSERT OR REPLACE INTO case_values(case_id, attribute_id, value) VALUES (?, ?, ?)"),
            clearStatement: try db.makeStatement(sql: "DELETE FROM case_values WHERE case_id = ? AND attribute_id = ?"))
    }
}

/// Sets and clears case values with prepared statements (from `Store.makeCaseValueWriter()`).
/// Valid inside the transaction that made it.
struct CaseValueWriter {
    fileprivate let setStatement: Statement
    fileprivate let clearStatement: Statement

    /// Sets a case's value of an attribute, replacing any value it had.
    func set(caseID: Int64, attributeID: Int64, value: String) throws {
        try setStatement.execute(arguments: [caseID, attributeID, value])
    }

    /// Removes a case's value of an attribute, if it had one.
    func clear(caseID: Int64, attributeID: Int64) throws {
        try clearStatement.execute(arguments: [caseID, attributeID])
    }
}
