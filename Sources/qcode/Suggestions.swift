/// Near matches for a mistyped name (a subcommand, a speaker, a coder...).
enum Suggestions {
    /// The candidates nearest to `query`, ignoring case: those at the smallest distance, if
    /// that is at most a third of the query's length (and at least 2), at most three, in
    /// the candidates' order. Names are often given by a prefix (`GP02` for
    /// `GP02_interview`), so a candidate also scores one more than the query's distance to
    /// the candidate's start (of about the query's length).
    ///
    ///     Suggestions.nearest(to: "segmets", in: ["segments", "show"])  // ["segments"]
    ///     Suggestions.nearest(to: "GP2", in: ["FG01_focus-group", "GP02_interview"])  // ["GP02_interview"]
    static func nearest(to query: String, in candidates: [String]) -> [String] {
        let key = query.lowercased()
        let limit = max(2, key.count / 3)
        let scored = candidates.map { candidate -> Int in
            let other = candidate.lowercased()
            var score = distance(key, other)
            if key.count >= 2, other.count > key.count {
                for length in (key.count - 1)...(key.count + 1) where length < other.count {
                    score = min(score, distance(key, String(other.prefix(length))) + 1)
                }
            }
            return score
        }
        guard let best = scored.min(), best <= limit else { return [] }
        return Array(zip(candidates, scored).filter { $0.1 == best }.map(\.0).prefix(3))
    }

    /// "did you mean 'a'?", "did you mean 'a' or 'b'?", or nil when there is nothing near.
    static func didYouMean(_ query: String, in candidates: [String]) -> String? {
        let near = nearest(to: query, in: candidates).map { "'\($0)'" }
        guard let last = near.last else { return nil }
        let list = near.count == 1 ? last : near.dropLast().joined(separator: ", ") + " or " + last
        return "did you mean \(list)?"
    }

    /// The optimal string alignment distance: insertions, deletions, substitutions and
    /// swaps of two neighbouring characters ("segemnts") each count 1.
    static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        guard !s.isEmpty, !t.isEmpty else { return max(s.count, t.count) }
        // rows[i][j]: distance between the first i characters of s and the first j of t.
        var rows = [[Int]](repeating: [Int](repeating: 0, count: t.count + 1), count: s.count + 1)
        for i in 0...s.count { rows[i][0] = i }
        for j in 0...t.count { rows[0][j] = j }
        for i in 1...s.count {
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var best = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    best = min(best, rows[i - 2][j - 2] + 1)
                }
                rows[i][j] = best
            }
        }
        return rows[s.count][t.count]
    }
}
