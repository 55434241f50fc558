import Foundation
import QCodeKit

/// Fills a project with random codings for the benchmarks.
enum BenchmarkSeeding {
    /// A new project in `directory` holding `documents` generated transcripts of 8,000 words
    /// and a codebook of 6 themes x 10 codes (ids `t0`...`t5`, `t0c0`...).
    static func project(in directory: URL, documents: Int, cases: CaseAssignment = .none) throws -> Project {
        _ = try CorpusGenerator.write(to: directory, files: documents, words: 8000)
        let project = try Project.create(at: directory.appendingPathComponent("bench.qcode"))
        _ = try project.importFiles(try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".txt") }.map { directory.appendingPathComponent($0) }, cases: cases)
        let codes = (0..<6).map { theme in
            CodeDefinition(id: "t\(theme)", name: "theme-\(theme)",
                           children: (0..<10).map { CodeDefinition(id: "t\(theme)c\($0)", name: "code-\($0)") })
        }
        _ = try project.importCodebook(Codebook(codes: codes), source: "bench")
        return project
    }

    static func codings(_ project: Project, count: Int, coders: Int) throws {
        let documents = try project.documents()
        let codes = try project.codes().filter { $0.depth == 1 }
        var generator = SplitMix(seed: 7)
        var batch: [NewCoding] = []
        batch.reserveCapacity(count)
        for index in 0..<count {
            let document = documents[index % documents.count]
            let start = Int(generator.next() % UInt64(max(1, document.characters - 400)))
            let length = 20 + Int(generator.next() % 300)
            batch.append(NewCoding(documentID: document.id, codeID: codes[Int(generator.next() % UInt64(codes.count))].id,
                                   coder: "coder\(index % coders + 1)", start: start, end: min(document.characters, start + length)))
        }
        try project.addCodings(batch, action: "bench")
    }
}
