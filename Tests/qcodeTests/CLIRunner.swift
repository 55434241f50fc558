import Foundation

/// Runs the built `qcode` binary, as a user would, and captures what it prints.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A fresh working folder for one test.
    let directory: URL

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// The package root (for Transcripts/ and Codebooks/).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The qcode binary beside the test bundle (SwiftPM puts products in one folder).
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("qcode")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/qcode")
    }()

    /// Runs `qcode ARGS` in the test's folder with a clean environment (no colour, no project).
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let running = try Self.launch(arguments, in: directory, environment: extra)
        running.process.waitUntilExit()
        return Result(status: running.process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: running.stdout), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: running.stderr), as: UTF8.self))
    }

    /// Starts `qcode ARGS` in `directory` with a clean environment and returns at once; its
    /// output goes to the two files returned.
    static func launch(
        _ arguments: [String], in directory: URL, environment extra: [String: String] = [:]
    ) throws -> (process: Process, stdout: URL, stderr: URL) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ["PATH": "/usr/bin:/bin", "NO_COLOR": "1", "HOME": directory.path]
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let err = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    /// Runs and requires success, returning stdout.
    @discardableResult
    func ok(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw CLIFailure(arguments: arguments, result: result)
        }
        return result.stdout
    }

    /// A new project `name` holding the shipped samples: the nine transcripts (linked to the
    /// cases their names start with), with `survey` the survey's cases and attributes, the
    /// codebook, and alice's and ben's codings.
    func sampleProject(_ name: String = "demo.qcode", survey: Bool = true) throws {
        try ok(["init", name])
        let transcripts = try FileManager.default.contentsOfDirectory(atPath: sample("Transcripts"))
            .filter { $0.range(of: "^[A-Z]{2}[0-9]{2}_", options: .regularExpression) != nil }
            .sorted().map { sample("Transcripts/\($0)") }
        try ok(["import", "--project", name] + transcripts + ["--case-from", "^([A-Z]{2}[0-9]{2})"])
        if survey {
            try ok(["cases", "import", "--project", name, sample("Transcripts/survey.csv"), "--id", "participant_id"])
        }
        try ok(["codebook", "import", "--project", name, sample("Codebooks/social-prescribing.yaml")])
        try ok(["codings", "import", "--project", name, sample("Transcripts/codings.csv")])
    }

    /// Copies a shipped sample into the test folder.
    func sample(_ relativePath: String) -> String {
        Self.packageRoot.appendingPathComponent(relativePath).path
    }

    /// Writes a file into the test folder and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    /// The bytes of a file in the test folder (to check it is unchanged).
    func bytes(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }
}

struct CLIFailure: Error, CustomStringConvertible {
    var arguments: [String]
    var result: CLIRunner.Result
    var description: String { "qcode \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)" }
}
