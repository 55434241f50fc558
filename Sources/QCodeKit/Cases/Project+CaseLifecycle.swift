import Foundation

/// Which case's value wins when two merged cases have different values for an attribute.
public enum CaseMergePreference: String, Sendable, CaseIterable {
    /// The case merged away (A).
    case source = "a"
    /// The case merged into (B).
    case target = "b"
}

/// What merging one case into another did.
public struct CaseMerge: Sendable, Equatable {
    public var from: String
    public var into: String
    /// Documents now linked to the target.
    public var documents: Int
    /// Attribute values the target took from the source (it had none, or the source's won).
    public var values: Int
    /// Conflicting values settled by the preference.
    public var conflicts: [CaseValueConflict]
}

/// One attribute value of one case, before and after a change.
public struct CaseValueChange: Sendable, Equatable {
    public var caseName: String
    public var attribute: String
    public var before: String?
    public var after: String?
    /// The attribute's type, inferred from the value when the attribute is new.
    public var type: AttributeType
    public var newAttribute: Bool
}

extension Project {
    /// Renames a case; its documents and values stay with it.
    @discardableResult
    public func renameCase(_ name: String, to newName: String) throws -> (old: String, new: String) {
        let new = newName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !new.isEmpty else { throw CaseError.emptyName }
        return try write { store in
            let id = try Self.caseID(store, name)
            guard name != new else { return (name, new) }
            if try store.caseID(named: new) != nil { throw CaseError.nameTaken(new) }
            try store.renameCase(id: id, to: new)
            try store.record(.cases(CaseEdit(operation: .rename, subjects: [name, new])),
                             summary: "renamed case \(name) to \(new)")
            return (name, new)
        }
    }

    /// Removes a case and its attribute values; its documents stay, unlinked.
    ///
    /// - Returns: the names of the documents that were linked to it.
    @discardableResult
    public func removeCase(_ name: String) throws -> [String] {
        try write { store in
            let id = try Self.caseID(store, name)
            let documents = try store.documentNames(inCase: id)
            try store.deleteCase(id: id)
            try store.record(.cases(CaseEdit(operation: .remove, subjects: [name], detail: "\(documents.count) document(s) unlinked")),
                             summary: "removed case \(name) (\(documents.count) document(s) unlinked)")
            return documents
        }
    }

    /// Unlinks a document from its case.
    ///
    /// - Returns: the document's name and the case it was linked to (nil when it was not
    ///   linked, and then nothing is written).
    @discardableResult
    public func unlinkDocument(_ query: String) throws -> (document: String, case: String?) {
        try write { store in
            let id = try store.documentID(named: query)
            let document = try store.documentName(id: id) ?? query
            guard let caseName = try store.caseName(ofDocument: id) else { return (document, nil) }
            try store.setCase(nil, ofDocument: id)
            try store.record(.cases(CaseEdit(operation: .unlink, subjects: [caseName], detail: document)),
                             summary: "unlinked document \(document) from case \(caseName)")
            return (document, caseName)
        }
    }

    /// Merges case `source` into `target`: the source's documents and attribute values
    /// move to the target, and the source is removed. Where both have a value for an
    /// attribute and the values differ, the merge is refused listing them, unless
    /// `prefer` says whose to keep.
    @discardableResult
    public func mergeCase(_ source: String, into target: String, prefer: CaseMergePreference? = nil) throws -> CaseMerge {
        try write { store in
            let fromID = try Self.caseID(store, source)
            let intoID = try Self.caseID(store, target)
            guard fromID != intoID else { throw CaseError.mergeIntoItself(source) }
            let names = Dictionary(uniqueKeysWithValues: try store.attributeRecords().map { ($0.id!, $0.name) })
            let fromValues = try store.caseValues(caseID: fromID)
            let intoValues = try store.caseValues(caseID: intoID)
            var conflicts: [CaseValueConflict] = []
            var taken = 0
            for (attributeID, value) in fromValues.sorted(by: { $0.key < $1.key }) {
                if let existing = intoValues[attributeID] {
                    guard existing != value else { continue }
                    conflicts.append(CaseValueConflict(attribute: names[attributeID] ?? String(attributeID), from: value, into: existing))
                    if prefer == .source {
                        try store.setCaseValue(caseID: intoID, attributeID: attributeID, value: value)
                        taken += 1
                    }
                } else {
                    try store.setCaseValue(caseID: intoID, attributeID: attributeID, value: value)
                    taken += 1
                }
            }
            if !conflicts.isEmpty && prefer == nil {
                throw CaseError.conflictingValues(from: source, into: target, conflicts)
            }
            let documents = try store.moveDocuments(fromCase: fromID, toCase: intoID)
            try store.deleteCase(id: fromID)
            try store.record(.cases(CaseEdit(operation: .merge, subjects: [source, target], detail: prefer.map { "prefer \($0.rawValue)" })),
                             summary: "merged case \(source) into \(target) (\(documents) document(s), \(taken) value(s))")
            return CaseMerge(from: source, into: target, documents: documents, values: taken, conflicts: conflicts)
        }
    }

    /// Sets one case's value of an attribute (named ignoring case). The value must suit
    /// the attribute's type; an attribute not yet in the project is added, its type
    /// inferred from the value as an import infers a column's.
    @discardableResult
    public func setCaseValue(_ caseName: String, attribute: String, value: String) throws -> CaseValueChange {
        let name = attribute.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw CaseError.noAttribute(attribute) }
        return try write { store in
            let caseID = try Self.caseID(store, caseName)
            let attributeID: Int64
            let type: AttributeType
            var isNew = false
            var stored = name
            if let existing = try Self.attribute(store, name) {
                attributeID = existing.id!
                stored = existing.name
                type = AttributeType(rawValue: existing.type) ?? .text
                guard Self.fits(value, type) else { throw CaseError.badValue(attribute: existing.name, type: type, value: value) }
            } else {
                type = AttributeType.infer([value])
                attributeID = try store.appendAttribute(named: name, type: type)
                isNew = true
            }
            let before = try store.caseValue(caseID: caseID, attributeID: attributeID)
            let change = CaseValueChange(caseName: caseName, attribute: stored, before: before, after: value, type: type, newAttribute: isNew)
            guard before != value else { return change }
            try store.setCaseValue(caseID: caseID, attributeID: attributeID, value: value)
            try store.record(.cases(CaseEdit(operation: .set, subjects: [caseName], detail: "\(stored)=\(value)")),
                             summary: "set \(stored) of case \(caseName) to \(value)")
            return change
        }
    }

    /// Removes one case's value of an attribute (named ignoring case).
    ///
    /// - Returns: the change (its `before` nil when the case had no value: nothing is written).
    @discardableResult
    public func unsetCaseValue(_ caseName: String, attribute: String) throws -> CaseValueChange {
        try write { store in
            let caseID = try Self.caseID(store, caseName)
            guard let existing = try Self.attribute(store, attribute.trimmingCharacters(in: .whitespaces)) else {
                throw CaseError.noAttribute(attribute)
            }
            let before = try store.caseValue(caseID: caseID, attributeID: existing.id!)
            let change = CaseValueChange(caseName: caseName, attribute: existing.name, before: before, after: nil,
                                         type: AttributeType(rawValue: existing.type) ?? .text, newAttribute: false)
            guard before != nil else { return change }
            try store.clearCaseValue(caseID: caseID, attributeID: existing.id!)
            try store.record(.cases(CaseEdit(operation: .unset, subjects: [caseName], detail: existing.name)),
                             summary: "cleared \(existing.name) of case \(caseName)")
            return change
        }
    }

    private static func caseID(_ store: Store, _ name: String) throws -> Int64 {
        guard let id = try store.caseID(named: name) else { throw CaseError.notFound(name) }
        return id
    }

    /// The attribute named exactly `name`, else the one named so ignoring case.
    private static func attribute(_ store: Store, _ name: String) throws -> AttributeRecord? {
        let all = try store.attributeRecords()
        return all.first { $0.name == name } ?? all.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Whether `value` is a value of `type`, by the rules that infer a column's type.
    static func fits(_ value: String, _ type: AttributeType) -> Bool {
        switch type {
        case .integer: return AttributeType.isInteger(value)
        case .number: return AttributeType.isNumber(value)
        case .boolean: return AttributeType.isBoolean(value)
        case .date: return AttributeType.isDate(value)
        case .text: return true
        }
    }
}
