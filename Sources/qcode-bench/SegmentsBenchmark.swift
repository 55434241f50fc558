import Foundation
import QCodeKit

/// Times listing (and rendering as CSV) every coded segment of a large project.
enum SegmentsBenchmark {
    static func run(codings: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let documents = 200
        let project = try BenchmarkSeeding.project(in: directory, documents: documents)
        let (_, seeding) = try Measure.seconds { try BenchmarkSeeding.codings(project, count: codings, coders: 3) }
        let (segments, listing) = try Measure.seconds { try project.segments() }
        let devNull = FileHandle(forWritingAtPath: "/dev/null")!
        let (_, streaming) = try Measure.seconds {
            let sink = ByteSink(handle: devNull)
            try project.exportSegments(format: .csv, to: sink)
            try sink.flush()
        }
        print("segments: \(segments.count) codings (seeded in \(Measure.format(seeding))): `qcode segments --format csv` path (stream to /dev/null) \(Measure.format(streaming)); library segments() as structs \(Measure.format(listing)); peak memory \(String(format: "%.0f", Measure.peakMegabytes())) MB")
    }
}
