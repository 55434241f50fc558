import Foundation
import QCodeKit

/// What `qcode team publish` put on the server.
public struct PublishReport: Sendable, Equatable {
    public var server: String
    public var lead: String
    /// Rows per table, in publishing order.
    public var rows: [(table: String, count: Int)]

    public static func == (a: Self, b: Self) -> Bool {
        a.server == b.server && a.lead == b.lead && a.rows.map(\.table) == b.rows.map(\.table) && a.rows.map(\.count) == b.rows.map(\.count)
    }
}

/// The blind phase hides each coder's work from the others; the open phase shows it.
public enum TeamPhase: String, Sendable, CaseIterable {
    case blind, open
}

/// A team member's access.
public enum TeamAccess: String, Sendable, CaseIterable {
    case lead, coder, reader
}

/// The team at a glance (`qcode team status`).
public struct TeamStatus: Sendable {
    public var server: String
    public var phase: TeamPhase
    public var you: String
    public var yourAccess: String?
    public var members: [(role: String, access: String)]
    public var connected: [String]
    /// Codings per coder per document, as you may see them (all in the open phase or as lead).
    public var codings: [(coder: String, document: String, codings: Int64)]
}

/// A qcode project that lives in PostgreSQL, shared by a team: publishing a local project,
/// taking consistent snapshots, and managing the team and its phase. Blind coding is the
/// server's to enforce (row-level security), not this client's.
public enum TeamServer {
    /// Local tables whose coder is an id, and the server's coder column holding the role's name.
    static let coderColumns = ["codings", "document_marks"]

    /// Puts a local project on the server: schema `qcode`, owned by the connected role, who
    /// becomes the lead; the phase starts blind. One transaction: on any failure nothing is left.
    ///
    /// - Throws: ``ServerError/alreadyPublished(_:)`` when the database has schema `qcode`.
    public static func publish(_ project: Project, to url: ServerURL) throws -> PublishReport {
        let images = try project.tableImages()
        let connection = try ServerConnection.connect(url)
        defer { connection.close() }
        let store = ServerStore(connection)
        if try store.hasSchema() { throw ServerError.alreadyPublished(url.description) }
        var report = PublishReport(server: url.description, lead: url.role, rows: [])
        try connection.transaction {
            try store.createSchema()
            // The lead first: row-level security binds the owner too (FORCE), and lets a lead write any coder's rows.
            try store.addConnectedRoleAsLead()
            let coderNames = Self.coderNames(images)
            var memos: [[TableValue]] = []
            for image in images {
                let (withoutMemos, documentMemos) = DocumentMemoShape.split(image, publisher: url.role)
                memos += documentMemos
                let (columns, rows) = try Self.serverShape(withoutMemos, coderNames: coderNames)
                try store.insert(image.table, columns: columns, rows: rows)
                report.rows.append((image.table, rows.count))
            }
            try store.insertDocumentMemos(memos)
            try store.resetSequences()
            try store.resetCodingBlocks()
            try store.setInfo("phase", TeamPhase.blind.rawValue)
            try store.setInfo("published_at", ISO8601DateFormatter().string(from: Date()))
            try store.addConnectedRoleAsCoder()
        }
        return report
    }

    /// Writes a consistent local snapshot of the project as the URL's role sees it (one
    /// repeatable-read transaction; row-level security decides what it holds): a project
    /// file like any other.
    public static func pull(_ url: ServerURL, to destination: URL) throws -> Project {
        let connection = try ServerConnection.connect(url)
        defer { connection.close() }
        let store = ServerStore(connection)
        guard try store.hasProject() else { throw ServerError.notAProject(url.description) }
        try bringUpToDate(connection, access: try store.access().flatMap(TeamAccess.init(rawValue:)))
        return try Project.create(at: destination, from: try snapshot(connection, url: url), user: url.role)
    }

    /// Inter-coder agreement computed on the server by the one engine, reading as the URL's
    /// role in one repeatable-read transaction: what `agree` on a pulled snapshot prints,
    /// without copying the project. Only the lead may compare coders while the phase is blind.
    public static func agreement(_ request: ProjectAgreementRequest, at url: ServerURL) throws -> ProjectAgreement {
        let connection = try ServerConnection.connect(url)
        defer { connection.close() }
        let store = ServerStore(connection)
        let access = try member(connection, url: url)
        return try connection.transaction("REPEATABLE READ READ ONLY") {
            if access != .lead, try store.info("phase") != TeamPhase.open.rawValue {
                throw ServerError.notAllowed(url.role, "compare coders in the blind phase (the lead may; or the lead runs 'qcode team phase open')")
            }
            return try store.agreement(request)
        }
    }

    /// Streams the coded segments `filter` selects, read on the server as the URL's role in
    /// one repeatable-read transaction: what `segments` on a pulled snapshot writes, without
    /// copying the project.
    @discardableResult
    public static func exportSegments(_ filter: SegmentFilter, contextTurns: Int, format: ExportFormat,
                                      to sink: ByteSink, at url: ServerURL) throws -> Int {
        let connection = try ServerConnection.connect(url)
        defer { connection.close() }
        _ = try member(connection, url: url)
        let store = ServerStore(connection)
        return try connection.transaction("REPEATABLE READ READ ONLY") {
            try store.exportSegments(filter, contextTurns: contextTurns, format: format, to: sink)
        }
    }

    /// The connected role's access to the URL's project, the project brought up to date first.
    ///
    /// - Throws: ``ServerError/notAProject(_:)``; ``ServerError/notAllowed(_:_:)`` for a role
    ///   not on the team.
    static func member(_ connection: ServerConnection, url: ServerURL) throws -> TeamAccess {
        let store = ServerStore(connection)
        guard try store.hasProject() else { throw ServerError.notAProject(url.description) }
        guard let access = try store.access().flatMap(TeamAccess.init(rawValue:)) else {
            throw ServerError.notAllowed(url.role, "use this team project (not on its team: ask the lead for 'qcode team add-coder \(url.role)')")
        }
        try bringUpToDate(connection, access: access)
        return access
    }

    /// Applies the server migrations a project published by an older qcode lacks: the lead
    /// (the schema's owner) does so on their first command; anyone else is told to ask.
    static func bringUpToDate(_ connection: ServerConnection, access: TeamAccess?) throws {
        let store = ServerStore(connection)
        guard !(try store.pendingMigrations()).isEmpty else { return }
        guard access == .lead else {
            throw ServerError.refused("the team project's schema is older than this qcode: the lead runs any qcode command on it once to upgrade it")
        }
        try connection.transaction { try store.migrate() }
    }

    /// Every project table as the connected role may see it, in one repeatable-read
    /// transaction, in the project file's shape (coder ids, not names).
    static func snapshot(_ connection: ServerConnection, url: ServerURL) throws -> [TableImage] {
        let store = ServerStore(connection)
        guard try store.hasProject() else { throw ServerError.notAProject(url.description) }
        return try connection.transaction("REPEATABLE READ READ ONLY") {
            var coderIDs: [String: Int64] = [:]
            var images: [TableImage] = []
            for table in TableImage.projectTables {
                let columns = try store.columns(of: table)
                let rows = try store.select(table, columns: columns, orderBy: Self.order(of: table))
                if table == "coders" {
                    for row in rows { if case .integer(let id) = row[0], case .text(let name) = row[1] { coderIDs[name] = id } }
                }
                var image = try Self.localShape(TableImage(table: table, columns: columns, rows: rows), coderIDs: coderIDs)
                if table == "documents" { image = DocumentMemoShape.join(image, memos: try store.documentMemos(), role: url.role) }
                images.append(image)
            }
            return images
        }
    }

    /// Adds a team member (lead only): a login role, if there is none, with the grants of
    /// its access, and a coder of the same name.
    public static func addMember(_ role: String, access: TeamAccess, password: String?, at url: ServerURL) throws {
        try checkRoleName(role)
        try asLead(url, "add team members") { store in
            try store.addMember(role, access: access.rawValue, password: password)
        }
    }

    /// Takes a member off the team (lead only): their grants go; their codings stay.
    public static func removeMember(_ role: String, at url: ServerURL) throws {
        try checkRoleName(role)
        try asLead(url, "remove team members") { store in
            guard role != url.role else { throw ServerError.notAllowed(role, "remove themselves from the team") }
            try store.removeMember(role)
        }
    }

    /// Switches the phase (lead only).
    public static func setPhase(_ phase: TeamPhase, at url: ServerURL) throws {
        try asLead(url, "change the phase") { store in try store.setInfo("phase", phase.rawValue) }
    }

    /// The team at a glance.
    public static func status(at url: ServerURL) throws -> TeamStatus {
        try onProject(url, isolation: "REPEATABLE READ READ ONLY") { store in
            TeamStatus(server: url.description, phase: TeamPhase(rawValue: try store.info("phase") ?? "blind") ?? .blind,
                       you: url.role, yourAccess: try store.access(), members: try store.team(),
                       connected: try store.connectedRoles(), codings: try store.codingCounts())
        }
    }

    /// A role name qcode will create or name: letters, digits, `_`, `.`, `-`, at most 63 bytes.
    static func checkRoleName(_ role: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
        guard !role.isEmpty, role.utf8.count <= 63, role.allSatisfy(allowed.contains), !role.hasPrefix("pg_") else {
            throw ServerError.badURL(role, "not a usable role name (letters, digits, _ . -; at most 63)")
        }
    }

    /// Runs `body` in one transaction on the URL's project.
    /// - Throws: ``ServerError/notAProject(_:)`` when the database holds none.
    private static func onProject<T>(_ url: ServerURL, isolation: String = "READ COMMITTED",
                                     _ body: (ServerStore) throws -> T) throws -> T {
        let connection = try ServerConnection.connect(url)
        defer { connection.close() }
        let store = ServerStore(connection)
        guard try store.hasProject() else { throw ServerError.notAProject(url.description) }
        return try connection.transaction(isolation) { try body(store) }
    }

    private static func asLead(_ url: ServerURL, _ what: String, _ body: (ServerStore) throws -> Void) throws {
        try onProject(url) { store in
            guard try store.access() == TeamAccess.lead.rawValue else { throw ServerError.notAllowed(url.role, what + " (lead only)") }
            try body(store)
        }
    }

    private static func order(of table: String) -> String {
        switch table {
        case "project_info": return "key"
        case "case_values": return "case_id, attribute_id"
        case "turns": return "document_id, number"
        case "document_marks": return "document_id, coder"
        default: return "id"
        }
    }

    static func coderNames(_ images: [TableImage]) -> [Int64: String] {
        guard let coders = images.first(where: { $0.table == "coders" }),
              let id = coders.columns.firstIndex(of: "id"), let name = coders.columns.firstIndex(of: "name") else { return [:] }
        var names: [Int64: String] = [:]
        for row in coders.rows { if case .integer(let key) = row[id], case .text(let value) = row[name] { names[key] = value } }
        return names
    }

    /// A local table's rows as the server stores them: coder ids become names; the SQLite
    /// changesets of the audit log stay local (they mean nothing to PostgreSQL).
    static func serverShape(_ image: TableImage, coderNames: [Int64: String]) throws -> (columns: [String], rows: [[TableValue]]) {
        var columns = image.columns
        var rows = image.rows
        if coderColumns.contains(image.table), let index = columns.firstIndex(of: "coder_id") {
            columns[index] = "coder"
            rows = try rows.map { row in
                var row = row
                guard case .integer(let id) = row[index], let name = coderNames[id] else {
                    throw ServerError.refused("a row of \(image.table) names no coder")
                }
                row[index] = .text(name)
                return row
            }
        }
        if image.table == "audit_log", let index = columns.firstIndex(of: "changes") {
            rows = rows.map { var row = $0; row[index] = .null; return row }
        }
        return (columns, rows)
    }

    /// A server table's rows as a project file stores them: coder names become ids.
    static func localShape(_ image: TableImage, coderIDs: [String: Int64]) throws -> TableImage {
        var image = image
        if coderColumns.contains(image.table), let index = image.columns.firstIndex(of: "coder") {
            image.columns[index] = "coder_id"
            image.rows = try image.rows.map { row in
                var row = row
                guard case .text(let name) = row[index], let id = coderIDs[name] else {
                    throw ServerError.refused("a row of \(image.table) names an unknown coder")
                }
                row[index] = .integer(id)
                return row
            }
        }
        return image
    }
}
