import ArgumentParser

extension QCode {
    /// Export and exchange commands.
    static let exportCommands: [ParsableCommand.Type] = [Export.self, Report.self]
}
