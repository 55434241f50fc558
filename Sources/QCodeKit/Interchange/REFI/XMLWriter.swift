/// Builds indented XML text; escapes attribute values and text, and replaces characters
/// XML 1.0 cannot carry (most C0 controls, U+FFFE, U+FFFF, lone surrogates) with U+FFFD.
struct XMLWriter {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    private var open: [String] = []

    /// Opens `<name a="v"...>`.
    mutating func start(_ name: String, _ attributes: [(String, String?)] = []) {
        indent()
        text += "<" + name + Self.attributeText(attributes) + ">\n"
        open.append(name)
    }

    /// Closes the innermost open element.
    mutating func end() {
        let name = open.removeLast()
        indent()
        text += "</" + name + ">\n"
    }

    /// Writes `<name a="v"/>`.
    mutating func empty(_ name: String, _ attributes: [(String, String?)] = []) {
        indent()
        text += "<" + name + Self.attributeText(attributes) + "/>\n"
    }

    /// Writes `<name>text</name>` (nothing when `value` is nil).
    mutating func element(_ name: String, _ value: String?) {
        guard let value else { return }
        indent()
        text += "<" + name + ">" + Self.escape(value, attribute: false) + "</" + name + ">\n"
    }

    private mutating func indent() {
        text += String(repeating: "  ", count: open.count)
    }

    private static func attributeText(_ attributes: [(String, String?)]) -> String {
        var out = ""
        for (name, value) in attributes {
            guard let value else { continue }
            out += " " + name + "=\"" + escape(value, attribute: true) + "\""
        }
        return out
    }

    /// `value` escaped for XML text or a double-quoted attribute.
    static func escape(_ value: String, attribute: Bool) -> String {
        var needs = false
        for byte in value.utf8 where byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0xEF {
            needs = true
            break
        }
        guard needs else { return value }
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where attribute: out.append(contentsOf: "&quot;".unicodeScalars)
            case "\n" where attribute: out.append(contentsOf: "&#10;".unicodeScalars)
            case "\t" where attribute: out.append(contentsOf: "&#9;".unicodeScalars)
            case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
            case "\n", "\t": out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out.append("\u{FFFD}")
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }
}
