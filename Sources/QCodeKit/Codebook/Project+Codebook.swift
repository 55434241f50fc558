import Foundation

/// What a codebook import changed.
public struct CodebookImportReport: Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
}

/// A code with the number of codings it and its subtree hold.
public struct CodeCount: Sendable, Equatable {
    public var code: FlatCode
    /// Codings of this code itself.
    public var own: Int
    /// Codings of this code and all its descendants.
    public var total: Int
}

extension Project {
    // MARK: Reading

    /// The stored codebook as a tree.
    public func codebook() throws -> Codebook {
        try read { store in
            let heading = try store.codebookHeading()
            return try Codebook.build(fromFlat: try store.storedCodes(), title: heading.title, description: heading.description)
        }
    }

    /// Every code, depth-first, with paths.
    public func codes() throws -> [FlatCode] {
        try read { store in try store.flatCodes() }
    }

    /// Resolves a code by id, full path or unique path suffix.
    public func resolveCode(_ query: String) throws -> FlatCode {
        try read { store in try store.resolveCode(query) }
    }

    /// Every code with its coding counts (optionally for one coder), depth-first.
    public func codeCounts(coder: String? = nil) throws -> [CodeCount] {
        try read { store in
            let codes = try store.flatCodes()
            let own = try store.codingCountsByCode(coderName: coder)
            var total = own
            for code in codes.reversed() {
                if let parent = code.parentID {
                    total[parent, default: 0] += total[code.id, default: 0]
                }
            }
            return codes.map { CodeCount(code: $0, own: own[$0.id] ?? 0, total: total[$0.id] ?? 0) }
        }
    }

    // MARK: Import

    /// Adds or updates codes from a codebook. A code matches an existing one by id, else
    /// by path; matched codes take the file's definition, parent and position. Codes not
    /// in the file are kept.
    public func importCodebook(_ codebook: Codebook, source: String) throws -> CodebookImportReport {
        try write { store in
            var report = CodebookImportReport()
            let existing = try store.flatCodes()
            let byID = Dictionary(uniqueKeysWithValues: existing.map { ($0.id, $0) })
            let byPath = Dictionary(existing.map { (CodePath($0.path).key, $0) }, uniquingKeysWith: { first, _ in first })
            var idFor: [String: String] = [:]  // file id -> stored id
            for code in codebook.flattened {
                let parentID = code.parentID.map { idFor[$0] ?? $0 }
                let match = byID[code.id] ?? byPath[CodePath(code.path).key]
                let storedID = match?.id ?? code.id
                idFor[code.id] = storedID
                var row = code
                row.id = storedID
                row.parentID = parentID
                if let match {
                    if Self.sameDefinition(match, row) {
                        report.unchanged += 1
                        continue
                    }
                    try store.updateCode(row)
                    report.updated += 1
                } else {
                    try store.insertCode(row)
                    report.added += 1
                }
            }
            if let title = codebook.title {
                try store.setCodebookTitle(title)
            }
            if let description = codebook.description {
                try store.setCodebookDescription(description)
            }
            _ = try store.flatCodes()  // refuses a result with cycles or clashing names
            try store.record(.codebook(CodebookEdit(operation: .import, subjects: [source])),
                             summary: "codebook from \(source): \(report.added) added, \(report.updated) updated")
            return report
        }
    }

    private static func sameDefinition(_ a: FlatCode, _ b: FlatCode) -> Bool {
        a.parentID == b.parentID && a.position == b.position && a.name == b.name && a.label == b.label
            && a.colour == b.colour && a.description == b.description && a.include == b.include
            && a.exclude == b.exclude && a.examples == b.examples && a.keywords == b.keywords
    }
}
