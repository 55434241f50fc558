/// A named value attached to a document, such as a survey respondent's age.
public struct DocumentAttribute: Sendable, Hashable, Codable {
    /// The attribute (column) name.
    public var name: String
    /// The value as written in the source, trimmed.
    public var value: String

    /// Creates an attribute.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One document read from a file: its text and the structure found in it.
///
/// All spans are Unicode scalar offsets into `text` (see ``TextSpan``).
public struct ParsedDocument: Sendable, Hashable, Codable {
    /// The document's name: the file name without extension, or `"<file>-<rowID>"`
    /// for CSV rows.
    public var name: String
    /// The text, NFC-normalised, with LF line ends.
    public var text: String
    /// The format the document was read from.
    public var format: SourceFormat
    /// The encoding of a text-based source; `nil` for docx and odt.
    public var encoding: TextEncoding?
    /// Speaker turns in order, never overlapping.
    public var turns: [Turn]
    /// Paragraphs in order.
    public var paragraphs: [TextSpan]
    /// Sentences in order; a sentence never crosses a turn, a label or a paragraph.
    public var sentences: [TextSpan]
    /// CSV rows: the ID column's value.
    public var caseID: String?
    /// CSV rows: the row's other non-text, non-empty columns, in file order.
    public var attributes: [DocumentAttribute]
    /// Things the reader noticed but could work around, one line each.
    public var warnings: [String]

    /// Creates a document.
    public init(
        name: String, text: String, format: SourceFormat, encoding: TextEncoding?,
        turns: [Turn] = [], paragraphs: [TextSpan] = [], sentences: [TextSpan] = [],
        caseID: String? = nil, attributes: [DocumentAttribute] = [], warnings: [String] = []
    ) {
        self.name = name
        self.text = text
        self.format = format
        self.encoding = encoding
        self.turns = turns
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.caseID = caseID
        self.attributes = attributes
        self.warnings = warnings
    }
}
