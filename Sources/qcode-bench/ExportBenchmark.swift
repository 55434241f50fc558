import Foundation
import QCodeKit

/// Times the `segments` and `matrix` exports of a large project (to a file, as the CLI does).
enum ExportBenchmark {
    static func run(codings: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let documents = 200
        let project = try BenchmarkSeeding.project(in: directory, documents: documents, cases: .fromFileName("^interview-([0-9]+)"))
        let (_, seeding) = try Measure.seconds { try BenchmarkSeeding.codings(project, count: codings, coders: 1) }
        let output = directory.appendingPathComponent("out")

        func timed(_ name: String, _ body: (ByteSink) throws -> Void) throws -> Double {
            FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            let (_, seconds) = try Measure.seconds {
                let sink = ByteSink(handle: handle)
                try body(sink)
                try sink.flush()
            }
            try handle.close()
            let size = (try FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
            print("export \(name): \(Measure.format(seconds)) (\(size / 1_048_576) MB)")
            return seconds
        }
        print("export: \(codings) codings in \(documents) documents (seeded in \(Measure.format(seeding)))")
        _ = try timed("segments csv") { try project.exportSegments(format: .csv, to: $0) }
        _ = try timed("segments jsonl --attributes") { try project.exportSegments(attributes: true, format: .jsonl, to: $0) }
        for value in MatrixValue.allCases {
            _ = try timed("matrix \(value.rawValue) csv") { try project.codeMatrix(.init(value: value)).table.write(.csv, to: $0) }
        }
        _ = try timed("cooccurrence by turn") { try project.cooccurrence().write(.csv, to: $0) }
        print("peak memory \(String(format: "%.0f", Measure.peakMegabytes())) MB")
    }
}
