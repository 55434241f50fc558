import ArgumentParser
import Foundation
import QCodeKit
import QCodeServer

/// `--project PATH`: which project file to use.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The project file, or a team server's postgres://ROLE@HOST:PORT/DB (default: $QCODE_PROJECT, else the single *.qcode here).",
        valueName: "path"))
    var project: String?

    /// Opens the chosen project as the coder in $QCODE_CODER (for the audit log), and
    /// prints what opening it did (a migration and its backup).
    func open() throws -> Project {
        let environment = ProcessInfo.processInfo.environment
        StoreHooks.installFromEnvironment(environment)
        if let text = project ?? environment["QCODE_PROJECT"], ServerURL.isServerURL(text) {
            return try TeamSession.open(text, environment: environment)
        }
        let url = try ProjectLocator.locate(explicit: project, environment: environment)
        Console.projectPath = url.path
        let project = try Project.open(at: url, user: environment["QCODE_CODER"].flatMap { $0.isEmpty ? nil : $0 })
        for notice in project.notices { Console.message(notice) }
        return project
    }

    /// Opens the project to compare coders (agree, disagreements, reconcile): on a team
    /// server, only the lead may while the phase is blind.
    func openToCompareCoders() throws -> Project {
        let project = try open()
        try TeamSession.checkMayCompareCoders()
        return project
    }
}

/// `--format table|csv|tsv|json`.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format.")
    var format: OutputFormat = .table

    /// Prints rows in the chosen format; `json` prints `value` instead.
    func print<Value: Encodable>(_ tabular: Tabular, json value: Value) throws {
        switch format {
        case .table: Console.output(tabular.table())
        case .csv: Console.writeOut(Data(tabular.csv().utf8))
        case .tsv: Console.writeOut(Data(tabular.tsv().utf8))
        case .json: try Console.printJSON(value)
        }
    }
}

/// `--coder NAME`, defaulting to $QCODE_CODER.
struct CoderOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The coder (default: $QCODE_CODER).", valueName: "name"), completion: ProjectCompletion.coders)
    var coder: String?

    /// The coder's name, or an error saying how to give one.
    func name() throws -> String {
        if let coder, !coder.isEmpty { return coder }
        if let coder = ProcessInfo.processInfo.environment["QCODE_CODER"], !coder.isEmpty { return coder }
        // On a team server you are your database role.
        if let role = TeamSession.role { return role }
        throw CodingError.noCoder
    }
}

extension Console {
    /// Prints a value as JSON (pretty, keys sorted so output is stable) on stdout.
    static func printJSON<Value: Encodable>(_ value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        // Foundation on Linux prints an empty array or object as "[\n\n]": write "[]" and
        // "{}" as everyone else does (JSON strings hold no raw newline, so this is safe).
        if data.range(of: Data("\n\n".utf8)) != nil {
            let text = String(decoding: data, as: UTF8.self)
                .replacingOccurrences(of: #"\[\n\s*\n\s*\]"#, with: "[]", options: .regularExpression)
                .replacingOccurrences(of: #"\{\n\s*\n\s*\}"#, with: "{}", options: .regularExpression)
            data = Data(text.utf8)
        }
        data.append(0x0A)
        Console.writeOut(data)
    }
}

/// Options that select coded segments (`qcode segments`, `qcode export segments`).
struct SegmentFilterOptions: ParsableArguments {
    @Option(name: .long, help: "Only this code (and its descendants unless --no-children).", completion: ProjectCompletion.codes) var code: String?
    @Flag(name: .customLong("no-children"), help: "With --code: not its descendants.") var noChildren = false
    @Option(name: .long, help: "Only this coder (repeatable).", completion: ProjectCompletion.coders) var coder: [String] = []
    @Option(name: .long, help: "Only this document (repeatable).", completion: ProjectCompletion.documents) var doc: [String] = []
    @Option(name: .customLong("case"), help: "Only this case (repeatable).") var caseName: [String] = []
    @Option(name: .long, help: "Only segments starting in this speaker's turns.") var speaker: String?
    @Option(name: .long, help: ArgumentHelp("Only cases whose attribute has this value (repeatable).", valueName: "attr=value"))
    var `where`: [String] = []

    /// The filter, its values checked against `project` (see ``FilterCheck``): values that
    /// name nothing are reported on stderr with near matches, and select nothing.
    func filter(checkedIn project: Project) throws -> SegmentFilter {
        try FilterCheck.checked(filter(), in: project)
    }

    func filter() throws -> SegmentFilter {
        var filter = SegmentFilter()
        filter.code = code
        filter.includeChildren = !noChildren
        filter.coders = coder
        filter.documents = doc
        filter.cases = caseName
        filter.speaker = speaker
        filter.attributes = try `where`.map { condition in
            guard let equals = condition.firstIndex(of: "="), equals != condition.startIndex else {
                throw SegmentError.badCondition(condition)
            }
            return (String(condition[..<equals]), String(condition[condition.index(after: equals)...]))
        }
        return filter
    }
}
