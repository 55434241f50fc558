import Foundation

/// Runs SQL on a team server (PostgreSQL): the network side, which the `QCodeServer` target
/// provides, so that this library holds the SQL and no network code.
public protocol ServerSQLExecutor {
    /// Runs one statement with `$1`, `$2`... parameters.
    func execute(_ sql: String, _ binds: [TableValue]) throws
    /// Runs one query and returns its rows as plain values.
    func rows(_ sql: String, _ binds: [TableValue]) throws -> [[TableValue]]
}

extension ServerSQLExecutor {
    public func execute(_ sql: String) throws { try execute(sql, []) }
    public func rows(_ sql: String) throws -> [[TableValue]] { try rows(sql, []) }
}

/// The named queries of a team project on the server: publish a project's table images,
/// read them back as the connected role sees them (row-level security decides), and manage
/// the team. All SQL for the server is here and in ``ServerSchema``.
public struct ServerStore {
    let connection: any ServerSQLExecutor

    public init(_ connection: any ServerSQLExecutor) {
        self.connection = connection
    }

    /// Whether the database holds a qcode project (schema `qcode` with its migrations table).
    public func hasProject() throws -> Bool {
        try !connection.rows("SELECT 1 FROM pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid WHERE n.nspname = 'qcode' AND c.relname = 'migrations'").isEmpty
    }

    /// Whether schema `qcode` exists at all.
    public func hasSchema() throws -> Bool {
        try !connection.rows("SELECT 1 FROM pg_namespace WHERE nspname = 'qcode'").isEmpty
    }

    /// Creates schema `qcode`, owned by the connected role, and runs every migration.
    public func createSchema() throws {
        try connection.execute("CREATE SCHEMA qcode AUTHORIZATION CURRENT_USER")
        for migration in ServerSchema.migrations {
            for statement in SQLScript.statements(migration.sql) { try connection.execute(statement) }
            try connection.execute("INSERT INTO qcode.migrations(name) VALUES ($1)", [.text(migration.name)])
        }
    }

    /// The migrations the server's schema has not had yet (a project published by an older qcode).
    public func pendingMigrations() throws -> [String] {
        let applied = Set(try connection.rows("SELECT name FROM qcode.migrations").compactMap { row -> String? in
            if case .text(let name) = row.first { return name } else { return nil }
        })
        return ServerSchema.migrations.map(\.name).filter { !applied.contains($0) }
    }

    /// Runs the pending migrations (the schema's owner only: the lead who published it).
    public func migrate() throws {
        let pending = Set(try pendingMigrations())
        for migration in ServerSchema.migrations where pending.contains(migration.name) {
            for statement in SQLScript.statements(migration.sql) { try connection.execute(statement) }
            try connection.execute("INSERT INTO qcode.migrations(name) VALUES ($1)", [.text(migration.name)])
        }
    }

    /// Codings of every coder but the connected role that the role may see (all of them in
    /// the open phase or for the lead; none of them for a coder in the blind phase).
    public func otherCodersCodings(columns: [String]) throws -> [[TableValue]] {
        let list = columns.map(ServerSchema.quoteIdentifier).joined(separator: ", ")
        return try connection.rows("SELECT \(list) FROM qcode.codings WHERE coder <> current_user ORDER BY id")
    }

    /// The column names of a server table, in order.
    public func columns(of table: String) throws -> [String] {
        try connection.rows("""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'qcode' AND table_name = $1 ORDER BY ordinal_position
            """, [.text(table)]).compactMap { if case .text(let name) = $0.first { return name } else { return nil } }
    }

    /// Inserts rows into a server table, many per statement (PostgreSQL takes at most 65,535
    /// parameters in one), and returns how many.
    public func insert(_ table: String, columns: [String], rows: [[TableValue]]) throws {
        guard !rows.isEmpty else { return }
        let list = columns.map(ServerSchema.quoteIdentifier).joined(separator: ", ")
        let perStatement = max(1, min(1000, 60_000 / max(1, columns.count)))
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(rows.count, start + perStatement)]
            var binds: [TableValue] = []
            var tuples: [String] = []
            for row in batch {
                let first = binds.count
                tuples.append("(" + (1...columns.count).map { "$\(first + $0)" }.joined(separator: ", ") + ")")
                binds += row
            }
            try connection.execute("INSERT INTO qcode.\(ServerSchema.quoteIdentifier(table)) (\(list)) VALUES \(tuples.joined(separator: ", "))", binds)
            start += batch.count
        }
    }

    /// Every row of a server table the connected role may see, in the given columns.
    public func select(_ table: String, columns: [String], orderBy: String) throws -> [[TableValue]] {
        let list = columns.map(ServerSchema.quoteIdentifier).joined(separator: ", ")
        return try connection.rows("SELECT \(list) FROM qcode.\(ServerSchema.quoteIdentifier(table)) ORDER BY \(orderBy)")
    }

    /// Sets one project fact (`phase`, ...).
    public func setInfo(_ key: String, _ value: String) throws {
        try connection.execute("""
            INSERT INTO qcode.project_info(key, value) VALUES ($1, $2)
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
            """, [.text(key), .text(value)])
    }

    /// One project fact.
    public func info(_ key: String) throws -> String? {
        if case .text(let value)? = try connection.rows("SELECT value FROM qcode.project_info WHERE key = $1", [.text(key)]).first?.first {
            return value
        }
        return nil
    }

    /// The connected role's access to the project, if it is on the team.
    public func access() throws -> String? {
        if case .text(let value)? = try connection.rows("SELECT access FROM qcode.team WHERE role = current_user").first?.first {
            return value
        }
        return nil
    }

    /// The team: each role and its access.
    public func team() throws -> [(role: String, access: String)] {
        try connection.rows("SELECT role, access FROM qcode.team ORDER BY role").compactMap { row in
            guard case .text(let role) = row[0], case .text(let access) = row[1] else { return nil }
            return (role, access)
        }
    }

    /// Adds (or changes) a team member: a login role if there is none, the grants of its
    /// access, a row in `qcode.team`, and a coder of the same name.
    public func addMember(_ role: String, access: String, password: String?) throws {
        let exists = try !connection.rows("SELECT 1 FROM pg_roles WHERE rolname = $1", [.text(role)]).isEmpty
        if !exists {
            // CREATE ROLE takes no parameters: the password is quoted as a literal.
            let passwordClause = password.map { " PASSWORD '" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? ""
            try connection.execute("CREATE ROLE \(ServerSchema.quoteIdentifier(role)) LOGIN\(passwordClause)")
        }
        for statement in ServerSchema.revokes(role: role) + ServerSchema.grants(role: role, access: access) {
            try connection.execute(statement)
        }
        try connection.execute("""
            INSERT INTO qcode.team(role, access) VALUES ($1, $2) ON CONFLICT (role) DO UPDATE SET access = EXCLUDED.access
            """, [.text(role), .text(access)])
        try connection.execute("""
            INSERT INTO qcode.coders(id, name) SELECT (SELECT coalesce(max(id), 0) + 1 FROM qcode.coders), $1
            WHERE NOT EXISTS (SELECT 1 FROM qcode.coders WHERE name = $1)
            """, [.text(role)])
    }

    /// Takes a member off the team: their grants and team row go; their codings stay.
    public func removeMember(_ role: String) throws {
        for statement in ServerSchema.revokes(role: role) { try connection.execute(statement) }
        try connection.execute("DELETE FROM qcode.team WHERE role = $1", [.text(role)])
    }

    /// Codings per coder per document, as the connected role may see them.
    public func codingCounts() throws -> [(coder: String, document: String, codings: Int64)] {
        try connection.rows("""
            SELECT g.coder, d.name, count(*) FROM qcode.codings g JOIN qcode.documents d ON d.id = g.document_id
            GROUP BY g.coder, d.name ORDER BY g.coder, d.name
            """).compactMap { row in
            guard case .text(let coder) = row[0], case .text(let document) = row[1], case .integer(let count) = row[2] else { return nil }
            return (coder, document, count)
        }
    }

    /// Makes the connected role the project's lead.
    public func addConnectedRoleAsLead() throws {
        try connection.execute("INSERT INTO qcode.team(role, access) VALUES (current_user, 'lead')")
    }

    /// Makes sure the connected role is a coder.
    public func addConnectedRoleAsCoder() throws {
        try connection.execute("""
            INSERT INTO qcode.coders(id, name) SELECT (SELECT coalesce(max(id), 0) + 1 FROM qcode.coders), current_user
            WHERE NOT EXISTS (SELECT 1 FROM qcode.coders WHERE name = current_user)
            """)
    }

    /// Starts the id sequences after the published rows.
    public func resetSequences() throws {
        for table in ["codings", "audit_log"] {
            try connection.execute("SELECT setval(pg_get_serial_sequence('qcode.\(table)', 'id'), coalesce((SELECT max(id) FROM qcode.\(table)), 0) + 1, false)")
        }
    }

    /// The roles connected to this database now.
    public func connectedRoles() throws -> [String] {
        try connection.rows("SELECT DISTINCT usename::text FROM pg_stat_activity WHERE datname = current_database() AND usename IS NOT NULL ORDER BY 1")
            .compactMap { if case .text(let name) = $0.first { return name } else { return nil } }
    }
}

/// Set-up a database administrator does (the README's Team server section, benchmarks and
/// tests): as a superuser, a lead role and the database it owns, and taking them away.
extension ServerStore {
    /// Creates a login role allowed to create roles, and a database it owns. Both names
    /// must be checked identifiers.
    public func createLeadAndDatabase(lead: String, database: String) throws {
        try connection.execute("CREATE ROLE \(ServerSchema.quoteIdentifier(lead)) LOGIN CREATEROLE")
        try connection.execute("CREATE DATABASE \(ServerSchema.quoteIdentifier(database)) OWNER \(ServerSchema.quoteIdentifier(lead))")
    }

    /// Drops a database (ending its sessions) and then a role, if they exist.
    public func dropDatabaseAndRole(database: String, role: String) throws {
        try connection.execute("DROP DATABASE IF EXISTS \(ServerSchema.quoteIdentifier(database)) WITH (FORCE)")
        try connection.execute("DROP ROLE IF EXISTS \(ServerSchema.quoteIdentifier(role))")
    }

    /// Codings per coder, as the connected role may see them.
    public func codingCountsByCoder() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try connection.rows("SELECT coder, count(*) FROM qcode.codings GROUP BY coder") {
            if case .text(let coder) = row[0], case .integer(let count) = row[1] { counts[coder] = Int(count) }
        }
        return counts
    }
}
