import Foundation
import GRDB

/// Named queries for ``Project/copy(to:forCoder:)``, run inside the new copy while it is
/// built (see ``PrivateProjectFile``), with the project attached as `source`.
extension Store {
    /// Copies what every coder's copy shares: project facts (not a merge base), documents
    /// with their text, turns, paragraphs and sentences but without memos, cases,
    /// attributes, values and the codebook.
    func copySharedContent() throws {
        try copyFromSource("project_info", where: "key <> ?", arguments: [MergeBase.key])
        try copyFromSource("cases")
        try copyFromSource("attributes")
        try copyFromSource("case_values")
        // A document memo is someone's reading of it: it stays out of a blind copy.
        try copyFromSource("documents", replacing: ["memo": "NULL"])
        try copyFromSource("turns")
        try copyFromSource("codes")
    }

    /// Copies one coder (matched ignoring case, keeping their id) and their codings, or
    /// creates the coder if the project has none by that name.
    ///
    /// - Returns: the coder's name as stored.
    /// - Throws: `CodingError.badCoderName` for an unusable name.
    func copyCoderAndCodings(named name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains(",") else { throw CodingError.badCoderName(name) }
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM source.coders WHERE name = ?", arguments: [trimmed]) else {
            let id = try Project.coderID(db, name: trimmed)
            return try String.fetchOne(db, sql: "SELECT name FROM main.coders WHERE id = ?", arguments: [id]) ?? trimmed
        }
        try copyFromSource("coders", where: "id = ?", arguments: [id])
        try copyFromSource("codings", where: "coder_id = ?", arguments: [id])
        try copyFromSource("document_marks", where: "coder_id = ?", arguments: [id])
        return try String.fetchOne(db, sql: "SELECT name FROM main.coders WHERE id = ?", arguments: [id]) ?? trimmed
    }

    /// How many documents, codes, cases and codings the project holds.
    func copyCounts() throws -> (documents: Int, codes: Int, cases: Int, codings: Int) {
        (try DocumentRecord.fetchCount(db), try CodeRecord.fetchCount(db), try CaseRecord.fetchCount(db),
         try CodingRecord.fetchCount(db))
    }
}

extension Project {
    /// Builds a new project file at `destination` from this one, privately (see
    /// ``PrivateProjectFile``): `build` copies what the file may hold, inside one transaction.
    func writeNewProjectFile<T>(to destination: URL, _ build: (Store) throws -> T) throws -> T {
        try PrivateProjectFile.write(to: destination, from: self, build: build)
    }
}
