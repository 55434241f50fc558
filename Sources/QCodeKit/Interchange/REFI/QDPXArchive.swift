import Foundation
import ZIPFoundation

/// A `.qdpx` archive opened for reading, with the defences an untrusted ZIP needs.
///
/// On opening, every entry is checked: a name that is absolute, contains `..`, a
/// backslash or a NUL, or is a symbolic link refuses the whole archive; so do more than
/// 100,000 entries or more than 2 GB uncompressed in total. Reading an entry refuses one
/// declared over 100 MB or, past 1 MB, compressed more than 200:1 (a zip bomb), stops as
/// soon as more bytes arrive than were declared, and checks the CRC. Nothing is ever
/// written to disk. Errors are ``ImportError``s naming the archive.
struct QDPXArchive {
    static let maxEntries = 100_000
    static let maxTotalBytes: UInt64 = 2 * 1024 * 1024 * 1024

    let fileName: String
    private let archive: Archive
    /// Entries by lower-cased path (tools write `sources/` or `Sources/`).
    private let entries: [String: Entry]

    init(url: URL) throws {
        fileName = url.path
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ImportError(file: url.path, reason: "file not found")
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw ImportError(file: url.path, reason: "not a ZIP archive (a .qdpx file is one)")
        }
        var entries: [String: Entry] = [:]
        var total: UInt64 = 0
        var count = 0
        for entry in archive {
            count += 1
            guard count <= Self.maxEntries else {
                throw ImportError(file: url.path, reason: "more than \(Self.maxEntries) entries in the archive")
            }
            let path = entry.path
            if let problem = Self.unsafePathProblem(path) {
                throw ImportError(file: url.path, reason: "entry '\(path)' \(problem)")
            }
            if entry.type == .symlink {
                throw ImportError(file: url.path, reason: "entry '\(path)' is a symbolic link")
            }
            total += entry.uncompressedSize
            guard total <= Self.maxTotalBytes else {
                throw ImportError(file: url.path, reason: "the archive unpacks to over 2 GB (zip bomb?)")
            }
            if entry.type == .file { entries[path.lowercased()] = entry }
        }
        self.entries = entries
    }

    /// Why an entry name is unsafe, or nil.
    static func unsafePathProblem(_ path: String) -> String? {
        if path.hasPrefix("/") || path.hasPrefix("\\") || path.contains("\\") || path.contains("\0") {
            return "has an absolute or Windows-style path"
        }
        if path.count >= 2, path.dropFirst().first == ":" { return "has an absolute path" }
        if path.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            return "escapes the archive's folder ('..')"
        }
        return nil
    }

    /// The project XML entry: `project.qde` at the top, else the only top-level `.qde`
    /// (ATLAS.ti names it after the project).
    func projectEntryPath() throws -> String {
        if entries["project.qde"] != nil { return "project.qde" }
        let candidates = entries.keys.filter { !$0.contains("/") && $0.hasSuffix(".qde") }
        guard candidates.count == 1 else {
            throw ImportError(file: fileName, reason: candidates.isEmpty
                ? "no project.qde in the archive (is it a REFI-QDA project?)"
                : "several .qde files in the archive: \(candidates.sorted().joined(separator: ", "))")
        }
        return candidates[0]
    }

    /// Whether an entry exists (path compared ignoring case).
    func contains(_ path: String) -> Bool { entries[path.lowercased()] != nil }

    /// The bytes of an entry, with the size, ratio and CRC checks.
    func read(_ path: String) throws -> Data {
        guard let entry = entries[path.lowercased()] else {
            throw ImportError(file: fileName, reason: "\(path) missing from the archive")
        }
        let size = entry.uncompressedSize
        guard size <= ZipEntryReader.maxEntryBytes else {
            throw ImportError(file: fileName, reason: "\(path) is \(DocumentReader.megabytes(Int(clamping: size))) uncompressed, over the 100 MB limit")
        }
        let ratio = size / Swift.max(entry.compressedSize, 1)
        if size > ZipEntryReader.ratioCheckMinimum, ratio > ZipEntryReader.maxRatio {
            throw ImportError(file: fileName, reason: "\(path) compresses \(ratio):1, over the 200:1 limit (zip bomb?)")
        }
        var out = Data()
        out.reserveCapacity(Int(size))
        let limit = Int(size)
        do {
            let checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                guard out.count + chunk.count <= limit else { throw CocoaError(.fileReadCorruptFile) }
                out.append(chunk)
            }
            guard checksum == entry.checksum, out.count == limit else {
                throw CocoaError(.fileReadCorruptFile)
            }
        } catch {
            throw ImportError(file: fileName, reason: "\(path) is corrupt or larger than declared")
        }
        return out
    }

    /// The archive path for a source's `plainTextPath` or `richTextPath`: `internal://X`
    /// is `sources/X`; a bare relative name (as qc writes) is looked up in `sources/` too.
    /// External files (`file://`, `relative://`, absolute paths) are never read: nil.
    func internalPath(_ reference: String) -> String? {
        var name = reference
        if name.lowercased().hasPrefix("internal://") {
            name = String(name.dropFirst("internal://".count))
        } else if name.contains("://") || name.hasPrefix("/") || name.contains("\\") || (name.count >= 2 && name.dropFirst().first == ":") {
            return nil
        }
        guard Self.unsafePathProblem(name) == nil, !name.isEmpty else { return nil }
        for candidate in ["sources/" + name, name] where contains(candidate) {
            return candidate
        }
        return nil
    }
}
