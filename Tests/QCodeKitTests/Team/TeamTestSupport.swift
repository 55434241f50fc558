import Foundation
import GRDB
@testable import QCodeKit

/// A project shared by a team: the sample interview, the small codebook, and codings by
/// alice (2) and bob (3).
enum TeamFixture {
    static func project() throws -> Project {
        let project = try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
        _ = try project.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(2...2)))
        _ = try project.code(document: "interview", code: "gamma", coder: "alice", selection: Selection(.quote("council tax")),
                         memo: "alice's memo")
        _ = try project.code(document: "interview", code: "beta", coder: "bob", selection: Selection(.turns(1...3)))
        return project
    }

    /// A file beside the project, not yet written.
    static func sibling(_ project: Project, _ name: String) -> URL {
        project.url.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// A copy of `project` for `coder` (nil: without codings), opened.
    static func copy(_ project: Project, for coder: String?, as name: String) throws -> Project {
        let url = sibling(project, name)
        try project.copy(to: url, forCoder: coder)
        return try Project.open(at: url)
    }

    /// Imports another transcript into `project` under `name`.
    static func importText(_ text: String, into project: Project, name: String) throws {
        let file = project.url.deletingLastPathComponent().appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        _ = try project.importFiles([file])
    }
}

/// The rows a test compares to prove a project did not change.
struct ProjectState: Equatable {
    var documents: [String]
    var codes: [String]
    var coders: [String]
    var cases: [String]
    var codings: [String]
    var audit: [String]

    init(_ project: Project) throws {
        (documents, codes, coders, cases, codings, audit) = try project.database.read { db in
            (try String.fetchAll(db, sql: "SELECT name || ':' || sha256 || ':' || ifnull(memo, '') || ':' || ifnull(case_id, '') FROM documents ORDER BY id"),
             try String.fetchAll(db, sql: "SELECT id || ':' || ifnull(parent_id, '') || ':' || name FROM codes ORDER BY id"),
             try String.fetchAll(db, sql: "SELECT name FROM coders ORDER BY id"),
             try String.fetchAll(db, sql: "SELECT name || ':' || ifnull(memo, '') FROM cases ORDER BY id"),
             try String.fetchAll(db, sql: """
                SELECT document_id || ':' || code_id || ':' || coder_id || ':' || start || ':' || "end" || ':' || ifnull(memo, '')
                FROM codings ORDER BY id
                """),
             try String.fetchAll(db, sql: "SELECT id || ':' || action || ':' || summary FROM audit_log ORDER BY id"))
        }
    }
}

extension Project {
    /// A count from raw SQL, for assertions.
    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }
}
