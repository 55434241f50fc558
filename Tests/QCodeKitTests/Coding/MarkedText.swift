@testable import QCodeKit

/// Text with spans marked in it, so tests need not count offsets:
/// `MarkedText("I ⟦never felt safe⟧ there")` is the text "I never felt safe there" with the
/// span 2..<17. Marks may nest; spans are listed in the order they open.
struct MarkedText {
    let text: String
    let spans: [TextSpan]

    init(_ marked: String) {
        var scalars = String.UnicodeScalarView()
        var open: [(index: Int, start: Int)] = []
        var spans: [TextSpan?] = []
        var offset = 0
        for scalar in marked.unicodeScalars {
            switch scalar {
            case "⟦":
                open.append((spans.count, offset))
                spans.append(nil)
            case "⟧":
                let (index, start) = open.removeLast()
                spans[index] = TextSpan(start: start, end: offset)
            default:
                scalars.append(scalar)
                offset += 1
            }
        }
        precondition(open.isEmpty, "unclosed ⟦ in \(marked)")
        text = String(scalars)
        self.spans = spans.map { $0! }
    }

    /// The text of each span.
    var spanTexts: [String] { spans.map { $0.slice(of: text) } }
}

/// Rebuilds the new text from the old one's equal stretches and the changes' new text; nil
/// when a change's new range is not where the rebuilt text has got to, or the changes are out
/// of order, touch, or are empty. A correct diff of `old` into `new` gives back `new`.
func applying(_ diff: TextDiff, old: [Unicode.Scalar], new: [Unicode.Scalar]) -> [Unicode.Scalar]? {
    var result: [Unicode.Scalar] = []
    var at = 0
    var previousEnd: Int?
    for change in diff.changes {
        if let previousEnd, change.old.lowerBound <= previousEnd { return nil }
        guard change.old.lowerBound >= at, !(change.old.isEmpty && change.new.isEmpty),
              change.old.upperBound <= old.count, change.new.upperBound <= new.count else { return nil }
        result += old[at..<change.old.lowerBound]
        guard change.new.lowerBound == result.count else { return nil }
        result += new[change.new]
        at = change.old.upperBound
        previousEnd = at
    }
    result += old[at...]
    return result
}
