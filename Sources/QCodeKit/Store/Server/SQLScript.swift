import Foundation

/// Splits an SQL script into statements at the semicolons that end them: not those inside
/// quotes ('...', "..."), dollar-quoted bodies ($$...$$, $tag$...$tag$) or comments.
public enum SQLScript {
    public static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let characters = Array(script)
        var index = 0
        func rest(from start: Int) -> Substring { Substring(String(characters[start...])) }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "'", "\"":
                // A quoted literal or identifier: up to the closing quote (a doubled one is escaped).
                current.append(character)
                index += 1
                while index < characters.count {
                    current.append(characters[index])
                    if characters[index] == character {
                        if index + 1 < characters.count, characters[index + 1] == character {
                            current.append(characters[index + 1])
                            index += 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                index += 1
            case "-" where index + 1 < characters.count && characters[index + 1] == "-":
                while index < characters.count, characters[index] != "\n" { index += 1 }
            case "$":
                // A dollar-quote tag: $$ or $name$.
                var end = index + 1
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { end += 1 }
                guard end < characters.count, characters[end] == "$" else {
                    current.append(character)
                    index += 1
                    continue
                }
                let tag = String(characters[index...end])
                current += tag
                index = end + 1
                let body = String(characters[index...])
                if let close = body.range(of: tag) {
                    current += body[..<close.upperBound]
                    index += body.distance(from: body.startIndex, to: close.upperBound)
                } else {
                    current += body
                    index = characters.count
                }
            case ";":
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
                index += 1
            default:
                current.append(character)
                index += 1
            }
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { statements.append(last) }
        return statements
    }
}
