import Foundation

/// Packs text spans into a compact blob (little-endian UInt32 start/end pairs), the way
/// paragraphs and sentences are stored: a 45 MB corpus has half a million sentences, and
/// rows for each would dominate import time.
enum SpanPacking {
    /// The blob for `spans`.
    static func pack(_ spans: [TextSpan]) -> Data {
        var data = Data(count: spans.count * 8)
        data.withUnsafeMutableBytes { raw in
            var offset = 0
            for span in spans {
                raw.storeBytes(of: UInt32(truncatingIfNeeded: span.start).littleEndian, toByteOffset: offset, as: UInt32.self)
                raw.storeBytes(of: UInt32(truncatingIfNeeded: span.end).littleEndian, toByteOffset: offset + 4, as: UInt32.self)
                offset += 8
            }
        }
        return data
    }

    /// The spans in `data`; a trailing partial pair is ignored.
    static func unpack(_ data: Data) -> [TextSpan] {
        let count = data.count / 8
        var spans: [TextSpan] = []
        spans.reserveCapacity(count)
        data.withUnsafeBytes { raw in
            for index in 0..<count {
                let start = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt32.self))
                let end = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8 + 4, as: UInt32.self))
                spans.append(TextSpan(start: Int(start), end: Int(end)))
            }
        }
        return spans
    }
}
