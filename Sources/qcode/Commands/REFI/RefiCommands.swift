import ArgumentParser

extension QCode {
    /// REFI-QDA exchange commands.
    static let refiCommands: [ParsableCommand.Type] = [RefiCommand.self]
}
