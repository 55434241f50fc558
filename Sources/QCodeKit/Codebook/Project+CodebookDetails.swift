import Foundation

/// One code's whole definition, where it sits, and how much it is used, as
/// `qcode codebook show CODE` prints it.
public struct CodeDetails: Sendable, Equatable, Encodable {
    /// One coder's codings of the code.
    public struct CoderCount: Sendable, Equatable, Encodable {
        public var coder: String
        /// Codings of the code itself.
        public var codings: Int
        /// Codings of the code and its descendants.
        public var withChildren: Int

        enum CodingKeys: String, CodingKey { case coder, codings, withChildren = "with_children" }
    }

    /// The code, with its path and depth.
    public var code: FlatCode
    /// The parent's path (nil for a top-level code).
    public var parent: String?
    /// The children's paths, in order.
    public var children: [String]
    /// Each coder's codings (coders with none are left out), by name.
    public var coders: [CoderCount]

    /// All coders' codings of the code itself.
    public var codings: Int { coders.reduce(0) { $0 + $1.codings } }
    /// All coders' codings of the code and its descendants.
    public var withChildren: Int { coders.reduce(0) { $0 + $1.withChildren } }

    enum CodingKeys: String, CodingKey {
        case path, id, name, label, colour, description, include, exclude, examples, keywords, parent, children
        case coders, codings, withChildren = "with_children"
    }

    /// Every key is written, `null` where there is no value.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code.path, forKey: .path)
        try container.encode(code.id, forKey: .id)
        try container.encode(code.name, forKey: .name)
        try container.encode(code.label, forKey: .label)
        try container.encode(code.colour, forKey: .colour)
        try container.encode(code.description, forKey: .description)
        try container.encode(code.include, forKey: .include)
        try container.encode(code.exclude, forKey: .exclude)
        try container.encode(code.examples, forKey: .examples)
        try container.encode(code.keywords, forKey: .keywords)
        try container.encode(parent, forKey: .parent)
        try container.encode(children, forKey: .children)
        try container.encode(coders, forKey: .coders)
        try container.encode(codings, forKey: .codings)
        try container.encode(withChildren, forKey: .withChildren)
    }
}

/// Changes to a code's definition: nil leaves a field as it is, an empty value (or no
/// keywords) clears it.
public struct CodeFieldEdits: Sendable, Equatable {
    public var label: String?
    public var description: String?
    public var include: String?
    public var exclude: String?
    /// `#RRGGBB` (stored with upper-case digits).
    public var colour: String?
    public var keywords: [String]?

    public init(label: String? = nil, description: String? = nil, include: String? = nil, exclude: String? = nil,
                colour: String? = nil, keywords: [String]? = nil) {
        self.label = label
        self.description = description
        self.include = include
        self.exclude = exclude
        self.colour = colour
        self.keywords = keywords
    }

    /// Whether no field is to change.
    public var isEmpty: Bool {
        label == nil && description == nil && include == nil && exclude == nil && colour == nil && keywords == nil
    }
}

/// One field of a code that an edit changed, with its values before and after (nil when
/// empty; keywords joined by ", ").
public struct CodeFieldChange: Sendable, Equatable {
    public var field: String
    public var before: String?
    public var after: String?
}

extension Project {
    /// The whole definition of the code named by `query` (id, full path or unique suffix),
    /// with its parent, children and each coder's codings of it.
    public func codeDetails(_ query: String) throws -> CodeDetails {
        try read { store in
            let codes = try store.flatCodes()
            let code = try CodeResolver(codes).resolve(query)
            let paths = Dictionary(uniqueKeysWithValues: codes.map { ($0.id, $0.path) })
            let counts = try store.codingCountsByCoder(codeID: code.id, subtree: try store.subtreeIDs(of: code.id))
            return CodeDetails(
                code: code, parent: code.parentID.flatMap { paths[$0] },
                children: codes.filter { $0.parentID == code.id }.map(\.path),
                coders: counts.map { CodeDetails.CoderCount(coder: $0.coder, codings: $0.own, withChildren: $0.total) })
        }
    }

    /// Edits a code's definition in place (its id, path and codings stay). Fields left nil
    /// in `edits` keep their values; empty ones are cleared.
    ///
    /// - Returns: the code's path and the fields that changed (none when every value was
    ///   already as given: then nothing is written).
    /// - Throws: `CodebookEditError.badColour` for a colour that is not `#RRGGBB`.
    @discardableResult
    public func setCodeFields(_ query: String, _ edits: CodeFieldEdits) throws -> (path: String, changes: [CodeFieldChange]) {
        if let colour = edits.colour, !colour.isEmpty, !Codebook.isValidColour(colour) {
            throw CodebookEditError.badColour(colour)
        }
        return try write { store in
            let code = try store.resolveCode(query)
            var edited = code
            var changes: [CodeFieldChange] = []
            func apply(_ field: String, _ value: String?, _ keyPath: WritableKeyPath<FlatCode, String?>) {
                guard let value else { return }
                let new = value.isEmpty ? nil : value
                guard edited[keyPath: keyPath] != new else { return }
                changes.append(CodeFieldChange(field: field, before: edited[keyPath: keyPath], after: new))
                edited[keyPath: keyPath] = new
            }
            apply("label", edits.label, \.label)
            apply("description", edits.description, \.description)
            apply("include", edits.include, \.include)
            apply("exclude", edits.exclude, \.exclude)
            apply("colour", edits.colour?.uppercased(), \.colour)
            if let keywords = edits.keywords?.map({ $0.trimmingCharacters(in: .whitespaces) }).filter({ !$0.isEmpty }),
               keywords != edited.keywords {
                let joined = { (list: [String]) in list.isEmpty ? nil : list.joined(separator: ", ") }
                changes.append(CodeFieldChange(field: "keywords", before: joined(edited.keywords), after: joined(keywords)))
                edited.keywords = keywords
            }
            guard !changes.isEmpty else { return (code.path, []) }
            try store.updateCode(edited)
            try store.record(.codebook(CodebookEdit(operation: .set, subjects: [code.path])),
                             summary: "set \(changes.map(\.field).joined(separator: ", ")) of \(code.path)")
            return (code.path, changes)
        }
    }
}
