extension CodeResolver {
    /// Up to three paths that look like `query`, nearest first.
    ///
    /// A code's score is the smaller of
    /// - its *aligned* distance: the query's segments against the same number of segments at
    ///   the end of the code's path, summing ``segmentDistance(_:_:)``; and
    /// - its last segment's distance to the query's last segment, plus 2 when the query has
    ///   more than one segment (the other segments were not matched).
    ///
    /// Codes scoring at most a third of the query's length (and at least 2) are suggested.
    func suggestions(for query: CodePath) -> [String] {
        let limit = max(2, query.key.count / 3)
        var scored: [(score: Int, index: Int)] = []
        for (index, code) in codes.enumerated() {
            let path = CodePath(code.path)
            guard !path.isEmpty else { continue }
            var aligned = Int.max
            if query.keys.count <= path.keys.count {
                aligned = zip(query.keys, path.keys.suffix(query.keys.count))
                    .reduce(0) { $0 + Self.segmentDistance($1.0, $1.1) }
            }
            let lastOnly = Self.segmentDistance(query.keys.last!, path.keys.last!)
                + (query.keys.count > 1 ? 2 : 0)
            let score = min(aligned, lastOnly)
            if score <= limit { scored.append((score, index)) }
        }
        return scored
            .sorted { ($0.score, $0.index) < ($1.score, $1.index) }
            .prefix(3)
            .map { codes[$0.index].path }
    }

    /// How far apart two normalised segments are: 0 when equal; 1 when one contains the
    /// other (at least 3 characters); else the edit distance, or, for a segment of several
    /// words, one more than the nearest word's edit distance when that is smaller.
    static func segmentDistance(_ query: String, _ segment: String) -> Int {
        if query == segment { return 0 }
        if min(query.count, segment.count) >= 3, segment.contains(query) || query.contains(segment) {
            return 1
        }
        var best = EditDistance.between(query, segment)
        let words = segment.split(separator: "-")
        if words.count > 1 {
            for word in words {
                best = min(best, EditDistance.between(query, String(word)) + 1)
            }
        }
        return best
    }
}
