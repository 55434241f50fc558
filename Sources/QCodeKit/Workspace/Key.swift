/// A key press, decoded from the bytes a terminal sends.
public enum Key: Equatable, Sendable {
    /// A printable character (including space).
    case character(Character)
    /// Ctrl with a letter, as the lower-case letter (Ctrl-R is `.control("r")`).
    case control(Character)
    case up, down, left, right
    case shiftUp, shiftDown, shiftLeft, shiftRight
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete
}

/// Turns terminal input bytes into keys.
///
/// Several keys often arrive in one `read()`, and a UTF-8 character may be split across
/// two reads: the decoder keeps an incomplete UTF-8 tail for the next call. An escape
/// byte at the very end of a read is the Escape key (terminals send a whole escape
/// sequence in one write).
///
/// ```swift
/// var decoder = KeyDecoder()
/// decoder.feed(Array("j\u{1B}[Bq".utf8))  // [.character("j"), .down, .character("q")]
/// ```
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// The keys in `bytes` (with any bytes left over from the previous call before them).
    public mutating func feed(_ bytes: [UInt8]) -> [Key] {
        let input = pending + bytes
        pending = []
        var keys: [Key] = []
        var index = 0
        while index < input.count {
            let byte = input[index]
            switch byte {
            case 0x1B:
                let (key, length) = Self.escape(input, at: index)
                if let key { keys.append(key) }
                index += length
                continue
            case 0x0D, 0x0A: keys.append(.enter)
            case 0x7F, 0x08: keys.append(.backspace)
            case 0x09: keys.append(.tab)
            case 0x01...0x1A: keys.append(.control(Character(Unicode.Scalar(byte + 0x60))))
            case 0x00, 0x1C...0x1F: break
            default:
                let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                if index + length > input.count {
                    pending = Array(input[index...])
                    return keys
                }
                let text = String(decoding: input[index..<(index + length)], as: UTF8.self)
                if let character = text.first { keys.append(.character(character)) }
                index += length
                continue
            }
            index += 1
        }
        return keys
    }

    /// The key an escape sequence at `start` stands for, and how many bytes it takes.
    private static func escape(_ input: [UInt8], at start: Int) -> (Key?, Int) {
        guard start + 1 < input.count else { return (.escape, 1) }
        let introducer = input[start + 1]
        guard introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O") else {
            return (.escape, 1)  // Escape followed by an ordinary key (or Alt+key): Escape first.
        }
        var end = start + 2
        while end < input.count, !(0x40...0x7E).contains(input[end]) { end += 1 }
        guard end < input.count else { return (.escape, input.count - start) }
        let parameters = String(decoding: input[(start + 2)..<end], as: UTF8.self)
        let final = Character(Unicode.Scalar(input[end]))
        let shifted = parameters.hasSuffix(";2")
        let key: Key?
        switch final {
        case "A": key = shifted ? .shiftUp : .up
        case "B": key = shifted ? .shiftDown : .down
        case "C": key = shifted ? .shiftRight : .right
        case "D": key = shifted ? .shiftLeft : .left
        case "H": key = .home
        case "F": key = .end
        case "Z": key = .backTab
        case "~":
            switch parameters.split(separator: ";").first {
            case "1", "7": key = .home
            case "4", "8": key = .end
            case "3": key = .delete
            case "5": key = .pageUp
            case "6": key = .pageDown
            default: key = nil
            }
        default: key = nil
        }
        return (key, end - start + 1)
    }
}
