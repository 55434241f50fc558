import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode codebook ...`
    struct CodebookCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codebook",
            abstract: "Manage the hierarchical codebook.",
            discussion: """
                Codes are named by path, e.g. social-cure/community-belonging; a unique suffix \
                (community-belonging) or the code's id works too. Segments compare ignoring case, \
                and spaces, hyphens and underscores alike.
                """,
            subcommands: [ImportFile.self, Export.self, ShowCodes.self, Tree.self, Add.self, Set.self, Rename.self, Move.self, Merge.self,
                          Remove.self],
            defaultSubcommand: Tree.self)
    }
}

extension QCode.CodebookCommand {
    /// `qcode codebook import FILE`
    struct ImportFile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add or update codes from a YAML codebook, a REFI-QDA .qdc, or a QualCoder 'a>>b' list.",
            discussion: "Codes match existing ones by id, else by path; codes not in the file are kept.")

        @OptionGroup var projectOptions: ProjectOptions

        @Argument(help: "A codebook file (.yaml, .yml, or .txt with one 'parent>>child<TAB>memo' per line).")
        var file: String

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                let url = URL(fileURLWithPath: file)
                let name = url.lastPathComponent
                if url.pathExtension.lowercased() == "qdc" {
                    return try QCode.RefiCommand.importCodebook(project, url: url)
                }
                let data: Data
                do { data = try Data(contentsOf: url) } catch { throw ImportError(file: file, reason: "cannot be read") }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw ImportError(file: file, reason: "not UTF-8 text")
                }
                let codebook = url.pathExtension.lowercased() == "txt"
                    ? try Codebook.parsePlainList(text, fileName: name)
                    : try Codebook.parseYAML(text, fileName: name)
                let report = try project.importCodebook(codebook, source: name)
                Console.message("\(report.added) code(s) added, \(report.updated) updated, \(report.unchanged) unchanged")
            }
        }
    }

    /// `qcode codebook export`
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the codebook as YAML (stdout, or --out FILE).")

        @OptionGroup var projectOptions: ProjectOptions

        @Option(name: .long, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
        var out: String?

        func run() throws {
            try runReportingErrors {
                let yaml = try projectOptions.open().codebook().yamlString()
                if let out {
                    try Data(yaml.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
                    Console.message("wrote \(out)")
                } else {
                    Console.outputExact(yaml)
                }
            }
        }
    }

    /// `qcode codebook show [CODE]`
    struct ShowCodes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "List codes with their definitions, or show one code's whole definition.",
            discussion: """
                With a code: its path, id, label, colour, description, include and exclude, \
                examples, keywords, parent and children, and each coder's codings of it (of the \
                code itself, and with its children). Without: every code (JSON is nested).

                Examples:
                  qcode codebook show social-cure/loneliness-isolation
                  qcode codebook show loneliness-isolation --format json
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions

        @Argument(help: "The code: its path, a unique path suffix, or its id (default: list every code).", completion: ProjectCompletion.codes)
        var code: String?

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                if let code {
                    return try show(try project.codeDetails(code))
                }
                let codes = try project.codes()
                let table = Tabular(
                    headers: ["path", "id", "label", "description"],
                    rows: codes.map { [$0.path, $0.id, $0.label ?? "", $0.description ?? ""] })
                try formatOptions.print(table, json: CodeJSON.tree(try project.codebook()))
            }
        }

        /// One code: a field per line for people, field/value rows for csv and tsv.
        private func show(_ details: CodeDetails) throws {
            let code = details.code
            var fields: [(String, [String])] = [
                ("path", [code.path]), ("id", [code.id]), ("label", [code.label ?? ""]), ("colour", [code.colour ?? ""]),
                ("description", [code.description ?? ""]), ("include", [code.include ?? ""]),
                ("exclude", [code.exclude ?? ""]), ("examples", code.examples),
                ("keywords", [code.keywords.joined(separator: ", ")]),
                ("parent", [details.parent ?? ""]), ("children", details.children),
            ]
            fields.append(("codings", details.coders.map { "\($0.coder): \($0.codings) (\($0.withChildren) with children)" }
                           + ["total: \(details.codings) (\(details.withChildren) with children)"]))
            guard formatOptions.format == .table else {
                let rows = fields.map { [$0.0, $0.1.joined(separator: "\n")] }
                return try formatOptions.print(Tabular(headers: ["field", "value"], rows: rows), json: details)
            }
            let width = fields.map(\.0.count).max()! + 2
            var lines: [String] = []
            for (name, values) in fields {
                let label = name.padding(toLength: width, withPad: " ", startingAt: 0)
                let shown: [String] = values.isEmpty
                    ? [""] : values.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
                for (index, value) in shown.enumerated() {
                    let line = (index == 0 ? label : String(repeating: " ", count: width)) + value
                    lines.append(String(line.reversed().drop(while: { $0 == " " }).reversed()))
                }
            }
            Console.output(lines.joined(separator: "\n"))
        }
    }

    /// `qcode codebook tree`
    struct Tree: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the code tree with counts of codings (own/with children).")

        @OptionGroup var projectOptions: ProjectOptions

        @OptionGroup var formatOptions: FormatOptions

        @Option(name: .long, help: ArgumentHelp("Count only this coder's codings.", valueName: "name"))
        var coder: String?

        struct CountJSON: Encodable {
            var path: String
            var label: String?
            var codings: Int
            var withChildren: Int

            enum CodingKeys: String, CodingKey { case path, label, codings, withChildren = "with_children" }

            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(path, forKey: .path)
                try container.encode(label, forKey: .label)
                try container.encode(codings, forKey: .codings)
                try container.encode(withChildren, forKey: .withChildren)
            }
        }

        func run() throws {
            try runReportingErrors {
                let counts = try projectOptions.open().codeCounts(coder: coder)
                if counts.isEmpty {
                    Console.message("the codebook is empty: add codes with 'qcode codebook import FILE' or 'qcode codebook add PATH'")
                }
                if formatOptions.format != .table {
                    let table = Tabular(headers: ["path", "label", "codings", "with_children"],
                                        rows: counts.map { [$0.code.path, $0.code.label ?? "", String($0.own), String($0.total)] })
                    try formatOptions.print(table, json: counts.map {
                        CountJSON(path: $0.code.path, label: $0.code.label, codings: $0.own, withChildren: $0.total)
                    })
                    return
                }
                if counts.isEmpty { return }
                let lines = counts.map { count -> String in
                    let indent = String(repeating: "  ", count: count.code.depth)
                    let label = count.code.label.map { "  \($0)" } ?? ""
                    let tally = count.total == count.own ? "\(count.total)" : "\(count.own)/\(count.total)"
                    return "\(indent)\(count.code.name)\(label)  (\(tally))"
                }
                Console.output(lines.joined(separator: "\n"))
            }
        }
    }

    /// `qcode codebook add PATH`
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a code (its parent must exist).")

        @OptionGroup var projectOptions: ProjectOptions

        @Argument(help: "The new code's path, e.g. social-cure/peer-support.")
        var path: String

        @Option(name: .long, help: "Human-readable title.") var label: String?
        @Option(name: .long, help: "Definition.") var description: String?
        @Option(name: .long, help: "When to use it.") var include: String?
        @Option(name: .long, help: "When not to use it.") var exclude: String?
        @Option(name: .long, help: "An example quote (repeatable).") var example: [String] = []
        @Option(name: .long, help: "A keyword (repeatable).") var keyword: [String] = []
        @Option(name: .long, help: "Colour as #RRGGBB.") var colour: String?
        @Option(name: .long, help: "A stable id (default: generated).") var id: String?

        func run() throws {
            try runReportingErrors {
                let definition = CodeDefinition(
                    id: id ?? "", name: CodePath(path).last, label: label, colour: colour, description: description,
                    include: include, exclude: exclude, examples: example, keywords: keyword)
                let added = try projectOptions.open().addCode(path: path, definition: definition)
                Console.message("added \(added.path) (id \(added.id))")
            }
        }
    }

    /// `qcode codebook set CODE --label ...`
    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Edit a code's definition in place; its id, path and codings stay.",
            discussion: """
                Give any of the options; an empty value clears that field. Prints each field \
                it changed.
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The code: its path, a unique path suffix, or its id.", completion: ProjectCompletion.codes) var code: String

        @Option(name: .long, help: "Human-readable title.") var label: String?
        @Option(name: .long, help: "Definition.") var description: String?
        @Option(name: .long, help: "When to use it.") var include: String?
        @Option(name: .long, help: "When not to use it.") var exclude: String?
        @Option(name: .long, help: "Colour as #RRGGBB.") var colour: String?
        @Option(name: .long, help: ArgumentHelp("Keywords, comma-separated (replacing the old ones).", valueName: "list"))
        var keywords: String?

        var edits: CodeFieldEdits {
            CodeFieldEdits(label: label, description: description, include: include, exclude: exclude, colour: colour,
                           keywords: keywords.map { $0.split(separator: ",").map(String.init) })
        }

        func validate() throws {
            if edits.isEmpty {
                throw ValidationError("give at least one of --label, --description, --include, --exclude, --colour, --keywords")
            }
        }

        func run() throws {
            try runReportingErrors {
                let result = try projectOptions.open().setCodeFields(code, edits)
                if result.changes.isEmpty {
                    Console.message("\(result.path): nothing changed")
                }
                for change in result.changes {
                    if let after = change.after {
                        Console.message("\(result.path): \(change.field) set to \"\(after)\"")
                    } else {
                        Console.message("\(result.path): \(change.field) cleared")
                    }
                }
            }
        }
    }

    /// `qcode codebook rename PATH NAME`
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a code; its codings stay.")

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The code.") var code: String
        @Argument(help: "Its new name (last path segment).") var name: String

        func run() throws {
            try runReportingErrors {
                let (old, new) = try projectOptions.open().renameCode(code, to: name)
                Console.message("renamed \(old) to \(new)")
            }
        }
    }

    /// `qcode codebook move PATH PARENT`
    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a code and its children under another code (or to the top with --top).")

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The code.") var code: String
        @Argument(help: "The new parent.") var parent: String?
        @Flag(name: .long, help: "Move to the top level.") var top = false

        func validate() throws {
            if (parent == nil) == !top { throw ValidationError("give a new parent or --top") }
        }

        func run() throws {
            try runReportingErrors {
                let (old, new) = try projectOptions.open().moveCode(code, under: top ? nil : parent)
                Console.message("moved \(old) to \(new)")
            }
        }
    }

    /// `qcode codebook merge A B`
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge code A into code B: A's codings and children move to B, then A is removed.")

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The code to merge away.") var source: String
        @Argument(help: "The code that receives its codings.") var target: String

        func run() throws {
            try runReportingErrors {
                let result = try projectOptions.open().mergeCode(source, into: target)
                Console.message("merged \(result.from) into \(result.into) (\(result.codings) coding(s) moved)")
            }
        }
    }

    /// `qcode codebook remove PATH`
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a code and its children; refuses while they hold codings unless --force.")

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The code.") var code: String
        @Flag(name: .long, help: "Also delete the codings of the code and its children.") var force = false

        func run() throws {
            try runReportingErrors {
                let result: (path: String, codes: Int, codings: Int)
                do {
                    result = try projectOptions.open().removeCode(code, force: force)
                } catch let error as CodebookEditError {
                    guard case .codedCodes(let path, let codings) = error else { throw error }
                    throw CommandError("code '\(path)' and its children hold \(codings) coding(s); use --force to remove them too, or 'qcode codebook merge' to keep them")
                }
                let lost = result.codings > 0 ? "; \(result.codings) coding(s) deleted" : ""
                Console.message("removed \(result.path) (\(result.codes) code(s)\(lost))")
            }
        }
    }
}

/// The `qcode codebook show --format json` contract: nested codes.
struct CodeJSON: Encodable {
    var id: String
    var name: String
    var path: String
    var label: String?
    var description: String?
    var include: String?
    var exclude: String?
    var examples: [String]
    var keywords: [String]
    var colour: String?
    var children: [CodeJSON]

    static func tree(_ codebook: Codebook) -> [CodeJSON] {
        func build(_ codes: [CodeDefinition], parent: String?) -> [CodeJSON] {
            codes.map { code in
                let path = parent.map { "\($0)/\(code.name)" } ?? code.name
                return CodeJSON(id: code.id, name: code.name, path: path, label: code.label, description: code.description,
                                include: code.include, exclude: code.exclude, examples: code.examples, keywords: code.keywords,
                                colour: code.colour, children: build(code.children, parent: path))
            }
        }
        return build(codebook.codes, parent: nil)
    }
}

/// An error whose message names the command's own options (library errors never do).
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
