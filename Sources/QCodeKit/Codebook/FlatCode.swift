/// One code of a codebook as a row: its definition without children, plus where it sits in
/// the tree.
///
/// ``Codebook/flattened`` lists a codebook as `FlatCode`s in depth-first order, and
/// ``Codebook/build(fromFlat:title:description:)`` turns such a list back into a tree; this is
/// the shape a database table or a REFI-QDA reader works with.
public struct FlatCode: Sendable, Hashable, Codable {
    /// The code's stable id.
    public var id: String
    /// The id of the parent code, or `nil` for a top-level code.
    public var parentID: String?
    /// Index among its siblings, counting from 0.
    public var position: Int
    /// The code's name (its last path segment).
    public var name: String
    /// The names from the top level down to this code, joined by `/`,
    /// e.g. `social-cure/group-membership/joining`.
    public var path: String
    /// 0 for a top-level code, 1 for its children, and so on.
    public var depth: Int
    /// See ``CodeDefinition/label``.
    public var label: String?
    /// See ``CodeDefinition/colour``.
    public var colour: String?
    /// See ``CodeDefinition/description``.
    public var description: String?
    /// See ``CodeDefinition/include``.
    public var include: String?
    /// See ``CodeDefinition/exclude``.
    public var exclude: String?
    /// See ``CodeDefinition/examples``.
    public var examples: [String]
    /// See ``CodeDefinition/keywords``.
    public var keywords: [String]

    /// Creates a row. `path` and `depth` default to the name and 0; when the row goes through
    /// ``Codebook/build(fromFlat:title:description:)`` they are ignored and recomputed.
    public init(
        id: String,
        parentID: String? = nil,
        position: Int = 0,
        name: String,
        path: String? = nil,
        depth: Int = 0,
        label: String? = nil,
        colour: String? = nil,
        description: String? = nil,
        include: String? = nil,
        exclude: String? = nil,
        examples: [String] = [],
        keywords: [String] = []
    ) {
        self.id = id
        self.parentID = parentID
        self.position = position
        self.name = name
        self.path = path ?? name
        self.depth = depth
        self.label = label
        self.colour = colour
        self.description = description
        self.include = include
        self.exclude = exclude
        self.examples = examples
        self.keywords = keywords
    }

    /// Creates the row for `definition` (its children are not included).
    public init(_ definition: CodeDefinition, parentID: String?, position: Int, path: String, depth: Int) {
        self.init(
            id: definition.id, parentID: parentID, position: position, name: definition.name,
            path: path, depth: depth, label: definition.label, colour: definition.colour,
            description: definition.description, include: definition.include,
            exclude: definition.exclude, examples: definition.examples, keywords: definition.keywords)
    }

    /// This row's definition, with the given children.
    public func definition(children: [CodeDefinition] = []) -> CodeDefinition {
        CodeDefinition(
            id: id, name: name, label: label, colour: colour, description: description,
            include: include, exclude: exclude, examples: examples, keywords: keywords,
            children: children)
    }
}
