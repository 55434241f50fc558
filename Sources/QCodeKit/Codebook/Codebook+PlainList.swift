import Foundation

extension Codebook {
    /// Reads QualCoder's plain-text code list: one code per line, its categories first,
    /// joined by `>>`, then optionally a tab and a memo.
    ///
    /// ```text
    /// code1<TAB>A memo for code 1
    /// cat1>>code2
    /// cat3>>cat2>>code4<TAB>another memo
    /// ```
    ///
    /// gives top-level codes `code1`, `cat1` (child `code2`) and `cat3` (child `cat2`, whose
    /// child is `code4`). Categories become ordinary codes; a memo becomes the code's
    /// description. Codes keep the order in which they first appear. Blank lines are skipped;
    /// Windows line ends and a byte-order mark are accepted.
    ///
    /// - Parameters:
    ///   - text: The file's text.
    ///   - fileName: Used in error messages.
    ///   - makeID: Makes each code's id; by default a lower-case UUID.
    /// - Throws: ``CodebookError`` with the line number, for an empty name (`a>>>>b`), a name
    ///   containing `/`, or the same code listed twice.
    public static func parsePlainList(
        _ text: String, fileName: String, makeID: () -> String = Codebook.makeID
    ) throws(CodebookError) -> Codebook {
        var tree = PlainListTree()
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (offset, rawLine) in lines.enumerated() {
            let lineNumber = offset + 1
            var line = Substring(rawLine)
            if offset == 0, line.first == "\u{FEFF}" { line = line.dropFirst() }
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let memo = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            let names = parts[0].components(separatedBy: ">>").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            do {
                try tree.declare(names, memo: memo.isEmpty ? nil : memo, makeID: makeID)
            } catch {
                throw CodebookError(error.problem, fileName: fileName, line: lineNumber)
            }
        }
        let codebook = Codebook(codes: tree.definitions(of: nil))
        try codebook.validate(fileName: fileName)
        return codebook
    }
}

/// The codes read so far from a plain list, as nodes linked by index.
private struct PlainListTree {
    struct Node {
        var definition: CodeDefinition
        var path: String
        var declared: Bool
        var children: [Int] = []
    }

    var nodes: [Node] = []
    var topLevel: [Int] = []

    /// Adds the code at `names`, creating its categories as needed.
    mutating func declare(_ names: [String], memo: String?, makeID: () -> String) throws(CodebookError) {
        var parent: Int?
        for (depth, name) in names.enumerated() {
            let parentPath = parent.map { nodes[$0].path }
            let siblings = parent.map { nodes[$0].children } ?? topLevel
            guard !name.isEmpty else {
                throw CodebookError(.missingName(parent: parentPath, position: siblings.count + 1))
            }
            guard !name.contains("/") else { throw CodebookError(.nameContainsSlash(name, parent: parentPath)) }
            let isLast = depth == names.count - 1
            let key = CodePath.normalise(name)
            if let existing = siblings.first(where: { CodePath.normalise(nodes[$0].definition.name) == key }) {
                if isLast {
                    guard !nodes[existing].declared else {
                        let existingName = nodes[existing].definition.name
                        throw CodebookError(.duplicateName(name, parent: parentPath, existing: existingName))
                    }
                    nodes[existing].declared = true
                    nodes[existing].definition.description = memo
                }
                parent = existing
                continue
            }
            let path = parentPath.map { "\($0)/\(name)" } ?? name
            let definition = CodeDefinition(id: makeID(), name: name, description: isLast ? memo : nil)
            nodes.append(Node(definition: definition, path: path, declared: isLast))
            let index = nodes.count - 1
            if let parent { nodes[parent].children.append(index) } else { topLevel.append(index) }
            parent = index
        }
    }

    /// The finished definitions under `parent` (the top level when `nil`).
    func definitions(of parent: Int?) -> [CodeDefinition] {
        (parent.map { nodes[$0].children } ?? topLevel).map { index in
            var definition = nodes[index].definition
            definition.children = definitions(of: index)
            return definition
        }
    }
}
