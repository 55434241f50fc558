import ArgumentParser
import Foundation
import QCodeKit

/// The `qcode` command: a thin shell over QCodeKit.
@main
struct QCode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qcode",
        abstract: "Code interview transcripts and measure inter-coder agreement.",
        discussion: """
            A project is one SQLite file (NAME.qcode). Commands find it by --project PATH, \
            else $QCODE_PROJECT, else the single *.qcode file in the current folder. A team's \
            project on a PostgreSQL server is named by postgres://ROLE@HOST:PORT/DB in the same \
            places (see 'qcode team --help').
            Text offsets are Unicode scalar (code point) offsets into the stored, \
            NFC-normalised text, as Python's str indexes it; end offsets are exclusive.
            """,
        version: QCodeVersion.current,
        subcommands: coreCommands + agreementCommands + exportCommands + refiCommands
            + statsCommands + tuiCommands + teamCommands + safetyCommands
    )

    /// Runs the command line. A mistyped subcommand gets one line naming the nearest ones
    /// (ArgumentParser would print its usage and "Unexpected argument").
    static func main() {
        TemporaryFileCleanup.install()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = unknownSubcommand(in: arguments) {
            Console.message("error: \(message)")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        TeamSession.noteProject(arguments: arguments, environment: ProcessInfo.processInfo.environment)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            // On a team server, the command's changes land now, whole or not at all.
            try TeamSession.finish()
        } catch {
            TeamSession.discard()
            exit(withError: error)
        }
    }

    /// The message for the first word that stands where a subcommand must and names none,
    /// e.g. "'segmets' is not a qcode command; did you mean 'segments'?", or nil.
    static func unknownSubcommand(in arguments: [String], root: ParsableCommand.Type = QCode.self) -> String? {
        var command = root
        var path = [root._commandName]
        for argument in arguments {
            let subcommands = command.configuration.subcommands
            guard !argument.hasPrefix("-"), !subcommands.isEmpty, argument != "help" else { return nil }
            let names = { (type: ParsableCommand.Type) in [type._commandName] + type.configuration.aliases }
            if let next = subcommands.first(where: { names($0).contains(argument) }) {
                command = next
                path.append(argument)
                continue
            }
            // `qcode cases` runs `cases list`: a word that command takes is no typo.
            if let fallback = command.configuration.defaultSubcommand, (try? fallback.parse([argument])) != nil {
                return nil
            }
            let name = path.joined(separator: " ")
            let hint = Suggestions.didYouMean(argument, in: subcommands.flatMap(names))
            return "'\(argument)' is not a \(name) command" + (hint.map { "; \($0)" } ?? " (see '\(name) --help')")
        }
        return nil
    }

    /// The core commands: projects, documents, cases, codebook, coding and retrieval.
    static let coreCommands: [ParsableCommand.Type] = [
        Init.self, Import.self, Docs.self, Show.self, Cases.self, CodebookCommand.self,
        Code.self, Uncode.self, Codings.self, Segments.self, Search.self, Words.self, Memo.self, Memos.self, Coders.self,
        Status.self, Log.self,
    ]
}
