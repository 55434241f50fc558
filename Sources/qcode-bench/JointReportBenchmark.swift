import Foundation
import QCodeKit

/// Times `export joint` and `report` on a large project: `files` transcripts (each its own
/// case, in one of four groups) with 6 themes × 10 codes and `codings` random codings by three
/// coders (so that every document has codings by several). Target: under 2 s each for
/// 1,000 transcripts and 150,000 codings.
///
///     qcode-bench joint [--files 1000] [--codings 150000]
///     qcode-bench report [--files 1000] [--codings 150000]
enum JointReportBenchmark {
    static func run(_ which: String, files: Int, codings: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let project = try BenchmarkSeeding.project(in: directory, documents: files, cases: .fromFileName("^interview-([0-9]+)"))
        let cases = try project.cases().map(\.name)
        let survey = "participant_id,group\n" + cases.enumerated().map { "\($1),group \($0 % 4)" }.joined(separator: "\n") + "\n"
        _ = try project.importCases(try CaseTable.parse(data: Data(survey.utf8), fileName: "groups.csv", idColumn: "participant_id"),
                                    source: "groups.csv")
        let (_, seeding) = try Measure.seconds { try BenchmarkSeeding.codings(project, count: codings, coders: 3) }
        print("\(which): \(files) transcripts, \(cases.count) cases, \(codings) codings by 3 coders (seeded in \(Measure.format(seeding)))")
        switch which {
        case "joint":
            for (level, quotes) in [(nil, 2), (1, 2)] as [(Int?, Int)] {
                let (text, seconds) = try Measure.seconds {
                    try project.jointDisplay(JointDisplayOptions(attribute: "group", coder: "coder1", level: level, quotes: quotes))
                        .rendered(.md, title: "bench")
                }
                print("export joint --level \(level.map(String.init) ?? "none") --quotes \(quotes): \(Measure.format(seconds)) (\(text.utf8.count / 1024) KB)")
            }
        default:
            let (html, seconds) = try Measure.seconds {
                try project.report(ReportOptions(coder: "coder1", attribute: "group"))
            }
            print("report --coder coder1 --by group: \(Measure.format(seconds)) (\(html.utf8.count / 1024) KB)")
        }
        print("peak memory \(String(format: "%.0f", Measure.peakMegabytes())) MB")
    }
}
