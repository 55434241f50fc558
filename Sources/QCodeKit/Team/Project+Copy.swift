import Foundation

/// What ``Project/copy(to:forCoder:)`` wrote.
public struct CopyReport: Sendable, Equatable {
    /// The new project file.
    public var destination: URL
    /// The coder whose codings the copy holds (as stored), or nil for an empty copy.
    public var coder: String?
    public var documents: Int
    public var codes: Int
    public var cases: Int
    /// The codings in the copy (all the coder's; none for an empty copy).
    public var codings: Int
}

extension Project {
    /// Writes a blind copy of this project for one coder, or with no codings at all.
    ///
    /// The copy is a new project file with the same documents (text, hashes, turns,
    /// paragraphs, sentences), codebook (same code ids), cases, attributes and document
    /// memos, and only `coder`'s codings (matched case-insensitively). Other coders, their
    /// codings and memos, and the audit log are left out, and the file is vacuumed so no
    /// deleted row survives in free pages; the copy's log starts with one `copy` entry.
    /// The copy also remembers its codebook and memos as they were, so that a later
    /// ``merge(from:dryRun:)`` can tell a change made in the copy from one made here.
    /// This project records a `copy` entry too.
    ///
    /// ```swift
    /// let report = try project.copy(to: URL(fileURLWithPath: "alice.qcode"), forCoder: "alice")
    /// // report.codings == the number of alice's codings here
    /// ```
    ///
    /// - Parameters:
    ///   - destination: where to write the copy; nothing may be there yet.
    ///   - coder: the coder whose codings to keep; nil keeps none.
    /// - Throws: `ProjectError.alreadyExists` or `.noSuchDirectory` for a bad destination,
    ///   `CodingError.badCoderName` for an unusable name. On failure no file is left behind.
    @discardableResult
    public func copy(to destination: URL, forCoder coder: String?) throws -> CopyReport {
        if FileManager.default.fileExists(atPath: destination.path) {
            throw ProjectError.alreadyExists(destination.path)
        }
        let directory = destination.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ProjectError.noSuchDirectory(directory.path)
        }
        let source = url
        let report = try writeCopy(to: destination) { store in
            try Self.keepOnlyCoder(store, coder, destination: destination, source: source)
        }
        try write { store in
            let whose = report.coder.map { "for coder \($0)" } ?? "without codings"
            try store.recordAudit(action: "copy",
                                  summary: "copied \(whose) to \(destination.lastPathComponent) (\(report.codings) coding(s))",
                                  after: ["file": destination.path, "coder": report.coder ?? ""])
        }
        return report
    }

    /// Inside the copy: drops every other coder, their codings and the audit log.
    private static func keepOnlyCoder(_ store: Store, _ coder: String?, destination: URL, source: URL) throws -> CopyReport {
        let kept = try coder.map { try store.copyCoder(named: $0) }
        try store.deleteCodersAndCodings(except: kept?.id)
        try store.deleteAuditLog()
        try store.saveMergeBase(try store.mergeBaseSnapshot())
        let counts = try store.copyCounts()
        let report = CopyReport(destination: destination, coder: kept?.name, documents: counts.documents, codes: counts.codes,
                                cases: counts.cases, codings: counts.codings)
        let whose = kept.map { "for coder \($0.name)" } ?? "without codings"
        try store.recordAudit(action: "copy",
                              summary: "copy of \(source.lastPathComponent) \(whose): \(report.documents) document(s), \(report.codes) code(s), \(report.codings) coding(s)",
                              after: ["source": source.lastPathComponent, "coder": kept?.name ?? ""])
        return report
    }
}
