import Foundation
import GRDB

/// Named queries for renaming, removing and merging cases and setting their values.
extension Store {
    /// Every attribute row, in column order.
    func attributeRecords() throws -> [AttributeRecord] {
        try AttributeRecord.order(AttributeRecord.Columns.position, AttributeRecord.Columns.id).fetchAll(db)
    }

    /// Adds an attribute after the existing ones; returns its id.
    func appendAttribute(named name: String, type: AttributeType) throws -> Int64 {
        var record = AttributeRecord(id: nil, name: name, type: type.rawValue,
                                     position: (try Int.fetchOne(db, sql: "SELECT max(position) + 1 FROM attributes")) ?? 0)
        try record.insert(db)
        return record.id!
    }

    /// One case's stored value of one attribute, if it has one.
    func caseValue(caseID: Int64, attributeID: Int64) throws -> String? {
        try CaseValueRecord
            .filter(CaseValueRecord.Columns.caseID == caseID && CaseValueRecord.Columns.attributeID == attributeID)
            .fetchOne(db)?.value
    }

    /// One case's stored values, by attribute id.
    func caseValues(caseID: Int64) throws -> [Int64: String] {
        Dictionary(uniqueKeysWithValues: try CaseValueRecord.filter(CaseValueRecord.Columns.caseID == caseID)
            .fetchAll(db).map { ($0.attributeID, $0.value) })
    }

    /// Removes one case's value of one attribute.
    func clearCaseValue(caseID: Int64, attributeID: Int64) throws {
        _ = try CaseValueRecord
            .filter(CaseValueRecord.Columns.caseID == caseID && CaseValueRecord.Columns.attributeID == attributeID)
            .deleteAll(db)
    }

    /// Renames a case.
    func renameCase(id: Int64, to name: String) throws {
        _ = try CaseRecord.filter(key: id).updateAll(db, CaseRecord.Columns.name.set(to: name))
    }

    /// Deletes a case with its values; its documents become unlinked.
    func deleteCase(id: Int64) throws {
        _ = try DocumentRecord.filter(DocumentRecord.Columns.caseID == id).updateAll(db, DocumentRecord.Columns.caseID.set(to: nil))
        _ = try CaseValueRecord.filter(CaseValueRecord.Columns.caseID == id).deleteAll(db)
        _ = try CaseRecord.deleteOne(db, key: id)
    }

    /// Links every document of case `sourceID` to case `targetID`; returns how many.
    func moveDocuments(fromCase sourceID: Int64, toCase targetID: Int64) throws -> Int {
        try DocumentRecord.filter(DocumentRecord.Columns.caseID == sourceID)
            .updateAll(db, DocumentRecord.Columns.caseID.set(to: targetID))
    }
}
