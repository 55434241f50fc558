import Foundation

/// Private temporary files, and their removal on every exit path.
///
/// A temporary file may hold a transcript (a docx being read, a coder's copy being
/// migrated), so it is never left readable by others or left behind:
/// - it lives in a folder made by `mkdtemp` (mode 0700) in the system's temporary folder,
///   and is created with `O_EXCL` and mode 0600 (``PrivateTemporaryFolder``);
/// - the folder is removed with everything in it when its owner is done, on success and on
///   error alike (`defer`, and when the owner is freed);
/// - while it exists, its path is registered here, so that a signal handler (the CLI's, for
///   SIGINT, SIGTERM and SIGHUP) can remove it with ``removeAllForSignal()`` before the
///   process dies. Files being built beside a destination (a copy's `.partial-UUID`, an
///   export's temporary file) register themselves the same way with ``register(_:)``.
///
/// The registry is a fixed table of C strings prepared in advance, so the signal handler
/// needs nothing but `unlink` and `rmdir`, which are async-signal-safe.
public enum TemporaryFiles {
    /// How many paths can be registered at once (files and folders together).
    static let capacity = 256
    /// The longest path that can be registered, in bytes (with its NUL).
    static let maxPathBytes = Int(PATH_MAX)

    /// What a slot holds: nothing, a file (unlinked, with its `-journal`, `-wal` and `-shm`
    /// companions registered beside it), or a folder (removed after the files).
    private enum Kind: Int32 { case free = 0, file = 1, folder = 2 }

    private final class Table: @unchecked Sendable {
        let kinds = UnsafeMutablePointer<Int32>.allocate(capacity: TemporaryFiles.capacity)
        let paths = UnsafeMutablePointer<CChar>.allocate(capacity: TemporaryFiles.capacity * TemporaryFiles.maxPathBytes)
        let lock = NSLock()

        init() {
            kinds.initialize(repeating: 0, count: TemporaryFiles.capacity)
            paths.initialize(repeating: 0, count: TemporaryFiles.capacity * TemporaryFiles.maxPathBytes)
        }
    }

    nonisolated(unsafe) private static let table = Table()

    /// A registered path; pass it to ``unregister(_:)`` once the path is gone or kept.
    public struct Registration: Sendable, Hashable {
        fileprivate let slot: Int
    }

    /// Registers a file, so that ``removeAllForSignal()`` removes it (and its SQLite
    /// companions `-journal`, `-wal`, `-shm`). A path that does not fit (the table is full,
    /// the path too long) is not registered: its owner still removes it on every other path.
    @discardableResult
    public static func register(_ file: URL) -> [Registration] {
        var registrations: [Registration] = []
        for suffix in ["", "-journal", "-wal", "-shm"] {
            if let registration = register(path: file.path + suffix, kind: .file) { registrations.append(registration) }
        }
        return registrations
    }

    /// Registers a folder, removed by ``removeAllForSignal()`` after the registered files
    /// (`rmdir`: it goes only if they were all that it held).
    static func registerFolder(_ folder: URL) -> Registration? {
        register(path: folder.path, kind: .folder)
    }

    /// Forgets registered paths (the file was removed, or became a kept file).
    public static func unregister(_ registrations: [Registration]) {
        let table = table
        table.lock.lock()
        defer { table.lock.unlock() }
        for registration in registrations { table.kinds[registration.slot] = Kind.free.rawValue }
    }

    /// Whether `path` is registered now (for tests).
    static func isRegistered(_ path: String) -> Bool {
        let bytes = Array(path.utf8CString)
        let table = table
        table.lock.lock()
        defer { table.lock.unlock() }
        return (0..<capacity).contains { slot in
            table.kinds[slot] != Kind.free.rawValue
                && bytes.withUnsafeBufferPointer { strcmp(table.paths + slot * maxPathBytes, $0.baseAddress!) == 0 }
        }
    }

    private static func register(path: String, kind: Kind) -> Registration? {
        let bytes = Array(path.utf8CString)
        guard bytes.count <= maxPathBytes else { return nil }
        let table = table
        table.lock.lock()
        defer { table.lock.unlock() }
        guard let slot = (0..<capacity).first(where: { table.kinds[$0] == Kind.free.rawValue }) else { return nil }
        let destination = table.paths + slot * maxPathBytes
        bytes.withUnsafeBufferPointer { source in
            destination.update(from: source.baseAddress!, count: source.count)
        }
        table.kinds[slot] = kind.rawValue  // last: the path is whole before a handler can see it
        return Registration(slot: slot)
    }

    /// Removes every registered file, then every registered folder. Safe to call from a
    /// signal handler: it takes no lock, allocates nothing and calls only `unlink` and `rmdir`.
    public static func removeAllForSignal() {
        let table = table
        for pass in [Kind.file.rawValue, Kind.folder.rawValue] {
            var slot = 0
            while slot < capacity {
                if table.kinds[slot] == pass {
                    let path = table.paths + slot * maxPathBytes
                    if pass == Kind.file.rawValue { unlink(path) } else { rmdir(path) }
                }
                slot += 1
            }
        }
    }
}

/// A folder only this user can enter (mode 0700), made by `mkdtemp` in the system's
/// temporary folder, for files only this user can read (mode 0600). It is removed with
/// everything in it by ``remove()`` or when it is freed, and by the CLI's signal handler.
public final class PrivateTemporaryFolder {
    /// The folder.
    public let url: URL
    private var registrations: [TemporaryFiles.Registration] = []
    private var removed = false

    /// Makes a new private folder named `qcode-PURPOSE-XXXXXX`.
    public init(purpose: String) throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-\(purpose)-XXXXXX").path
        var bytes = Array(template.utf8CString)
        let made = bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw PrivateFileError(path: template, errno: errno) }
        let path = String(cString: bytes)
        url = URL(fileURLWithPath: path, isDirectory: true)
        // mkdtemp makes it 0700 already; say so in case the platform's default differs.
        chmod(path, 0o700)
        if let registration = TemporaryFiles.registerFolder(url) { registrations.append(registration) }
    }

    /// Creates an empty file `name` in the folder, exclusively, with mode 0600.
    func makeFile(named name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        registrations += TemporaryFiles.register(file)
        let failure = createFileExclusively(file.path, mode: 0o600)
        guard failure == 0 else { throw PrivateFileError(path: file.path, errno: failure) }
        return file
    }

    /// Writes `data` to a new file `name` in the folder (mode 0600, created exclusively).
    func write(_ data: Data, named name: String) throws -> URL {
        let file = try makeFile(named: name)
        let descriptor = open(file.path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw PrivateFileError(path: file.path, errno: errno) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw PrivateFileError(path: file.path, errno: errno)
                }
                offset += written
            }
        }
        return file
    }

    /// Removes the folder and everything in it (safe to call twice).
    public func remove() {
        guard !removed else { return }
        removed = true
        try? FileManager.default.removeItem(at: url)
        TemporaryFiles.unregister(registrations)
        registrations = []
    }

    deinit { remove() }
}

/// Creates an empty file at `path` only if none is there (`O_EXCL`), with `mode` (less the
/// umask). Returns 0, or the `errno` of the failure (`EEXIST` if a file is there).
func createFileExclusively(_ path: String, mode: mode_t) -> Int32 {
    let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode)
    guard descriptor >= 0 else { return errno }
    close(descriptor)
    return 0
}
