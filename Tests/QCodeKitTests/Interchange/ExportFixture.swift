import Foundation
@testable import QCodeKit

/// A small project with exactly known codings for the export tests.
///
/// AA01 (service user, 40): turn 2 "I felt I belonged there. But I was lonely before."
/// coded by ann as community-belonging and (overlapping) loneliness; turn 4 "I trusted her
/// completely." coded twice by ann as trust (nested spans). BB02 (GP, 50): ann codes
/// "Nobody came round" and bob "It was quiet" as loneliness. CC03 has no document.
struct ExportFixture {
    let project: Project
    /// Characters of each document.
    let characters: [String: Int]

    static let codebook = """
        codes:
          - name: Social Cure
            id: sc
            children:
              - {name: community-belonging, id: sc-cb}
              - {name: loneliness, id: sc-lo}
          - name: link-worker
            id: lw
            children:
              - {name: trust, id: lw-tr}
        """

    static let survey = """
        participant_id,group,age
        AA01,service user,40
        BB02,GP,50
        CC03,service user,30
        """

    init() throws {
        project = try TestProject.make()
        let folder = project.url.deletingLastPathComponent()
        let files = [
            ("AA01_interview.txt", "Interviewer: How was the group?\nAA01: I felt I belonged there. But I was lonely before.\nInterviewer: And the link worker?\nAA01: I trusted her completely.\n"),
            ("BB02_interview.txt", "Interviewer: Tell me more.\nBB02: Nobody came round. It was quiet.\n"),
        ].map { name, text -> URL in
            let url = folder.appendingPathComponent(name)
            try! Data(text.utf8).write(to: url)
            return url
        }
        _ = try project.importFiles(files, cases: .fromFileName("^([A-Z]{2}[0-9]{2})"))
        _ = try project.importCases(try CaseTable.parse(data: Data(Self.survey.utf8), fileName: "survey.csv", idColumn: "participant_id"),
                                    source: "survey.csv")
        _ = try project.importCodebook(try Codebook.parseYAML(Self.codebook, fileName: "codebook.yaml"), source: "codebook.yaml")
        characters = Dictionary(uniqueKeysWithValues: try project.documents().map { ($0.name, $0.characters) })
        try code("AA01", "I felt I belonged there", "sc-cb", "ann")
        try code("AA01", "belonged there. But I was lonely", "sc-lo", "ann")
        try code("AA01", "I trusted her", "lw-tr", "ann")
        try code("AA01", "I trusted her completely", "lw-tr", "ann", memo: "=SUM(A1)")
        try code("BB02", "Nobody came round", "sc-lo", "ann")
        try code("BB02", "It was quiet", "sc-lo", "bob")
    }

    /// Codes the first occurrence of `quote` in the document `name`.
    func code(_ name: String, _ quote: String, _ code: String, _ coder: String, memo: String? = nil) throws {
        let document = try project.document(name)
        let span = Self.span(of: quote, in: document.text)
        try project.addCodings([NewCoding(documentID: document.id, codeID: code, coder: coder,
                                          start: span.start, end: span.end, memo: memo)])
    }

    /// The Unicode scalar offsets of the first occurrence of `quote` in `text`.
    static func span(of quote: String, in text: String) -> (start: Int, end: Int) {
        let range = text.range(of: quote)!
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
        return (start, start + quote.unicodeScalars.count)
    }
}
