import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode words`
    struct Words: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count word frequencies across the transcripts (or within a code).",
            discussion: """
                Words are those of 'qcode search': letters and digits, apostrophes kept inside \
                words, counted in lower case, over what speakers say (turn text). count is how \
                often a word occurs; documents in how many documents.
                English stop words (the Snowball English list, 174 words such as the, and, i, \
                don't; see EnglishStopWords.swift and the README) are left out unless \
                --stopwords none; --stopwords FILE reads one word per line (# starts a comment). \
                A word shorter than --min-length is treated as a stop word. An n-gram \
                (--ngrams 2|3: words in a row within one turn, or one coding with --in-code) is \
                left out when its first or last word is a stop word.
                JSON: [{"word","count","documents"}]; with --by, each row also has "group": the \
                speaker, or the case's value of the attribute (null when there is none), and \
                --top applies per group.

                Examples:
                  qcode words --top 20
                  qcode words --by sex --top 5 --format csv
                  qcode words --ngrams 2 --in-code loneliness-isolation --coder alice
                """)

        @OptionGroup var projectOptions: ProjectOptions

        @Option(name: .long, help: ArgumentHelp("Only the N most frequent (per group).", valueName: "n"))
        var top: Int?

        @Option(name: .long, help: ArgumentHelp("Count per speaker, or per value of this case attribute.", valueName: "speaker|attr"))
        var by: String?

        @Option(name: .customLong("in-code"), help: ArgumentHelp("Only words inside --coder's codings of this code (or its subcodes).", valueName: "code"))
        var inCode: String?

        @Option(name: .long, help: ArgumentHelp("The coder for --in-code (default: $QCODE_CODER).", valueName: "name"))
        var coder: String?

        @Option(name: .customLong("min-length"), help: ArgumentHelp("Leave out words shorter than this.", valueName: "n"))
        var minLength = 1

        @Option(name: .long, help: ArgumentHelp("Stop words to leave out: english, none, or a file.", valueName: "english|none|file"))
        var stopwords = "english"

        @Option(name: .long, help: ArgumentHelp("Count runs of 2 or 3 words instead of words.", valueName: "n"))
        var ngrams = 1

        @OptionGroup var filterOptions: TextFilterOptions

        @Option(name: .long, help: "Output format.")
        var format: OutputFormat = .table

        func validate() throws {
            if ![1, 2, 3].contains(ngrams) { throw ValidationError("--ngrams takes 2 or 3") }
            if let top, top < 1 { throw ValidationError("--top must be 1 or more") }
            if minLength < 0 { throw ValidationError("--min-length must be 0 or more") }
        }

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                let filter = try filterOptions.checked(in: project)
                var request = WordsRequest()
                request.documents = filter.documents
                request.cases = filter.cases
                request.speaker = filter.speaker
                request.attributes = filter.attributes
                request.inCode = inCode
                request.coder = coder ?? ProcessInfo.processInfo.environment["QCODE_CODER"].flatMap { $0.isEmpty ? nil : $0 }
                request.grouping = by.map { $0.lowercased() == "speaker" ? .speaker : .attribute($0) }
                request.ngram = ngrams
                request.minimumLength = minLength
                request.top = top
                request.stopWords = try stopWordList()
                let counts = try project.words(request)
                let grouped = by != nil
                let headers = (grouped ? ["group"] : []) + ["word", "count", "documents"]
                let table = Tabular(headers: headers, rows: counts.map { row in
                    (grouped ? [row.group ?? ""] : []) + [row.word, String(row.count), String(row.documents)]
                })
                switch format {
                case .table: Console.output(table.table())
                case .csv: Console.writeOut(Data(table.csv().utf8))
                case .tsv: Console.writeOut(Data(table.tsv().utf8))
                case .json:
                    if counts.isEmpty {
                        Console.outputExact("[]")
                    } else if grouped {
                        try Console.printJSON(counts.map(GroupedWordJSON.init))
                    } else {
                        try Console.printJSON(counts.map(WordJSON.init))
                    }
                }
            }
        }

        private func stopWordList() throws -> Set<String> {
            switch stopwords.lowercased() {
            case "english": return EnglishStopWords.set
            case "none": return []
            default:
                guard let data = FileManager.default.contents(atPath: stopwords) else {
                    throw ValidationError("\(stopwords): no such stop-word file (or give english or none)")
                }
                return WordCounter.stopWords(fromFile: String(decoding: data, as: UTF8.self))
            }
        }
    }
}

/// One `qcode words --format json` row.
private struct WordJSON: Encodable {
    var word: String
    var count: Int
    var documents: Int

    init(_ row: WordCount) {
        word = row.word
        count = row.count
        documents = row.documents
    }
}

/// One `qcode words --by ... --format json` row: the group (null when none) first.
private struct GroupedWordJSON: Encodable {
    var group: String?
    var word: String
    var count: Int
    var documents: Int

    init(_ row: WordCount) {
        group = row.group
        word = row.word
        count = row.count
        documents = row.documents
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(group, forKey: .group)
        try container.encode(word, forKey: .word)
        try container.encode(count, forKey: .count)
        try container.encode(documents, forKey: .documents)
    }

    enum CodingKeys: String, CodingKey { case group, word, count, documents }
}
