/// One coder's application of a code to a stretch of a document.
public struct ContinuumCoding: Sendable, Hashable, Codable {
    public var document: String
    public var code: String
    public var coder: String
    public var span: ContinuumSpan

    public init(document: String, code: String, coder: String, span: ContinuumSpan) {
        self.document = document
        self.code = code
        self.coder = coder
        self.span = span
    }
}

/// Continuum (text) agreement of two coders for every code, per document and overall:
/// character-level kappa and alpha (`CharacterAgreement`) and segment matching
/// (`SegmentMatching`). Documents in `documentLengths` that a code never touches still count
/// for that code (all their characters are "coded by neither").
public struct ContinuumComparison: Sendable {
    public struct CodeResult: Sendable {
        public let code: String
        /// Per document, in the order of `documents`.
        public let characters: [CharacterAgreement]
        public let overall: CharacterAgreement.Overall
        public let segments: SegmentMatching
    }

    public let documents: [String]
    /// Codes sorted by name.
    public let codes: [CodeResult]

    /// - Parameters:
    ///   - codings: codings by any coders; only `coderA`'s and `coderB`'s are used.
    ///   - documentLengths: length of every document to compare.
    /// - Throws: `ContinuumSpanError.unknownDocument` for a coding in a document without a length,
    ///   `ContinuumSpanError.outsideDocument` for a span past its document's end.
    public init(
        codings: [ContinuumCoding], coderA: String, coderB: String, documentLengths: [String: Int],
        threshold: Double = 0.9, rule: SegmentMatching.OverlapRule = .union
    ) throws {
        let documents = documentLengths.keys.sorted()
        var byCode: [String: [String: ([ContinuumSpan], [ContinuumSpan])]] = [:]
        for c in codings where c.coder == coderA || c.coder == coderB {
            guard documentLengths[c.document] != nil else { throw ContinuumSpanError.unknownDocument(c.document) }
            var entry = byCode[c.code, default: [:]][c.document, default: ([], [])]
            if c.coder == coderA { entry.0.append(c.span) } else { entry.1.append(c.span) }
            byCode[c.code, default: [:]][c.document] = entry
        }
        codes = try byCode.keys.sorted().map { code in
            let perDocument = byCode[code]!
            var characters: [CharacterAgreement] = []
            var segments: [SegmentMatching] = []
            for d in documents {
                let (a, b) = perDocument[d] ?? ([], [])
                characters.append(try CharacterAgreement.compare(length: documentLengths[d]!, coderA: a, coderB: b, document: d))
                segments.append(SegmentMatching.compare(coderA: a, coderB: b, threshold: threshold, rule: rule))
            }
            return CodeResult(
                code: code, characters: characters, overall: CharacterAgreement.overall(characters),
                segments: SegmentMatching.combined(segments))
        }
        self.documents = documents
    }
}
