import Foundation
import QCodeKit

/// Times inter-coder agreement: the ratings calculator on large reliability data, and the
/// per-code table of a large project at turn and character level.
///
///     qcode-bench agree-ratings [--units 1000000] [--coders 2] [--categories 20]
///     qcode-bench agree-project [--files 1000] [--words 8000] [--codings 150000]
enum AgreementBenchmark {
    /// Writes long CSV ratings (coders agree about 70% of the time) and times reading and
    /// computing every statistic in-process. Prints the file so the whole process can be
    /// timed too: `/usr/bin/time -v qcode agree --ratings FILE`.
    static func ratings(units: Int, coders: Int, categories: Int) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-bench-ratings-\(units)x\(coders).csv")
        var generator = SplitMix(seed: 11)
        var csv = "unit,coder,value\n"
        csv.reserveCapacity(units * coders * 16)
        for unit in 0..<units {
            let truth = Int(generator.next() % UInt64(categories))
            for coder in 0..<coders {
                let value = generator.next() % 10 < 7 ? truth : Int(generator.next() % UInt64(categories))
                csv += "u\(unit),c\(coder),v\(value)\n"
            }
        }
        let data = Data(csv.utf8)
        try data.write(to: url)
        let (summary, seconds) = try Measure.seconds {
            try RatingsCalculator.summary(csv: data, level: .nominal, categories: nil)
        }
        print("agree --ratings: \(units) units × \(coders) coders, \(categories) categories (\(data.count / 1_048_576) MB) "
              + "in \(Measure.format(seconds)) in-process; alpha \(String(format: "%.3f", summary.krippendorffAlpha ?? .nan)); "
              + "peak memory \(String(format: "%.0f", Measure.peakMegabytes())) MB (includes the generated CSV)")
        print("whole process: /usr/bin/time -v qcode agree --ratings \(url.path)")
    }

    /// Builds a project of `files` transcripts with 6 themes × 10 codes and `codings` random
    /// codings by three coders, then times `agreement` at turn, character and continuum level.
    static func project(files: Int, words: Int, codings: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CorpusGenerator.write(to: directory, files: files, words: words)
        let project = try Project.create(at: directory.appendingPathComponent("bench.qcode"))
        let (_, importing) = try Measure.seconds {
            try project.importFiles(try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".txt") }.map { directory.appendingPathComponent($0) })
        }
        var codes: [CodeDefinition] = []
        for theme in 0..<6 {
            codes.append(CodeDefinition(id: "t\(theme)", name: "theme-\(theme)",
                                        children: (0..<10).map { CodeDefinition(id: "t\(theme)c\($0)", name: "code-\($0)") }))
        }
        _ = try project.importCodebook(Codebook(codes: codes), source: "bench")
        let (_, seeding) = try Measure.seconds { try BenchmarkSeeding.codings(project, count: codings, coders: 3) }
        print("agree project: \(files) transcripts imported in \(Measure.format(importing)), \(codings) codings seeded in \(Measure.format(seeding))")
        for unit in [AgreementUnit.turn, .character, .continuum] {
            for coders in [["coder1", "coder2"], ["coder1", "coder2", "coder3"]] {
                var request = ProjectAgreementRequest(coders: coders)
                request.unit = unit
                let (report, seconds) = try Measure.seconds { try project.agreement(request) }
                let (text, rendering) = Measure.seconds { report.renderTable() }
                print("agree --unit \(unit) --coders \(coders.joined(separator: ",")): \(report.codes.count) codes + "
                      + "\(report.themes.count) themes over \(report.documents.count) documents, \(report.overall.pooled.units) "
                      + "pooled decisions, in \(Measure.format(seconds)) (+ \(Measure.format(rendering)) to render \(text.count) characters); "
                      + "peak memory \(String(format: "%.0f", Measure.peakMegabytes())) MB")
            }
        }
    }
}
