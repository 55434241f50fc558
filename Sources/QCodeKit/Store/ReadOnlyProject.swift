import Foundation
import GRDB

/// Another project file, opened only to read it: the coder's copy that `merge` brings in.
///
/// Nothing here ever writes to that file. It is opened read-only (after the same checks as
/// ``Project/open(at:user:)``: it exists, is an SQLite file, is a qcode project, is not of a
/// newer format). A file of an older format is not migrated in place: it is copied with
/// SQLite's backup API into a ``PrivateTemporaryFolder`` (mode 0700, the copy 0600), and the
/// copy is migrated and read instead; the folder is removed by ``close()``, when this is
/// freed, or by the CLI's signal handler.
final class ReadOnlyProject {
    /// The file as it was named.
    let url: URL
    /// The format the file has, if older than this qcode's (then a private copy is read).
    let olderFormat: Int?
    private let database: DatabaseQueue
    private let folder: PrivateTemporaryFolder?

    /// The private migrated copy being read, if the file is of an older format.
    var privateCopy: URL? { folder.map { $0.url.appendingPathComponent("copy.qcode") } }

    private init(url: URL, database: DatabaseQueue, folder: PrivateTemporaryFolder?, olderFormat: Int?) {
        self.url = url
        self.database = database
        self.folder = folder
        self.olderFormat = olderFormat
    }

    /// Opens `url` for reading; see the type's description.
    ///
    /// - Throws: `ProjectError` when the file is missing, a folder, not a qcode project,
    ///   newer than this qcode, or cannot be read; ``PrivateFileError`` if the private copy
    ///   of an older file cannot be made.
    static func open(at url: URL) throws -> ReadOnlyProject {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ProjectError.notFound(url.path)
        }
        guard !isDirectory.boolValue else { throw ProjectError.isAFolder(url.path) }
        try Project.checkHeader(of: url)
        let version = try Project.probeFormat(of: url)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(Project.busyTimeout)
        let original: DatabaseQueue
        do {
            original = try DatabaseQueue(path: url.path, configuration: configuration)
        } catch {
            throw ProjectError(sqliteFailure: error, path: url.path) ?? ProjectError.notAProject(url.path, "\(error)")
        }
        guard version < Schema.formatVersion else {
            return ReadOnlyProject(url: url, database: original, folder: nil, olderFormat: nil)
        }
        let folder = try PrivateTemporaryFolder(purpose: "merge")
        do {
            let file = try folder.makeFile(named: "copy.qcode")
            var writable = Configuration()
            writable.busyMode = .timeout(Project.busyTimeout)
            let copy = try DatabaseQueue(path: file.path, configuration: writable)
            try original.backup(to: copy)
            try original.close()
            try Schema.migrator().migrate(copy)
            try copy.write { db in try db.execute(sql: "PRAGMA user_version = \(Schema.formatVersion)") }
            return ReadOnlyProject(url: url, database: copy, folder: folder, olderFormat: version)
        } catch {
            try? original.close()
            folder.remove()
            throw ProjectError(sqliteFailure: error, path: url.path) ?? error
        }
    }

    /// Runs `body` in a read-only transaction (one consistent snapshot of the other project).
    func read<T>(_ body: (Store) throws -> T) throws -> T {
        try database.read { db in try body(Store(db)) }
    }

    /// Closes the file and removes the private copy, if any (safe to call twice).
    func close() {
        try? database.close()
        folder?.remove()
    }

    deinit { close() }
}
