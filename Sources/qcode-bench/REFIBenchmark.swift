import Foundation
import QCodeKit

/// Times a REFI-QDA round trip: exporting a large project as `.qdpx`, then importing that
/// file into a fresh project (target: 1,000 transcripts in under 10 seconds).
enum REFIBenchmark {
    static func run(files: Int, codings: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = directory.appendingPathComponent("corpus")
        _ = try CorpusGenerator.write(to: corpus, files: files, words: 8000)
        let project = try Project.create(at: directory.appendingPathComponent("bench.qcode"))
        _ = try project.importFiles(try FileManager.default.contentsOfDirectory(atPath: corpus.path)
            .filter { $0.hasSuffix(".txt") }.sorted().map { corpus.appendingPathComponent($0) },
            cases: .fromFileName("interview-([0-9]+)"))
        var codes: [CodeDefinition] = []
        for theme in 0..<6 {
            codes.append(CodeDefinition(id: "t\(theme)", name: "theme-\(theme)", colour: "#1B9E77", description: "Theme \(theme)",
                                        children: (0..<10).map { CodeDefinition(id: "t\(theme)c\($0)", name: "code-\($0)") }))
        }
        _ = try project.importCodebook(Codebook(codes: codes), source: "bench")
        try BenchmarkSeeding.codings(project, count: codings, coders: 3)

        let url = directory.appendingPathComponent("bench.qdpx")
        let (exported, exportTime) = try Measure.seconds { try project.exportQDPX(to: url) }
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        let fresh = try Project.create(at: directory.appendingPathComponent("fresh.qcode"))
        let (imported, importTime) = try Measure.seconds { try fresh.importQDPX(url: url) }
        guard imported.documents.count == exported.documents, imported.codings == exported.codings else {
            fail("round trip lost data: exported \(exported.documents) documents and \(exported.codings) codings, imported \(imported.documents.count) and \(imported.codings)")
        }
        print("refi: \(exported.documents) transcripts, \(exported.codings) codings, \(exported.cases) cases: export \(Measure.format(exportTime)) (\(String(format: "%.1f", Double(size) / 1_048_576)) MB .qdpx), import \(Measure.format(importTime)); total \(Measure.format(exportTime + importTime)); peak memory \(String(format: "%.0f", Measure.peakMegabytes())) MB")
    }
}
