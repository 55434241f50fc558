import Foundation
import Testing

/// Helpers for the safety end-to-end tests: processes started without waiting, a seeded
/// generator, and a hand-written zip writer that can lie about sizes (zip bombs).
enum SafetySupport {
    /// A started `qcode` process with its output files.
    struct Running {
        var process: Process
        var stdout: URL
        var stderr: URL

        func wait() throws -> CLIRunner.Result {
            process.waitUntilExit()
            return CLIRunner.Result(status: process.terminationStatus,
                                    stdout: String(decoding: try Data(contentsOf: stdout), as: UTF8.self),
                                    stderr: String(decoding: try Data(contentsOf: stderr), as: UTF8.self))
        }
    }

    /// Starts `qcode ARGS` in `directory` and returns at once.
    static func start(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws -> Running {
        let launched = try CLIRunner.launch(arguments, in: directory, environment: extra)
        return Running(process: launched.process, stdout: launched.stdout, stderr: launched.stderr)
    }

    /// Waits until `file` exists (a writer paused by `QCODE_TEST_PAUSE_BEFORE_COMMIT` creates
    /// it inside its transaction, just before committing). Fails if the process ends first
    /// or a minute passes.
    static func waitForFile(_ file: URL, process: Process, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: file.path) {
            guard process.isRunning else {
                Issue.record("the writer ended (status \(process.terminationStatus)) before pausing", sourceLocation: sourceLocation)
                throw PauseNotReached()
            }
            guard Date() < deadline else {
                Issue.record("the writer did not pause within a minute", sourceLocation: sourceLocation)
                throw PauseNotReached()
            }
            usleep(10_000)
        }
    }

    struct PauseNotReached: Error {}

    /// SplitMix64, so a seed gives the same trials everywhere.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// One zip entry; `declaredSize`/`declaredCompressedSize` override the true sizes.
    struct ZipEntry {
        var path: String
        var data: Data
        var declaredSize: UInt32?
        var declaredCompressedSize: UInt32?
        var method: UInt16 = 0
    }

    /// A zip archive of stored entries, written byte by byte.
    static func zip(_ entries: [ZipEntry]) -> Data {
        var out = Data()
        var central = Data()
        func u16(_ v: UInt16, _ d: inout Data) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        func u32(_ v: UInt32, _ d: inout Data) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        for entry in entries {
            let name = Data(entry.path.utf8)
            let crc = crc32(entry.data)
            let size = entry.declaredSize ?? UInt32(entry.data.count)
            let compressed = entry.declaredCompressedSize ?? UInt32(entry.data.count)
            let offset = UInt32(out.count)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(entry.method, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(compressed, &out); u32(size, &out); u16(UInt16(name.count), &out); u16(0, &out)
            out.append(name); out.append(entry.data)
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(entry.method, &central)
            u16(0, &central); u16(0x21, &central); u32(crc, &central); u32(compressed, &central); u32(size, &central)
            u16(UInt16(name.count), &central); u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central)
            u32(0, &central); u32(offset, &central); central.append(name)
        }
        let centralOffset = UInt32(out.count)
        out.append(central)
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(UInt16(entries.count), &out); u16(UInt16(entries.count), &out)
        u32(UInt32(central.count), &out); u32(centralOffset, &out); u16(0, &out)
        return out
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }

    static func docx(_ documentXML: String, extra: [ZipEntry] = []) -> Data {
        zip([ZipEntry(path: "[Content_Types].xml", data: Data("<Types/>".utf8)),
             ZipEntry(path: "word/document.xml", data: Data(documentXML.utf8))] + extra)
    }

    static func documentXML(_ body: String, prolog: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\(prolog)
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
        """
    }

    static func odt(_ contentXML: String) -> Data {
        zip([ZipEntry(path: "mimetype", data: Data("application/vnd.oasis.opendocument.text".utf8)),
             ZipEntry(path: "content.xml", data: Data(contentXML.utf8))])
    }
}
