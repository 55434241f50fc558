import Foundation
import QCodeKit

/// Times importing every `.txt` in a folder into a fresh project.
enum ImportBenchmark {
    static func run(directory: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".txt") }.sorted().map { directory.appendingPathComponent($0) }
        let bytes = try files.reduce(0) { $0 + ((try FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
        let projectURL = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-bench-\(UUID().uuidString).qcode")
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: projectURL.path + suffix) }
        }
        let project = try Project.create(at: projectURL)
        let (report, seconds) = try Measure.seconds { try project.importFiles(files) }
        let turns = report.added.reduce(0) { $0 + $1.turns }
        print("import: \(report.added.count) files, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB, \(turns) turns in \(Measure.format(seconds)) (\(String(format: "%.0f", Double(bytes) / 1_048_576 / seconds)) MB/s); peak memory \(String(format: "%.0f", Measure.peakMegabytes())) MB")
    }
}
