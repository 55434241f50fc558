import Foundation

extension Codebook {
    /// Checks the rules every codebook keeps, whatever it was read from.
    ///
    /// - Every code has a name that is not blank and has no `/`.
    /// - Sibling names differ when compared as ``CodePath`` segments (ignoring case, and
    ///   treating runs of spaces, `_` and `-` alike).
    /// - Every id is non-blank and unique in the codebook.
    /// - Every colour is `#RRGGBB`.
    /// - Codes nest at most ``maxDepth`` levels.
    ///
    /// - Parameter fileName: Put in front of the error message, when the codebook came from a file.
    /// - Throws: ``CodebookError`` for the first problem, in depth-first order.
    public func validate(fileName: String? = nil) throws(CodebookError) {
        try validate(fileName: fileName, lines: [:])
    }

    /// `validate(fileName:)` with the source lines of each code (keyed by its index path:
    /// positions from the top level down) so errors can name a line.
    func validate(fileName: String?, lines: [[Int]: CodeSourceLines]) throws(CodebookError) {
        var pathByID: [String: String] = [:]

        func check(_ codes: [CodeDefinition], parentPath: String?, indexPath: [Int]) throws(CodebookError) {
            guard indexPath.count < Self.maxDepth || codes.isEmpty else {
                throw CodebookError(.tooDeep(code: parentPath, limit: Self.maxDepth), fileName: fileName, line: nil)
            }
            var siblingByKey: [String: String] = [:]
            for (position, code) in codes.enumerated() {
                let here = indexPath + [position]
                let source = lines[here] ?? CodeSourceLines()
                func fail(_ problem: CodebookError.Problem, line: Int?) -> CodebookError {
                    CodebookError(problem, fileName: fileName, line: line ?? source.code)
                }
                let name = code.name.trimmingCharacters(in: .whitespacesAndNewlines)
                if name.isEmpty {
                    throw fail(.missingName(parent: parentPath, position: position + 1), line: source.name)
                }
                if name.contains("/") {
                    throw fail(.nameContainsSlash(code.name, parent: parentPath), line: source.name)
                }
                let key = CodePath.normalise(name)
                if let existing = siblingByKey[key] {
                    throw fail(.duplicateName(code.name, parent: parentPath, existing: existing), line: source.name)
                }
                siblingByKey[key] = code.name
                let path = parentPath.map { "\($0)/\(code.name)" } ?? code.name

                if code.id.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    throw fail(.emptyID(code: path), line: source.id)
                }
                if let firstPath = pathByID[code.id] {
                    throw fail(.duplicateID(code.id, firstPath: firstPath, secondPath: path), line: source.id)
                }
                pathByID[code.id] = path

                if let colour = code.colour, !Self.isValidColour(colour) {
                    throw fail(.invalidColour(colour, code: path), line: source.colour)
                }
                try check(code.children, parentPath: path, indexPath: here)
            }
        }
        try check(codes, parentPath: nil, indexPath: [])
    }

    /// How deep codes may nest (a theme is level 1). Far beyond any real codebook; it bounds
    /// the recursion of every tree walk over a codebook from an untrusted file.
    public static let maxDepth = 64

    /// Whether `text` is `#` followed by exactly six hexadecimal digits.
    static func isValidColour(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return scalars.count == 7 && scalars[0] == "#" && scalars.dropFirst().allSatisfy {
            ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0)
        }
    }
}

/// The lines in a YAML file where one code and some of its values start, for error messages.
struct CodeSourceLines: Sendable {
    var code: Int?
    var name: Int?
    var id: Int?
    var colour: Int?
}
