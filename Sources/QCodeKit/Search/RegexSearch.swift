import Foundation

/// A regular expression run over whole documents for `qcode search --regex`: compiled
/// once, and only the offsets of matches converted from UTF-16 to Unicode scalars (one pass
/// over the text up to the last match, only when there is a match).
struct RegexSearch: @unchecked Sendable {  // NSRegularExpression is immutable and thread-safe
    let pattern: String
    private let expression: NSRegularExpression

    /// - Throws: ``SelectionError/badPattern(_:)``.
    init(pattern: String) throws {
        self.pattern = pattern
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            throw SelectionError.badPattern(pattern)
        }
    }

    /// The non-empty matches in `text`, as scalar spans in order.
    ///
    /// - Throws: ``SelectionError/patternTooSlow(_:seconds:document:)`` when one document
    ///   takes longer than `timeLimit` (catastrophic backtracking).
    func matches(in text: String, timeLimit: TimeInterval, document: String) throws -> [TextSpan] {
        let deadline = Date(timeIntervalSinceNow: timeLimit)
        var ranges: [NSRange] = []
        var timedOut = false
        expression.enumerateMatches(in: text, options: [.reportProgress],
                                    range: NSRange(location: 0, length: text.utf16.count)) { match, _, stop in
            if Date() >= deadline {
                timedOut = true
                stop.pointee = true
                return
            }
            guard let match, match.range.length > 0 else { return }
            ranges.append(match.range)
        }
        if timedOut { throw SelectionError.patternTooSlow(pattern, seconds: timeLimit, document: document) }
        guard !ranges.isEmpty else { return [] }
        let scalarOffsets = Self.scalarOffsets(of: ranges.flatMap { [$0.location, $0.location + $0.length] }, in: text)
        return ranges.compactMap { range in
            guard let start = scalarOffsets[range.location], let end = scalarOffsets[range.location + range.length],
                  start < end else { return nil }
            return TextSpan(start: start, end: end)
        }
    }

    /// The matches in each of `texts`, found on every core at once (an expression is safe
    /// to share between threads; each document is matched by one thread).
    ///
    /// - Throws: the first document's ``SelectionError/patternTooSlow(_:seconds:document:)``,
    ///   in document order.
    func matches(inEach texts: [(text: String, document: String)], timeLimit: TimeInterval) throws -> [[TextSpan]] {
        /// One slot per document; each thread writes only its own.
        final class Slots: @unchecked Sendable {
            let pointer: UnsafeMutablePointer<Result<[TextSpan], any Error>>
            let count: Int
            init(_ count: Int) {
                self.count = count
                pointer = .allocate(capacity: max(1, count))
                pointer.initialize(repeating: .success([]), count: count)
            }
            deinit {
                pointer.deinitialize(count: count)
                pointer.deallocate()
            }
            var values: [Result<[TextSpan], any Error>] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
        }
        let results = Slots(texts.count)
        let search = self
        DispatchQueue.concurrentPerform(iterations: texts.count) { index in
            results.pointer[index] = Result {
                try search.matches(in: texts[index].text, timeLimit: timeLimit, document: texts[index].document)
            }
        }
        return try results.values.map { try $0.get() }
    }

    /// The scalar offset of each UTF-16 offset in `offsets` (offsets inside a surrogate
    /// pair map to the pair's scalar).
    static func scalarOffsets(of offsets: [Int], in text: String) -> [Int: Int] {
        let wanted = Array(Set(offsets)).sorted()
        var result: [Int: Int] = [:]
        var next = 0
        var utf16 = 0
        var scalar = 0
        for value in text.unicodeScalars {
            while next < wanted.count && wanted[next] <= utf16 {
                result[wanted[next]] = scalar
                next += 1
            }
            if next == wanted.count { return result }
            utf16 += value.utf16.count
            scalar += 1
            while next < wanted.count && wanted[next] < utf16 {
                // Inside a surrogate pair: the pair's scalar.
                result[wanted[next]] = scalar - 1
                next += 1
            }
        }
        while next < wanted.count {
            result[wanted[next]] = scalar
            next += 1
        }
        return result
    }
}
