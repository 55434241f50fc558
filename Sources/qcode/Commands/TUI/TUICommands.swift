import ArgumentParser

extension QCode {
    /// Terminal coding workspace and undo commands.
    static let tuiCommands: [ParsableCommand.Type] = [TUI.self, Undo.self, Redo.self]
}
