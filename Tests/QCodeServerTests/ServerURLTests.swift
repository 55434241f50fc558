import Foundation
import Testing
@testable import QCodeServer

/// Team server URLs follow libpq: the password from the URL, PGPASSWORD or a private
/// ~/.pgpass; TLS from sslmode or PGSSLMODE; defaults as libpq's.
@Suite struct ServerURLTests {
    private let noFile: (String) -> String? = { _ in nil }

    @Test func readsRoleHostPortAndDatabase() throws {
        let url = try ServerURL(parsing: "postgres://alice@db.example.org:6543/study", environment: [:], passwordFile: noFile)
        #expect(url == ServerURL(role: "alice", host: "db.example.org", port: 6543, database: "study", password: nil, tls: .prefer))
        #expect(url.description == "postgres://alice@db.example.org:6543/study")
    }

    @Test func defaultsAsLibpqDoes() throws {
        let url = try ServerURL(parsing: "postgresql://bob@", environment: ["PGPORT": "5433"], passwordFile: noFile)
        #expect(url.host == "localhost" && url.port == 5433 && url.database == "bob")
    }

    @Test func thePasswordComesFromTheEnvironmentThenThePasswordFile() throws {
        let pgpass = """
            # comment
            otherhost:*:*:*:nope
            127.0.0.1:5432:study:alice:s3cr\\:et
            *:*:*:*:fallback
            """
        let fromFile = try ServerURL(parsing: "postgres://alice@127.0.0.1/study", environment: ["HOME": "/home/a"],
                                     passwordFile: { $0 == "/home/a/.pgpass" ? pgpass : nil })
        #expect(fromFile.password == "s3cr:et")
        let other = try ServerURL(parsing: "postgres://carol@127.0.0.1/study", environment: ["PGPASSFILE": "/p"],
                                  passwordFile: { $0 == "/p" ? pgpass : nil })
        #expect(other.password == "fallback")
        let fromEnvironment = try ServerURL(parsing: "postgres://alice@127.0.0.1/study", environment: ["PGPASSWORD": "env"],
                                            passwordFile: { _ in pgpass })
        #expect(fromEnvironment.password == "env")
    }

    @Test func aPasswordFileOthersCanReadIsIgnored() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
        FileManager.default.createFile(atPath: path, contents: Data("*:*:*:*:pw\n".utf8), attributes: [.posixPermissions: 0o644])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(ServerURL.readPrivateFile(path) == nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(ServerURL.readPrivateFile(path) == "*:*:*:*:pw\n")
    }

    @Test func tlsFollowsSslmodeThenPGSSLMODE() throws {
        #expect(try ServerURL(parsing: "postgres://a@h/d?sslmode=require", environment: ["PGSSLMODE": "disable"], passwordFile: noFile).tls == .require)
        #expect(try ServerURL(parsing: "postgres://a@h/d", environment: ["PGSSLMODE": "verify-full"], passwordFile: noFile).tls == .verifyFull)
        #expect(throws: ServerError.badURL("postgres://a@h/d?sslmode=maybe", "unknown sslmode 'maybe' (use disable, allow, prefer, require, verify-ca, verify-full)")) {
            try ServerURL(parsing: "postgres://a@h/d?sslmode=maybe", environment: [:], passwordFile: self.noFile)
        }
    }

    @Test func errorsNeverEchoAPassword() {
        do {
            _ = try ServerURL(parsing: "postgres://:hunter2@h/d", environment: [:], passwordFile: noFile)
            Issue.record("a URL without a role was accepted")
        } catch {
            #expect(!"\(error)".contains("hunter2"))
            #expect("\(error)".contains("no role"))
        }
        #expect(throws: ServerError.self) { try ServerURL(parsing: "study.qcode", environment: [:], passwordFile: self.noFile) }
    }
}
