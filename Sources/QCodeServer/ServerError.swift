/// What went wrong talking to a team server, in one line that never holds a password.
public enum ServerError: Error, Equatable, CustomStringConvertible {
    case badURL(String, String)
    /// The server could not be reached (host, port, reason).
    case unreachable(String, String)
    /// The server refused the role's password or the role itself.
    case authenticationFailed(String)
    /// The database holds no qcode project (no schema `qcode`).
    case notAProject(String)
    /// The database already holds a qcode project.
    case alreadyPublished(String)
    /// The role may not do this (who, what).
    case notAllowed(String, String)
    /// The connection broke mid-command; the transaction was rolled back.
    case connectionLost(String)
    /// The server refused a statement (its message).
    case refused(String)

    public var description: String {
        switch self {
        case .badURL(let url, let reason): return "\(url): \(reason)"
        case .unreachable(let server, let reason): return "cannot reach the server \(server): \(reason)"
        case .authenticationFailed(let server): return "\(server): the server refused the role or its password (set PGPASSWORD or ~/.pgpass)"
        case .notAProject(let server): return "\(server): this database holds no qcode project (run 'qcode team publish' first)"
        case .alreadyPublished(let server): return "\(server): this database already holds a qcode project"
        case .notAllowed(let role, let what): return "role '\(role)' is not allowed to \(what)"
        case .connectionLost(let server): return "\(server): the connection was lost; nothing was written (run the command again)"
        case .refused(let message): return "the server refused it: \(message)"
        }
    }
}
