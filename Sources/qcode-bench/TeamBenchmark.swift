import Foundation
import QCodeKit
import QCodeServer

/// The team server under load (issue 12), against a PostgreSQL cluster on loopback:
///
/// 1. `--coders` (8) coder processes at once, each making `--calls` (60) separate `qcode code`
///    calls one after another (each a whole process: pull, code, push);
/// 2. `--sessions` (20) coders in long-lived sessions (one ``ServerWorkingCopy`` each, on its
///    own thread), each making `--session-codings` (500) codings one at a time, pushing each;
/// 3. `qcode segments` and `qcode agree` as whole processes on a `--files` (1,000) transcript,
///    `--codings` (150,000) coding project: local file vs `--project URL` after publishing.
///
/// Every part works in a database of its own (dropped at the end), owned by a fresh lead role
/// (not a superuser: row-level security binds it); the coder roles are `coder1`, `coder2`, ...
///
///     qcode-bench team [--server SUPERUSER_URL] [--only processes|sessions|scale] [--keep]
enum TeamBenchmark {
    static func run(_ arguments: [String]) throws {
        func value(_ name: String) -> String? {
            guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return nil }
            return arguments[index + 1]
        }
        func number(_ name: String, _ fallback: Int) -> Int { value(name).flatMap(Int.init) ?? fallback }
        guard let text = value("server") ?? ProcessInfo.processInfo.environment["QCODE_BENCH_PG"] else {
            throw BenchError("team: no PostgreSQL server: give --server postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable or set QCODE_BENCH_PG (start a throwaway one with: Scripts/test-server.sh start DIR)")
        }
        let cluster = try BenchCluster(superuser: try ServerURL(parsing: text, environment: ProcessInfo.processInfo.environment))
        // --keep leaves the databases (and the scale part's local file) for profiling.
        let keep = arguments.contains("--keep")
        defer { if !keep { cluster.dropDatabases() } }
        let only = value("only")
        if only == nil || only == "processes" {
            try processes(cluster, coders: number("coders", 8), calls: number("calls", 60))
        }
        if only == nil || only == "sessions" {
            try sessions(cluster, coders: number("sessions", 20), codings: number("session-codings", 500))
        }
        if only == nil || only == "scale" {
            try scale(cluster, files: number("files", 1000), codings: number("codings", 150_000), keep: keep)
        }
    }

    // MARK: 1. many `qcode code` processes at once

    static func processes(_ cluster: BenchCluster, coders: Int, calls: Int) throws {
        let qcode = try qcodeBinary()
        let (team, setup) = try Measure.seconds { try cluster.smallTeam(name: "processes", coders: coders) }
        let roles = team.coders
        let collector = Collector()
        let (_, wall) = Measure.seconds {
            runThreads(roles.count) { worker in
                let role = roles[worker]
                let url = cluster.urlText(role: role, database: team.database)
                for call in 0..<calls {
                    let (document, code, turn) = team.target(call)
                    let (result, seconds) = Measure.seconds {
                        runProcess(qcode, ["code", document, code, "--turns", String(turn), "--project", url])
                    }
                    collector.add(seconds, failure: result.status == 0 ? nil : "\(role) call \(call + 1): exit \(result.status): \(result.stderr)")
                }
            }
        }
        let counts = try cluster.codingCounts(team.database)
        let expected = Dictionary(uniqueKeysWithValues: roles.map { ($0, calls) })
        let landed = counts.values.reduce(0, +)
        print("team processes: \(roles.count) coders × \(calls) `qcode code --project URL` calls at once "
              + "(project of \(team.documents.count) transcripts, \(team.codes.count) codes; set up in \(Measure.format(setup)))")
        print("  \(landed) of \(roles.count * calls) codings landed (\(counts == expected ? "\(calls) per coder, checked as superuser" : "per coder: \(describe(counts))")); "
              + "\(collector.failures.count) calls failed\(collector.failures.first.map { " (first: \($0))" } ?? "")")
        print("  wall \(Measure.format(wall)); one coding (whole process): \(collector.summary())")
    }

    // MARK: 2. long-lived sessions, one push per coding

    static func sessions(_ cluster: BenchCluster, coders: Int, codings: Int) throws {
        let (team, setup) = try Measure.seconds { try cluster.smallTeam(name: "sessions", coders: coders) }
        let roles = team.coders
        let opening = Collector()
        let coding = Collector()
        let ready = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for _ in roles { ready.enter() }
        let clock = Clock()
        let (_, wall) = Measure.seconds {
            runThreads(roles.count, meanwhile: {
                // Every copy is open: the codings start together.
                ready.wait()
                clock.reset()
                for _ in roles { start.signal() }
            }) { worker in
                let role = roles[worker]
                var copy: ServerWorkingCopy?
                do {
                    let (opened, seconds) = try Measure.seconds { try ServerWorkingCopy.open(cluster.url(role: role, database: team.database)) }
                    opening.add(seconds, failure: nil)
                    copy = opened
                } catch {
                    opening.add(0, failure: "\(role) open: \(error)")
                }
                ready.leave()
                start.wait()
                guard let copy else { return }
                defer { copy.close() }
                for index in 0..<codings {
                    let (document, code, turn) = team.target(index)
                    do {
                        let (change, seconds) = try Measure.seconds { () -> CodingChange in
                            let change = try copy.project.code(document: document, code: code, coder: role,
                                                               selection: Selection(.turns(turn...turn)))
                            try copy.push()
                            return change
                        }
                        coding.add(seconds, failure: change.changed.count == 1 ? nil : "\(role) coding \(index + 1): \(change.changed.count) added")
                    } catch {
                        coding.add(0, failure: "\(role) coding \(index + 1): \(error)")
                    }
                }
            }
        }
        let codingWall = clock.seconds
        let counts = try cluster.codingCounts(team.database)
        let expected = Dictionary(uniqueKeysWithValues: roles.map { ($0, codings) })
        let landed = counts.values.reduce(0, +)
        print("team sessions: \(roles.count) coders in long-lived sessions (ServerWorkingCopy, one thread each) × \(codings) codings, "
              + "push after each (set up in \(Measure.format(setup)))")
        print("  opening the \(roles.count) working copies at once: \(opening.summary())")
        print("  \(landed) of \(roles.count * codings) codings landed (\(counts == expected ? "\(codings) per coder, checked as superuser" : "per coder: \(describe(counts))")); "
              + "\(coding.failures.count) failed\(coding.failures.first.map { " (first: \($0))" } ?? "")")
        print("  throughput \(String(format: "%.0f", Double(landed) / codingWall)) codings/s (\(Measure.format(codingWall)) from all open to the last push; "
              + "\(Measure.format(wall)) with opening); one coding (code + push): \(coding.summary())")
    }

    // MARK: 3. a large project: local file vs server

    static func scale(_ cluster: BenchCluster, files: Int, codings: Int, keep: Bool) throws {
        let qcode = try qcodeBinary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-bench-\(UUID().uuidString)")
        defer { if !keep { try? FileManager.default.removeItem(at: directory) } }
        let (project, building) = try Measure.seconds { () throws -> Project in
            let project = try BenchmarkSeeding.project(in: directory, documents: files)
            try BenchmarkSeeding.codings(project, count: codings, coders: 3)
            return project
        }
        let file = project.url.path
        let database = try cluster.createDatabase("scale")
        let lead = database.lead
        let (_, publishing) = try Measure.seconds { try TeamServer.publish(project, to: cluster.url(role: lead, database: database.name)) }
        let server = cluster.urlText(role: lead, database: database.name)
        print("team scale: \(files) transcripts, \(codings) codings by 3 coders built in \(Measure.format(building)); "
              + "published in \(Measure.format(publishing))")
        let commands: [(name: String, arguments: [String])] = [
            ("segments --format json", ["segments", "--format", "json"]),
            ("agree --coders coder1,coder2 --format json", ["agree", "--coders", "coder1,coder2", "--format", "json"]),
        ]
        var outputs: [String: [Data]] = [:]
        for command in commands {
            var times: [String: Double] = [:]
            for (place, target) in [("local file", file), ("server", server)] {
                var runs: [Double] = []
                for _ in 0..<3 {
                    let (result, seconds) = Measure.seconds { runProcess(qcode, command.arguments + ["--project", target], keepOutput: true) }
                    guard result.status == 0 else {
                        throw BenchError("team scale: qcode \(command.name) on the \(place) failed: \(result.stderr)")
                    }
                    runs.append(seconds)
                    if runs.count == 1 { outputs[command.name, default: []].append(result.stdout) }
                }
                times[place] = runs.sorted()[1]
                print("  qcode \(command.name) --project \(place == "server" ? "URL" : "FILE"): median of 3 \(Measure.format(runs.sorted()[1])) "
                      + "(runs \(runs.map { String(format: "%.2f", $0) }.joined(separator: ", ")) s)")
            }
            let ratio = times["server"]! / times["local file"]!
            let same = Set(outputs[command.name]!).count == 1
            print("  → server / local: \(String(format: "%.2fx", ratio)) (target at most 3x: \(ratio <= 3 ? "met" : "MISSED")); "
                  + "outputs \(same ? "byte-identical" : "DIFFER") (\(outputs[command.name]![0].count) bytes)")
        }
        // Where the server's time goes: the snapshot read (pull = read + write), the working copy
        // written from the same rows, the command's own work on it.
        let url = cluster.url(role: lead, database: database.name)
        let (pulled, pulling) = try Measure.seconds { try TeamServer.pull(url, to: directory.appendingPathComponent("pulled.qcode")) }
        let (images, imaging) = try Measure.seconds { try pulled.tableImages() }
        let (copy, writing) = try Measure.seconds {
            try Project.create(at: directory.appendingPathComponent("copy.qcode"), from: images, user: lead)
        }
        let (_, listing) = try Measure.seconds {
            let sink = ByteSink(handle: FileHandle(forWritingAtPath: "/dev/null")!)
            try copy.exportSegments(format: .json, to: sink)
            try sink.flush()
        }
        let (_, opening) = try Measure.seconds { try ServerWorkingCopy.open(url).close() }
        print("  server breakdown (in-process): ServerWorkingCopy.open + close \(Measure.format(opening)); "
              + "TeamServer.pull \(Measure.format(pulling)) of which Project.create(at:from:) of its \(images.reduce(0) { $0 + $1.rows.count }) rows "
              + "\(Measure.format(writing)) (so the server read about \(Measure.format(max(0, pulling - writing))); reading them back locally \(Measure.format(imaging))); "
              + "segments as json on the copy \(Measure.format(listing))")
        if keep { print("  kept: \(file) and \(server)") }
        print("peak memory \(String(format: "%.0f", Measure.peakMegabytes())) MB")
    }

    // MARK: helpers

    /// The release `qcode` beside this `qcode-bench`.
    static func qcodeBinary() throws -> URL {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("qcode")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw BenchError("team: no qcode binary at \(binary.path) (build it: swift build -c release --product qcode)")
        }
        return binary
    }

    struct ProcessResult {
        var status: Int32
        var stdout = Data()
        var stderr = ""
    }

    /// Runs `binary` to the end; stdout is kept only when asked (else it goes to /dev/null).
    static func runProcess(_ binary: URL, _ arguments: [String], keepOutput: Bool = false) -> ProcessResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = keepOutput ? output : FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return ProcessResult(status: -1, stderr: "\(error)") }
        // Read while it runs: a large output would fill the pipe and stall the child.
        let collected = Data(), errorText = Data()
        let box = OutputBox(stdout: collected, stderr: errorText)
        let readers = DispatchGroup()
        if keepOutput {
            readers.enter()
            DispatchQueue.global().async { box.setStdout(output.fileHandleForReading.readDataToEndOfFile()); readers.leave() }
        }
        readers.enter()
        DispatchQueue.global().async { box.setStderr(errors.fileHandleForReading.readDataToEndOfFile()); readers.leave() }
        process.waitUntilExit()
        readers.wait()
        let message = String(decoding: box.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return ProcessResult(status: process.terminationStatus, stdout: box.stdout,
                             stderr: message.split(separator: "\n").last.map(String.init) ?? "")
    }

    final class OutputBox: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var stdout: Data
        private(set) var stderr: Data
        init(stdout: Data, stderr: Data) { self.stdout = stdout; self.stderr = stderr }
        func setStdout(_ data: Data) { lock.withLock { stdout = data } }
        func setStderr(_ data: Data) { lock.withLock { stderr = data } }
    }

    /// Runs `body(0..<count)` on `count` threads of their own (blocking work: not GCD's pool,
    /// which would run only as many at once as there are cores), runs `meanwhile` on this
    /// thread, and waits for all.
    static func runThreads(_ count: Int, meanwhile: () -> Void = {}, _ body: @escaping @Sendable (Int) -> Void) {
        let done = DispatchGroup()
        for worker in 0..<count {
            done.enter()
            let thread = Thread { body(worker); done.leave() }
            thread.stackSize = 1 << 22
            thread.start()
        }
        meanwhile()
        done.wait()
    }

    static func describe(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}

/// Latencies and failures gathered from many threads.
final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: [Double] = []
    private(set) var failures: [String] = []

    func add(_ value: Double, failure: String?) {
        lock.withLock {
            if let failure { failures.append(failure) } else { seconds.append(value) }
        }
    }

    /// `median 0.123 s, p99 0.456 s, max 0.789 s (n)`: nearest-rank percentiles.
    func summary() -> String {
        let sorted = lock.withLock { seconds.sorted() }
        guard !sorted.isEmpty else { return "no successful runs" }
        func rank(_ p: Double) -> Double { sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)] }
        return "median \(Measure.format(rank(0.5))), p99 \(Measure.format(rank(0.99))), max \(Measure.format(sorted.last!)) (\(sorted.count) timed)"
    }
}

/// A start time shared between threads.
final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var start = DispatchTime.now().uptimeNanoseconds
    func reset() { lock.withLock { start = DispatchTime.now().uptimeNanoseconds } }
    var seconds: Double { lock.withLock { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 } }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The PostgreSQL cluster the benchmark runs on, reached as its superuser.
final class BenchCluster: @unchecked Sendable {
    let superuser: ServerURL
    /// Tells this run's databases and lead roles from any earlier run's.
    let suffix = String(UUID().uuidString.prefix(8)).lowercased()
    private var databases: [String] = []

    init(superuser: ServerURL) throws {
        self.superuser = superuser
        let connection = try ServerConnection.connect(superuser)
        connection.close()
    }

    /// A team project: `coders` roles `coder1`..., on a project of 20 transcripts and the
    /// benchmark codebook (6 themes × 10 codes), published by a fresh lead.
    struct Team {
        var database: String
        var lead: String
        var coders: [String]
        var documents: [String]
        var codes: [String]
        var turns: Int

        /// The `index`th coding a coder makes: each (document, code) pair at most once per
        /// coder (20 documents × 60 codes), on a participant turn.
        func target(_ index: Int) -> (document: String, code: String, turn: Int) {
            let document = index % documents.count
            let code = (index / documents.count) % codes.count
            return (documents[document], codes[code], 2 * (1 + (index * 7) % (turns / 2 - 1)))
        }
    }

    func smallTeam(name: String, coders: Int) throws -> Team {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let project = try BenchmarkSeeding.project(in: directory, documents: 20)
        let documents = try project.documents()
        let database = try createDatabase(name)
        let lead = url(role: database.lead, database: database.name)
        _ = try TeamServer.publish(project, to: lead)
        let roles = (1...coders).map { "coder\($0)" }
        for role in roles { try TeamServer.addMember(role, access: .coder, password: nil, at: lead) }
        return Team(database: database.name, lead: database.lead, coders: roles, documents: documents.map(\.name),
                    codes: try project.codes().filter { $0.depth == 1 }.map(\.id), turns: try minimumTurns(project))
    }

    private func minimumTurns(_ project: Project) throws -> Int {
        try project.projectStatus().documents.map(\.turns).min() ?? 2
    }

    /// A new database owned by a new lead role (CREATEROLE, not a superuser).
    func createDatabase(_ name: String) throws -> (name: String, lead: String) {
        let database = "qcode_bench_\(name)_\(suffix)", lead = "bench_lead_\(name)_\(suffix)"
        let connection = try ServerConnection.connect(superuser)
        defer { connection.close() }
        try ServerStore(connection).createLeadAndDatabase(lead: lead, database: database)
        databases.append(database)
        return (database, lead)
    }

    func url(role: String, database: String) -> ServerURL {
        var url = superuser
        url.role = role
        url.database = database
        return url
    }

    /// The URL as a command line names it.
    func urlText(role: String, database: String) -> String {
        "postgres://\(role)@\(superuser.host):\(superuser.port)/\(database)?sslmode=\(superuser.tls.rawValue)"
    }

    /// Codings per coder, counted as the superuser (row-level security does not hide any).
    func codingCounts(_ database: String) throws -> [String: Int] {
        var admin = superuser
        admin.database = database
        let connection = try ServerConnection.connect(admin)
        defer { connection.close() }
        return try ServerStore(connection).codingCountsByCoder()
    }

    /// Drops this run's databases and lead roles (the coder roles stay: other databases may use them).
    func dropDatabases() {
        guard let connection = try? ServerConnection.connect(superuser) else { return }
        defer { connection.close() }
        let store = ServerStore(connection)
        for database in databases {
            let lead = database.replacingOccurrences(of: "qcode_bench_", with: "bench_lead_")
            try? store.dropDatabaseAndRole(database: database, role: lead)
        }
    }
}
