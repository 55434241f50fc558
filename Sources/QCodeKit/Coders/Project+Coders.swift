import Foundation

/// Each coder's codings per document, as `qcode coders` lists them.
public struct CoderOverview: Sendable, Equatable {
    /// One coder's codings.
    public struct Coder: Sendable, Equatable, Encodable {
        public var coder: String
        /// Codings per document name, in the order of `CoderOverview.documents`.
        public var documents: [String: Int]
        public var total: Int
    }

    /// Every document's name, in import order.
    public var documents: [String]
    /// Every coder with at least one coding, by name (ignoring case). A coder whose codings
    /// were all removed or undone is not listed (the name stays known to the project).
    public var coders: [Coder]

    /// Builds the overview from plain counts: `counts` holds (coder, document id, codings)
    /// for each pair that has any; every coder in `coderNames` that has codings and every
    /// document in `documents` appears, with zeros where there are none.
    init(coderNames: [String], documents: [(id: Int64, name: String)], counts: [(coder: String, documentID: Int64, codings: Int)]) {
        let names = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0.name) })
        var byCoder: [String: [String: Int]] = [:]
        for count in counts {
            guard let document = names[count.documentID] else { continue }
            byCoder[count.coder, default: [:]][document, default: 0] += count.codings
        }
        self.documents = documents.map(\.name)
        self.coders = coderNames
            .sorted { $0.lowercased() == $1.lowercased() ? $0 < $1 : $0.lowercased() < $1.lowercased() }
            .map { name in
                let perDocument = byCoder[name] ?? [:]
                return Coder(coder: name, documents: perDocument, total: perDocument.values.reduce(0, +))
            }
            .filter { $0.total > 0 }
    }

    /// Codings of one document, all coders together.
    public func total(of document: String) -> Int {
        coders.reduce(0) { $0 + ($1.documents[document] ?? 0) }
    }

    /// All codings.
    public var total: Int { coders.reduce(0) { $0 + $1.total } }

    /// A table with one row per document and one column per coder, then a total column
    /// and a total row.
    public var tabular: Tabular {
        var rows = documents.map { document in
            [document] + coders.map { String($0.documents[document] ?? 0) } + [String(total(of: document))]
        }
        rows.append(["total"] + coders.map { String($0.total) } + [String(total)])
        return Tabular(headers: ["document"] + coders.map(\.coder) + ["total"], rows: rows)
    }
}

/// What merging one coder into another did.
public struct CoderMerge: Sendable, Equatable {
    public var from: String
    public var into: String
    /// Codings that became the target's.
    public var moved: Int
    /// Codings dropped because the target had the same one (document, code, range).
    public var duplicates: Int
}

/// Errors about coders.
public enum CoderError: Error, CustomStringConvertible, Equatable {
    case notFound(String, known: [String])
    case nameTaken(String)
    case mergeIntoItself(String)

    public var description: String {
        switch self {
        case .notFound(let name, let known):
            if known.isEmpty { return "no coder '\(name)': the project has no coders" }
            return "no coder '\(name)' (coders: \(known.prefix(8).joined(separator: ", "))\(known.count > 8 ? ", ..." : ""))"
        case .nameTaken(let name):
            return "a coder named '\(name)' already exists (names compare ignoring case); merge the two coders instead"
        case .mergeIntoItself(let name):
            return "cannot merge coder '\(name)' into itself"
        }
    }
}

extension Project {
    /// Each coder's codings per document, with totals.
    public func coderOverview() throws -> CoderOverview {
        try read { store in
            CoderOverview(coderNames: try store.allCoderNames(), documents: try store.documentIDsAndNames(),
                          counts: try store.codingCountsByCoderAndDocument())
        }
    }

    /// Renames a coder; their codings, and the memos they wrote, follow. The new name may
    /// differ from the old only in case.
    ///
    /// - Returns: the old and the new name.
    @discardableResult
    public func renameCoder(_ name: String, to newName: String) throws -> (old: String, new: String) {
        let new = newName.trimmingCharacters(in: .whitespaces)
        guard !new.isEmpty, !new.contains(",") else { throw CodingError.badCoderName(newName) }
        return try write { store in
            let coder = try Self.existingCoder(store, name)
            if let other = try store.coder(named: new), other.id != coder.id {
                throw CoderError.nameTaken(other.name)
            }
            guard coder.name != new else { return (coder.name, new) }
            try store.renameCoder(id: coder.id!, to: new)
            try store.renameMemoAuthor(from: coder.name, to: new)
            try store.record(.coders(CoderEdit(operation: .rename, from: coder.name, to: new)),
                             summary: "renamed coder \(coder.name) to \(new)")
            return (coder.name, new)
        }
    }

    /// Merges coder `source` into `target`: the source's codings become the target's
    /// (exact duplicates of the target's are dropped and counted), the memos the source
    /// wrote become the target's, and the source is removed.
    @discardableResult
    public func mergeCoder(_ source: String, into target: String) throws -> CoderMerge {
        try write { store in
            let from = try Self.existingCoder(store, source)
            let into = try Self.existingCoder(store, target)
            guard from.id != into.id else { throw CoderError.mergeIntoItself(from.name) }
            let result = try store.moveCodings(fromCoder: from.id!, toCoder: into.id!)
            try store.renameMemoAuthor(from: from.name, to: into.name)
            try store.deleteCoder(id: from.id!)
            try store.record(.coders(CoderEdit(operation: .merge, from: from.name, to: into.name)),
                             summary: "merged coder \(from.name) into \(into.name) (\(result.moved) coding(s) moved, \(result.dropped) duplicate(s) dropped)")
            return CoderMerge(from: from.name, into: into.name, moved: result.moved, duplicates: result.dropped)
        }
    }

    private static func existingCoder(_ store: Store, _ name: String) throws -> CoderRecord {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard let coder = try store.coder(named: trimmed) else {
            throw CoderError.notFound(trimmed, known: try store.allCoderNames())
        }
        return coder
    }
}
