import Foundation
import GRDB

/// A qcode project: one SQLite file holding documents, cases, the codebook, codings and
/// the audit log.
///
/// The file is in WAL mode (set once, when it is created; SQLite keeps it in the file) with
/// foreign keys on and a busy timeout, so several coders' processes can write to it at once.
/// Each process uses one connection (a `DatabaseQueue`): opening a project writes nothing
/// to it, so a command that fails leaves the file byte for byte as it was. Opening a file written by a newer qcode is
/// refused; opening an older one migrates it after copying it to a backup file.
public final class Project: Sendable {
    /// The project file's location.
    public let url: URL
    /// The connection. Only `Store/` uses it; features go through `read` and `write`.
    let database: DatabaseQueue
    /// Who is working (the coder name the CLI was given), recorded in the audit log for
    /// changes that name no coder. Nil when unknown.
    public let user: String?
    /// Things the caller should tell the user about opening, such as a migration and
    /// where its backup went. The library prints nothing itself.
    public let notices: [String]

    private init(url: URL, database: DatabaseQueue, user: String?, notices: [String] = []) {
        self.url = url
        self.database = database
        self.user = user
        self.notices = notices
    }

    /// Creates a new, empty project file at `url`.
    ///
    /// - Throws: `ProjectError.alreadyExists` if a file is there already; `.readOnly` or
    ///   `.diskFull` when SQLite cannot write there.
    public static func create(at url: URL, user: String? = nil) throws -> Project {
        if FileManager.default.fileExists(atPath: url.path) {
            throw ProjectError.alreadyExists(url.path)
        }
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw ProjectError.noSuchDirectory(directory.path)
        }
        do {
            return try createFile(at: url, user: user)
        } catch {
            throw ProjectError(sqliteFailure: error, path: url.path) ?? error
        }
    }

    private static func createFile(at url: URL, user: String?) throws -> Project {
        let pool = try DatabaseQueue(path: url.path, configuration: configuration())
        try pool.writeWithoutTransaction { db in
            // Persistent: every later connection to this file uses WAL too.
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                throw ProjectError.notAProject(url.path, "WAL journaling is not available here")
            }
            try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
        }
        try Schema.migrator().migrate(pool)
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO project_info(key, value) VALUES ('created_at', ?), ('created_by', ?)",
                arguments: [Clock.now(), "qcode \(QCodeVersion.current)"])
            try db.execute(sql: "PRAGMA user_version = \(Schema.formatVersion)")
        }
        return Project(url: url, database: pool, user: user)
    }

    /// Opens an existing project, migrating it (after a backup copy) if it is older.
    ///
    /// - Throws: `ProjectError` when the file is missing, not a qcode project, or newer
    ///   than this qcode understands.
    public static func open(at url: URL, user: String? = nil) throws -> Project {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ProjectError.notFound(url.path)
        }
        guard !isDirectory.boolValue else { throw ProjectError.isAFolder(url.path) }
        try checkHeader(of: url)
        // Look before opening for writing: a file we refuse is never written to.
        let version = try probeFormat(of: url)
        let pool: DatabaseQueue
        do {
            pool = try DatabaseQueue(path: url.path, configuration: configuration())
        } catch {
            throw ProjectError(sqliteFailure: error, path: url.path) ?? ProjectError.notAProject(url.path, "\(error)")
        }
        var notices: [String] = []
        if version < Schema.formatVersion {
            do {
                let backup = try backUp(pool, url: url, label: "format\(version)")
                try Schema.migrator().migrate(pool)
                try pool.write { db in
                    try db.execute(sql: "PRAGMA user_version = \(Schema.formatVersion)")
                }
                notices.append("migrated \(url.lastPathComponent) from format \(version) to \(Schema.formatVersion); backup at \(backup.path)")
            } catch {
                throw ProjectError(sqliteFailure: error, path: url.path) ?? error
            }
        }
        return Project(url: url, database: pool, user: user, notices: notices)
    }

    /// Reads the application id and format version through a read-only connection and
    /// refuses files that are not qcode projects or are newer than this qcode.
    static func probeFormat(of url: URL) throws -> Int {
        var readOnly = Configuration()
        readOnly.readonly = true
        // Opening reads the schema, which waits for a writer's checkpoint like any read.
        readOnly.busyMode = .timeout(Project.busyTimeout)
        let (applicationID, version): (Int32, Int)
        do {
            let probe = try DatabaseQueue(path: url.path, configuration: readOnly)
            (applicationID, version) = try probe.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0)
            }
            try probe.close()
        } catch {
            // A lock that outlasts the busy timeout, or a folder qcode cannot write in, is
            // not a damaged file: say what it is.
            throw ProjectError(sqliteFailure: error, path: url.path) ?? ProjectError.notAProject(url.path, "\(error)")
        }
        guard applicationID == Schema.applicationID else {
            throw ProjectError.notAProject(url.path, "it is an SQLite database, but not a qcode project")
        }
        if version > Schema.formatVersion {
            throw ProjectError.newerFormat(url.path, file: version, supported: Schema.formatVersion)
        }
        return version
    }

    /// Refuses files that are not SQLite before SQLite sees them, with a plain message.
    static func checkHeader(of url: URL) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ProjectError.notAProject(url.path, "it cannot be read")
        }
        defer { try? handle.close() }
        let header = handle.readData(ofLength: 16)
        guard header.count == 16, header.starts(with: Data("SQLite format 3\u{0}".utf8)) else {
            throw ProjectError.notAProject(url.path, "it is not an SQLite database")
        }
    }

    /// Copies the project file (SQLite backup API, safe while others write) to
    /// `NAME.LABEL-YYYYMMDD-HHMMSS.qcode-backup` beside it (with `-2`, `-3`... if taken).
    /// If the copy fails, the backup file is removed and the error says why (a full disk).
    static func backUp(_ pool: some DatabaseReader, url: URL, label: String) throws -> URL {
        let base = url.deletingPathExtension()
        let stamp = Clock.compactNow()
        var backup = base.appendingPathExtension("\(label)-\(stamp).qcode-backup")
        var counter = 2
        // Created exclusively, so the file removed on failure below is always our own.
        var failure = createFileExclusively(backup.path, mode: 0o666)
        while failure == EEXIST {
            backup = base.appendingPathExtension("\(label)-\(stamp)-\(counter).qcode-backup")
            counter += 1
            failure = createFileExclusively(backup.path, mode: 0o666)
        }
        if failure == ENOSPC { throw ProjectError.diskFull(backup.path, certain: true) }
        if failure != 0 { throw PrivateFileError(path: backup.path, errno: failure) }
        do {
            let destination = try DatabaseQueue(path: backup.path)
            do {
                try pool.backup(to: destination)
                try destination.close()
            } catch {
                try? destination.close()
                throw error
            }
        } catch {
            // A backup that failed (a full disk) leaves no empty or partial file behind.
            for suffix in ["", "-journal", "-wal", "-shm"] { unlink(backup.path + suffix) }
            throw ProjectError(sqliteFailure: error, path: backup.path) ?? error
        }
        return backup
    }

    /// How long a connection waits for another process's lock before giving up, in seconds.
    static let busyTimeout: TimeInterval = 30

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Project.busyTimeout)
        configuration.label = "qcode"
        let pauseBeforeCommit = StoreHooks.beforeCommit != nil
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 64 MB of page cache (SQLite's default is 2 MB): bulk imports and listings of
            // hundreds of thousands of codings touch several indexes at random.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // Every write transaction of this connection, whichever path it takes (`write`,
            // GRDB's `write`, or an explicit BEGIN ... COMMIT), meets the test hook.
            if pauseBeforeCommit {
                db.add(transactionObserver: BeforeCommitHook(), extent: .databaseLifetime)
            }
        }
        return configuration
    }
}

/// Calls `StoreHooks.beforeCommit` from SQLite's commit hook, just before each write
/// transaction commits. Installed only when a hook is set (the kill tests), so a normal run
/// pays nothing; it observes no changes, so it costs nothing per statement either.
private final class BeforeCommitHook: TransactionObserver {
    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseWillCommit() throws { StoreHooks.beforeCommit?() }
    func databaseDidCommit(_ db: Database) {}
    func databaseDidRollback(_ db: Database) {}
}

/// What went wrong opening, creating or writing a project file.
public enum ProjectError: Error, CustomStringConvertible, Equatable {
    case alreadyExists(String)
    case noSuchDirectory(String)
    case notFound(String)
    case notAProject(String, String)
    case newerFormat(String, file: Int, supported: Int)
    /// The path names a folder, not a project file.
    case isAFolder(String)
    /// Another process held the project's lock for longer than the busy timeout (seconds).
    case locked(String, waited: Int)
    /// SQLite may not write the file or the files it keeps beside it (`-wal`, `-shm`).
    case readOnly(String)
    /// The disk is full, or refused a write (SQLite's I/O error).
    case diskFull(String, certain: Bool)

    public var description: String {
        switch self {
        case .alreadyExists(let path):
            return "\(path): a file already exists there"
        case .noSuchDirectory(let path):
            return "\(path): no such directory"
        case .notFound(let path):
            return "\(path): no such project file"
        case .notAProject(let path, let why):
            return "\(path): not a qcode project: \(why)"
        case .newerFormat(let path, let file, let supported):
            return "\(path): made by a newer qcode (project format \(file); this qcode reads up to \(supported)); upgrade qcode to open it"
        case .isAFolder(let path):
            return "\(path): this is a folder, not a project file"
        case .locked(let path, let waited):
            return "\(path): the project is locked by another qcode process writing to it "
                + "(waited \(waited) s for it); try again when that has finished"
        case .readOnly(let path):
            return "\(path): cannot write the project: the file or its folder is read-only "
                + "(qcode also writes \((path as NSString).lastPathComponent)-wal and -shm beside it)"
        case .diskFull(let path, let certain):
            return certain
                ? "\(path): the disk is full, so nothing was saved: free some space and try again"
                : "\(path): the disk refused a write (is it full?), so nothing was saved"
        }
    }

    /// The plain-language error for an SQLite failure on the project at `path`, or nil when
    /// `error` is not one a user can act on this way: a lock held past the busy timeout
    /// (SQLite error 5 or 6), a read-only file or folder (8, or 14: the file or its `-wal`
    /// and `-shm` companions cannot be opened for writing), a full disk (13) or an I/O error
    /// writing (10).
    public init?(sqliteFailure error: any Error, path: String) {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .locked(path, waited: Int(Project.busyTimeout))
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: self = .readOnly(path)
        case .SQLITE_FULL: self = .diskFull(path, certain: true)
        case .SQLITE_IOERR: self = .diskFull(path, certain: false)
        default: return nil
        }
    }
}
