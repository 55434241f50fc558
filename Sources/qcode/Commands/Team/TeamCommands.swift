import ArgumentParser

extension QCode {
    /// Team workflow commands (blind copies, merge).
    static let teamCommands: [ParsableCommand.Type] = [Copy.self, Merge.self]
}
