import ArgumentParser

extension QCode {
    /// Inter-coder agreement commands.
    static let agreementCommands: [ParsableCommand.Type] = [Agree.self, Disagreements.self, Reconcile.self]
}
