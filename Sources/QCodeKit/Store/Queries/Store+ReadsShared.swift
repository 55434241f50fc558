import GRDB

// Queries that several domains share, folded onto the Store queries of the domain that owns
// them (Store+Codes, Store+Documents, Store+Coders, Store+Codings, Store+Cases).

extension Store {
    /// Every code, depth-first, with paths (the codebook as stored, validated).
    func codebookCodes() throws -> [FlatCode] {
        try flatCodes()
    }

    /// The id of the document named by `query`: its id, exact name or a unique name prefix.
    func documentID(_ query: String) throws -> Int64 {
        try documentID(named: query)
    }

    /// A writer of parsed documents inside this transaction (prepared statements; the bulk path).
    func documentWriter() throws -> DocumentWriter {
        try DocumentWriter(self)
    }
}
