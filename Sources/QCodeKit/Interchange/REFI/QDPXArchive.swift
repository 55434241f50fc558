import Foundation

/// A `.qdpx` archive opened for reading: a ``ZipEntryReader`` (entry names, symbolic
/// links, entry count, total size, zip bombs and CRCs are checked there, as for docx and
/// odt) plus what REFI-QDA adds: finding `project.qde` and resolving `internal://` paths.
/// Nothing is ever written to disk. Errors are ``ImportError``s naming the archive.
struct QDPXArchive {
    let fileName: String
    private let zip: ZipEntryReader

    init(url: URL) throws {
        fileName = url.path
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ImportError(file: url.path, reason: "file not found")
        }
        zip = try ZipEntryReader(url: url, fileName: url.path, notAZip: "not a ZIP archive (a .qdpx file is one)")
    }

    /// Why an entry name is unsafe, or nil.
    static func unsafePathProblem(_ path: String) -> String? {
        ZipEntryReader.escapesArchive(path) || path.contains("\\") ? "points outside the archive" : nil
    }

    /// The project XML entry: `project.qde` at the top, else the only top-level `.qde`
    /// (ATLAS.ti names it after the project).
    func projectEntryPath() throws -> String {
        if zip.contains("project.qde") { return "project.qde" }
        let candidates = zip.foldedPaths.filter { !$0.contains("/") && $0.hasSuffix(".qde") }
        guard candidates.count == 1 else {
            throw ImportError(file: fileName, reason: candidates.isEmpty
                ? "no project.qde in the archive (is it a REFI-QDA project?)"
                : "several .qde files in the archive: \(candidates.sorted().joined(separator: ", "))")
        }
        return candidates[0]
    }

    /// Whether an entry exists (path compared ignoring case).
    func contains(_ path: String) -> Bool { zip.contains(path) }

    /// The bytes of an entry, with the size, ratio and CRC checks.
    func read(_ path: String) throws -> Data { try zip.read(path) }

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
