import Foundation

/// A buffered byte output: to a file handle in large chunks, or kept in memory.
///
/// Exports of hundreds of thousands of rows append bytes here and never build one
/// `String` per row; the buffer goes to the file whenever it passes 1 MiB.
public final class ByteSink {
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var kept: [UInt8] = []
    private let chunk = 1 << 20

    /// A sink that writes to `handle` (call ``flush()`` at the end).
    public init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(chunk + 65_536)
    }

    /// A sink that keeps everything in memory; read it with ``data`` or ``string``.
    public init() {
        self.handle = nil
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        buffer.append(byte)
    }

    func append<Bytes: Collection>(contentsOf bytes: Bytes) where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    /// Appends text as UTF-8.
    public func write(_ text: String) throws {
        append(text)
        try flushIfFull()
    }

    /// Writes the buffer out if it is large.
    func flushIfFull() throws {
        if handle != nil, buffer.count >= chunk { try flush() }
    }

    /// Writes everything buffered so far.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        if let handle {
            try handle.write(contentsOf: buffer)
        } else {
            kept.append(contentsOf: buffer)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Everything written to an in-memory sink.
    public var data: Data {
        try? flush()
        return Data(kept)
    }

    /// Everything written to an in-memory sink, as UTF-8 text.
    public var string: String {
        try? flush()
        return String(decoding: kept, as: UTF8.self)
    }
}
