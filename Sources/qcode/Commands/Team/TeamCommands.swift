import ArgumentParser

extension QCode {
    /// Team workflow commands (blind copies, merge, the team server).
    static let teamCommands: [ParsableCommand.Type] = [Copy.self, Merge.self, TeamCommand.self]
}
