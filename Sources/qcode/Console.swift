import ArgumentParser
import Foundation
import QCodeKit

/// Where the CLI writes: data to stdout, messages and errors to stderr.
enum Console {
    /// Writes human-readable text to standard output, ending it with a line break. Control
    /// characters in it are shown as visible escapes (`TerminalSafe`), so project text
    /// cannot drive the terminal.
    static func output(_ text: String) {
        outputExact(TerminalSafe.escape(text))
    }

    /// Writes text to standard output exactly as given, ending it with a line break: for
    /// machine-readable output (YAML, XML) and text already made safe (`show`'s styled transcript).
    static func outputExact(_ text: String) {
        Console.writeOut(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Writes a message (progress, warnings, errors) to standard error, with control
    /// characters shown as visible escapes.
    static func message(_ text: String) {
        Console.writeErr(Data("qcode: \(TerminalSafe.escape(text))\n".utf8))
    }

    /// Writes bytes to standard output. When the reader has gone (`qcode ... | head`), qcode
    /// ends as a program ends when its pipe closes (see ``closedOutput()``).
    static func writeOut(_ data: Data) {
        do { try FileHandle.standardOutput.write(contentsOf: data) } catch { closedOutput() }
    }

    /// Writes bytes to standard error (as ``writeOut(_:)``).
    static func writeErr(_ data: Data) {
        do { try FileHandle.standardError.write(contentsOf: data) } catch { closedOutput() }
    }

    /// The reader of our output went away. SIGPIPE is ignored once a server connection is
    /// made (NIO ignores it for its sockets), so the write failed instead of killing qcode:
    /// remove the temporary files (a team server's working copy holds transcripts), then die
    /// of SIGPIPE as any program writing to a closed pipe does.
    static func closedOutput() -> Never {
        TeamSession.discard()
        TemporaryFiles.removeAllForSignal()
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        exit(141)
    }

    /// Whether `error` is a write to a pipe whose reader has gone (EPIPE).
    static func isClosedOutput(_ error: any Error) -> Bool {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain, error.code == Int(EPIPE) { return true }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.domain == NSPOSIXErrorDomain && underlying.code == Int(EPIPE)
        }
        return false
    }

    /// The project file this run opened, so that an SQLite failure later (a lock held past
    /// the busy timeout, a full disk) can be reported against it.
    nonisolated(unsafe) static var projectPath: String?
    /// The new file this run writes (a copy, a pseudonymised project), which a full disk
    /// is reported against instead of the project.
    nonisolated(unsafe) static var outputPath: String?

    /// True when standard output is a terminal and colour is not disabled by NO_COLOR.
    static var useColour: Bool {
        isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }
}

/// Runs a command body, turning library errors into a one-line message and exit status 1.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch where Console.isClosedOutput(error) {
        Console.closedOutput()
    } catch {
        if let path = Console.projectPath, var plain = ProjectError(sqliteFailure: error, path: path) {
            if case .diskFull(_, let certain) = plain, let output = Console.outputPath {
                plain = .diskFull(output, certain: certain)
            }
            Console.message("error: \(plain)")
        } else if let hint = ErrorHints.hint(for: error) {
            Console.message("error: \(error): \(hint)")
        } else {
            Console.message("error: \(error)")
        }
        throw ExitCode.failure
    }
}
