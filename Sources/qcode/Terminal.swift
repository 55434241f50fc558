import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Facts about the terminal on standard output.
enum Terminal {
    /// The terminal's width in columns, or nil when stdout is not a terminal.
    static func width() -> Int? {
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
