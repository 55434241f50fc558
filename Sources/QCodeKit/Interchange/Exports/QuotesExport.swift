import Foundation

/// The document formats of ``Project/quotes(_:format:)``.
public enum QuotesFormat: String, Sendable, CaseIterable {
    case markdown, html
}

/// Options of ``Project/quotes(_:format:)``.
public struct QuotesOptions: Sendable {
    /// Which segments (code, coders, documents, cases, speaker, attribute conditions).
    public var filter = SegmentFilter()
    /// Case attributes to show beside each participant ID, in this order.
    public var attributes: [String] = []
    /// The document's title.
    public var title = "Coded segments by theme"

    public init(filter: SegmentFilter = .init(), attributes: [String] = [], title: String = "Coded segments by theme") {
        self.filter = filter
        self.attributes = attributes
        self.title = title
    }
}

extension Project {
    /// The coded segments grouped by theme (top-level code) and code, as a Markdown or
    /// HTML document for a paper's results section.
    ///
    /// Themes and codes follow the codebook's order; segments follow document and position.
    /// Each quote is followed by its participant ID (the case, else the document), in a focus
    /// group (a document with more than two speakers) its speaker, and the chosen attributes,
    /// e.g. `— SU03 (group: service user; age: 34)` or `— FG01, speaker LW02`. The same passage
    /// coded with the same code by several coders is shown once. Markdown special
    /// characters are escaped with a backslash; HTML escapes `& < > " '`.
    ///
    /// - Throws: errors of the filter, and ``ExportError/noSuchAttribute(_:known:)``.
    public func quotes(_ options: QuotesOptions = .init(), format: QuotesFormat = .markdown) throws -> String {
        let known = try read { store in try store.attributeNames() }
        for name in options.attributes where !known.contains(name) {
            throw ExportError.noSuchAttribute(name, known: known)
        }
        let codes = try self.codes()
        let cases = Dictionary(uniqueKeysWithValues: try self.cases().map { ($0.name, $0) })
        let focusGroups = Set(try documents().filter { $0.speakers.count > 2 }.map(\.name))
        var byCode: [String: [CodedSegment]] = [:]
        var seen: Set<String> = []
        for segment in try segments(options.filter) {
            let key = "\(segment.document)\u{0}\(segment.start)\u{0}\(segment.end)\u{0}\(segment.code)"
            guard seen.insert(key).inserted else { continue }
            byCode[segment.code, default: []].append(segment)
        }
        var writer = QuoteDocument(format: format)
        writer.title(options.title)
        for theme in codes where theme.depth == 0 {
            let members = codes.filter { $0.path == theme.path || $0.path.hasPrefix(theme.path + "/") }
            guard members.contains(where: { byCode[$0.path] != nil }) else { continue }
            writer.heading(2, theme.label.map { "\($0) (\(theme.path))" } ?? theme.path)
            for code in members {
                guard let segments = byCode[code.path] else { continue }
                writer.heading(3, code.label.map { "\(code.path): \($0)" } ?? code.path)
                for segment in segments {
                    let participant = JointQuote(
                        case: segment.case, document: segment.document,
                        speaker: focusGroups.contains(segment.document) ? segment.speaker : nil, text: "").attribution
                    let details = options.attributes.compactMap { name -> String? in
                        guard let value = segment.case.flatMap({ cases[$0]?.attributes[name] }) else { return nil }
                        return "\(name): \(value)"
                    }
                    writer.quote(segment.text, participant: participant, details: details)
                }
            }
        }
        return writer.finish()
    }
}

/// Builds the quotes document in Markdown or HTML, escaping text as it goes.
struct QuoteDocument {
    let format: QuotesFormat
    private var parts: [String] = []

    init(format: QuotesFormat) {
        self.format = format
    }

    mutating func title(_ text: String) {
        switch format {
        case .markdown: parts.append("# \(Self.markdown(text))\n")
        case .html:
            parts.append("""
                <!DOCTYPE html>
                <html>
                <head>
                <meta charset="utf-8">
                <title>\(Self.html(text))</title>
                </head>
                <body>
                <h1>\(Self.html(text))</h1>
                """)
        }
    }

    mutating func heading(_ level: Int, _ text: String) {
        switch format {
        case .markdown: parts.append("\n\(String(repeating: "#", count: level)) \(Self.markdown(text))\n")
        case .html: parts.append("<h\(level)>\(Self.html(text))</h\(level)>")
        }
    }

    mutating func quote(_ text: String, participant: String, details: [String]) {
        let attribution = details.isEmpty ? participant : "\(participant) (\(details.joined(separator: "; ")))"
        switch format {
        case .markdown:
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "> " + Self.markdown(String($0), lineStart: true) }
            parts.append("\n" + lines.joined(separator: "\n") + "\n>\n> — " + Self.markdown(attribution) + "\n")
        case .html:
            let body = text.split(separator: "\n", omittingEmptySubsequences: false).map { Self.html(String($0)) }
                .joined(separator: "<br>\n")
            parts.append("<blockquote>\n<p>\(body)</p>\n<footer>— \(Self.html(attribution))</footer>\n</blockquote>")
        }
    }

    func finish() -> String {
        switch format {
        case .markdown: return parts.joined(separator: "")
        case .html: return (parts + ["</body>", "</html>"]).joined(separator: "\n") + "\n"
        }
    }

    /// Text with Markdown's inline markup characters escaped; with `lineStart`, also a
    /// leading `#`, `+`, `-` or `N.` that would start a heading or a list.
    static func markdown(_ text: String, lineStart: Bool = false) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>|".contains(character) { result.append("\\") }
            result.append(character)
        }
        if lineStart {
            let trimmed = result.drop { $0 == " " }
            let indent = result.count - trimmed.count
            if let first = trimmed.first, "#+-=".contains(first) {
                result.insert("\\", at: result.index(result.startIndex, offsetBy: indent))
            } else if let dot = trimmed.firstIndex(where: { !$0.isNumber }), dot != trimmed.startIndex,
                      trimmed[dot] == "." || trimmed[dot] == ")" {
                result.insert("\\", at: dot)
            }
        }
        return result
    }

    /// Text with `& < > " '` escaped for HTML.
    static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
