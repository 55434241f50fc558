import Crypto
import Foundation

/// GUIDs as REFI-QDA writes them (`8-4-4-4-12` hex digits), made and read by qcode.
///
/// qcode's exports derive every GUID from the project and the entity with a name-based
/// (version 5, SHA-1) UUID, so exporting the same project twice gives the same GUIDs:
///
///     let project = REFIGUID.projectNamespace(createdAt: "2026-01-01T10:00:00.000Z")
///     REFIGUID.nameBased("case:P01", namespace: project)  // the same string every time
enum REFIGUID {
    /// The fixed namespace from which each project's namespace is derived.
    static let qcodeNamespace: [UInt8] = Array(UUID(uuidString: "3b7b1e4a-6f1d-4c55-9a3e-5f0c2d8e9a17")!.bytes)

    /// The namespace for one project, from its creation stamp.
    static func projectNamespace(createdAt: String) -> [UInt8] {
        uuidBytes(name: "qcode-project:" + createdAt, namespace: qcodeNamespace)
    }

    /// A version 5 UUID for `name` in `namespace`, lower-case.
    static func nameBased(_ name: String, namespace: [UInt8]) -> String {
        format(uuidBytes(name: name, namespace: namespace))
    }

    private static func uuidBytes(name: String, namespace: [UInt8]) -> [UInt8] {
        var hasher = Insecure.SHA1()
        hasher.update(data: namespace)
        hasher.update(data: Array(name.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return bytes
    }

    private static func format(_ bytes: [UInt8]) -> String {
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-"
            + String(h[16..<20]) + "-" + String(h[20..<32])
    }

    /// The GUID in qcode's form (lower case, braces removed), or `nil` when `text` is not a GUID.
    ///
    ///     REFIGUID.normalise("{5215CC69-B628-4E02-AFB9-9BEEAEE55808}")
    ///     // "5215cc69-b628-4e02-afb9-9beeaee55808"
    static func normalise(_ text: String) -> String? {
        var value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.hasPrefix("{"), value.hasSuffix("}") { value = String(value.dropFirst().dropLast()) }
        return isGUID(value) ? value.lowercased() : nil
    }

    /// Whether `text` is exactly `8-4-4-4-12` hexadecimal digits.
    static func isGUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard ASCII.isDigit(byte) || (byte | 0x20) &- 0x61 < 6 else { return false }
            }
        }
        return true
    }
}

private extension UUID {
    var bytes: [UInt8] { withUnsafeBytes(of: uuid) { Array($0) } }
}
