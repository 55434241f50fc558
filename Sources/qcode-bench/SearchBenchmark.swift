import Foundation
import QCodeKit

/// Times `qcode search` on a generated corpus of `files` transcripts (about 45 MB for
/// 1,000): word, phrase, prefix and boolean queries through the full-text index, a regular
/// expression over everything, and the index's size against the text's. Also times the
/// import (which does not index) and building the index, which the first search after an
/// import does.
///
/// The corpus is ``CorpusGenerator``'s, with a long tail of rarer words mixed in (one word
/// in ten from a Zipf-distributed vocabulary of 20,000), so that words occur at realistic
/// rates: a few common words in every turn, most words in a few documents.
enum SearchBenchmark {
    static func run(files: Int, words: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-bench-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = directory.appendingPathComponent("corpus")
        let bytes = try write(to: corpus, files: files, words: words)
        let urls = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted().map { corpus.appendingPathComponent($0) }
        let project = try Project.create(at: directory.appendingPathComponent("bench.qcode"))
        let (report, importing) = try Measure.seconds { try project.importFiles(urls) }
        let (_, rebuilding) = try Measure.seconds { try project.rebuildSearchIndex() }
        let statistics = try project.searchIndexStatistics()
        print("search: \(report.added.count) files, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB; import \(Measure.format(importing)); building the index (the first search's work) \(Measure.format(rebuilding))")
        print("search: index \(String(format: "%.1f", Double(statistics.indexBytes) / 1_048_576)) MB for \(String(format: "%.1f", Double(statistics.textBytes) / 1_048_576)) MB of text (\(String(format: "%.0f", 100 * Double(statistics.indexBytes) / Double(max(1, statistics.textBytes))))%)")
        let queries: [(String, SearchRequest.Pattern)] = [
            ("rare word", .words(vocabulary(1500))),
            ("word in some documents", .words(vocabulary(40))),
            ("common word", .words("choir")),
            ("phrase", .words("\"link worker\"")),
            ("prefix", .words("\(vocabulary(200).prefix(4))*")),
            ("A NOT B", .words("\(vocabulary(60)) NOT \(vocabulary(61))")),
            ("NEAR", .words("NEAR(\(vocabulary(30)) \(vocabulary(31)), 10)")),
            ("regex over everything", .regex("\\bchoir on \\w+day")),
        ]
        for (label, pattern) in queries {
            _ = try project.search(SearchRequest(pattern))  // warm the cache once
            let (hits, seconds) = try Measure.seconds { try project.search(SearchRequest(pattern)) }
            let query: String
            switch pattern { case .words(let text), .regex(let text): query = text }
            print("search: \(label) '\(query)': \(hits.count) hits in \(Measure.format(seconds))")
        }
        print("search: peak memory \(String(format: "%.0f", Measure.peakMegabytes())) MB")
    }

    /// The `rank`-th word (from 1) of the rare vocabulary: syllables, so it reads as a word.
    static func vocabulary(_ rank: Int) -> String {
        let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "be", "do", "fe", "gu", "ha", "jo", "pe", "zu"]
        var value = rank
        var word = ""
        repeat {
            word += syllables[value % syllables.count]
            value /= syllables.count
        } while value > 0
        return word + "n"
    }

    /// Writes the corpus; returns the bytes written.
    static func write(to directory: URL, files: Int, words count: Int) throws -> Int {
        try CorpusGenerator.write(to: directory, files: files, words: count)
        // Mix in the long tail: every tenth word of each file becomes a Zipf-distributed
        // rare word (deterministic).
        var generator = SplitMix(seed: 7)
        var cumulative: [Double] = []
        var total = 0.0
        for rank in 1...20_000 {
            total += 1 / Double(rank)
            cumulative.append(total)
        }
        var bytes = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
            let url = directory.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            var out = ""
            out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
            var index = 0
            for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
                if index > 0 { out += " " }
                index += 1
                if index % 10 == 0, piece.allSatisfy({ $0.isLetter }) {
                    let target = Double(generator.next() % 1_000_000) / 1_000_000 * total
                    var low = 0
                    var high = cumulative.count - 1
                    while low < high {
                        let middle = (low + high) / 2
                        if cumulative[middle] < target { low = middle + 1 } else { high = middle }
                    }
                    out += vocabulary(low + 1)
                } else {
                    out += piece
                }
            }
            let data = Data(out.utf8)
            bytes += data.count
            try data.write(to: url)
        }
        return bytes
    }
}
