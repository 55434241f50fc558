/// A problem with a codebook or a code lookup, with where it was found.
///
/// `description` is one line meant for the user, prefixed with the file name and line when
/// known:
///
/// ```text
/// social-prescribing.yaml: line 12: unknown key 'desciption' in code 'social-cure'; did you mean 'description'?
/// no code 'social-cur/belonging'; did you mean 'social-cure/community-belonging'?
/// ```
public struct CodebookError: Error, Equatable, CustomStringConvertible {
    /// What is wrong.
    public var problem: Problem
    /// The file the codebook came from, when it came from one.
    public var fileName: String?
    /// The 1-based line in that file, when known.
    public var line: Int?

    /// Creates an error.
    public init(_ problem: Problem, fileName: String? = nil, line: Int? = nil) {
        self.problem = problem
        self.fileName = fileName
        self.line = line
    }

    /// The kinds of problem. Code paths in payloads are written `a/b/c`; `nil` means the
    /// top level of the file.
    public enum Problem: Sendable, Equatable {
        /// The text is not valid YAML; the payload is the YAML parser's explanation.
        case invalidYAML(String)
        /// The document does not have the codebook shape (a mapping with a `codes` list).
        case notACodebook(String)
        /// A key this format does not define; `suggestion` is a known key spelled similarly.
        case unknownKey(String, code: String?, suggestion: String?)
        /// A value of the wrong kind, e.g. a list where text is expected.
        case wrongType(key: String, code: String?, expected: String, found: String)
        /// Two keys that mean the same thing were both given (`colour` and `color`).
        case conflictingKeys(String, String, code: String?)
        /// A code without a name, or whose name is only white space; `position` counts from 1.
        case missingName(parent: String?, position: Int)
        /// A code name containing `/`, which separates path segments.
        case nameContainsSlash(String, parent: String?)
        /// Two sibling codes whose names are the same when compared as ``CodePath`` segments.
        case duplicateName(String, parent: String?, existing: String)
        /// An id that is empty or only white space.
        case emptyID(code: String)
        /// The same id given to two codes.
        case duplicateID(String, firstPath: String, secondPath: String)
        /// A colour that is not `#RRGGBB` (an empty value is reported with a hint about quoting).
        case invalidColour(String, code: String)
        /// A flat row whose parent id matches no row.
        case missingParent(id: String, parentID: String)
        /// Flat rows whose parent links go round in a circle; ids in the order of the links.
        case cycle([String])
        /// A code query matching more than one code; the payload lists their paths.
        case ambiguousCode(String, matches: [String])
        /// A code query matching no code, with up to three near matches.
        case unknownCode(String, suggestions: [String])
        /// Codes nested deeper than ``Codebook/maxDepth`` levels; the payload is the parent
        /// path at the limit.
        case tooDeep(code: String?, limit: Int)
    }

    /// The one-line message, prefixed with `file: line N: ` when those are known.
    public var description: String {
        var prefix = ""
        if let fileName { prefix += "\(fileName): " }
        if let line { prefix += "line \(line): " }
        return prefix + problem.message
    }
}

extension CodebookError.Problem {
    /// The message without file or line.
    public var message: String {
        switch self {
        case .invalidYAML(let problem):
            return "not valid YAML: \(problem)"
        case .notACodebook(let problem):
            return problem
        case .unknownKey(let key, let code, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return "unknown key '\(key)' \(Self.place(code))\(hint)"
        case .wrongType(let key, let code, let expected, let found):
            return "'\(key)' \(Self.place(code)) should be \(expected), not \(found)"
        case .conflictingKeys(let first, let second, let code):
            return "both '\(first)' and '\(second)' \(Self.place(code)); keep one"
        case .missingName(let parent, let position):
            return "code \(position) \(Self.under(parent)) has no name"
        case .nameContainsSlash(let name, let parent):
            return "code name '\(name)' \(Self.under(parent)) contains '/'; use children for sub-codes"
        case .duplicateName(let name, let parent, let existing):
            let same = name == existing ? "" : " (same as '\(existing)')"
            return "duplicate code name '\(name)' \(Self.under(parent))\(same)"
        case .emptyID(let code):
            return "empty id in code '\(code)'"
        case .duplicateID(let id, let firstPath, let secondPath):
            return "duplicate id '\(id)' in codes '\(firstPath)' and '\(secondPath)'"
        case .invalidColour(let value, let code) where value.isEmpty:
            return "empty colour in code '\(code)'; quote it, as in colour: \"#1B9E77\" (a bare # starts a comment)"
        case .invalidColour(let value, let code):
            return "bad colour '\(value)' in code '\(code)'; expected \"#RRGGBB\", e.g. \"#1B9E77\""
        case .missingParent(let id, let parentID):
            return "code '\(id)' has parent '\(parentID)', which is not in the codebook"
        case .cycle(let ids):
            return "codes form a cycle: \((ids + ids.prefix(1)).joined(separator: " -> "))"
        case .ambiguousCode(let query, let matches):
            return "code '\(query)' is ambiguous: \(matches.joined(separator: ", "))"
        case .unknownCode(let query, let suggestions):
            guard !suggestions.isEmpty else { return "no code '\(query)'" }
            let quoted = suggestions.map { "'\($0)'" }
            let list = quoted.count == 1
                ? quoted[0]
                : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
            return "no code '\(query)'; did you mean \(list)?"
        case .tooDeep(let code, let limit):
            return "codes are nested more than \(limit) levels deep\(code.map { " below '\($0.prefix(120))'" } ?? "")"
        }
    }

    private static func place(_ code: String?) -> String {
        code.map { "in code '\($0)'" } ?? "at the top level"
    }

    private static func under(_ parent: String?) -> String {
        parent.map { "under '\($0)'" } ?? "at the top level"
    }
}
