/// What counts as one unit when comparing coders inside a project.
///
/// - `turn`, `sentence`, `paragraph`: the document's stored units. A coder coded a unit
///   with a code when one of their codings of it overlaps the unit by at least the minimum
///   overlap (1 character by default).
/// - `character`: every character of the document is a unit (NVivo's coding comparison).
/// - `segment(overlap:)`: each coder's codings are matched to the other's as MAXQDA does
///   at segment level: two codings agree when they overlap by at least `overlap` (0...1)
///   of their union (see `SegmentMatching`). Two coders only.
/// - `continuum`: both character and segment comparisons of the stretches coded
///   (`ContinuumComparison`). Two coders only.
public enum AgreementUnit: Sendable, Equatable, CustomStringConvertible {
    case turn
    case sentence
    case paragraph
    case character
    case segment(overlap: Double)
    case continuum

    /// MAXQDA's default overlap for segment matching.
    public static let defaultSegmentOverlap = 0.9

    /// Parses `turn`, `sentence`, `paragraph`, `character`, `segment`, `segment:OVERLAP`
    /// (a percentage, e.g. `segment:80`) or `continuum`.
    public init?(parsing text: String) {
        let lower = text.lowercased()
        switch lower {
        case "turn", "turns": self = .turn
        case "sentence", "sentences": self = .sentence
        case "paragraph", "paragraphs": self = .paragraph
        case "character", "characters", "char": self = .character
        case "segment", "segments": self = .segment(overlap: Self.defaultSegmentOverlap)
        case "continuum": self = .continuum
        default:
            guard lower.hasPrefix("segment:"), let percent = Double(lower.dropFirst("segment:".count)),
                  percent > 0, percent <= 100 else { return nil }
            self = .segment(overlap: percent / 100)
        }
    }

    /// The name as typed, e.g. `turn` or `segment:90`.
    public var description: String {
        switch self {
        case .turn: "turn"
        case .sentence: "sentence"
        case .paragraph: "paragraph"
        case .character: "character"
        case .segment(let overlap):
            "segment:\(overlap * 100 == (overlap * 100).rounded() ? String(Int(overlap * 100)) : String(overlap * 100))"
        case .continuum: "continuum"
        }
    }

    /// Whether units are stored spans (turns, sentences, paragraphs) or characters, so that
    /// each unit gets a present/absent decision from every coder.
    public var isUnitBased: Bool {
        switch self {
        case .turn, .sentence, .paragraph, .character: true
        case .segment, .continuum: false
        }
    }
}

/// Problems with an agreement, disagreements or reconcile request.
public enum AgreementError: Error, CustomStringConvertible, Equatable {
    case tooFewCoders
    case duplicateCoder(String)
    case unknownCoder(String, known: [String])
    case noSharedDocuments([String])
    case needsTwoCoders(String)
    case needsStoredUnits(String)
    /// `what` supports only the units listed in `allowed`.
    case unsupportedUnit(String, allowed: String)
    case noChildren(String)
    case badDecision(line: Int, value: String)
    case badDecisionsFile(String)
    case consensusIsACoder(String)

    public var description: String {
        switch self {
        case .tooFewCoders:
            return "agreement needs at least two coders"
        case .duplicateCoder(let name):
            return "coder '\(name)' is named twice"
        case .unknownCoder(let name, let known):
            return "no coder '\(name)'" + (known.isEmpty ? " (nobody has coded yet)" : " (coders: \(known.joined(separator: ", ")))")
        case .noSharedDocuments(let coders):
            return "no document has codings by all of \(coders.joined(separator: ", "))"
        case .needsTwoCoders(let what):
            return "\(what) compares exactly two coders"
        case .needsStoredUnits(let what):
            return "\(what) needs the unit turn, sentence or paragraph"
        case .unsupportedUnit(let what, let allowed):
            return "\(what) needs the unit \(allowed)"
        case .noChildren(let code):
            return "code '\(code)' has no child codes to cross-tabulate"
        case .badDecision(let line, let value):
            return "line \(line): unknown decision '\(value)' (use keep, drop, or leave it empty)"
        case .badDecisionsFile(let why):
            return why
        case .consensusIsACoder(let name):
            return "the consensus coder '\(name)' must differ from the coders compared"
        }
    }
}
