import Foundation
import GRDB

/// Named queries for showing one code's whole definition.
extension Store {
    /// Each coder's codings of a code: of the code itself (`own`) and of the code or any
    /// of `subtree` (its id and its descendants' ids), by coder name; coders with none are
    /// left out.
    func codingCountsByCoder(codeID: String, subtree: [String]) throws -> [(coder: String, own: Int, total: Int)] {
        guard !subtree.isEmpty else { return [] }
        return try Row.fetchAll(db, sql: """
            SELECT r.name, sum(k.code_id = ?) AS own, count(*) AS total
            FROM codings k JOIN coders r ON r.id = k.coder_id
            WHERE k.code_id IN (\(databaseQuestionMarks(count: subtree.count)))
            GROUP BY r.id ORDER BY r.name COLLATE NOCASE, r.id
            """, arguments: StatementArguments([codeID] + subtree)).map { ($0[0], $0[1], $0[2]) }
    }
}
