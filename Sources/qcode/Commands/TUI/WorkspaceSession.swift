import Foundation
import QCodeKit

/// The event loop of `qcode tui`: raw terminal in, changed lines out. Between keys it
/// checks every `refreshInterval` milliseconds whether another process changed the
/// project, and redraws if so (the workspace also checks before each key).
struct WorkspaceSession {
    let workspace: Workspace
    var refreshInterval: Int32 = 500
    /// On a team server: lands what the keys changed on the server; returns an error to show.
    var afterKeys: (() -> String?)?
    /// On a team server: takes in other coders' new codings when the server announced some.
    var whenIdle: (() -> Void)?

    func run() throws {
        try RawTerminal.enter()
        defer { RawTerminal.leave() }
        var decoder = KeyDecoder()
        var screen = ScreenBuffer()
        RawTerminal.write(screen.update(to: workspace.frame()))
        while true {
            if RawTerminal.takeResize() {
                let size = RawTerminal.size()
                workspace.resize(width: size.width, height: size.height)
                screen.invalidate()
                RawTerminal.write(screen.update(to: workspace.frame()))
            }
            switch RawTerminal.read(timeout: refreshInterval) {
            case .timeout:
                whenIdle?()
                if workspace.refreshIfChanged() { RawTerminal.write(screen.update(to: workspace.frame())) }
            case .closed:
                return
            case .bytes(let bytes):
                for key in decoder.feed(bytes) {
                    if key == .control("l") { screen.invalidate() }
                    guard workspace.handle(key) else { return }
                }
                if let failure = afterKeys?() { workspace.show(failure, isError: true) }
                RawTerminal.write(screen.update(to: workspace.frame()))
            }
        }
    }
}
