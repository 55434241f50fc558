/// The character encoding a text file was decoded from.
public enum TextEncoding: String, Sendable, Codable {
    /// UTF-8 without a byte order mark.
    case utf8 = "utf-8"
    /// UTF-8 with a byte order mark (`EF BB BF`).
    case utf8BOM = "utf-8-bom"
    /// UTF-16 little-endian (with a BOM, or recognised from its zero bytes).
    case utf16LE = "utf-16le"
    /// UTF-16 big-endian (with a BOM, or recognised from its zero bytes).
    case utf16BE = "utf-16be"
    /// Windows-1252 (a superset of Latin-1), used when the bytes are not valid UTF-8.
    case windows1252 = "windows-1252"
}

/// Text decoded from a file's bytes, NFC-normalised and with LF line ends only.
public struct DecodedText: Sendable {
    /// The decoded text.
    public var text: String
    /// The encoding the bytes were read as.
    public var encoding: TextEncoding

    /// Creates decoded text.
    public init(text: String, encoding: TextEncoding) {
        self.text = text
        self.encoding = encoding
    }
}
