import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads one XML entry from a zip-based document (docx, odt) with bomb and XXE defences.
///
/// Before extracting: refuses entries whose declared uncompressed size is over 100 MB, or,
/// for entries over 1 MB, whose compression ratio is over 200:1 (a small entry cannot be a
/// bomb, and tiny compressed sizes make ratios meaningless). While extracting: stops as
/// soon as more bytes arrive than were declared, and checks the CRC. After: refuses XML
/// with a document type declaration (`<!DOCTYPE`), which is where entity bombs and
/// external entities live; Word and LibreOffice never write one. Archives with entries that
/// point outside the archive (absolute paths, `..`, links) are refused outright.
enum ZipEntryReader {
    static let maxEntryBytes: UInt64 = 100 * 1024 * 1024
    static let maxRatio: UInt64 = 200
    static let ratioCheckMinimum: UInt64 = 1024 * 1024

    static func corrupt(_ fileName: String) -> ImportError {
        ImportError(file: fileName, reason: "truncated or corrupt zip archive")
    }

    static func readXML(_ path: String, from data: Data, fileName: String) throws -> Data {
        // ZIPFoundation's in-memory archives trap on offsets past the end of the data (seen
        // with damaged files), so the bytes go through a private temporary file, where a bad
        // offset is a read error instead.
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("qcode-\(UUID().uuidString).zip")
        do {
            try data.write(to: temporary, options: .atomic)
        } catch {
            throw ImportError(file: fileName, reason: "cannot write a temporary file (\(DocumentReader.shortReason(error)))")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        let archive: Archive
        do {
            archive = try Archive(url: temporary, accessMode: .read)
        } catch {
            throw corrupt(fileName)
        }
        // Nothing is ever extracted to disk, but an archive whose entries point outside it
        // (zip slip) or are links was made to attack some tool: refuse it outright.
        for candidate in archive where candidate.type == .symlink || escapesArchive(candidate.path) {
            throw ImportError(file: fileName, reason: "archive entry '\(candidate.path)' points outside the archive (zip slip)")
        }
        guard let entry = archive[path] else {
            throw ImportError(file: fileName, reason: "\(path) missing")
        }
        let size = entry.uncompressedSize
        guard size <= maxEntryBytes else {
            throw ImportError(
                file: fileName,
                reason: "\(path) is \(DocumentReader.megabytes(Int(clamping: size))) uncompressed, over the 100 MB limit")
        }
        if size > ratioCheckMinimum, size / Swift.max(entry.compressedSize, 1) > maxRatio {
            throw ImportError(
                file: fileName,
                reason: "\(path) compresses \(size / Swift.max(entry.compressedSize, 1)):1, over the 200:1 limit (zip bomb?)")
        }
        var out = Data()
        out.reserveCapacity(Int(size))
        let limit = Int(size)
        do {
            let checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                guard out.count + chunk.count <= limit else { throw CocoaError(.fileReadCorruptFile) }
                out.append(chunk)
            }
            guard checksum == entry.checksum, out.count == limit else { throw corrupt(fileName) }
        } catch {
            throw corrupt(fileName)
        }
        if containsDoctype(out) {
            throw ImportError(file: fileName, reason: "XML document type declarations are not allowed")
        }
        return out
    }

    /// Whether an entry name is absolute or climbs out of the archive with `..`.
    static func escapesArchive(_ path: String) -> Bool {
        let normalised = path.replacingOccurrences(of: "\\", with: "/")
        if normalised.hasPrefix("/") { return true }
        if normalised.count >= 2, normalised.dropFirst().first == ":" { return true }  // C:...
        return normalised.split(separator: "/").contains("..")
    }

    /// Whether the bytes contain `<!DOCTYPE` (any case).
    static func containsDoctype(_ data: Data) -> Bool {
        let word = Array("DOCTYPE".utf8)
        return data.withUnsafeBytes { raw in
            let b = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = b.count
            while i + 1 < n {
                if b[i] == 0x3C, b[i + 1] == 0x21, i + 2 + word.count <= n {
                    var match = true
                    for k in 0..<word.count where b[i + 2 + k] & 0xDF != word[k] { match = false; break }
                    if match { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Runs an XMLParser delegate over `data`, mapping failure to a one-line error.
    static func parseXML(_ data: Data, delegate: XMLParserDelegate, path: String, fileName: String) throws {
        // FoundationXML traps on XML names that are not valid UTF-8: refuse such input first.
        if let problem = XMLInputGuard.problem(in: data) {
            throw ImportError(file: fileName, reason: "\(path): \(problem)")
        }
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
