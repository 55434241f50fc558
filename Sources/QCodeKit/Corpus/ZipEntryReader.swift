import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A zip archive (docx, odt, qdpx) opened for reading, with the defences an untrusted zip
/// needs: the one extractor every zip-based reader uses.
///
/// On opening, every entry is checked, and one bad entry refuses the whole archive: a
/// name that is absolute (`/x`, `C:x`), climbs out with `..` (backslashes count as
/// separators) or holds a NUL, or a symbolic link (zip slip: nothing is ever extracted
/// to disk, but such an archive was made to attack some tool); more than 100,000 entries,
/// or more than 2 GB uncompressed in total. Reading an entry refuses one declared over
/// 100 MB or, past 1 MB, compressed more than 200:1 (a zip bomb), stops as soon as more
/// bytes arrive than were declared, and checks the CRC. XML entries then pass
/// ``XMLInputGuard`` (decoded, then refused if they hold a DOCTYPE). Errors are
/// ``ImportError``s naming the file.
struct ZipEntryReader {
    static let maxEntries = 100_000
    static let maxTotalBytes: UInt64 = 2 * 1024 * 1024 * 1024
    static let maxEntryBytes: UInt64 = 100 * 1024 * 1024
    static let maxRatio: UInt64 = 200
    static let ratioCheckMinimum: UInt64 = 1024 * 1024
    static let corruptReason = "truncated or corrupt zip archive"

    /// The file, as errors name it.
    let fileName: String
    private let archive: Archive
    /// Entries by exact path.
    private let entries: [String: Entry]
    /// Entries by lower-cased path (tools write `sources/` or `Sources/`).
    private let folded: [String: Entry]

    /// Opens the archive at `url`; `notAZip` is the reason given when it cannot be opened.
    init(url: URL, fileName: String, notAZip: String = corruptReason) throws {
        self.fileName = fileName
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw ImportError(file: fileName, reason: notAZip)
        }
        (entries, folded) = try Self.checkedEntries(archive, fileName: fileName)
    }

    /// Opens an archive held in memory.
    ///
    /// ZIPFoundation's in-memory archives trap on offsets past the end of the data (seen
    /// with damaged files), so the bytes go through a temporary file, where a bad offset is
    /// a read error instead. The file is private (mode 0600, created exclusively, in a
    /// ``PrivateTemporaryFolder`` of mode 0700) and is removed with its folder as soon as the
    /// archive has it open, on an error too; a signal meanwhile removes it as well.
    init(data: Data, fileName: String) throws {
        self.fileName = fileName
        let folder: PrivateTemporaryFolder
        let url: URL
        do {
            folder = try PrivateTemporaryFolder(purpose: "zip")
            url = try folder.write(data, named: "archive.zip")
        } catch {
            throw ImportError(file: fileName, reason: "cannot write a temporary file (\(DocumentReader.shortReason(error)))")
        }
        defer { folder.remove() }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw ImportError(file: fileName, reason: Self.corruptReason)
        }
        // The archive keeps its file open; the name is no longer needed.
        folder.remove()
        (entries, folded) = try Self.checkedEntries(archive, fileName: fileName)
    }

    private static func checkedEntries(_ archive: Archive, fileName: String) throws
        -> (entries: [String: Entry], folded: [String: Entry])
    {
        var entries: [String: Entry] = [:]
        var folded: [String: Entry] = [:]
        var total: UInt64 = 0
        var count = 0
        for entry in archive {
            count += 1
            guard count <= maxEntries else {
                throw ImportError(file: fileName, reason: "more than \(maxEntries) entries in the archive")
            }
            let path = entry.path
            if entry.type == .symlink {
                throw ImportError(file: fileName, reason: "archive entry '\(MessageText.clip(path))' is a symbolic link (zip slip)")
            }
            if escapesArchive(path) {
                throw ImportError(file: fileName, reason: "archive entry '\(MessageText.clip(path))' points outside the archive (zip slip)")
            }
            total += entry.uncompressedSize
            guard total <= maxTotalBytes else {
                throw ImportError(file: fileName, reason: "the archive unpacks to over 2 GB (zip bomb?)")
            }
            // The first of two entries with one name wins, as in ZIPFoundation's lookup.
            if entry.type == .file {
                if entries[path] == nil { entries[path] = entry }
                if folded[path.lowercased()] == nil { folded[path.lowercased()] = entry }
            }
        }
        return (entries, folded)
    }

    /// Whether an entry name is absolute, names a drive, holds a NUL or climbs out of the
    /// archive with `..` (`\` counts as a separator).
    static func escapesArchive(_ path: String) -> Bool {
        let normalised = path.replacingOccurrences(of: "\\", with: "/")
        if normalised.hasPrefix("/") || normalised.contains("\0") { return true }
        if normalised.count >= 2, normalised.dropFirst().first == ":" { return true }  // C:...
        return normalised.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// The paths of the archive's files, lower-cased.
    var foldedPaths: Dictionary<String, Entry>.Keys { folded.keys }

    /// Whether a file entry exists (exact path, else ignoring case).
    func contains(_ path: String) -> Bool { entry(path) != nil }

    private func entry(_ path: String) -> Entry? { entries[path] ?? folded[path.lowercased()] }

    /// The bytes of an entry, with the size, ratio and CRC checks.
    func read(_ path: String) throws -> Data {
        guard let entry = entry(path) else {
            throw ImportError(file: fileName, reason: "\(path) missing")
        }
        let size = entry.uncompressedSize
        guard size <= Self.maxEntryBytes else {
            throw ImportError(
                file: fileName,
                reason: "\(path) is \(DocumentReader.megabytes(Int(clamping: size))) uncompressed, over the 100 MB limit")
        }
        let ratio = size / Swift.max(entry.compressedSize, 1)
        if size > Self.ratioCheckMinimum, ratio > Self.maxRatio {
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
            guard checksum == entry.checksum, out.count == limit else { throw CocoaError(.fileReadCorruptFile) }
        } catch {
            throw ImportError(file: fileName, reason: "\(path) is corrupt or larger than declared")
        }
        return out
    }

    /// An XML entry as UTF-8 that `XMLParser` may read: ``read(_:)``, then ``XMLInputGuard``.
    func readXML(_ path: String) throws -> Data {
        try Self.guardXML(try read(path), path: path, fileName: fileName)
    }

    /// `xml` through ``XMLInputGuard``, refusals naming the file (and the entry, unless
    /// the reason is a DOCTYPE, which is reported on its own as it always was).
    static func guardXML(_ xml: Data, path: String, fileName: String) throws -> Data {
        do {
            return try XMLInputGuard.utf8(xml)
        } catch {
            let reason = error.reason == XMLInputGuard.doctypeReason ? error.reason : "\(path): \(error.reason)"
            throw ImportError(file: fileName, reason: reason)
        }
    }

    /// One XML entry of a zip-based document held in memory (docx, odt).
    static func readXML(_ path: String, from data: Data, fileName: String) throws -> Data {
        try ZipEntryReader(data: data, fileName: fileName).readXML(path)
    }

    /// Runs an XMLParser delegate over XML that has passed ``XMLInputGuard``, mapping
    /// failure to a one-line error.
    static func parseXML(_ data: Data, delegate: XMLParserDelegate, path: String, fileName: String) throws {
        // From a stream: on Linux, XMLParser(data:) fails at the end of any input over 10 MB.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        // On Linux parse() can return true after errors; parserError tells.
        guard parser.parse(), parser.parserError == nil else {
            let line = parser.lineNumber
            throw ImportError(file: fileName, reason: "malformed XML in \(path) at line \(line)")
        }
    }
}
