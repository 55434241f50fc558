import CSQLiteSession
import Foundation

/// One row a command inserted, updated or deleted in a project table, as plain values:
/// how a working copy's changes travel to a team server (which replays them in one
/// transaction) without the server knowing SQLite's changeset format.
public struct RowChange: Sendable, Equatable {
    public enum Kind: String, Sendable { case insert, update, delete }

    public var table: String
    public var kind: Kind
    /// The table's columns, in order.
    public var columns: [String]
    /// Whether each column is part of the primary key.
    public var primaryKey: [Bool]
    /// The values before the change (a delete's or an update's; an update holds only its
    /// primary key and the columns it changed, nil elsewhere).
    public var old: [TableValue?]
    /// The values after the change (an insert's or an update's; an update holds only the
    /// columns it changed, nil elsewhere).
    public var new: [TableValue?]

    public init(table: String, kind: Kind, columns: [String], primaryKey: [Bool], old: [TableValue?], new: [TableValue?]) {
        self.table = table
        self.kind = kind
        self.columns = columns
        self.primaryKey = primaryKey
        self.old = old
        self.new = new
    }

    /// The value of `column` after the change (or before it, for a delete), if recorded.
    public func value(_ column: String) -> TableValue? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        return (kind == .delete ? old[index] : new[index]) ?? old[index]
    }

    /// Reads an SQLite changeset (the session extension's) into row changes, in its order.
    ///
    /// - Parameter columns: each table's column names, in the table's order.
    static func decode(_ changeset: Data, columns: (String) throws -> [String]) throws -> [RowChange] {
        guard !changeset.isEmpty else { return [] }
        return try changeset.withUnsafeBytes { bytes -> [RowChange] in
            var iterator: UnsafeMutableRawPointer?
            let started = qcode_changeset_start(Int32(bytes.count), bytes.baseAddress, &iterator)
            guard started == 0, let iterator else { throw ChangeRecorderError.sqlite(started, "cannot read recorded changes") }
            defer { qcode_changeset_finish(iterator) }
            var changes: [RowChange] = []
            var names: [String: [String]] = [:]
            while qcode_changeset_next(iterator) == 100 {
                var tableName: UnsafePointer<CChar>?
                var count: Int32 = 0
                var operation: Int32 = 0
                guard qcode_changeset_row(iterator, &tableName, &count, &operation) == 0, let tableName else {
                    throw ChangeRecorderError.sqlite(1, "cannot read recorded changes")
                }
                let table = String(cString: tableName)
                let tableColumns = try names[table] ?? columns(table)
                names[table] = tableColumns
                guard tableColumns.count == Int(count) else {
                    throw ChangeRecorderError.sqlite(1, "recorded changes to \(table) do not fit its columns")
                }
                var flags: UnsafePointer<UInt8>?
                var flagCount: Int32 = 0
                _ = qcode_changeset_primary_key(iterator, &flags, &flagCount)
                let primaryKey = (0..<Int(count)).map { index in flags.map { $0[index] != 0 } ?? false }
                let kind: Kind = operation == 18 ? .insert : operation == 23 ? .update : .delete
                func values(after: Int32) -> [TableValue?] {
                    (0..<count).map { column in
                        var value = qcode_value()
                        guard qcode_changeset_value(iterator, after, column, &value) == 0 else { return nil }
                        return Self.tableValue(value)
                    }
                }
                let old = kind == .insert ? Array(repeating: nil, count: Int(count)) : values(after: 0)
                let new = kind == .delete ? Array(repeating: nil, count: Int(count)) : values(after: 1)
                changes.append(RowChange(table: table, kind: kind, columns: tableColumns, primaryKey: primaryKey, old: old, new: new))
            }
            return changes
        }
    }

    private static func tableValue(_ value: qcode_value) -> TableValue? {
        switch value.type {
        case 1: return .integer(value.integer)
        case 2: return .real(value.real)
        case 3:
            guard let bytes = value.bytes else { return .text("") }
            return .text(String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(value.length)), as: UTF8.self))
        case 4:
            guard let bytes = value.bytes else { return .blob([]) }
            return .blob([UInt8](UnsafeRawBufferPointer(start: bytes, count: Int(value.length))))
        case 5: return .null
        default: return nil
        }
    }
}
