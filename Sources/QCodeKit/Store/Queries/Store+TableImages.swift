import Foundation
import GRDB

/// Named queries behind ``TableImage``: a table's rows as plain values, and back.
extension Store {
    /// Every row of `table` (one of ``TableImage/projectTables``), in primary-key order.
    func tableImage(_ table: String) throws -> TableImage {
        guard TableImage.projectTables.contains(table) else {
            throw TableImageError(table: table, reason: "not a project table")
        }
        let columns = try db.columns(in: table).map(\.name)
        var image = TableImage(table: table, columns: columns)
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let primaryKey = try db.primaryKey(table).columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let rows = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \"\(table)\" ORDER BY \(primaryKey)")
        while let row = try rows.next() {
            image.rows.append((0..<columns.count).map { Self.tableValue(row[$0] as DatabaseValue) })
        }
        return image
    }

    /// Inserts the rows of an image into its table (an empty project's).
    func insertTableImage(_ image: TableImage) throws {
        guard TableImage.projectTables.contains(image.table) else {
            throw TableImageError(table: image.table, reason: "not a project table")
        }
        let known = Set(try db.columns(in: image.table).map(\.name))
        if let unknown = image.columns.first(where: { !known.contains($0) }) {
            throw TableImageError(table: image.table, reason: "no column \(unknown)")
        }
        guard !image.rows.isEmpty else { return }
        let list = image.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: image.columns.count).joined(separator: ", ")
        // The project's own facts (format, creation) are the new file's: an image's replace them.
        let verb = image.table == "project_info" ? "INSERT OR REPLACE" : "INSERT"
        let statement = try db.makeStatement(sql: "\(verb) INTO \"\(image.table)\" (\(list)) VALUES (\(marks))")
        for row in image.rows {
            guard row.count == image.columns.count else {
                throw TableImageError(table: image.table, reason: "a row has \(row.count) values for \(image.columns.count) columns")
            }
            // Unchecked: the count is checked above; 265,000 rows of a team snapshot go in here.
            statement.setUncheckedArguments(StatementArguments(row.map(Self.databaseValue)))
            try statement.execute()
        }
    }

    static func tableValue(_ value: DatabaseValue) -> TableValue {
        switch value.storage {
        case .null: return .null
        case .int64(let number): return .integer(number)
        case .double(let number): return .real(number)
        case .string(let text): return .text(text)
        case .blob(let data): return .blob([UInt8](data))
        }
    }

    private static func databaseValue(_ value: TableValue) -> DatabaseValue {
        switch value {
        case .null: return .null
        case .integer(let number): return number.databaseValue
        case .real(let number): return number.databaseValue
        case .text(let text): return text.databaseValue
        case .blob(let bytes): return Data(bytes).databaseValue
        }
    }
}

/// Named queries of a team server's working copy (``ChangeCapture``).
extension Store {
    /// The rows of `table` whose `id` is above `id`, in id order.
    func tableImage(_ table: String, idAbove id: Int64) throws -> TableImage {
        let columns = try db.columns(in: table).map(\.name)
        var image = TableImage(table: table, columns: columns)
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let rows = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \"\(table)\" WHERE id > ? ORDER BY id", arguments: [id])
        while let row = try rows.next() {
            image.rows.append((0..<columns.count).map { Self.tableValue(row[$0] as DatabaseValue) })
        }
        return image
    }

    /// The newest audit entry's id (0 when the log is empty).
    func newestAuditID() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM audit_log") ?? 0
    }

    /// Makes the next new coding's id `id` (codings' ids are AUTOINCREMENT: SQLite keeps
    /// the last one given in `sqlite_sequence`).
    func setNextCodingID(_ id: Int64) throws {
        try db.execute(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = 'codings'", arguments: [id - 1])
        if db.changesCount == 0 {
            try db.execute(sql: "INSERT INTO sqlite_sequence(name, seq) VALUES ('codings', ?)", arguments: [id - 1])
        }
    }
}

/// Named queries for a working copy's refresh of other coders' codings.
extension Store {
    func coderIDsByName() throws -> [String: Int64] {
        var names: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, id FROM coders") { names[row[0]] = row[1] }
        return names
    }

    func deleteCodings(exceptCoderNamed coder: String) throws {
        try db.execute(sql: "DELETE FROM codings WHERE coder_id NOT IN (SELECT id FROM coders WHERE name = ?)", arguments: [coder])
    }
}

/// A team server's working copy, written fast: the rows of a consistent server snapshot go
/// in with the tables' indexes and triggers set aside, which are then rebuilt and their
/// checks run once over all rows (a coding past its document's end, a broken link).
extension Store {
    func bulkLoad(_ images: [TableImage]) throws {
        let tables = TableImage.projectTables.map { "'\($0)'" }.joined(separator: ", ")
        let setAside = try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_master
            WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (\(tables))
            """).map { (type: $0[0] as String, name: $0[1] as String, sql: $0[2] as String) }
        for item in setAside {
            try db.execute(sql: "DROP \(item.type == "index" ? "INDEX" : "TRIGGER") \"\(item.name)\"")
        }
        for image in images { try insertTableImage(image) }
        for item in setAside.sorted(by: { $0.type < $1.type }) {  // indexes, then triggers
            try db.execute(sql: item.sql)
        }
        if try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM codings k JOIN documents d ON d.id = k.document_id WHERE k."end" > d.characters)
            """) == true {
            throw TableImageError(table: "codings", reason: "a coding ends past the end of its document")
        }
        if let broken = try String.fetchOne(db, sql: "SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1") {
            throw TableImageError(table: broken, reason: "a row links to one that is not there")
        }
    }
}
