import Foundation

/// A code path such as `social-cure/group-membership/joining`, compared loosely.
///
/// Segments are separated by `/`; empty segments (from leading, trailing or doubled `/`) are
/// dropped. Two paths are equal when their segments are equal after ``normalise(_:)``: case is
/// ignored and any run of spaces, underscores and hyphens counts as one separator, so
///
/// ```swift
/// CodePath("Social cure/Community belonging") == CodePath("social-cure/community_belonging/")
/// // true
/// ```
public struct CodePath: Sendable, Hashable, CustomStringConvertible {
    /// The segments as written, with surrounding white space removed.
    public let segments: [String]
    /// The segments in the form used for comparison (see ``normalise(_:)``).
    public let keys: [String]

    /// Parses `text`, splitting on `/`.
    public init(_ text: String) {
        self.init(segments: text.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
    }

    /// Creates a path from its segments; blank segments are dropped.
    public init(segments: [String]) {
        let trimmed = segments
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        self.segments = trimmed
        self.keys = trimmed.map(Self.normalise)
    }

    /// The comparison form of one segment: lower case, with each run of white space,
    /// `_` and `-` replaced by a single `-`.
    ///
    /// `normalise("Community  belonging")` is `"community-belonging"`.
    public static func normalise(_ segment: String) -> String {
        var result = ""
        var inSeparator = false
        for character in segment.lowercased() {
            if character.isWhitespace || character == "_" || character == "-" {
                if !inSeparator { result.append("-") }
                inSeparator = true
            } else {
                result.append(character)
                inSeparator = false
            }
        }
        return result
    }

    /// The normalised path, segments joined by `/`.
    public var key: String { keys.joined(separator: "/") }

    /// The last segment as written, or `""` for an empty path.
    public var last: String { segments.last ?? "" }

    /// Whether this path is empty (the text had no segments).
    public var isEmpty: Bool { segments.isEmpty }

    /// Whether `suffix`'s segments equal this path's last segments (whole segments only).
    ///
    /// `CodePath("a/group-membership/joining").hasSuffix(CodePath("Group membership/joining"))` is `true`;
    /// `CodePath("a/community-belonging").hasSuffix(CodePath("belonging"))` is `false`.
    public func hasSuffix(_ suffix: CodePath) -> Bool {
        !suffix.isEmpty && suffix.keys.count <= keys.count && Array(keys.suffix(suffix.keys.count)) == suffix.keys
    }

    /// The path as written, segments joined by `/`.
    public var description: String { segments.joined(separator: "/") }

    public static func == (lhs: CodePath, rhs: CodePath) -> Bool { lhs.keys == rhs.keys }

    public func hash(into hasher: inout Hasher) { hasher.combine(keys) }
}
