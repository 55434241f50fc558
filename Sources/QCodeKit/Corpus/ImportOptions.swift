/// Choices that change how files are read.
public struct ImportOptions: Sendable {
    /// The format to read; `nil` detects it from the file name's extension.
    public var format: SourceFormat? = nil
    /// A regular expression (NSRegularExpression syntax) that replaces the built-in speaker
    /// label detection for txt, md, docx and odt files. It is matched at the start of each
    /// line; the whole match is the label and the first capture group (or, without one, the
    /// match) is the speaker. Example: `"^([A-Z][a-z]+) >"`.
    public var speakerPattern: String? = nil
    /// CSV: the columns holding free-text answers. `nil` guesses: columns whose non-empty
    /// values average over 40 characters, or that are named like comment, response, answer
    /// or text and average over 20.
    public var csvTextColumns: [String]? = nil
    /// CSV: the column identifying each respondent. `nil` takes the first column named
    /// like id, participant_id, respondent or case, else numbers the rows from 1.
    public var csvIDColumn: String? = nil
    /// CSV: with rows of utterances (a speaker and a statement column), the column whose
    /// values name the conversation each row belongs to: one document per value instead of
    /// one per file.
    public var conversationColumn: String? = nil
    /// CSV: make no case for rows of a table without an ID column (instead of `FILE#ROW`).
    public var noCases = false
    /// Files larger than this many bytes are refused before being read (default 200 MB).
    public var maxFileBytes: Int = 200 * 1024 * 1024

    /// Options with every default.
    public init() {}
}
