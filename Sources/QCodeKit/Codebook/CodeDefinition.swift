/// One code in a hierarchical codebook, with its definition and its child codes.
///
/// A code is addressed by its *path*: the names from the top of the tree down to it, joined
/// by `/` (for example `social-cure/group-membership/joining`). Its ``id`` stays the same when
/// the code is renamed or moved, so coded segments refer to the id, never to the path.
///
/// ```swift
/// let joining = CodeDefinition(id: "gm-join", name: "joining",
///                              description: "Starting to attend a group.")
/// ```
public struct CodeDefinition: Sendable, Hashable, Codable {
    /// Stable identifier, unique in the codebook. Generated (a lower-case UUID) when a file gives none.
    public var id: String
    /// The code's path segment: non-empty, no `/`, unique among its siblings.
    public var name: String
    /// Optional human-readable title, such as "Social cure processes".
    public var label: String?
    /// Optional display colour as `#RRGGBB` (upper-case hex digits).
    public var colour: String?
    /// What the code means.
    public var description: String?
    /// When to apply the code (inclusion criteria).
    public var include: String?
    /// When not to apply the code (exclusion criteria), often naming the code to use instead.
    public var exclude: String?
    /// Typical quotes or paraphrases that this code captures.
    public var examples: [String]
    /// Words that hint at the code, for searching and auto-coding suggestions.
    public var keywords: [String]
    /// Child codes, in display order.
    public var children: [CodeDefinition]

    /// Creates a code; every field but `id` and `name` is optional.
    public init(
        id: String,
        name: String,
        label: String? = nil,
        colour: String? = nil,
        description: String? = nil,
        include: String? = nil,
        exclude: String? = nil,
        examples: [String] = [],
        keywords: [String] = [],
        children: [CodeDefinition] = []
    ) {
        self.id = id
        self.name = name
        self.label = label
        self.colour = colour
        self.description = description
        self.include = include
        self.exclude = exclude
        self.examples = examples
        self.keywords = keywords
        self.children = children
    }
}
