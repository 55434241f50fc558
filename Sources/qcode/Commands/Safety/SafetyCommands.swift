import ArgumentParser

extension QCode {
    /// Safety commands (integrity checks, pseudonymisation).
    static let safetyCommands: [ParsableCommand.Type] = [Check.self, Pseudonymise.self]
}
