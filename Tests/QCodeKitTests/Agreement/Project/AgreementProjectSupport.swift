import Foundation
@testable import QCodeKit

/// A fresh project with one or more interview documents of numbered turns and a small
/// codebook: `theme` (children `a`, `b` with grandchild `b/b1`) and `other`.
struct AgreementFixture {
    let project: Project
    /// Each document's turn spans, by document name.
    var turns: [String: [TextSpan]] = [:]
    var ids: [String: Int64] = [:]

    /// Documents named `names`, each with `turns` turns alternating Interviewer / P01.
    init(documents names: [String] = ["doc1"], turns count: Int = 10) throws {
        project = try TestProject.make()
        let folder = TemporaryDirectory.make()
        var urls: [URL] = []
        for name in names {
            let text = (1...count).map { "\($0 % 2 == 1 ? "Interviewer" : "P01"): This is turn number \($0) of \(name)." }
                .joined(separator: "\n\n") + "\n"
            let url = folder.appendingPathComponent("\(name).txt")
            try Data(text.utf8).write(to: url)
            urls.append(url)
        }
        _ = try project.importFiles(urls)
        _ = try project.importCodebook(Codebook(codes: [
            CodeDefinition(id: "theme", name: "theme", children: [
                CodeDefinition(id: "a", name: "a"),
                CodeDefinition(id: "b", name: "b", children: [CodeDefinition(id: "b1", name: "b1")]),
            ]),
            CodeDefinition(id: "other", name: "other"),
        ]), source: "test")
        for name in names {
            let document = try project.document(name)
            turns[name] = document.turns.map(\.span)
            ids[name] = document.id
        }
    }

    /// Codes turns `range` (1-based, inclusive) of a document as one coding spanning them.
    func code(_ coder: String, _ code: String, turns range: ClosedRange<Int>, in document: String = "doc1") throws {
        let spans = turns[document]!
        try project.addCodings([NewCoding(documentID: ids[document]!, codeID: code, coder: coder,
                                          start: spans[range.lowerBound - 1].start, end: spans[range.upperBound - 1].end)])
    }

    /// Codes each turn of `numbers` separately.
    func codeEach(_ coder: String, _ code: String, _ numbers: [Int], in document: String = "doc1") throws {
        let spans = turns[document]!
        try project.addCodings(numbers.map {
            NewCoding(documentID: ids[document]!, codeID: code, coder: coder, start: spans[$0 - 1].start, end: spans[$0 - 1].end)
        })
    }

    /// Codes characters `start..<end`.
    func code(_ coder: String, _ code: String, chars start: Int, _ end: Int, in document: String = "doc1") throws {
        try project.addCodings([NewCoding(documentID: ids[document]!, codeID: code, coder: coder, start: start, end: end)])
    }

    func agreement(_ coders: [String], unit: AgreementUnit = .turn, code: String? = nil, children: Bool = true,
                   minOverlap: Int = 1, documents: [String] = []) throws -> ProjectAgreement {
        var request = ProjectAgreementRequest(coders: coders)
        request.unit = unit
        request.code = code
        request.includeChildren = children
        request.minOverlap = minOverlap
        request.documents = documents
        return try project.agreement(request)
    }
}

extension ProjectAgreement {
    func row(_ path: String) -> CodeAgreement? { codes.first { $0.code == path } }
    func theme(_ path: String) -> CodeAgreement? { themes.first { $0.code == path } }
}
