import ArgumentParser

extension QCode {
    /// Statistics for triangulation with survey data.
    static let statsCommands: [ParsableCommand.Type] = [Stats.self]
}
