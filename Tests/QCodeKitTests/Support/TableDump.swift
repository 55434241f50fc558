import Foundation
import GRDB
@testable import QCodeKit

/// Every row of every table but the audit log, as text: two equal states mean that undo
/// put back exactly what was there (ids, offsets, memos and their authors included).
enum TableDump {
    static let tables = ["project_info", "coders", "cases", "attributes", "case_values", "documents", "turns",
                         "codes", "codings"]

    static func of(_ project: Project) throws -> [String: [String]] {
        try project.database.read { db in
            var state: [String: [String]] = [:]
            for table in tables {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table)")
                state[table] = rows.map { row in
                    row.columnNames.map { name in "\(name)=\(row[name] as DatabaseValue)" }.joined(separator: "|")
                }.sorted()
            }
            return state
        }
    }
}
