import Foundation
import QCodeKit
#if canImport(Glibc)
import Glibc
#endif

/// The terminal settings to put back, reachable from a signal handler.
nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var terminalIsRaw = false
/// Set by SIGWINCH; the event loop redraws at the new size.
nonisolated(unsafe) private var windowChanged: sig_atomic_t = 0

/// The bytes that leave the workspace's screen: show the cursor, normal attributes,
/// main screen. Written from the signal handler too, so kept as a C array.
nonisolated(unsafe) private var leaveBytes: [UInt8] = Array("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l".utf8)

/// Puts the terminal back (async-signal-safe: `write` and `tcsetattr` only).
private func restoreTerminalNow() {
    guard terminalIsRaw else { return }
    terminalIsRaw = false
    _ = leaveBytes.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTermios)
}

/// Raw keyboard input and full-screen output on the controlling terminal.
///
/// `enter()` saves the settings, turns off echo, line buffering and signal keys (Ctrl-C
/// arrives as a key), and switches to the alternate screen; `leave()` undoes all of it.
/// SIGINT, SIGTERM, SIGHUP and SIGQUIT restore the terminal before the process exits, so
/// it is restored on a normal exit, on an error (callers use `defer`) and on a signal.
enum RawTerminal {
    struct NotATerminal: Error, CustomStringConvertible {
        var description: String { "qcode tui needs a terminal: standard input or output is not a terminal (run it in a terminal window, not through a pipe)" }
    }

    /// Switches to raw mode and the alternate screen.
    static func enter() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw NotATerminal() }
        guard tcgetattr(STDIN_FILENO, &savedTermios) == 0 else { throw NotATerminal() }
        var raw = savedTermios
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_oflag &= ~tcflag_t(OPOST)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            Glibc.signal(signal) { number in
                restoreTerminalNow()
                // A team server's working copy (the only temporary file a workspace has) goes too.
                TemporaryFiles.removeAllForSignal()
                _exit(128 + number)
            }
        }
        Glibc.signal(SIGWINCH) { _ in windowChanged = 1 }
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else { throw NotATerminal() }
        terminalIsRaw = true
        write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J")
    }

    /// Restores the terminal (safe to call twice).
    static func leave() {
        restoreTerminalNow()
    }

    /// The window size (columns, rows), 80x24 if unknown.
    static func size() -> (width: Int, height: Int) {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return (80, 24) }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// True once after each window size change.
    static func takeResize() -> Bool {
        guard windowChanged != 0 else { return false }
        windowChanged = 0
        return true
    }

    /// Writes all of `text` to the terminal.
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBufferPointer { Glibc.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            offset += written
        }
    }

    /// What waiting for input produced.
    enum Input {
        case bytes([UInt8])
        case timeout
        /// The terminal went away (EOF or an error such as EIO): stop, do not spin.
        case closed
    }

    /// Waits up to `milliseconds` for input and reads what is there.
    static func read(timeout milliseconds: Int32) -> Input {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready == 0 { return .timeout }
        if ready < 0 { return errno == EINTR ? .timeout : .closed }
        if descriptor.revents & Int16(POLLIN) == 0 && descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            return .closed
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBufferPointer { Glibc.read(STDIN_FILENO, $0.baseAddress, $0.count) }
        if count > 0 { return .bytes(Array(buffer[0..<count])) }
        if count < 0 && (errno == EINTR || errno == EAGAIN) { return .timeout }
        return .closed
    }
}
