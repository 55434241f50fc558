import ArgumentParser
import Foundation
import QCodeKit
import QCodeServer

/// The team project of this run, when `--project` or $QCODE_PROJECT names a server: the
/// command works on a private working copy (``ServerWorkingCopy``), and what it changed is
/// replayed on the server when it has finished without error. A failed command writes
/// nothing to the server; the copy is removed on every exit path.
enum TeamSession {
    nonisolated(unsafe) private static var current: ServerWorkingCopy?

    /// The working copy's project, opened once per run.
    static func open(_ text: String, environment: [String: String]) throws -> Project {
        if let current { return current.project }
        let url = try ServerURL(parsing: text, environment: environment)
        let copy = try ServerWorkingCopy.open(url)
        current = copy
        return copy.project
    }

    /// The role the working copy was read as, when the project is on a server.
    static var role: String? { current?.url.role ?? namedRole }

    /// The role named by the command line's `--project URL` or $QCODE_PROJECT, known before
    /// the project is opened (so `--coder` can default to it).
    nonisolated(unsafe) private static var namedRole: String?

    /// Notes the role of a server project named on the command line or in the environment.
    static func noteProject(arguments: [String], environment: [String: String]) {
        var named = environment["QCODE_PROJECT"]
        for (index, argument) in arguments.enumerated() {
            if argument == "--project", index + 1 < arguments.count { named = arguments[index + 1] }
            if argument.hasPrefix("--project=") { named = String(argument.dropFirst("--project=".count)) }
        }
        guard let named, ServerURL.isServerURL(named) else { return }
        namedRole = (try? ServerURL(parsing: named, environment: environment))?.role
    }

    /// For a workspace on a team server: `afterKeys` lands each change on the server as it
    /// is made (returning the error to show, if it could not); `whenIdle` takes in other
    /// coders' codings after the server announces new ones (LISTEN/NOTIFY), so in the open
    /// phase they appear within a second; in the blind phase the server shows none.
    static func live() throws -> (afterKeys: () -> String?, whenIdle: () -> Void)? {
        guard let copy = current else { return nil }
        let announced = Announcements()
        try copy.listenForCodings { announced.post() }
        let afterKeys = { () -> String? in
            do {
                try copy.push()
                return nil
            } catch {
                return "not saved on the server: \(error)"
            }
        }
        let whenIdle = {
            guard announced.take() else { return }
            try? copy.refreshOtherCoders()
        }
        return (afterKeys, whenIdle)
    }

    /// Whether the server announced new codings since last asked.
    private final class Announcements: @unchecked Sendable {
        private let lock = NSLock()
        private var pending = false
        func post() { lock.withLock { pending = true } }
        func take() -> Bool { lock.withLock { defer { pending = false }; return pending } }
    }

    /// Agreement straight on the server when the project is one (nil for a project file).
    static func agreement(_ request: ProjectAgreementRequest, projectOptions: ProjectOptions) throws -> ProjectAgreement? {
        guard let url = try serverURL(projectOptions) else { return nil }
        return try TeamServer.agreement(request, at: url)
    }

    /// The server named by `--project` or $QCODE_PROJECT, if the project is on one.
    static func serverURL(_ projectOptions: ProjectOptions) throws -> ServerURL? {
        let environment = ProcessInfo.processInfo.environment
        guard let text = projectOptions.project ?? environment["QCODE_PROJECT"], ServerURL.isServerURL(text) else { return nil }
        return try ServerURL(parsing: text, environment: environment)
    }

    /// Refuses comparing coders to a coder in the blind phase (nothing on a local file).
    static func checkMayCompareCoders() throws {
        try current?.checkMayCompareCoders()
    }

    /// Replays the command's changes on the server (nothing when it changed nothing), then
    /// removes the copy.
    static func finish() throws {
        guard let copy = current else { return }
        defer { discard() }
        try runReportingErrors { try copy.push() }
    }

    /// Removes the copy without replaying anything.
    static func discard() {
        current?.close()
        current = nil
    }
}
