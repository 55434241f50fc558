import Foundation
import GRDB

/// Named queries on `coders`. Coder names compare ignoring case (the column's collation).
extension Store {
    /// The id of the coder with this name, if there is one.
    func existingCoderID(named name: String) throws -> Int64? {
        try CoderRecord.filter(CoderRecord.Columns.name == name)
            .select(CoderRecord.Columns.id, as: Int64.self)
            .fetchOne(db)
    }

    /// The id of a coder, created on first use. The name is trimmed of spaces.
    ///
    /// - Throws: `CodingError.badCoderName` for an empty name or one with a comma (commas
    ///   separate coders in options and files).
    func coderID(named name: String) throws -> Int64 {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains(",") else { throw CodingError.badCoderName(name) }
        if let id = try existingCoderID(named: trimmed) {
            return id
        }
        // A coder is only a name: creating one is not recorded as part of the change that
        // first used it, so undoing that change leaves the coder for codings made since.
        return try withoutRecordingChanges {
            var coder = CoderRecord(id: nil, name: trimmed)
            try coder.insert(db)
            return coder.id!
        }
    }
}
