import ArgumentParser

extension QCode.Export {
    /// REFI-QDA exports (qdpx, qdc).
    static let refiExports: [ParsableCommand.Type] = []
}
