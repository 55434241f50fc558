import Foundation

/// Finds codes by what a user types: an id or a (partial) path.
///
/// ```swift
/// let resolver = CodeResolver(codebook.flattened)
/// try resolver.resolve("sc-gm-join")                   // by id
/// try resolver.resolve("social-cure/group-membership/joining")  // by full path
/// try resolver.resolve("Group membership/joining")     // by a unique ending of whole segments
/// ```
///
/// Paths are compared as ``CodePath``s: ignoring case, and treating runs of spaces, `_`
/// and `-` alike.
public struct CodeResolver: Sendable {
    /// The codes, in the order given.
    public let codes: [FlatCode]
    private let paths: [CodePath]
    private let indexByID: [String: Int]
    private let childrenByID: [String: [Int]]

    /// Creates a resolver over `codes` (for example ``Codebook/flattened``, or rows read
    /// from a database). Only `id`, `parentID` and `path` are used for lookups.
    public init(_ codes: [FlatCode]) {
        self.codes = codes
        self.paths = codes.map { CodePath($0.path) }
        var indexByID: [String: Int] = [:]
        var childrenByID: [String: [Int]] = [:]
        for (index, code) in codes.enumerated() {
            indexByID[code.id] = indexByID[code.id] ?? index
            if let parentID = code.parentID { childrenByID[parentID, default: []].append(index) }
        }
        self.indexByID = indexByID
        self.childrenByID = childrenByID
    }

    /// The code that `query` names.
    ///
    /// Tried in turn: an exact id; an exact full path; a path ending with the query's
    /// segments (whole segments: `belonging` matches `outcomes/belonging` but not
    /// `social-cure/community-belonging`) when exactly one code has such a path.
    ///
    /// - Throws: ``CodebookError`` whose problem is
    ///   ``CodebookError/Problem/ambiguousCode(_:matches:)`` (listing the matching paths) or
    ///   ``CodebookError/Problem/unknownCode(_:suggestions:)`` (with up to three near matches).
    /// - Complexity: O(*n*) for *n* codes, plus the suggestions' edit distances on failure.
    public func resolve(_ query: String) throws(CodebookError) -> FlatCode {
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        if let index = indexByID[trimmed] { return codes[index] }
        let path = CodePath(trimmed)
        guard !path.isEmpty else { throw CodebookError(.unknownCode(query, suggestions: [])) }

        let exact = paths.indices.filter { paths[$0] == path }
        if exact.count == 1 { return codes[exact[0]] }
        let matches = exact.isEmpty ? paths.indices.filter { paths[$0].hasSuffix(path) } : exact
        switch matches.count {
        case 1:
            return codes[matches[0]]
        case 0:
            throw CodebookError(.unknownCode(query, suggestions: suggestions(for: path)))
        default:
            throw CodebookError(.ambiguousCode(query, matches: matches.map { codes[$0].path }))
        }
    }

    /// Every code below the code with id `id`, depth-first (children before grandchildren of
    /// the next child); empty when the id is unknown or the code has no children.
    public func descendants(of id: String) -> [FlatCode] {
        var result: [FlatCode] = []
        var visited: Set<String> = [id]
        func visit(_ parentID: String) {
            for index in childrenByID[parentID] ?? [] where visited.insert(codes[index].id).inserted {
                result.append(codes[index])
                visit(codes[index].id)
            }
        }
        visit(id)
        return result
    }
}
