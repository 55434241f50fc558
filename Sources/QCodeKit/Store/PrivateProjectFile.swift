import Foundation
import GRDB

/// A new project file made from this one (a coder's copy, a pseudonymised copy) without
/// ever leaving a file at the destination that holds more than it should.
///
/// The file is built under a private temporary name beside the destination,
/// `.NAME.partial-UUID`, created with mode 0600 before SQLite sees it (SQLite gives its
/// journal the same mode). Its header is marked as partial from the first write:
/// `application_id` is ``partialApplicationID`` (so no qcode opens it as a project) and
/// `user_version` is the writing process's id. The build runs in one transaction with the
/// source project attached as the schema `source`, so the file gets only the rows the
/// build copies; then the file is vacuumed, marked finished, closed and linked into place
/// (never replacing a file). On any error the temporary file is removed; a file left by a
/// process that was killed is removed by the next build for the same destination, once
/// its name, its header and its dead writer prove it is such a leftover.
enum PrivateProjectFile {
    /// The `application_id` of a file still being built ("QCPT"; a finished one has `Schema.applicationID`).
    static let partialApplicationID: Int32 = 0x5143_5054

    /// Where the file for `destination` is built: `.NAME.partial-UUID` in the same folder.
    static func partialURL(for destination: URL) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).partial-\(UUID().uuidString)")
    }

    /// Builds the file at `destination` from `source`; see the type's description.
    ///
    /// - Parameter build: runs inside the new file's one write transaction, with the
    ///   schema created and the source (if any) attached as `source`; it copies what the
    ///   file may hold. Without a source, it writes rows it was given.
    /// - Throws: `ProjectError.alreadyExists` if a file appeared at `destination` meanwhile;
    ///   ``PrivateFileError`` if the temporary file cannot be made or moved; any error of `build`.
    static func write<T>(to destination: URL, from source: Project?, build: (Store) throws -> T) throws -> T {
        removeLeftovers(for: destination)
        let partial = partialURL(for: destination)
        let descriptor = open(partial.path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw PrivateFileError(path: destination.path, errno: errno) }
        close(descriptor)
        let registrations = TemporaryFiles.register(partial)  // the CLI removes it on SIGINT/SIGTERM/SIGHUP
        defer { TemporaryFiles.unregister(registrations) }
        var queue: DatabaseQueue?
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(Project.busyTimeout)
            let copy = try DatabaseQueue(path: partial.path, configuration: configuration)
            queue = copy
            try copy.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA application_id = \(partialApplicationID)")
                try db.execute(sql: "PRAGMA user_version = \(getpid())")
                try db.execute(sql: "PRAGMA secure_delete = ON")  // deleted rows are zeroed, not left in pages
            }
            try Schema.migrator().migrate(copy)
            let result = try copy.writeWithoutTransaction { db in
                if let source { try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [source.url.path]) }
                var result: T?
                do {
                    try db.inTransaction(.immediate) {
                        result = try build(Store(db, user: source?.user))
                        StoreHooks.beforeCommit?()
                        return .commit
                    }
                } catch {
                    if source != nil { try? db.execute(sql: "DETACH DATABASE source") }
                    throw error
                }
                if source != nil { try db.execute(sql: "DETACH DATABASE source") }
                try db.execute(sql: "VACUUM")
                try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
                try db.execute(sql: "PRAGMA user_version = \(Schema.formatVersion)")
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                return result!
            }
            try copy.close()
            queue = nil
            try publish(partial, at: destination)
            return result
        } catch {
            try? queue?.close()
            removeFiles(of: partial)
            throw error
        }
    }

    /// Gives the finished file its name without ever replacing a file there.
    private static func publish(_ partial: URL, at destination: URL) throws {
        if link(partial.path, destination.path) == 0 {
            unlink(partial.path)
            return
        }
        let failure = errno
        if failure == EEXIST { throw ProjectError.alreadyExists(destination.path) }
        // A file system without hard links: rename, after looking.
        guard !FileManager.default.fileExists(atPath: destination.path) else { throw ProjectError.alreadyExists(destination.path) }
        guard rename(partial.path, destination.path) == 0 else { throw PrivateFileError(path: destination.path, errno: errno) }
    }

    private static func removeFiles(of file: URL) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(file.path + suffix) }
    }

    /// Removes files that a build for `destination` left behind when its process died.
    ///
    /// A file is removed only when all of this holds: its name is `.NAME.partial-UUID`
    /// (or that plus `-journal`, `-wal`, `-shm` with the main file gone); and it is empty
    /// (created, never written), or its header says partial and names a process that no
    /// longer runs, or it is another name for the finished destination itself.
    ///
    /// - Returns: the files removed.
    @discardableResult
    static func removeLeftovers(for destination: URL) -> [URL] {
        let folder = destination.deletingLastPathComponent()
        let prefix = ".\(destination.lastPathComponent).partial-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [URL] = []
        for name in names where name.hasPrefix(prefix) {
            var id = String(name.dropFirst(prefix.count))
            var suffix = ""
            for candidate in ["-journal", "-wal", "-shm"] where id.hasSuffix(candidate) {
                id = String(id.dropLast(candidate.count))
                suffix = candidate
            }
            guard UUID(uuidString: id) != nil else { continue }
            let file = folder.appendingPathComponent(prefix + id)
            if suffix.isEmpty {
                guard isLeftover(file, destination: destination) else { continue }
                removeFiles(of: file)
                removed.append(file)
            } else if !FileManager.default.fileExists(atPath: file.path) {
                unlink(file.path + suffix)
                removed.append(URL(fileURLWithPath: file.path + suffix))
            }
        }
        return removed
    }

    private static func isLeftover(_ file: URL, destination: URL) -> Bool {
        var info = stat()
        guard lstat(file.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        if info.st_size == 0 { return true }
        var finished = stat()
        if stat(destination.path, &finished) == 0, finished.st_ino == info.st_ino, finished.st_dev == info.st_dev {
            return true  // killed between linking the finished file into place and removing this name
        }
        guard let handle = FileHandle(forReadingAtPath: file.path) else { return false }
        defer { try? handle.close() }
        let header = handle.readData(ofLength: 100)
        guard header.count == 100, header.starts(with: Data("SQLite format 3\u{0}".utf8)) else { return false }
        let bigEndian = { (offset: Int) in header[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
        guard Int32(bitPattern: bigEndian(68)) == partialApplicationID else { return false }
        let writer = pid_t(Int32(bitPattern: bigEndian(60)))
        guard writer > 0, writer != getpid() else { return false }
        return kill(writer, 0) != 0 && errno == ESRCH
    }
}

/// A temporary project file could not be made or moved into place.
struct PrivateFileError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32

    var description: String {
        "\(path): cannot be written (\(String(cString: strerror(errno))))"
    }
}

extension Store {
    /// Copies rows of `table` from the attached `source` project into this one, column by
    /// column as this file's schema has them.
    ///
    /// - Parameters:
    ///   - replacing: columns whose values are not copied, with the SQL expression written
    ///     instead (for example `["memo": "NULL"]`).
    ///   - filter: an SQL condition on the source rows, if only some are copied.
    func copyFromSource(_ table: String, replacing: [String: String] = [:], where filter: String? = nil,
                        arguments: StatementArguments = []) throws {
        let columns = try db.columns(in: table, in: "main").map(\.name)
        let quoted = columns.map { "\"\($0)\"" }
        let values = columns.map { replacing[$0] ?? "\"\($0)\"" }
        try db.execute(sql: """
            INSERT INTO main."\(table)"(\(quoted.joined(separator: ", ")))
            SELECT \(values.joined(separator: ", ")) FROM source."\(table)"\(filter.map { " WHERE \($0)" } ?? "")
            """, arguments: arguments)
    }
}
