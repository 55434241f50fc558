/// Everything a project report shows, as plain values (no database): ``ReportHTML`` turns
/// it into a page, and ``Project/report(_:)`` fills it from a project.
struct ReportContent {
    /// One coder's progress.
    struct Progress: Equatable {
        var coder: String
        var codings: Int
        /// Documents with at least one coding by the coder.
        var documentsCoded: Int
        /// Documents the coder marked done (`qcode docs done`); nil when not known.
        var documentsDone: Int?
    }

    /// Codings per code, one series per coder.
    struct Frequencies {
        /// Row labels (code paths), codebook order.
        var codes: [String]
        var series: [(coder: String, values: [Double])]
    }

    /// A code-by-code co-occurrence table.
    struct Cooccurrence {
        var codes: [String]
        /// `counts[a][b]`: units coded with both; the diagonal: units coded with the code.
        var counts: [[Int]]
        /// The unit, e.g. "turn".
        var unit: String
    }

    /// Agreement per code.
    struct Agreement {
        struct Row {
            var code: String
            var alpha: Double?
            var lower: Double?
            var upper: Double?
            var percent: Double?
            /// Units where the coders differed on the code.
            var disagreements: Int
            /// Units at least one coder coded with the code.
            var coded: Int
        }
        var coders: [String]
        var unit: String
        var rows: [Row]
        /// Pooled alpha over every code with its interval.
        var overall: Row?
        /// Units where two coders applied different codes (two coders only).
        var disagreementUnits: Int?
        var bootstrapSamples: Int
        var seed: UInt64
    }

    var title: String
    /// When the report was made, as the caller gives it (the library reads no clock here).
    var generated: String?
    var coder: String?
    var attribute: String?
    var level: Int?
    var documents: Int
    var cases: Int
    var casesWithDocuments: Int
    var progress: [Progress]
    var frequencies: Frequencies
    var joint: JointDisplay?
    var cooccurrence: Cooccurrence?
    var agreement: Agreement?
    /// Why agreement is not shown (fewer than two coders), for a note.
    var agreementNote: String?
    var codebook: [FlatCode]
}
