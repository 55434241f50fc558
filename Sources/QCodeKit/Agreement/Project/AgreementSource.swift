import Foundation

/// The named queries the agreement engine reads (``AgreementScope``): coders, documents,
/// the codebook, codings and units. A project file's `Store` answers them with SQLite; a
/// team server's `ServerStore` answers the same queries with PostgreSQL, so agreement on
/// the server runs the one engine without copying the project first.
protocol AgreementSource {
    /// Every coder's name, sorted.
    func allCoderNames() throws -> [String]
    /// The coder named `name`, compared ignoring case.
    func coder(named name: String) throws -> CoderRecord?
    /// The documents every one of `coderIDs` coded at least once, by id.
    func documentsCodedByAll(_ coderIDs: [Int64]) throws -> [Int64]
    /// The id of the document named by `query` (id, exact name, unique prefix, then ignoring case).
    func documentID(_ query: String) throws -> Int64
    /// A document's name and length in characters.
    func documentNameAndLength(_ id: Int64) throws -> (name: String, characters: Int)?
    /// Every code, depth-first, with paths.
    func codebookCodes() throws -> [FlatCode]
    /// A stable number for every code (the file's `rowid`) with its id.
    func codeIDsByRowID() throws -> [Int64: String]
    /// Every coding by one of `coderIDs`, in no particular order.
    func forEachCoding(byCoders coderIDs: [Int64], _ body: (AgreementCodingRow) throws -> Void) throws
    /// Every document's turn spans in turn order, by document id.
    func turnSpansByDocument() throws -> [Int64: [TextSpan]]
    /// A document's sentence spans.
    func sentenceSpans(ofDocument id: Int64) throws -> [TextSpan]
    /// A document's paragraph spans.
    func paragraphSpans(ofDocument id: Int64) throws -> [TextSpan]
    /// A document's stored text.
    func documentText(_ id: Int64) throws -> String?
}

extension Store: AgreementSource {}
