import Foundation
import Yams

extension Codebook {
    /// Reads a codebook in the qcode YAML format (see `yamlString()` for a description).
    ///
    /// Unknown keys are errors, so typos are never silently dropped. Text values are trimmed;
    /// empty ones count as absent. Numbers and booleans written where text is expected are
    /// read as the text written (`name: 2020` is the name "2020"). A code without an `id`
    /// gets a new one from `makeID`. The result is checked with ``validate(fileName:)``.
    ///
    /// - Parameters:
    ///   - text: The YAML text.
    ///   - fileName: Used in error messages, e.g. `social-prescribing.yaml`.
    ///   - makeID: Makes ids for codes that have none; by default a lower-case UUID.
    /// - Throws: ``CodebookError`` with the file name and, where known, the line.
    public static func parseYAML(
        _ text: String, fileName: String, makeID: () -> String = Codebook.makeID
    ) throws(CodebookError) -> Codebook {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (problem, line) = YAMLCodebookReader.explain(error, in: text)
            throw CodebookError(.invalidYAML(problem), fileName: fileName, line: line)
        } catch {
            throw CodebookError(.invalidYAML("\(error)"), fileName: fileName)
        }
        let result = withoutActuallyEscaping(makeID) { makeID in
            var reader = YAMLCodebookReader(fileName: fileName, makeID: makeID)
            return Result { () throws(CodebookError) in (try reader.read(root), reader.lines) }
        }
        let (codebook, lines) = try result.get()
        try codebook.validate(fileName: fileName, lines: lines)
        return codebook
    }
}

/// Turns a composed YAML tree into a ``Codebook``, remembering where each code was.
struct YAMLCodebookReader {
    static let topLevelKeys = ["codebook", "description", "codes"]
    static let codeKeys = [
        "name", "id", "label", "colour", "color", "description", "include", "exclude",
        "examples", "keywords", "children",
    ]

    let fileName: String
    let makeID: () -> String
    /// Source lines of each code, keyed by index path.
    var lines: [[Int]: CodeSourceLines] = [:]

    init(fileName: String, makeID: @escaping () -> String) {
        self.fileName = fileName
        self.makeID = makeID
    }

    mutating func read(_ root: Node?) throws(CodebookError) -> Codebook {
        guard let root else {
            throw fail(.notACodebook("the file is empty; a codebook needs a 'codes' list"), at: nil)
        }
        guard let mapping = root.mapping else {
            throw fail(.notACodebook("the top level should be a mapping with a 'codes' list, not \(Self.kind(of: root))"), at: root)
        }
        try checkKeys(of: mapping, allowed: Self.topLevelKeys, code: nil)
        guard let codesNode = mapping["codes"] else {
            throw fail(.notACodebook("missing 'codes' list at the top level"), at: root)
        }
        return Codebook(
            title: try text(mapping["codebook"], key: "codebook", code: nil),
            description: try text(mapping["description"], key: "description", code: nil),
            codes: try codes(codesNode, key: "codes", parentPath: nil, indexPath: []))
    }

    private mutating func codes(
        _ node: Node, key: String, parentPath: String?, indexPath: [Int]
    ) throws(CodebookError) -> [CodeDefinition] {
        if node.null != nil { return [] }
        // Bounded: a hostile file cannot nest codes deep enough to exhaust the stack.
        guard indexPath.count < Codebook.maxDepth else { throw fail(.tooDeep(code: parentPath, limit: Codebook.maxDepth), at: node) }
        let expected = "a list of codes (each with a 'name')"
        guard let sequence = node.sequence else {
            throw fail(.wrongType(key: key, code: parentPath, expected: expected, found: Self.kind(of: node)), at: node)
        }
        var result: [CodeDefinition] = []
        for (position, element) in sequence.enumerated() {
            guard let mapping = element.mapping else {
                let found = "a list containing \(Self.kind(of: element))"
                throw fail(.wrongType(key: key, code: parentPath, expected: expected, found: found), at: element)
            }
            result.append(try code(mapping, at: element, parentPath: parentPath, indexPath: indexPath + [position]))
        }
        return result
    }

    private mutating func code(
        _ mapping: Node.Mapping, at node: Node, parentPath: String?, indexPath: [Int]
    ) throws(CodebookError) -> CodeDefinition {
        let position = indexPath.last! + 1
        let nameNode = mapping["name"]
        guard let name = try text(nameNode, key: "name", code: parentPath) else {
            throw fail(.missingName(parent: parentPath, position: position), at: nameNode ?? node)
        }
        let path = parentPath.map { "\($0)/\(name)" } ?? name
        try checkKeys(of: mapping, allowed: Self.codeKeys, code: path)

        if mapping["colour"] != nil, mapping["color"] != nil {
            throw fail(.conflictingKeys("colour", "color", code: path), at: mapping["color"])
        }
        let colourNode = mapping["colour"] ?? mapping["color"]
        var colour = try text(colourNode, key: mapping["colour"] != nil ? "colour" : "color", code: path)
        if colourNode != nil, colour == nil {
            throw fail(.invalidColour("", code: path), at: colourNode)
        }
        if let value = colour, Codebook.isValidColour(value) { colour = value.uppercased() }

        let idNode = mapping["id"]
        lines[indexPath] = CodeSourceLines(
            code: node.mark?.line, name: nameNode?.mark?.line, id: idNode?.mark?.line,
            colour: colourNode?.mark?.line)

        return CodeDefinition(
            id: try text(idNode, key: "id", code: path, keepEmpty: true) ?? makeID(),
            name: name,
            label: try text(mapping["label"], key: "label", code: path),
            colour: colour,
            description: try text(mapping["description"], key: "description", code: path),
            include: try text(mapping["include"], key: "include", code: path),
            exclude: try text(mapping["exclude"], key: "exclude", code: path),
            examples: try textList(mapping["examples"], key: "examples", code: path),
            keywords: try textList(mapping["keywords"], key: "keywords", code: path),
            children: try mapping["children"].map { node throws(CodebookError) in
                try codes(node, key: "children", parentPath: path, indexPath: indexPath)
            } ?? [])
    }

    /// Rejects keys not in `allowed`, suggesting a similar known key.
    private func checkKeys(of mapping: Node.Mapping, allowed: [String], code: String?) throws(CodebookError) {
        for key in mapping.keys {
            let name = key.scalar?.string ?? "\(Self.kind(of: key))"
            guard !allowed.contains(name) else { continue }
            let suggestion = allowed
                .map { (key: $0, distance: EditDistance.between($0, name.lowercased())) }
                .filter { $0.distance <= ($0.key.count >= 4 ? max(2, $0.key.count / 3) : 1) }
                .min { $0.distance < $1.distance }?.key
            throw fail(.unknownKey(name, code: code, suggestion: suggestion), at: key)
        }
    }

    /// A text value: trimmed, `nil` when absent, null or (unless `keepEmpty`) empty.
    private func text(_ node: Node?, key: String, code: String?, keepEmpty: Bool = false) throws(CodebookError) -> String? {
        guard let node, node.null == nil else { return nil }
        guard let scalar = node.scalar else {
            throw fail(.wrongType(key: key, code: code, expected: "text", found: Self.kind(of: node)), at: node)
        }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty && !keepEmpty ? nil : value
    }

    /// A list of texts; a single text counts as a list of one. Empty items are dropped.
    private func textList(_ node: Node?, key: String, code: String?) throws(CodebookError) -> [String] {
        guard let node, node.null == nil else { return [] }
        if node.scalar != nil {
            return try text(node, key: key, code: code).map { [$0] } ?? []
        }
        let expected = "text or a list of text"
        guard let sequence = node.sequence else {
            throw fail(.wrongType(key: key, code: code, expected: expected, found: Self.kind(of: node)), at: node)
        }
        var items: [String] = []
        for element in sequence {
            guard element.scalar != nil else {
                let found = "a list containing \(Self.kind(of: element))"
                throw fail(.wrongType(key: key, code: code, expected: expected, found: found), at: element)
            }
            if let item = try text(element, key: key, code: code) { items.append(item) }
        }
        return items
    }

    private func fail(_ problem: CodebookError.Problem, at node: Node?) -> CodebookError {
        CodebookError(problem, fileName: fileName, line: node?.mark?.line)
    }

    /// How a node is described in messages: "a list", "a mapping" or "text".
    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar, .alias: return node.null != nil ? "nothing" : "text"
        }
    }

    /// The parser's problem in one line, and its line number when known.
    static func explain(_ error: YamlError, in text: String) -> (String, Int?) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text))" } ?? ""
            return (problem + during, mark.line)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ("duplicate key \(keys) in one mapping", context.mark.line)
        case .reader(let problem, let offset, _, _):
            let line = offset.map { offset in
                text.utf8.prefix(offset).reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            }
            return (problem, line)
        default:
            return (error.description.split(separator: "\n").first.map(String.init) ?? "\(error)", nil)
        }
    }
}
