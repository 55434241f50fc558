import Foundation

/// Writes deterministic, speaker-labelled interview transcripts for benchmarks.
enum CorpusGenerator {
    private static let words = """
        I think the group really helped me because before that I was on my own most days and \
        the link worker listened to what mattered to me then we made a plan together about \
        money and housing and going back to the choir on Tuesday mornings at the community \
        centre which felt strange at first but now I know people there and they ask after me \
        when I miss a week so I go to the doctor less often than I used to honestly
        """.split(separator: " ").map(String.init)

    /// Writes `files` transcripts of about `words` words each; returns the bytes written.
    static func write(to directory: URL, files: Int, words count: Int) throws -> Int {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var generator = SplitMix(seed: 42)
        var total = 0
        for file in 1...files {
            var text = ""
            text.reserveCapacity(count * 6)
            var written = 0
            var turn = 0
            while written < count {
                let speaker = turn % 2 == 0 ? "Interviewer" : String(format: "P%04d", file)
                let seconds = turn * 17
                text += String(format: "[%02d:%02d:%02d] ", seconds / 3600, (seconds / 60) % 60, seconds % 60)
                text += speaker + ": "
                let length = turn % 2 == 0 ? 12 + Int(generator.next() % 20) : 60 + Int(generator.next() % 120)
                for index in 0..<length {
                    var word = Self.words[Int(generator.next() % UInt64(Self.words.count))]
                    if index == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
                    text += word
                    text += index == length - 1 ? ".\n\n" : (generator.next() % 12 == 0 ? ". " : " ")
                }
                written += length
                turn += 1
            }
            let data = Data(text.utf8)
            total += data.count
            try data.write(to: directory.appendingPathComponent(String(format: "interview-%04d.txt", file)))
        }
        return total
    }
}

/// A small deterministic random number generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
