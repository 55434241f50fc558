/// One speaker's utterance in a transcript.
///
/// `span` covers only what was said: the speaker label, its colon or brackets and any
/// timestamp are outside it, and surrounding whitespace is trimmed.
public struct Turn: Sendable, Hashable, Codable {
    /// The speaker label as written, trimmed, without colon or brackets
    /// (for example `"Interviewer"`, `"P07"`, `"Dr Smith"`, `"id1"`), or `nil` when the
    /// source names no speaker.
    public var speaker: String?
    /// The utterance text, in scalar offsets into the document text.
    public var span: TextSpan
    /// Start time in seconds, when the source gives one.
    public var time: Double?
    /// End time in seconds, when the source gives one (subtitles).
    public var endTime: Double?

    /// Creates a turn.
    public init(speaker: String?, span: TextSpan, time: Double? = nil, endTime: Double? = nil) {
        self.speaker = speaker
        self.span = span
        self.time = time
        self.endTime = endTime
    }
}
