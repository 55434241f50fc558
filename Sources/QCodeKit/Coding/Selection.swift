import Foundation

/// Which stretch of a document a command codes or uncodes.
///
/// Numbers are 1-based, as `qcode show` displays them; character offsets are Unicode
/// scalar offsets into the stored NFC text, end exclusive.
public enum SelectionTarget: Sendable, Equatable {
    /// Characters `start..<end`.
    case characters(start: Int, end: Int)
    /// Turns, by number.
    case turns(ClosedRange<Int>)
    /// Sentences, by number.
    case sentences(ClosedRange<Int>)
    /// Paragraphs, by number.
    case paragraphs(ClosedRange<Int>)
    /// Lines of the stored text, by number.
    case lines(ClosedRange<Int>)
    /// Every match of a regular expression, widened to `scope`.
    case match(pattern: String, ignoreCase: Bool, scope: MatchScope)
    /// The one place where this exact text occurs (an error if none or several).
    case quote(String)
    /// Every turn (used with a speaker filter: all of that speaker's turns).
    case allTurns
}

/// What a regular-expression match is widened to before coding.
public enum MatchScope: String, Sendable, CaseIterable {
    case match, sentence, turn, paragraph
}

/// A selection: a target, optionally limited to one speaker's turns.
public struct Selection: Sendable, Equatable {
    public var target: SelectionTarget
    /// Keep only spans inside turns of this speaker (case-insensitive).
    public var speaker: String?
    /// How long a regular expression (`.match`) may run on one document, in seconds,
    /// before it is refused as too slow (catastrophic backtracking).
    public var matchTimeLimit: TimeInterval

    /// The default ``matchTimeLimit``: 5 seconds.
    public static let defaultMatchTimeLimit: TimeInterval = 5

    public init(_ target: SelectionTarget, speaker: String? = nil, matchTimeLimit: TimeInterval = Selection.defaultMatchTimeLimit) {
        self.target = target
        self.speaker = speaker
        self.matchTimeLimit = matchTimeLimit
    }
}

/// Errors turning a selection into spans.
public enum SelectionError: Error, CustomStringConvertible, Equatable {
    case outOfRange(kind: String, requested: ClosedRange<Int>, available: Int, document: String)
    case badCharacters(start: Int, end: Int, length: Int, document: String)
    case badPattern(String)
    case quoteNotFound(String, document: String)
    case quoteNotUnique(String, count: Int, document: String)
    case noSuchSpeaker(String, document: String, speakers: [String])
    case nothingSelected(document: String)
    /// The regular expression ran past its time limit (in seconds) on a document.
    case patternTooSlow(String, seconds: TimeInterval, document: String)
    /// The document changed while its selection was being worked out.
    case documentChanged(document: String)

    public var description: String {
        switch self {
        case .outOfRange(let kind, let requested, let available, let document):
            return "\(document) has \(available) \(kind)\(available == 1 ? "" : "s"); \(requested.lowerBound)-\(requested.upperBound) is out of range"
        case .badCharacters(let start, let end, let length, let document):
            return "characters \(start)-\(end) are not a range inside \(document) (0-\(length), start < end)"
        case .badPattern(let pattern):
            return "invalid regular expression '\(pattern)'"
        case .quoteNotFound(let quote, let document):
            return "text not found in \(document): \"\(quote.prefix(60))\""
        case .quoteNotUnique(let quote, let count, let document):
            return "text occurs \(count) times in \(document), give a longer quote: \"\(quote.prefix(60))\""
        case .noSuchSpeaker(let speaker, let document, let speakers):
            return "no speaker '\(speaker)' in \(document) (speakers: \(speakers.joined(separator: ", ")))"
        case .nothingSelected(let document):
            return "nothing selected in \(document)"
        case .patternTooSlow(let pattern, let seconds, let document):
            let limit = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
            return "the pattern '\(MessageText.clip(pattern))' took longer than \(limit) s on \(document); simplify it"
        case .documentChanged(let document):
            return "\(document) changed while the selection was being worked out; run the command again"
        }
    }
}

extension StoredDocument {
    /// The spans a selection covers, in document order, without duplicates.
    public func spans(for selection: Selection) throws -> [TextSpan] {
        let text = scalars
        var spans = try targetSpans(selection.target, text: text, timeLimit: selection.matchTimeLimit)
        if let speaker = selection.speaker {
            let matching = turns.filter { $0.speaker?.caseInsensitiveCompare(speaker) == .orderedSame }
            guard !matching.isEmpty else {
                let speakers = Array(Set(turns.compactMap(\.speaker))).sorted()
                throw SelectionError.noSuchSpeaker(speaker, document: name, speakers: speakers)
            }
            spans = spans.filter { span in
                matching.contains { $0.span.start <= span.start && span.end <= $0.span.end }
            }
        }
        var seen = Set<TextSpan>()
        return spans.filter { $0.start < $0.end && seen.insert($0).inserted }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    private func targetSpans(_ target: SelectionTarget, text: ScalarText, timeLimit: TimeInterval) throws -> [TextSpan] {
        switch target {
        case .characters(let start, let end):
            guard start >= 0, start < end, end <= text.count else {
                throw SelectionError.badCharacters(start: start, end: end, length: text.count, document: name)
            }
            return [TextSpan(start: start, end: end)]
        case .turns(let range):
            return try pick(range, from: turns.map(\.span), kind: "turn")
        case .sentences(let range):
            return try pick(range, from: sentences, kind: "sentence")
        case .paragraphs(let range):
            return Self.split(try pick(range, from: paragraphs, kind: "paragraph"), atTurns: turns.map(\.span))
        case .lines(let range):
            return Self.split(try pick(range, from: Self.lines(of: text), kind: "line"), atTurns: turns.map(\.span))
        case .allTurns:
            return turns.map(\.span)
        case .quote(let quote):
            let found = Self.occurrences(of: quote, in: text)
            guard let first = found.first else { throw SelectionError.quoteNotFound(quote, document: name) }
            guard found.count == 1 else { throw SelectionError.quoteNotUnique(quote, count: found.count, document: name) }
            return [first]
        case .match(let pattern, let ignoreCase, let scope):
            let matches = try Self.matches(of: pattern, ignoreCase: ignoreCase, in: self.text,
                                           timeLimit: timeLimit, document: name)
            switch scope {
            case .match: return matches
            case .turn: return Self.widen(matches, to: turns.map(\.span))
            case .sentence: return Self.widen(matches, to: sentences)
            case .paragraph: return Self.split(Self.widen(matches, to: paragraphs), atTurns: turns.map(\.span))
            }
        }
    }

    private func pick(_ range: ClosedRange<Int>, from units: [TextSpan], kind: String) throws -> [TextSpan] {
        guard range.lowerBound >= 1, range.upperBound <= units.count else {
            throw SelectionError.outOfRange(kind: kind, requested: range, available: units.count, document: name)
        }
        return Array(units[(range.lowerBound - 1)...(range.upperBound - 1)])
    }

    /// Non-empty lines of the text as spans (line breaks excluded), numbered from 1 by
    /// their position among all lines, empty ones included.
    static func lines(of text: ScalarText) -> [TextSpan] {
        var spans: [TextSpan] = []
        var start = 0
        for (offset, scalar) in text.scalars.enumerated() where scalar == "\n" {
            spans.append(TextSpan(start: start, end: offset))
            start = offset + 1
        }
        spans.append(TextSpan(start: start, end: text.count))
        return spans
    }

    /// Spans cut at turn boundaries so that each piece belongs to one speaker: a span that
    /// overlaps turns becomes its overlap with each of them (a speaker label between turns
    /// is left out); a span between two turns (a label alone on its line) is dropped, and
    /// one before the first turn or after the last (a preamble) is kept.
    /// `turns` are in document order and do not overlap.
    static func split(_ spans: [TextSpan], atTurns turns: [TextSpan]) -> [TextSpan] {
        guard !turns.isEmpty else { return spans }
        var out: [TextSpan] = []
        for span in spans {
            // The first turn ending after the span's start.
            var low = 0, high = turns.count
            while low < high {
                let mid = (low + high) / 2
                if turns[mid].end <= span.start { low = mid + 1 } else { high = mid }
            }
            var pieces: [TextSpan] = []
            var k = low
            while k < turns.count, turns[k].start < span.end {
                let piece = TextSpan(start: max(span.start, turns[k].start), end: min(span.end, turns[k].end))
                if piece.start < piece.end { pieces.append(piece) }
                k += 1
            }
            if !pieces.isEmpty {
                out += pieces
            } else if low == 0 || low == turns.count {
                out.append(span)  // before the first turn or after the last: no speaker's
            }  // else between two turns: only a label (or heading), no one's words
        }
        return out
    }

    /// Each unit that overlaps at least one match, once.
    static func widen(_ matches: [TextSpan], to units: [TextSpan]) -> [TextSpan] {
        units.filter { unit in matches.contains { $0.start < unit.end && unit.start < $0.end } }
    }

    static func occurrences(of quote: String, in text: ScalarText) -> [TextSpan] {
        let needle = Array(quote.precomposedStringWithCanonicalMapping.unicodeScalars)
        guard !needle.isEmpty, needle.count <= text.count else { return [] }
        var found: [TextSpan] = []
        let haystack = text.scalars
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                found.append(TextSpan(start: index, end: index + needle.count))
            }
            index += 1
        }
        return found
    }

    /// Regular-expression matches as scalar spans (empty matches dropped).
    ///
    /// The match stops when it has run `timeLimit` seconds: a pattern that backtracks
    /// catastrophically (`(a+)+$`) is refused with ``SelectionError/patternTooSlow(_:seconds:document:)``
    /// instead of running for ever. ICU calls back periodically during one long match
    /// (`reportProgress`), so even a single runaway match is stopped.
    static func matches(of pattern: String, ignoreCase: Bool, in text: String,
                        timeLimit: TimeInterval = Selection.defaultMatchTimeLimit, document: String = "the document") throws -> [TextSpan] {
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: pattern, options: ignoreCase ? [.caseInsensitive] : [])
        } catch {
            throw SelectionError.badPattern(pattern)
        }
        let utf16 = Array(text.utf16)
        // Map UTF-16 offsets to scalar offsets once.
        var scalarAt = [Int](repeating: 0, count: utf16.count + 1)
        var scalar = 0
        var index = 0
        while index < utf16.count {
            scalarAt[index] = scalar
            if UTF16.isLeadSurrogate(utf16[index]) && index + 1 < utf16.count {
                scalarAt[index + 1] = scalar
                index += 2
            } else {
                index += 1
            }
            scalar += 1
        }
        scalarAt[utf16.count] = scalar
        let deadline = Date(timeIntervalSinceNow: timeLimit)
        var spans: [TextSpan] = []
        var timedOut = false
        expression.enumerateMatches(in: text, options: [.reportProgress],
                                    range: NSRange(location: 0, length: utf16.count)) { match, _, stop in
            if Date() >= deadline {
                timedOut = true
                stop.pointee = true
                return
            }
            guard let match else { return }  // a progress call
            let start = scalarAt[match.range.location]
            let end = scalarAt[match.range.location + match.range.length]
            if start < end { spans.append(TextSpan(start: start, end: end)) }
        }
        if timedOut { throw SelectionError.patternTooSlow(pattern, seconds: timeLimit, document: document) }
        return spans
    }
}
