import ArgumentParser
import Foundation
import QCodeKit
import QCodeServer

extension QCode {
    /// `qcode team ...`: a project shared on a PostgreSQL server.
    struct TeamCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "team",
            abstract: "Share a project on a PostgreSQL server: publish, add coders, switch phase, pull a snapshot.",
            discussion: """
                URL is postgres://ROLE@HOST:PORT/DATABASE. As with libpq, the password comes from \
                PGPASSWORD or ~/.pgpass (never put it in the URL), and PGSSLMODE or ?sslmode= \
                chooses TLS (disable, prefer, require, verify-ca, verify-full). Your identity on \
                the server is your database role. In the blind phase the server itself (row-level \
                security) shows each coder only their own codings and marks, to any client. \
                qcode talks to no server unless you name one.
                """,
            subcommands: [Publish.self, Pull.self, AddCoder.self, RemoveCoder.self, Phase.self, Status.self])
    }
}

/// `--project URL` or $QCODE_PROJECT naming a server.
struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The team project: postgres://ROLE@HOST:PORT/DATABASE (default: $QCODE_PROJECT).",
                                            valueName: "url"))
    var project: String?

    func url() throws -> ServerURL {
        let environment = ProcessInfo.processInfo.environment
        guard let text = project ?? environment["QCODE_PROJECT"], ServerURL.isServerURL(text) else {
            throw ValidationError("name the team project with --project postgres://ROLE@HOST:PORT/DATABASE (or $QCODE_PROJECT)")
        }
        return try ServerURL(parsing: text, environment: environment)
    }
}

extension QCode.TeamCommand {
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a local project on a PostgreSQL database; you become its lead.",
            discussion: """
                Creates schema qcode in the database, owned by your role, with the project's \
                documents, cases, codebook, codings and log, in one transaction. The phase starts \
                blind. Your role needs CREATE on the database, and CREATEROLE to add coders.

                Example:
                  qcode team publish study.qcode postgres://lead@127.0.0.1:5432/study
                """)

        @Argument(help: "The local project file.") var local: String
        @Argument(help: "postgres://ROLE@HOST:PORT/DATABASE") var url: String

        func run() throws {
            try runReportingErrors {
                let server = try ServerURL(parsing: url, environment: ProcessInfo.processInfo.environment)
                Console.projectPath = local
                let project = try Project.open(at: URL(fileURLWithPath: local))
                let report = try TeamServer.publish(project, to: server)
                let counts = report.rows.filter { ["documents", "codes", "cases", "codings"].contains($0.table) }
                    .map { "\($0.count) \($0.table)" }.joined(separator: ", ")
                Console.message("published \(local) to \(report.server): \(counts); \(report.lead) is the lead; phase blind")
            }
        }
    }

    struct Pull: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a consistent local snapshot of the team project (what your role may see).",
            discussion: """
                One repeatable-read transaction; the file is an ordinary project (for offline \
                analysis, backups and REFI-QDA export). Codings made offline in a copy come back \
                with 'qcode merge'.
                """)

        @OptionGroup var server: ServerOptions
        @Option(name: .long, help: ArgumentHelp("The snapshot file to write (it must not exist).", valueName: "file"))
        var out: String = "snapshot.qcode"

        func run() throws {
            try runReportingErrors {
                let url = try server.url()
                let project = try TeamServer.pull(url, to: URL(fileURLWithPath: out))
                let status = try project.projectStatus()
                Console.message("pulled \(url) into \(out): \(status.documents.count) documents, \(status.coders.reduce(0) { $0 + $1.codings }) codings as \(url.role) may see them")
            }
        }
    }

    struct AddCoder: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-coder",
            abstract: "Add a team member (lead only): a login role with the grants of its access.",
            discussion: """
                A coder codes and, in the blind phase, sees only their own work; --reader reads \
                what a coder would see; --lead sees and manages everything. An existing role is \
                given the grants. The new role's password is read from $QCODE_NEW_PASSWORD if set \
                (else the role has none: set one with ALTER ROLE, or use the server's own login).
                """)

        @OptionGroup var server: ServerOptions
        @Argument(help: "The role (and coder) name.") var name: String
        @Flag(name: .long, help: "Read only.") var reader = false
        @Flag(name: .long, help: "Another lead.") var lead = false

        func validate() throws {
            if reader && lead { throw ValidationError("choose --reader or --lead, not both") }
        }

        func run() throws {
            try runReportingErrors {
                let access: TeamAccess = reader ? .reader : lead ? .lead : .coder
                try TeamServer.addMember(name, access: access, password: ProcessInfo.processInfo.environment["QCODE_NEW_PASSWORD"],
                                         at: try server.url())
                Console.message("\(name) is on the team as \(access.rawValue)")
            }
        }
    }

    struct RemoveCoder: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove-coder",
            abstract: "Take a member off the team (lead only); their codings stay.")

        @OptionGroup var server: ServerOptions
        @Argument(help: "The role name.") var name: String

        func run() throws {
            try runReportingErrors {
                try TeamServer.removeMember(name, at: try server.url())
                Console.message("\(name) is no longer on the team; their codings stay")
            }
        }
    }

    struct Phase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Switch between the blind phase and the open phase (lead only).")

        @OptionGroup var server: ServerOptions
        @Argument(help: "blind or open.") var phase: TeamPhaseChoice

        func run() throws {
            try runReportingErrors {
                try TeamServer.setPhase(phase.phase, at: try server.url())
                Console.message("the project is in the \(phase.rawValue) phase")
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The team: phase, members, who is connected, codings per coder per document.")

        @OptionGroup var server: ServerOptions

        func run() throws {
            try runReportingErrors {
                let status = try TeamServer.status(at: try server.url())
                Console.output("server: \(status.server)")
                Console.output("phase: \(status.phase.rawValue)")
                Console.output("you: \(status.you) (\(status.yourAccess ?? "not on the team"))")
                Console.output("connected: \(status.connected.joined(separator: ", "))")
                Console.output("")
                Console.output(Tabular(headers: ["role", "access"], rows: status.members.map { [$0.role, $0.access] }).table())
                Console.output("")
                Console.output(Tabular(headers: ["coder", "document", "codings"],
                                       rows: status.codings.map { [$0.coder, $0.document, String($0.codings)] }).table())
            }
        }
    }
}

/// `blind` or `open`.
enum TeamPhaseChoice: String, ExpressibleByArgument, CaseIterable {
    case blind, open
    var phase: TeamPhase { TeamPhase(rawValue: rawValue)! }
}
