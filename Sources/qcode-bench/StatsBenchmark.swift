import Foundation
import QCodeKit

/// Times `qcode stats presence` and `qcode stats compare` (the library calls and the table
/// and JSON they print) on a large project: `files` transcripts, each its own case with a
/// group (3 values, some missing) and a numeric outcome and baseline, 6 themes × 10 codes,
/// and `codings` random codings by one coder.
///
///     qcode-bench stats [--files 1000] [--codings 150000]
enum StatsBenchmark {
    static func run(files: Int, codings: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (project, building) = try Measure.seconds {
            try BenchmarkSeeding.project(in: directory, documents: files, cases: .fromFileName("^interview-([0-9]+)"))
        }
        var generator = SplitMix(seed: 13)
        let rows = try project.cases().map { record -> CaseRow in
            var values: [String: String] = [:]
            let group = generator.next() % 20
            if group < 19 { values["group"] = ["community", "clinic", "online"][Int(group % 3)] }
            let baseline = 3 + Double(generator.next() % 600) / 100
            values["loneliness_baseline"] = String(format: "%.2f", baseline)
            values["loneliness_followup"] = String(format: "%.2f", baseline - 1 + Double(generator.next() % 300) / 100)
            return CaseRow(id: record.name, values: values)
        }
        _ = try project.importCases(CaseTable(idColumn: "id", columns: ["group", "loneliness_baseline", "loneliness_followup"],
                                              types: ["group": .text, "loneliness_baseline": .number, "loneliness_followup": .number],
                                              rows: rows), source: "bench")
        let (_, seeding) = try Measure.seconds { try BenchmarkSeeding.codings(project, count: codings, coders: 1) }
        print("stats: \(files) transcripts (\(rows.count) cases) built in \(Measure.format(building)), "
              + "\(codings) codings seeded in \(Measure.format(seeding))")

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        for adjustment in [nil, PValueAdjustment.holm] {
            let suffix = adjustment.map { " --adjust \($0.rawValue)" } ?? ""
            let (presence, presenceSeconds) = try Measure.seconds {
                let stats = try project.presenceStatistics(coder: "coder1", by: "group", adjustment: adjustment)
                _ = stats.tabular(exact: false).table()
                _ = try encoder.encode(stats.codes)
                return stats
            }
            print("stats presence --by group\(suffix): \(presence.codes.count) codes × \(presence.values.count) groups "
                  + "in \(Measure.format(presenceSeconds)) (table and json rendered)")
            let (comparison, compareSeconds) = try Measure.seconds {
                let comparison = try project.outcomeComparison(coder: "coder1", outcome: "loneliness_followup",
                                                               baseline: "loneliness_baseline", adjustment: adjustment)
                _ = comparison.tabular(exact: false).table()
                _ = try encoder.encode(comparison.codes)
                return comparison
            }
            print("stats compare --outcome --baseline\(suffix): \(comparison.codes.count) codes over "
                  + "\(comparison.cases - comparison.withoutOutcome) cases in \(Measure.format(compareSeconds)) (table and json rendered)")
        }
        print("peak memory \(String(format: "%.0f", Measure.peakMegabytes())) MB")
    }
}
