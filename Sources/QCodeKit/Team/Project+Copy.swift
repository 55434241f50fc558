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
    /// paragraphs, sentences), codebook (same code ids), cases and attributes, and only
    /// `coder`'s codings (matched case-insensitively). Other coders, their codings and
    /// memos, document memos (someone's reading of a document would unblind the coder) and
    /// the audit log are left out: the copy is built from only what
    /// it may hold, under a private temporary name beside `destination` (mode 0600), then
    /// vacuumed and moved into place, so no file at `destination` (or anywhere) ever holds
    /// another coder's work. A temporary file left by a killed copy is removed by the next
    /// copy to the same destination. The copy's log starts with one `copy` entry.
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
        let report = try writeNewProjectFile(to: destination) { store in
            try Self.fillCopy(store, coder: coder, destination: destination, source: source)
        }
        try write { store in
            let whose = report.coder.map { "for coder \($0)" } ?? "without codings"
            try store.record(.team(TeamEvent(kind: "copy", detail: ["file": destination.path, "coder": report.coder ?? ""])),
                             summary: "copied \(whose) to \(destination.lastPathComponent) (\(report.codings) coding(s))")
        }
        return report
    }

    /// Inside the new copy: copies the shared content, then only `coder` and their codings;
    /// records the merge base and the copy's first audit entry.
    private static func fillCopy(_ store: Store, coder: String?, destination: URL, source: URL) throws -> CopyReport {
        try store.copySharedContent()
        let kept = try coder.map { try store.copyCoderAndCodings(named: $0) }
        try store.saveMergeBase(try store.mergeBaseSnapshot())
        let counts = try store.copyCounts()
        let report = CopyReport(destination: destination, coder: kept, documents: counts.documents, codes: counts.codes,
                                cases: counts.cases, codings: counts.codings)
        let whose = kept.map { "for coder \($0)" } ?? "without codings"
        try store.record(.team(TeamEvent(kind: "copy", detail: ["source": source.lastPathComponent, "coder": kept ?? ""])),
                         summary: "copy of \(source.lastPathComponent) \(whose): \(report.documents) document(s), \(report.codes) code(s), \(report.codings) coding(s)")
        return report
    }
}
