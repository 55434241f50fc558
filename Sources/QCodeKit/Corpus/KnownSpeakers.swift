import Foundation

/// Speaker names that are labels even when they occur only once, and bracketed words that
/// are transcription notes rather than speakers.
enum KnownSpeakers {
    static let roles: Set<String> = [
        "interviewer", "interviewee", "moderator", "facilitator", "respondent", "participant",
        "researcher", "speaker", "int", "resp",
    ]

    static let titles: Set<String> = ["dr", "mr", "mrs", "ms", "miss", "prof"]

    /// Rev-style notes written in brackets: `[inaudible]`, `[crosstalk 00:12:03]`, ...
    static let notes: Set<String> = [
        "inaudible", "crosstalk", "laughter", "laughs", "laughing", "laugh", "pause", "silence",
        "music", "noise", "unintelligible", "unclear", "overlapping", "overtalk", "applause",
        "background", "sic", "cough", "coughs", "sighs", "sigh", "phonetic", "foreign",
        "indiscernible", "redacted", "name", "break", "interruption", "end", "beginning",
        "blank_audio", "silent", "chuckles", "noises",
    ]

    /// Whether `speaker` matches a known label pattern: a role word (optionally followed by a
    /// short number or letter, e.g. `Interviewer 2`, `Speaker 1`), `I`, `R`, `P07`,
    /// `[A-Z]{1,3}[0-9]{1,3}` (e.g. `FG2`), or a title and name (`Dr Smith`, `Mr. Tyeri`).
    static func isKnown(_ speaker: String) -> Bool {
        let u = Array(speaker.utf8)
        if u.count == 1 { return u[0] == 0x49 || u[0] == 0x52 }  // I, R
        // Uppercase letters then digits: P07, FG2, ID12.
        var i = 0
        while i < u.count, ASCII.isUpper(u[i]) { i += 1 }
        if (1...3).contains(i), (1...3).contains(u.count - i), u[i...].allSatisfy(ASCII.isDigit) { return true }
        if u.count >= 2, u[0] == 0x50 || u[0] == 0x70, u[1...].allSatisfy(ASCII.isDigit), u.count <= 5 { return true }
        let lower = speaker.lowercased()
        // Role word, then nothing or a short alphanumeric suffix.
        var letters = lower.startIndex
        while letters < lower.endIndex, lower[letters].isLetter { letters = lower.index(after: letters) }
        let word = String(lower[..<letters])
        if roles.contains(word) {
            let rest = lower[letters...].trimmingCharacters(in: .whitespaces)
            return rest.count <= 3 && rest.allSatisfy { $0.isLetter || $0.isNumber }
        }
        // Title and name.
        let parts = speaker.split(separator: " ", maxSplits: 1)
        if parts.count == 2 {
            var title = parts[0].lowercased()
            if title.hasSuffix(".") { title.removeLast() }
            if titles.contains(title), let c = parts[1].first, c.isUppercase { return true }
        }
        return false
    }

    static let nameParticles: Set<String> = [
        "de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du", "bin", "al", "y", "ten", "ter",
    ]

    /// Whether an unknown label reads like a name rather than words of a sentence: a single
    /// token (`admin-1`, `id1`, `doctor`), or words that each start with a capital or digit
    /// (name particles such as `de` and `van` excepted). "The problem is" is not a name.
    static func looksLikeName(_ speaker: String) -> Bool {
        let words = speaker.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count > 1 else { return true }
        return words.allSatisfy { w in
            guard let c = w.first else { return true }
            return c.isUppercase || c.isNumber || nameParticles.contains(w.lowercased())
        }
    }

    /// Whether a bracketed word is a transcription note such as `[inaudible]`.
    static func isNote(_ text: String) -> Bool {
        let first = text.split(separator: " ").first.map { $0.lowercased() } ?? ""
        return notes.contains(first)
    }
}
