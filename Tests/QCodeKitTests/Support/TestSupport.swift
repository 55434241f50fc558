import Foundation
@testable import QCodeKit

/// Fresh temporary folders and projects for tests (Swift Testing runs tests in parallel).
enum TemporaryDirectory {
    static func make() -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("qcode-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

enum TestProject {
    /// A new empty project in its own temporary folder.
    static func make() throws -> Project {
        try Project.create(at: TemporaryDirectory.make().appendingPathComponent("test.qcode"))
    }
}

extension TestProject {
    /// A project holding one imported transcript (written to a temporary file as `name`).
    static func withTranscript(_ text: String, name: String = "interview.txt") throws -> Project {
        let project = try make()
        let file = project.url.deletingLastPathComponent().appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        _ = try project.importFiles([file])
        return project
    }

    /// A small two-level codebook: theme/{alpha,beta}, other/gamma.
    static let smallCodebook = """
        codes:
          - name: theme
            id: t
            children:
              - {name: alpha, id: a}
              - {name: beta, id: b}
          - name: other
            id: o
            children:
              - {name: gamma, id: g}
        """

    static func withCodebook(_ project: Project) throws -> Project {
        _ = try project.importCodebook(try Codebook.parseYAML(smallCodebook, fileName: "small.yaml"), source: "small.yaml")
        return project
    }
}

/// Sample interview used across coding tests: four turns, two speakers.
let sampleInterview = """
    Interviewer: How did you come to the group? Tell me about it.
    P01: My GP sent me. I was lonely after my wife died. The choir changed that.
    Interviewer: What about money?
    P01: Money is tight. The link worker helped with the council tax.
    """
