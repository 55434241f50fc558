import ArgumentParser

extension QCode.Export {
    /// REFI-QDA exports (qdpx, qdc), listed after the table exports.
    static let refiExports: [ParsableCommand.Type] = [QCode.ExportQDPX.self, QCode.ExportQDC.self]
}
