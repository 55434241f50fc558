import Foundation
@testable import QCodeKit
import Testing
@testable import QCodeServer

/// Commands on a team server: each runs on a working copy read as the user's role, and its
/// changes are replayed on the server in one transaction. Needs the test server (see
/// `TeamServerTests`).
@Suite(.enabled(if: TestServer.available, "no PostgreSQL test server: set QCODE_TEST_PG (Scripts/test-server.sh start DIR)"))
struct ServerWorkingCopyTests {
    /// A published project with coders alice and bob on the team.
    private func team() throws -> (server: TestServer, alice: String, bob: String) {
        let server = try TestServer.database()
        let (alice, bob) = (server.role("alice"), server.role("bob"))
        _ = try TeamServer.publish(try TestServer.localProject(coders: [alice, bob]), to: server.url(as: server.lead))
        try TeamServer.addMember(alice, access: .coder, password: nil, at: server.url(as: server.lead))
        try TeamServer.addMember(bob, access: .coder, password: nil, at: server.url(as: server.lead))
        return (server, alice, bob)
    }

    private func codings(_ server: TestServer, as role: String) throws -> [CodedSegment] {
        let copy = try ServerWorkingCopy.open(server.url(as: role))
        defer { copy.close() }
        return try copy.project.segments()
    }

    @Test func aCodersCodingLandsAsTheirRoleAndStaysHiddenFromOthersWhileBlind() throws {
        let (server, alice, bob) = try team()
        let copy = try ServerWorkingCopy.open(server.url(as: alice))
        _ = try copy.project.code(document: "interview", code: "beta", coder: alice, selection: Selection(.turns(2...2)))
        #expect(try copy.push() == 2)  // the coding and its audit entry
        #expect(try copy.push() == 0)  // each change is handed over once
        copy.close()

        let lead = try codings(server, as: server.lead)
        #expect(lead.filter { $0.coder == alice }.count == 3)
        #expect(try codings(server, as: alice).map(\.coder) == [alice, alice, alice])
        #expect(try codings(server, as: bob).map(\.coder) == [bob])
        #expect(try TestServer.psqlCount(server, as: alice) == 3)
        // The new coding's id comes from the copy's block, above every published one.
        let newest = try #require(lead.map(\.id).max())
        #expect(newest >= ServerStore.codingBlockSize)
    }

    @Test func undoOnTheServerUndoesTheCodersOwnLatestChange() throws {
        let (server, alice, bob) = try team()
        for (role, turn) in [(alice, 2), (bob, 2)] {
            let copy = try ServerWorkingCopy.open(server.url(as: role))
            _ = try copy.project.code(document: "interview", code: "beta", coder: role, selection: Selection(.turns(turn...turn)))
            try copy.push()
            copy.close()
        }
        let copy = try ServerWorkingCopy.open(server.url(as: alice))
        let undone = try #require(try copy.project.undo(coder: alice))
        #expect(undone.summary.contains(alice))
        try copy.push()
        copy.close()
        #expect(try codings(server, as: alice).count == 2)
        #expect(try codings(server, as: bob).count == 2)  // bob's coding, made after alice's, stays
        let log = try ServerWorkingCopy.open(server.url(as: server.lead))
        defer { log.close() }
        #expect(try log.project.auditEntries(limit: 1).first?.action == "undo")
    }

    @Test func aCoderCannotWriteAnotherCodersCodingsAndNothingIsWritten() throws {
        let (server, alice, bob) = try team()
        let copy = try ServerWorkingCopy.open(server.url(as: alice))
        defer { copy.close() }
        _ = try copy.project.code(document: "interview", code: "beta", coder: bob, selection: Selection(.turns(2...2)))
        #expect(throws: ServerError.notAllowed(alice, "write \(bob)'s codings or marks: on the team server you code as yourself, '\(alice)'")) {
            try copy.push()
        }
        #expect(try codings(server, as: server.lead).count == 3)
    }

    @Test func codersWorkingAtOnceGetDistinctIdsAndEveryCodingLands() throws {
        let (server, alice, bob) = try team()
        let copies = try [alice, bob].map { try ServerWorkingCopy.open(server.url(as: $0)) }
        for (copy, role) in zip(copies, [alice, bob]) {
            _ = try copy.project.code(document: "interview", code: "beta", coder: role, selection: Selection(.turns(2...2)))
        }
        for copy in copies { try copy.push(); copy.close() }
        let all = try codings(server, as: server.lead)
        #expect(all.count == 5)
        #expect(Set(all.map(\.id)).count == 5)
    }

    @Test func aRowChangedOnTheServerMeanwhileRefusesTheWholeCommand() throws {
        let (server, alice, _) = try team()
        let first = try ServerWorkingCopy.open(server.url(as: alice))
        let second = try ServerWorkingCopy.open(server.url(as: alice))
        defer { first.close(); second.close() }
        let target = try #require(try first.project.segments().first)
        _ = try first.project.setCodingMemo(id: target.id, memo: "first", author: alice)
        try first.push()
        _ = try second.project.setCodingMemo(id: target.id, memo: "second", author: alice)
        _ = try second.project.code(document: "interview", code: "beta", coder: alice, selection: Selection(.turns(2...2)))
        #expect(throws: ServerReplayConflict.self) { try second.push() }
        let after = try codings(server, as: alice)
        #expect(after.count == 2)  // the second copy's new coding did not land either
        #expect(after.first { $0.id == target.id }?.memo == "first")
    }

    @Test func aReaderChangesNothingAndReadsWriteNothing() throws {
        let (server, alice, _) = try team()
        let reader = server.role("rita")
        try TeamServer.addMember(reader, access: .reader, password: nil, at: server.url(as: server.lead))
        let copy = try ServerWorkingCopy.open(server.url(as: reader))
        defer { copy.close() }
        #expect(try copy.project.segments().count == 0)  // blind: a reader sees no one's codings
        #expect(try copy.push() == 0)
        _ = try copy.project.code(document: "interview", code: "beta", coder: reader, selection: Selection(.turns(2...2)))
        #expect(throws: ServerError.notAllowed(reader, "change the project (a reader)")) { try copy.push() }
        #expect(try codings(server, as: alice).count == 2)
    }

    @Test func theLeadsCodebookAndImportLandWithParentsFirst() throws {
        let (server, alice, _) = try team()
        let copy = try ServerWorkingCopy.open(server.url(as: server.lead))
        _ = try copy.project.importCodebook(try Codebook.parseYAML("""
            codes:
              - name: gamma
                id: g
                children:
                  - {name: delta, id: gd}
            """, fileName: "more.yaml"), source: "more.yaml")
        let file = server.file("second.txt")
        try Data("Interviewer: And now?\nP02: Better, thanks to the walking group.\n".utf8).write(to: file)
        _ = try copy.project.importFiles([file])
        try copy.push()
        copy.close()
        let coder = try ServerWorkingCopy.open(server.url(as: alice))
        defer { coder.close() }
        #expect(try coder.project.documents().map(\.name).contains("second"))
        _ = try coder.project.code(document: "second", code: "gamma/delta", coder: alice, selection: Selection(.turns(2...2)))
        try coder.push()
        #expect(try codings(server, as: alice).contains { $0.document == "second" && $0.code == "gamma/delta" })
    }

    @Test func noClientCanLeaveACodingPastTheEndOfItsDocument() throws {
        let (server, alice, _) = try team()
        let asAlice = try ServerConnection.connect(server.url(as: alice))
        defer { asAlice.close() }
        #expect(throws: ServerError.refused("coding ends past the end of its document")) {
            try asAlice.execute("""
                INSERT INTO qcode.codings(document_id, code_id, coder, start, "end", created_at)
                SELECT id, 'a', current_user, 0, characters + 1, 'now' FROM qcode.documents LIMIT 1
                """)
        }
    }

    @Test func theWorkingCopyIsPrivateAndGoneWhenClosed() throws {
        let (server, alice, _) = try team()
        let copy = try ServerWorkingCopy.open(server.url(as: alice))
        let file = copy.project.url
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: file.deletingLastPathComponent().path)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        copy.close()
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(!FileManager.default.fileExists(atPath: file.deletingLastPathComponent().path))
    }
}

/// What an open workspace on the server sees of other coders (LISTEN/NOTIFY and refresh).
@Suite(.enabled(if: TestServer.available, "no PostgreSQL test server: set QCODE_TEST_PG (Scripts/test-server.sh start DIR)"))
struct ServerLiveCodingsTests {
    @Test func aWorkspaceHearsOfNewCodingsAndSeesOthersOnlyInTheOpenPhase() throws {
        let server = try TestServer.database()
        let (alice, bob) = (server.role("alice"), server.role("bob"))
        _ = try TeamServer.publish(try TestServer.localProject(coders: [alice, bob]), to: server.url(as: server.lead))
        for role in [alice, bob] { try TeamServer.addMember(role, access: .coder, password: nil, at: server.url(as: server.lead)) }

        let workspace = try ServerWorkingCopy.open(server.url(as: alice))
        defer { workspace.close() }
        let heard = Heard()
        try workspace.listenForCodings { heard.count += 1 }
        func bobCodes(turn: Int) throws {
            let copy = try ServerWorkingCopy.open(server.url(as: bob))
            _ = try copy.project.code(document: "interview", code: "beta", coder: bob, selection: Selection(.turns(turn...turn)))
            try copy.push()
            copy.close()
        }

        // Blind: the announcement comes, but the server shows alice none of bob's codings.
        try bobCodes(turn: 2)
        #expect(heard.wait(atLeast: 1))
        try workspace.refreshOtherCoders()
        #expect(try workspace.project.segments().map(\.coder) == [alice, alice])

        // Open: bob's codings come in, alice's own stay as they are.
        try TeamServer.setPhase(.open, at: server.url(as: server.lead))
        try bobCodes(turn: 4)
        #expect(heard.wait(atLeast: 2))
        try workspace.refreshOtherCoders()
        let segments = try workspace.project.segments()
        #expect(segments.filter { $0.coder == bob }.count == 3)
        #expect(segments.filter { $0.coder == alice }.count == 2)
        // Taking them in is not a change of alice's: nothing to push.
        #expect(try workspace.push() == 0)
    }

    private final class Heard: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        var count: Int {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }

        /// Waits up to a second for `atLeast` announcements.
        func wait(atLeast expected: Int) -> Bool {
            for _ in 0..<100 {
                if count >= expected { return true }
                Thread.sleep(forTimeInterval: 0.01)
            }
            return false
        }
    }
}

/// A connection lost in the middle of a command writes nothing and says so.
@Suite(.serialized, .enabled(if: TestServer.available, "no PostgreSQL test server: set QCODE_TEST_PG (Scripts/test-server.sh start DIR)"))
struct ServerLostConnectionTests {
    @Test func aConnectionLostBeforeCommitRollsTheWholeCommandBack() throws {
        let server = try TestServer.database()
        let alice = server.role("alice")
        _ = try TeamServer.publish(try TestServer.localProject(coders: [alice, server.role("bob")]), to: server.url(as: server.lead))
        try TeamServer.addMember(alice, access: .coder, password: nil, at: server.url(as: server.lead))
        let copy = try ServerWorkingCopy.open(server.url(as: alice))
        defer { copy.close() }
        _ = try copy.project.code(document: "interview", code: "beta", coder: alice, selection: Selection(.turns(2...2)))
        _ = try copy.project.code(document: "interview", code: "alpha", coder: alice, selection: Selection(.turns(4...4)))
        let logged = { () throws -> Int in
            let look = try ServerWorkingCopy.open(server.url(as: alice))
            defer { look.close() }
            return try look.project.auditEntries(limit: 1000).count
        }
        let before = try logged()
        let admin = server.admin
        ServerHooks.beforeCommit = { role in
            guard role == alice, let connection = try? ServerConnection.connect(admin) else { return }
            defer { connection.close() }
            try? connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()", [.text(role)])
            // Until it is gone: the commit then meets a closed connection, at once or mid-way.
            for _ in 0..<200 {
                let left = try? connection.rows("SELECT count(*) FROM pg_stat_activity WHERE usename = $1", [.text(role)])
                if left == [[.integer(0)]] { break }
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        defer { ServerHooks.beforeCommit = nil }
        #expect(throws: ServerError.connectionLost(server.url(as: alice).description)) { try copy.push() }
        ServerHooks.beforeCommit = nil
        let check = try ServerWorkingCopy.open(server.url(as: alice))
        defer { check.close() }
        #expect(try check.project.segments().count == 2)
        #expect(try logged() == before)
    }
}

/// Document memos on the server: one per author, blind like codings.
@Suite(.enabled(if: TestServer.available, "no PostgreSQL test server: set QCODE_TEST_PG (Scripts/test-server.sh start DIR)"))
struct ServerDocumentMemoTests {
    @Test func eachCodersDocumentMemoStaysTheirsWhileBlind() throws {
        let server = try TestServer.database()
        let (alice, bob) = (server.role("alice"), server.role("bob"))
        let local = try TestServer.localProject(coders: [alice, bob])
        _ = try local.setDocumentMemo("interview", memo: "the lead's first reading", author: server.lead)
        _ = try TeamServer.publish(local, to: server.url(as: server.lead))
        for role in [alice, bob] { try TeamServer.addMember(role, access: .coder, password: nil, at: server.url(as: server.lead)) }

        func memo(as role: String) throws -> MemoEntry? {
            let copy = try ServerWorkingCopy.open(server.url(as: role))
            defer { copy.close() }
            return try copy.project.memos().first { $0.kind == .document }
        }
        // A coder sees no one else's memo while blind.
        #expect(try memo(as: alice) == nil)
        for (role, text) in [(alice, "alice reads loss"), (bob, "bob reads money")] {
            let copy = try ServerWorkingCopy.open(server.url(as: role))
            _ = try copy.project.setDocumentMemo("interview", memo: text, author: role)
            try copy.push()
            copy.close()
        }
        #expect(try memo(as: alice)?.text == "alice reads loss")
        #expect(try memo(as: bob)?.text == "bob reads money")
        #expect(try memo(as: server.lead)?.text == "the lead's first reading")  // the lead's own comes first
        let asAlice = try ServerConnection.connect(server.url(as: alice))
        defer { asAlice.close() }
        #expect(try asAlice.rows("SELECT count(*) FROM qcode.document_memos") == [[.integer(1)]])
        #expect(throws: ServerError.self) {
            try asAlice.execute("UPDATE qcode.documents SET memo = 'sneaked in'")
        }

        // Clearing a memo removes only your own.
        let copy = try ServerWorkingCopy.open(server.url(as: alice))
        _ = try copy.project.setDocumentMemo("interview", memo: nil, author: alice)
        try copy.push()
        copy.close()
        #expect(try memo(as: alice) == nil)
        #expect(try memo(as: bob)?.text == "bob reads money")
    }
}
