import Foundation

/// What `qcode words` counts.
public struct WordsRequest: Sendable {
    /// How counts are split.
    public enum Grouping: Sendable, Equatable {
        /// By the speaker of each turn.
        case speaker
        /// By the value of this case attribute of each document's case.
        case attribute(String)
    }

    public var documents: [String] = []
    public var cases: [String] = []
    public var speaker: String?
    public var attributes: [(name: String, value: String)] = []
    /// Only words inside `coder`'s codings of this code (or its descendants).
    public var inCode: String?
    public var coder: String?
    public var grouping: Grouping?
    /// 1 for words, 2 or 3 for n-grams.
    public var ngram = 1
    public var stopWords: Set<String> = EnglishStopWords.set
    public var minimumLength = 1
    /// At most this many rows (per group).
    public var top: Int?

    public init() {}
}

extension Project {
    /// Word (or n-gram) frequencies over the turns of the selected documents, with the
    /// number of documents each occurs in: words as search sees them (``WordTokenizer``),
    /// lower case. N-grams do not cross turns (or codings, with `inCode`).
    public func words(_ request: WordsRequest) throws -> [WordCount] {
        try read { store in
            let scope = try SearchScope(store, documents: request.documents, cases: request.cases,
                                        attributes: request.attributes, inCode: request.inCode,
                                        uncoded: false, coder: request.coder)
            var groupOfCase: [String: String] = [:]
            if case .attribute(let name) = request.grouping {
                guard try store.attributeExists(name) else { throw SegmentError.noSuchAttribute(name) }
                for details in try store.caseDetails() {
                    if let value = details.attributes[name] { groupOfCase[details.name] = value.description }
                }
            }
            var counter = WordCounter(size: request.ngram, stopWords: request.stopWords, minimumLength: request.minimumLength)
            for document in scope.documents {
                let units = try SearchUnits.read(store, document: document, numbers: nil)
                // Overlapping codings count their words once.
                let codings = SearchMatcher.merged(try scope.codingSpans(store, document: document.id).map { $0.start..<$0.end })
                let documentGroup = document.caseName.flatMap { groupOfCase[$0] }
                for unit in units.units where SearchUnits.speaker(unit.speaker, matches: request.speaker) {
                    let text = units.scalars(of: unit)
                    let group: String?
                    switch request.grouping {
                    case nil: group = nil
                    case .speaker: group = unit.speaker
                    case .attribute: group = documentGroup
                    }
                    let ranges = WordTokenizer.words(in: text.scalars, from: text.lower, to: text.upper)
                    if case .any = scope.codings {
                        counter.add(run: ranges.map { WordTokenizer.folded(text.scalars[$0]) }, group: group, document: document.id)
                        continue
                    }
                    // Runs of words inside one coding each.
                    for coding in codings where coding.lowerBound < unit.end && unit.start < coding.upperBound {
                        let run = ranges.filter {
                            coding.lowerBound <= $0.lowerBound - text.base && $0.upperBound - text.base <= coding.upperBound
                        }
                        counter.add(run: run.map { WordTokenizer.folded(text.scalars[$0]) }, group: group, document: document.id)
                    }
                }
            }
            return counter.result(top: request.top)
        }
    }
}
