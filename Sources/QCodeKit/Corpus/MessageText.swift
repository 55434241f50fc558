/// Values from a file, made fit for a one-line error message.
///
/// A hostile or broken file can put anything in a header cell or an id: a million
/// columns, a megabyte-long value, line breaks. Messages quote at most ``maxLength``
/// characters of a value (then `…`) with line breaks and tabs shown as spaces, and list
/// at most ``maxListed`` names.
///
///     MessageText.clip(String(repeating: "x", count: 500))   // 80 x's and "…"
///     MessageText.list(["a", "b"])                             // "a, b"
enum MessageText {
    /// Characters of one value quoted in a message.
    static let maxLength = 80
    /// Names listed in a message before "… and N more".
    static let maxListed = 20

    /// `value` on one line, cut to ``maxLength`` characters plus `…`.
    static func clip(_ value: String) -> String {
        var out = ""
        var count = 0
        for character in value {
            if count == maxLength { return out + "…" }
            out.append(character == "\n" || character == "\r" || character == "\r\n" || character == "\t" ? " " : character)
            count += 1
        }
        return out
    }

    /// Names joined by ", ", each clipped; past ``maxListed``, "… and N more".
    static func list(_ names: [String]) -> String {
        let shown = names.prefix(maxListed).map(clip).joined(separator: ", ")
        return names.count > maxListed ? shown + ", … and \(names.count - maxListed) more" : shown
    }
}
