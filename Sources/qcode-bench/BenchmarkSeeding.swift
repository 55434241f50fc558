import Foundation
import QCodeKit

/// Fills a project with random codings for the benchmarks.
enum BenchmarkSeeding {
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
