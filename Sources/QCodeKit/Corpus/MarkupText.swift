/// Removing tags and decoding entities in subtitle cue text.
enum MarkupText {
    /// `text` without `<...>` tags (including inline timings like `<00:05:04.199>`) and, if
    /// `braces` is set, without SSA overrides like `{\an8}`.
    static func stripTags(_ text: Substring, braces: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "<", let close = text[i...].firstIndex(of: ">") {
                let next = text.index(after: i)
                if next < close, let n = text[next].unicodeScalars.first,
                   n == "/" || n.properties.isAlphabetic || ("0"..."9").contains(n)
                {
                    i = text.index(after: close)
                    continue
                }
            }
            if braces, c == "{", text[text.index(after: i)...].first == "\\",
               let close = text[i...].firstIndex(of: "}")
            {
                i = text.index(after: close)
                continue
            }
            out.append(c)
            i = text.index(after: i)
        }
        return out
    }

    static let entities: [Substring: String] = [
        "amp": "&", "lt": "<", "gt": ">", "nbsp": "\u{00A0}", "quot": "\"", "apos": "'",
        "lrm": "\u{200E}", "rlm": "\u{200F}",
    ]

    /// Decodes `&amp; &lt; &gt; &nbsp; &quot; &apos; &lrm; &rlm;` and numeric references.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == "&", let semi = text[i...].prefix(12).firstIndex(of: ";") {
                let name = text[text.index(after: i)..<semi]
                if let v = entities[name] {
                    out += v
                    i = text.index(after: semi)
                    continue
                }
                if name.hasPrefix("#") {
                    let digits = name.dropFirst()
                    let value = digits.hasPrefix("x") || digits.hasPrefix("X")
                        ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                    if let value, let s = Unicode.Scalar(value) {
                        out.unicodeScalars.append(s)
                        i = text.index(after: semi)
                        continue
                    }
                }
            }
            out.append(text[i])
            i = text.index(after: i)
        }
        return out
    }
}
