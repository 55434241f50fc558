import Crypto
import Foundation

/// The content hash that identifies a document's text: SHA-256 of its stored (NFC, LF)
/// UTF-8 text, as lower-case hex. Imports skip, and merges match, documents by it.
enum ContentHash {
    static func of(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
