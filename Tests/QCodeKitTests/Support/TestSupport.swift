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
