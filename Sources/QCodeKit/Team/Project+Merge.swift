import Foundation

extension Project {
    /// Brings another project's work into this one: codings, memos, codebook additions,
    /// documents and cases. Nothing here is removed or overwritten, so no coding is lost.
    ///
    /// - Documents match by text (SHA-256), never by name alone. A document only there is
    ///   added with its text, turns, paragraphs and sentences; if its name is taken by a
    ///   different text here it gets a suffix (`NAME (2)`), listed as a conflict.
    /// - Codes match by id, then by path. A code with the same id but another name or parent
    ///   is a conflict (ours kept; its codings still come in under it). A new code comes in
    ///   with any missing parents.
    /// - Coders match by name, ignoring case. A coding is added unless an exact duplicate
    ///   (document, code, coder, start, end) is here.
    /// - Memos (document, case, coding), case values and document-to-case links fill in what
    ///   is empty here; different values are conflicts, ours kept. New cases and attributes
    ///   are added.
    ///
    /// The merge is one transaction: if anything in the other project is refused (a coding
    /// past its document's end, a damaged text), this project is left exactly as it was.
    /// Before writing, this project is copied to `NAME.premerge-YYYYMMDD-HHMMSS.qcode-backup`
    /// beside it (and removed again if nothing came in). Running the same merge again adds nothing. One `merge` audit entry lists
    /// what came in, with every added coding.
    ///
    /// ```swift
    /// let report = try project.merge(from: URL(fileURLWithPath: "alice.qcode"))
    /// // report.codingsAdded == ["alice": 12]
    /// ```
    ///
    /// - Parameters:
    ///   - otherURL: the other project file (for example a coder's copy).
    ///   - dryRun: work out the report, then roll back; no backup is made.
    /// - Returns: what came in; `backup` is the backup's path, or nil if none was kept.
    /// The other file is opened read-only and never changed: one of an older format is
    /// migrated in a private temporary copy (see ``ReadOnlyProject``). Every document there
    /// must match its stored SHA-256 and length, or nothing is merged.
    ///
    /// - Throws: `ProjectError` if the other file is missing, not a qcode project or of a
    ///   newer format; `TeamError.sameProject` for this project's own file; `TeamError`
    ///   for refused contents (`corruptDocument` for a text that no longer matches its hash).
    /// - Complexity: one pass over the other project's rows, with an indexed lookup here for each.
    public func merge(from otherURL: URL, dryRun: Bool = false) throws -> MergeReport {
        if Self.isSameFile(url, otherURL) {
            throw TeamError.sameProject(otherURL.path)
        }
        // Read-only: the other file is never written, not even to migrate an older format.
        let other = try ReadOnlyProject.open(at: otherURL)
        defer { other.close() }
        let source = try MergeSource(other)
        var report = MergeReport(source: otherURL.path, dryRun: dryRun)
        if !dryRun {
            report.backup = try backUpBeforeMerge().path
        }
        let initial = report
        report = try write(committing: !dryRun) { store in
            var merger = ProjectMerger(store: store, source: source, report: initial)
            try merger.run()
            if !dryRun {
                try store.record(.team(TeamEvent(kind: "merge", detail: ["source": otherURL.path],
                                                 codings: merger.addedCodings)),
                                 summary: "merged \(otherURL.lastPathComponent): \(merger.report.summary)")
            }
            return merger.report
        }
        if let backup = report.backup, !report.changedAnything {
            try? FileManager.default.removeItem(atPath: backup)  // nothing came in: the backup is not needed
            report.backup = nil
        }
        return report
    }

    /// Whether two paths name the same file (after symbolic links, or the same inode).
    static func isSameFile(_ a: URL, _ b: URL) -> Bool {
        if a.standardizedFileURL.resolvingSymlinksInPath().path == b.standardizedFileURL.resolvingSymlinksInPath().path {
            return true
        }
        let manager = FileManager.default
        guard let first = try? manager.attributesOfItem(atPath: a.path),
              let second = try? manager.attributesOfItem(atPath: b.path),
              let firstInode = first[.systemFileNumber] as? NSNumber, let secondInode = second[.systemFileNumber] as? NSNumber,
              let firstDevice = first[.systemNumber] as? NSNumber, let secondDevice = second[.systemNumber] as? NSNumber else {
            return false
        }
        return firstInode == secondInode && firstDevice == secondDevice
    }
}
