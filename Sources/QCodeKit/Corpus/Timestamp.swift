/// Timestamps as transcripts write them: `[00:01:23]`, `(01:23)`, `00:01:23`, `0:01`,
/// `1:02:03.5`. Hours are optional; minutes and seconds after the first field must be
/// two digits below 60.
enum Timestamp {
    /// Parses a timestamp starting at `i`, optionally in `[]` or `()`.
    /// Returns seconds and the index just past it (past the closing bracket), or `nil`.
    static func parse(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, allowBrackets: Bool = true)
        -> (seconds: Double, end: Int)?
    {
        var i = i
        guard i < end else { return nil }
        var close: UInt8? = nil
        if allowBrackets {
            if b[i] == ASCII.openBracket { close = ASCII.closeBracket; i += 1 }
            else if b[i] == ASCII.openParen { close = ASCII.closeParen; i += 1 }
        }
        var fields: [Int] = []
        fields.reserveCapacity(3)
        while true {
            var v = 0
            var digits = 0
            while i < end, ASCII.isDigit(b[i]), digits < 3 {
                v = v * 10 + Int(b[i] &- 0x30)
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if !fields.isEmpty, digits != 2 || v >= 60 { return nil }
            fields.append(v)
            if i < end, b[i] == ASCII.colon, fields.count < 3, i + 1 < end, ASCII.isDigit(b[i + 1]) {
                i += 1
                continue
            }
            break
        }
        guard fields.count >= 2 else { return nil }
        var seconds = Double(fields.count == 3 ? fields[0] * 3600 + fields[1] * 60 + fields[2]
                                               : fields[0] * 60 + fields[1])
        if i + 1 < end, b[i] == ASCII.dot || b[i] == ASCII.comma, ASCII.isDigit(b[i + 1]) {
            i += 1
            var scale = 0.1
            while i < end, ASCII.isDigit(b[i]) {
                seconds += Double(b[i] &- 0x30) * scale
                scale /= 10
                i += 1
            }
        }
        if let close {
            guard i < end, b[i] == close else { return nil }
            i += 1
        } else if i < end, ASCII.isDigit(b[i]) || b[i] == ASCII.colon {
            return nil
        }
        return (seconds, i)
    }

    /// A subtitle time such as `00:01:02.500`, `01:02,5`, `0:0:0.570` or `00:00:0,000`:
    /// one to three `:`-separated fields of any width, the last with an optional fraction.
    static func parseCueTime<S: StringProtocol>(_ s: S) -> Double? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        var total = 0.0
        for (k, part) in parts.enumerated() {
            let isLast = k == parts.count - 1
            let text = isLast ? part.replacingOccurrences(of: ",", with: ".") : String(part)
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || (isLast && $0 == ".")) }),
                  let v = Double(text)
            else { return nil }
            total = total * 60 + v
        }
        return total
    }
}
