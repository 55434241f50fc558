import Foundation
import GRDB

/// One value of a project table, as plain data (what a team server stores and sends back).
public enum TableValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension TableValue {
    /// The text, when the value is text.
    public var textValue: String? { if case .text(let text) = self { return text } else { return nil } }
    /// The integer, when the value is one.
    public var integerValue: Int64? { if case .integer(let number) = self { return number } else { return nil } }
    /// The number, when the value is a real number.
    public var realValue: Double? { if case .real(let number) = self { return number } else { return nil } }
}

/// The rows of one project table, column by column: how a project travels to and from a
/// team server (`qcode team publish` and `qcode team pull`) without either side knowing the
/// other's storage.
public struct TableImage: Sendable, Equatable {
    /// The table's name in the project file (`documents`, `codings`, ...).
    public var table: String
    public var columns: [String]
    public var rows: [[TableValue]]

    public init(table: String, columns: [String], rows: [[TableValue]] = []) {
        self.table = table
        self.columns = columns
        self.rows = rows
    }

    /// The project tables a team project holds, parents before children.
    public static let projectTables = ["project_info", "coders", "cases", "attributes", "case_values",
                                       "documents", "turns", "codes", "codings", "document_marks", "audit_log"]
}

/// A table image could not be written into a project.
public struct TableImageError: Error, Equatable, CustomStringConvertible {
    public var table: String
    public var reason: String
    public var description: String { "table \(table): \(reason)" }
}

extension Project {
    /// Every row of every project table (``TableImage/projectTables``), read in one
    /// transaction, so the images are consistent with each other.
    public func tableImages() throws -> [TableImage] {
        try read { store in try TableImage.projectTables.map { try store.tableImage($0) } }
    }

    /// Writes a new project file at `destination` holding exactly these rows (privately, as
    /// a copy is written: see `PrivateProjectFile`), and opens it.
    ///
    /// - Throws: ``TableImageError`` for an unknown table or column, SQLite's refusal of a
    ///   row (a broken constraint); `ProjectError.alreadyExists` when the file exists.
    public static func create(at destination: URL, from images: [TableImage], user: String? = nil) throws -> Project {
        try PrivateProjectFile.write(to: destination, from: nil) { store in
            for image in images {
                try store.insertTableImage(image)
            }
        }
        return try Project.open(at: destination, user: user)
    }
}

extension Project {
    /// Writes a private working copy at `destination` (a new file, mode 0600, in a folder
    /// the caller keeps private) holding exactly these rows, quickly: a team server's
    /// snapshot, which a command reads and then throws away. Unlike ``create(at:from:user:)``
    /// it is not vacuumed and skips the journal while loading; the schema's checks run once
    /// over all rows at the end instead of row by row.
    ///
    /// - Throws: ``TableImageError`` for rows the project's constraints refuse.
    public static func createWorkingCopy(at destination: URL, from images: [TableImage], user: String? = nil) throws -> Project {
        let failure = createFileExclusively(destination.path, mode: 0o600)
        guard failure == 0 else { throw PrivateFileError(path: destination.path, errno: failure) }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: destination.path, configuration: configuration)
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
            }
            try Schema.migrator().migrate(queue)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF")
                try db.execute(sql: "PRAGMA synchronous = OFF")
                try db.execute(sql: "PRAGMA cache_size = -262144")
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                try db.inTransaction {
                    try Store(db, user: user).bulkLoad(images)
                    return .commit
                }
                try db.execute(sql: "PRAGMA user_version = \(Schema.formatVersion)")
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try queue.close()
        } catch {
            try? queue.close()
            throw error
        }
        return try Project.open(at: destination, user: user)
    }
}
