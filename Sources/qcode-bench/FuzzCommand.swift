// qcode-bench fuzz: seeded random-mutation fuzzing of every reader (see ParserFuzzer).
//
//   swift run -c release qcode-bench fuzz [--seconds 60] [--seed N] [--parser vtt] [--seeds DIR] [--out DIR]
//
// Seeds are the built-in samples plus the files in Transcripts/ (or --seeds DIR). A crash
// (trap or bad access) saves the input that caused it to OUT/crash-<parser>.bin before the
// process dies; an input running past the time limit is saved to OUT/hang-<parser>.bin by
// a watchdog thread, which then stops the run. Exit status: 0 clean, 1 findings.
import Foundation
import QCodeKit
#if canImport(Glibc)
import Glibc
#endif

/// The input being run, kept where a signal handler can write it out.
nonisolated(unsafe) private var currentBytes: UnsafeMutablePointer<UInt8>?
nonisolated(unsafe) private var currentCount = 0
nonisolated(unsafe) private var currentStart: Double = 0
nonisolated(unsafe) private var crashPath: UnsafeMutablePointer<CChar>?
private let currentLock = NSLock()

enum FuzzCommand {
    static func run(_ arguments: [String]) throws {
        func value(_ name: String) -> String? {
            guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return nil }
            return arguments[index + 1]
        }
        var options = ParserFuzzer.Options()
        options.seconds = Double(value("seconds") ?? "60") ?? 60
        options.seed = UInt64(value("seed") ?? "1") ?? 1
        options.timeLimit = Double(value("time-limit") ?? "2") ?? 2
        if let parser = value("parser") {
            guard let target = ParserFuzzer.Target(rawValue: parser) else {
                fail("unknown parser '\(parser)' (\(ParserFuzzer.Target.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            options.targets = [target]
        }
        let out = URL(fileURLWithPath: value("out") ?? FileManager.default.currentDirectoryPath)
        let seedDirectory = URL(fileURLWithPath: value("seeds") ?? "Transcripts")
        var seeds = ParserFuzzer.builtInSeeds()
        for (target, files) in ParserFuzzer.seeds(inDirectory: seedDirectory) { seeds[target, default: []] += files }

        let capacity = options.maxInputBytes + 16 * 1024 * 1024
        currentBytes = .allocate(capacity: capacity)
        installCrashHandlers(out: out)
        startWatchdog(limit: max(options.timeLimit * 5, 10), out: out)
        options.beforeEach = { target, data in
            currentLock.lock()
            let path = out.appendingPathComponent("crash-\(target.rawValue).bin").path
            crashPath?.deallocate()
            crashPath = strdup(path)
            currentCount = min(data.count, capacity)
            data.copyBytes(to: currentBytes!, count: currentCount)
            currentStart = ProcessInfo.processInfo.systemUptime
            currentLock.unlock()
        }

        print("fuzzing \(options.targets.map(\.rawValue).joined(separator: ", ")) for \(Int(options.seconds!)) s, seed \(options.seed), time limit \(options.timeLimit) s per input")
        var fuzzer = ParserFuzzer(options: options, seeds: seeds)
        let summary = fuzzer.run { print($0) }
        currentLock.lock(); currentStart = 0; currentLock.unlock()
        let total = summary.counts.values.reduce(0) { $0 + $1.rounds }
        print("\(total) inputs, peak resident memory \(summary.peakResidentBytes / 1_048_576) MB, \(summary.findings.count) finding(s)")
        for (index, finding) in summary.findings.enumerated() {
            let file = out.appendingPathComponent("finding-\(finding.target.rawValue)-\(index + 1).bin")
            try finding.input.write(to: file)
            print("\(finding.target.rawValue): \(finding.problem); input saved to \(file.path)")
        }
        if !summary.findings.isEmpty { exit(1) }
    }

    /// Writes the current input to the crash file when the process traps, then dies as it would have.
    private static func installCrashHandlers(out: URL) {
        for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { number in
                saveCurrentInput()
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
            #else
            action.__sigaction_u.__sa_handler = { number in
                saveCurrentInput()
                Darwin.signal(number, SIG_DFL)
                raise(number)
            }
            #endif
            sigaction(signal, &action, nil)
        }
    }

    /// Stops the run when one input has been running for `limit` seconds, saving it.
    private static func startWatchdog(limit: Double, out: URL) {
        let thread = Thread {
            while true {
                Thread.sleep(forTimeInterval: 0.25)
                currentLock.lock()
                let start = currentStart
                if start > 0, ProcessInfo.processInfo.systemUptime - start > limit, let bytes = currentBytes {
                    let name = crashPath.map { String(cString: $0) }?.replacingOccurrences(of: "crash-", with: "hang-") ?? "hang.bin"
                    let data = Data(bytes: bytes, count: currentCount)
                    try? data.write(to: URL(fileURLWithPath: name))
                    print("hang: one input ran over \(Int(limit)) s; saved to \(name)")
                    exit(1)
                }
                currentLock.unlock()
            }
        }
        thread.start()
    }
}

/// Async-signal-safe: open, write, close.
private func saveCurrentInput() {
    guard let path = crashPath, let bytes = currentBytes else { return }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return }
    _ = write(fd, bytes, currentCount)
    close(fd)
    let message = "qcode-bench: crashed; input saved to "
    _ = write(2, message, strlen(message))
    _ = write(2, path, strlen(path))
    _ = write(2, "\n", 1)
}
