import Foundation

/// Where a team project lives: a PostgreSQL server, database and role, read from a
/// `postgres://ROLE@HOST:PORT/DB` URL with libpq's conventions.
///
/// - The password comes from the URL (`postgres://ROLE:PASSWORD@...`, discouraged: it shows in
///   process lists), else `PGPASSWORD`, else the password file (`PGPASSFILE`, default
///   `~/.pgpass`, used only when it is not readable by group or others, as libpq insists).
/// - TLS follows `?sslmode=` or `PGSSLMODE`: `disable`, `prefer` (libpq's default),
///   `require`, `verify-ca` and `verify-full` (both verify the certificate; the latter the host name too).
/// - Missing parts default as libpq's do: host `localhost`, port 5432 (or `PGPORT`), database
///   the role's name.
public struct ServerURL: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var role: String
    public var host: String
    public var port: Int
    public var database: String
    public var password: String?
    public var tls: TLSMode

    public init(role: String, host: String, port: Int, database: String, password: String?, tls: TLSMode) {
        self.role = role
        self.host = host
        self.port = port
        self.database = database
        self.password = password
        self.tls = tls
    }

    /// The URL without its password, safe to print.
    public var description: String { "postgres://\(role)@\(host):\(port)/\(database)" }

    /// Whether `text` names a server rather than a project file.
    public static func isServerURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `text`, filling in the password and TLS mode from the environment and the
    /// password file as libpq does.
    ///
    /// - Parameters:
    ///   - environment: the process environment (`PGPASSWORD`, `PGPASSFILE`, `PGSSLMODE`, `PGPORT`,
    ///     `PGUSER`, `HOME`).
    ///   - passwordFile: reads a password file's text if it exists and is private; nil otherwise.
    /// - Throws: ``ServerError/badURL(_:_:)`` naming what is wrong (never echoing a password).
    public init(parsing text: String, environment: [String: String],
                passwordFile: (String) -> String? = ServerURL.readPrivateFile) throws {
        guard Self.isServerURL(text), let components = URLComponents(string: text) else {
            throw ServerError.badURL(Self.redacted(text), "expected postgres://ROLE@HOST:PORT/DATABASE")
        }
        let user = components.user?.removingPercentEncoding ?? environment["PGUSER"]
        guard let user, !user.isEmpty else {
            throw ServerError.badURL(Self.redacted(text), "no role: write postgres://ROLE@HOST/DATABASE")
        }
        role = user
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        port = components.port ?? environment["PGPORT"].flatMap(Int.init) ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? user
        guard !database.contains("/") else {
            throw ServerError.badURL(Self.redacted(text), "the database name cannot contain '/'")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let mode = query["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
        guard let tls = TLSMode(rawValue: mode) else {
            throw ServerError.badURL(Self.redacted(text), "unknown sslmode '\(mode)' (use \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.tls = tls
        if let password = components.password?.removingPercentEncoding {
            self.password = password
        } else if let password = environment["PGPASSWORD"] {
            self.password = password
        } else {
            let file = environment["PGPASSFILE"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass")
            self.password = passwordFile(file).flatMap {
                PasswordFile.lookup($0, host: host, port: port, database: database, role: user)
            }
        }
    }

    /// The URL with any password replaced by `***`, for messages.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "postgres://***"
    }

    /// The text of `path` if it exists and only its owner may read it (libpq ignores a
    /// password file that group or others can read).
    public static func readPrivateFile(_ path: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0 else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }
}

/// libpq's password file: lines of `hostname:port:database:username:password`, `*` matching
/// anything, `\:` and `\\` escaping, `#` comments; the first matching line wins.
enum PasswordFile {
    static func lookup(_ text: String, host: String, port: Int, database: String, role: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.fields(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, role]
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in
                field == "*" || field == value || (field == "localhost" && (value == "127.0.0.1" || value == "::1"))
            }
            if matches { return fields[4] }
        }
        return nil
    }

    private static func fields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case ":" where fields.count < 4: fields.append(current); current = ""
            default: current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
