import ArgumentParser
import QCodeKit

/// The `qcode` command: a thin shell over QCodeKit.
@main
struct QCode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qcode",
        abstract: "Code interview transcripts and measure inter-coder agreement.",
        discussion: """
            A project is one SQLite file (NAME.qcode). Commands find it by --project PATH, \
            else $QCODE_PROJECT, else the single *.qcode file in the current folder.
            Text offsets are Unicode scalar (code point) offsets into the stored, \
            NFC-normalised text, as Python's str indexes it; end offsets are exclusive.
            """,
        version: QCodeVersion.current,
        subcommands: coreCommands + agreementCommands + exportCommands + refiCommands
            + tuiCommands + teamCommands + safetyCommands
    )

    /// The core commands: projects, documents, cases, codebook, coding and retrieval.
    static let coreCommands: [ParsableCommand.Type] = [
        Init.self, Import.self, Docs.self, Show.self, Cases.self, CodebookCommand.self,
        Code.self, Uncode.self, Codings.self, Segments.self, Memo.self, Log.self,
    ]
}
