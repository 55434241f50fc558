import Foundation

/// A hierarchical codebook: an optional title and description, and a forest of codes.
///
/// Read one from a YAML file with ``parseYAML(_:fileName:)``, write it back with
/// ``yamlString()``, list it depth-first with ``flattened`` and rebuild it from such a list
/// (for example rows read from a database) with ``build(fromFlat:title:description:)``.
public struct Codebook: Sendable, Hashable, Codable {
    /// Optional title (the `codebook:` key in YAML).
    public var title: String?
    /// Optional description of the whole codebook.
    public var description: String?
    /// The top-level codes, in display order.
    public var codes: [CodeDefinition]

    /// Creates a codebook.
    public init(title: String? = nil, description: String? = nil, codes: [CodeDefinition] = []) {
        self.title = title
        self.description = description
        self.codes = codes
    }

    /// Makes a new code id: a random UUID string in lower case.
    public static func makeID() -> String {
        UUID().uuidString.lowercased()
    }
}
