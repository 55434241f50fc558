import Foundation
@testable import QCodeKit
import Testing
@testable import QCodeServer

/// The team server end to end against a real PostgreSQL (the throwaway cluster that
/// `.ci/run` starts: `Scripts/test-server.sh`, URL in $QCODE_TEST_PG). Without it these
/// tests are skipped, and say so.
@Suite(.enabled(if: TestServer.available, "no PostgreSQL test server: set QCODE_TEST_PG (Scripts/test-server.sh start DIR)"))
struct TeamServerTests {
    @Test func publishThenBlindCodersSeeOnlyTheirOwnCodingsUntilTheLeadOpensThePhase() throws {
        let server = try TestServer.database()
        let (alice, bob) = (server.role("alice"), server.role("bob"))
        let project = try TestServer.localProject(coders: [alice, bob])
        let report = try TeamServer.publish(project, to: server.url(as: server.lead))
        #expect(report.rows.first { $0.table == "codings" }?.count == 3)
        #expect(throws: ServerError.alreadyPublished(server.url(as: server.lead).description)) {
            try TeamServer.publish(project, to: server.url(as: server.lead))
        }
        try TeamServer.addMember(alice, access: .coder, password: nil, at: server.url(as: server.lead))
        try TeamServer.addMember(bob, access: .coder, password: nil, at: server.url(as: server.lead))
        #expect(throws: ServerError.notAllowed(alice, "add team members (lead only)")) {
            try TeamServer.addMember("mallory", access: .lead, password: nil, at: server.url(as: alice))
        }

        // Blind: alice's own SQL sees only her rows, and cannot touch bob's.
        let asAlice = try ServerConnection.connect(server.url(as: alice))
        defer { asAlice.close() }
        #expect(try asAlice.rows("SELECT count(*) FROM qcode.codings") == [[.integer(2)]])
        #expect(throws: ServerError.self) {
            try asAlice.execute("INSERT INTO qcode.codings(document_id, code_id, coder, start, \"end\", created_at) SELECT document_id, code_id, $1, 0, 1, 'now' FROM qcode.codings LIMIT 1", [.text(bob)])
        }
        try asAlice.execute("DELETE FROM qcode.codings WHERE coder = $1", [.text(bob)])
        #expect(try TestServer.psqlCount(server, as: alice) == 2)
        let aliceSnapshot = try TeamServer.pull(server.url(as: alice), to: server.file("alice.qcode"))
        #expect(try aliceSnapshot.segments().map(\.coder) == [alice, alice])
        #expect(throws: ServerError.notAllowed(alice, "change the phase (lead only)")) {
            try TeamServer.setPhase(.open, at: server.url(as: alice))
        }

        // Open: alice sees bob's codings too; his rows were never deleted.
        try TeamServer.setPhase(.open, at: server.url(as: server.lead))
        #expect(try asAlice.rows("SELECT count(*) FROM qcode.codings") == [[.integer(3)]])
        #expect(try TestServer.psqlCount(server, as: alice) == 3)
        let status = try TeamServer.status(at: server.url(as: alice))
        #expect(status.phase == .open && status.yourAccess == "coder")
        #expect(Set(status.members.map(\.role)) == [server.lead, alice, bob])
    }

    @Test func aPulledSnapshotAgreesWithTheLocalProjectItCameFrom() throws {
        let server = try TestServer.database()
        let (alice, bob) = (server.role("alice"), server.role("bob"))
        let project = try TestServer.localProject(coders: [alice, bob])
        _ = try TeamServer.publish(project, to: server.url(as: server.lead))
        let snapshot = try TeamServer.pull(server.url(as: server.lead), to: server.file("lead.qcode"))
        #expect(try snapshot.segments() == project.segments())
        #expect(try snapshot.documents() == project.documents())
        let local = ["audit_log", "project_info", "coders"]  // the log's changesets stay local; the lead becomes a coder
        #expect(try snapshot.tableImages().filter { !local.contains($0.table) } == project.tableImages().filter { !local.contains($0.table) })
        let coders = try #require(try snapshot.tableImages().first { $0.table == "coders" })
        #expect(coders.rows.map { $0[1] } == [.text(alice), .text(bob), .text(server.lead)])
    }

    @Test func badServersAndPasswordsGetOneLineErrors() throws {
        let server = try TestServer.database()
        var unreachable = server.url(as: server.lead)
        unreachable.port = 1
        #expect(throws: ServerError.self) { try ServerConnection.connect(unreachable) }
        do {
            _ = try ServerConnection.connect(unreachable)
        } catch {
            #expect("\(error)".hasPrefix("cannot reach the server postgres://"))
            #expect(!"\(error)".contains("\n"))
        }
        var missing = server.url(as: server.lead)
        missing.database = "no_such_database_here"
        #expect(throws: ServerError.notAProject(missing.description)) { try ServerConnection.connect(missing) }
        #expect(throws: ServerError.notAProject(server.url(as: server.lead).description)) {
            try TeamServer.pull(server.url(as: server.lead), to: server.file("none.qcode"))
        }
    }
}

/// The test server: a fresh database per test, owned by a fresh lead role (not a superuser:
/// row-level security does not bind superusers).
struct TestServer {
    static var available: Bool { ProcessInfo.processInfo.environment["QCODE_TEST_PG"] != nil }

    let admin: ServerURL
    let database: String
    let lead: String
    let suffix: String
    let folder: URL

    static func database() throws -> TestServer {
        let admin = try ServerURL(parsing: ProcessInfo.processInfo.environment["QCODE_TEST_PG"]!, environment: [:])
        let suffix = String(UUID().uuidString.prefix(8)).lowercased()
        let server = TestServer(admin: admin, database: "qcode_test_\(suffix)", lead: "lead_\(suffix)", suffix: suffix,
                                folder: FileManager.default.temporaryDirectory.appendingPathComponent("qcode-server-\(suffix)"))
        try FileManager.default.createDirectory(at: server.folder, withIntermediateDirectories: true)
        let connection = try ServerConnection.connect(admin)
        defer { connection.close() }
        try connection.execute("CREATE ROLE \(server.lead) LOGIN CREATEROLE")
        try connection.execute("CREATE DATABASE \(server.database) OWNER \(server.lead)")
        return server
    }

    func role(_ name: String) -> String { "\(name)_\(suffix)" }

    func url(as role: String) -> ServerURL {
        var url = admin
        url.role = role
        url.database = database
        return url
    }

    func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// `psql -U ROLE -c 'SELECT count(*) FROM qcode.codings'`, as a team member would run it.
    static func psqlCount(_ server: TestServer, as role: String) throws -> Int? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-h", server.admin.host, "-p", String(server.admin.port), "-U", role, "-d", server.database,
                             "-tAc", "SELECT count(*) FROM qcode.codings"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A local project: one interview, a small codebook, two codings by the first coder and
    /// one by the second.
    static func localProject(coders: [String]) throws -> Project {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-local-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let project = try Project.create(at: folder.appendingPathComponent("study.qcode"))
        let file = folder.appendingPathComponent("interview.txt")
        try Data("""
            Interviewer: How did you come to the group?
            P01: My GP sent me. I was lonely after my wife died.
            Interviewer: What about money?
            P01: Money is tight. The link worker helped with the council tax.
            """.utf8).write(to: file)
        _ = try project.importFiles([file])
        _ = try project.importCodebook(try Codebook.parseYAML("""
            codes:
              - {name: alpha, id: a}
              - {name: beta, id: b}
            """, fileName: "codes.yaml"), source: "codes.yaml")
        _ = try project.code(document: "interview", code: "alpha", coder: coders[0], selection: Selection(.turns(2...2)))
        _ = try project.code(document: "interview", code: "beta", coder: coders[0], selection: Selection(.turns(4...4)))
        _ = try project.code(document: "interview", code: "alpha", coder: coders[1], selection: Selection(.turns(4...4)))
        return project
    }
}
