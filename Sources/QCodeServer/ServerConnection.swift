import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import QCodeKit

/// One connection to a team server, used synchronously by the command line (each call
/// waits for the server's answer). Every failure becomes a one-line ``ServerError`` that
/// never holds a password.
public final class ServerConnection: @unchecked Sendable {
    public let url: ServerURL
    private let connection: PostgresConnection
    private let logger = Logger(label: "qcode.server", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(url: ServerURL, connection: PostgresConnection) {
        self.url = url
        self.connection = connection
    }

    /// Connects as the URL's role.
    ///
    /// - Throws: ``ServerError/unreachable(_:_:)``, ``ServerError/authenticationFailed(_:)``,
    ///   ``ServerError/notAProject(_:)`` for a missing database.
    public static func connect(_ url: ServerURL) throws -> ServerConnection {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.role, password: url.password, database: url.database,
            tls: try tls(url))
        configuration.options.connectTimeout = .seconds(10)
        let logger = Logger(label: "qcode.server", factory: { _ in SwiftLogNoOpLogHandler() })
        do {
            // NIO's futures, waited for on this thread: the connection runs on NIO's own event
            // loop threads, never on Swift's cooperative pool (which a blocking wait could starve).
            let connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger).wait()
            return ServerConnection(url: url, connection: connection)
        } catch {
            throw map(error, url: url)
        }
    }

    private static func tls(_ url: ServerURL) throws -> PostgresConnection.Configuration.TLS {
        var client = TLSConfiguration.makeClientConfiguration()
        switch url.tls {
        case .disable: return .disable
        case .allow, .prefer:
            client.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: client))
        case .require:
            client.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: client))
        case .verifyCA:
            client.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: client))
        case .verifyFull:
            client.certificateVerification = .fullVerification
            return .require(try NIOSSLContext(configuration: client))
        }
    }

    /// Closes the connection.
    public func close() {
        let closing: EventLoopFuture<Void> = connection.close()
        try? closing.wait()
    }

    /// Runs one statement.
    public func execute(_ sql: String, _ binds: [TableValue] = []) throws {
        _ = try rows(sql, binds)
    }

    /// Runs one query and returns its rows as plain values (text, bigint and integer,
    /// double, bytea, boolean as 0/1; anything else as its text form).
    public func rows(_ sql: String, _ binds: [TableValue] = []) throws -> [[TableValue]] {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        do {
            return try answer(to: query).wait().rows.map { try $0.map(Self.value) }
        } catch {
            throw Self.map(error, url: url)
        }
    }

    /// Calls `handler` (on one of NIO's threads) for each notification on `channel`, from
    /// now until the connection closes.
    public func listen(_ channel: String, _ handler: @escaping @Sendable () -> Void) throws {
        connection.addListener(channel: channel) { _, _ in handler() }
        try execute("LISTEN \(ServerSchema.quoteIdentifier(channel))")
    }

    /// The server's answer to `query`, or `connectionLost` as soon as the connection closes
    /// (a server that ends the session between statements must not leave us waiting).
    private func answer(to query: PostgresQuery) -> EventLoopFuture<PostgresQueryResult> {
        let loop = connection.eventLoop
        let promise = loop.makePromise(of: PostgresQueryResult.self)
        let settled = Settled()
        let lost = ServerError.connectionLost(url.description)
        connection.query(query, logger: logger).whenComplete { result in
            if settled.first() { promise.completeWith(result) }
        }
        connection.closeFuture.whenComplete { _ in
            if settled.first() { promise.fail(lost) }
        }
        return promise.futureResult
    }

    /// Whether a promise has been completed (touched only on the connection's event loop).
    private final class Settled: @unchecked Sendable {
        private var done = false
        func first() -> Bool {
            defer { done = true }
            return !done
        }
    }

    /// Runs a script of several statements, one by one (no parameters).
    public func executeScript(_ sql: String) throws {
        for statement in SQLScript.statements(sql) {
            try execute(statement)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws
    /// (or the connection breaks: the server rolls back then).
    public func transaction<T>(_ isolation: String = "READ COMMITTED", _ body: () throws -> T) throws -> T {
        try execute("BEGIN ISOLATION LEVEL \(isolation)")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    private static func value(_ cell: PostgresCell) throws -> TableValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8, .numeric: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            return .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
        default: return .text(try cell.decode(String.self))
        }
    }

    /// NIO's account of a failed connection, in a few plain words when it is a common one.
    static func plainReason(_ reason: String) -> String {
        let known = [("Connection refused", "connection refused (is PostgreSQL running and listening there?)"),
                     ("connectTimeout", "no answer within 10 s"), ("timed out", "no answer within 10 s"),
                     ("No route to host", "no route to that host"), ("Name or service not known", "unknown host name"),
                     ("nodename nor servname", "unknown host name")]
        return known.first { reason.contains($0.0) }?.1 ?? reason
    }

    /// A one-line error for what PostgresNIO threw.
    static func map(_ error: any Error, url: ServerURL) -> ServerError {
        if let error = error as? ServerError { return error }
        guard let error = error as? PSQLError else { return .unreachable(url.description, "\(error)") }
        let state = error.serverInfo?[.sqlState]
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        switch (error.code, state) {
        case (.server, "28P01"?), (.server, "28000"?), (.authMechanismRequiresPassword, _), (.saslError, _):
            return .authenticationFailed(url.description)
        case (.server, "3D000"?): return .notAProject(url.description)
        case (.server, "42501"?):
            if message.hasPrefix("permission denied for schema") {
                return .notAllowed(url.role, "use this team project (not on its team: ask the lead for 'qcode team add-coder \(url.role)')")
            }
            if let range = message.range(of: "permission denied for table ") {
                return .notAllowed(url.role, "change \(message[range.upperBound...]) on the team server (ask the lead); nothing was written")
            }
            return .notAllowed(url.role, "do this (\(message)); nothing was written")
        // The server ended the session (an administrator, a shutdown, a crash): the open
        // transaction is rolled back.
        case (.server, let code?) where code.hasPrefix("57P") || code.hasPrefix("08"):
            return .connectionLost(url.description)
        case (.server, _): return .refused(message)
        case (.serverClosedConnection, _), (.uncleanShutdown, _), (.clientClosedConnection, _):
            return .connectionLost(url.description)
        case (.sslUnsupported, _): return .unreachable(url.description, "the server does not offer TLS (sslmode=\(url.tls.rawValue))")
        default:
            let reason = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return .unreachable(url.description, plainReason(reason))
        }
    }
}

extension ServerConnection: ServerSQLExecutor {}
