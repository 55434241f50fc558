import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode init PATH`: creates an empty project file.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new, empty project file.",
            discussion: """
                A name without an extension gets .qcode (qcode init study creates study.qcode), \
                so that commands find the project in its folder.
                """)

        @Argument(help: "Where to create the project, e.g. study.qcode.")
        var path: String

        func run() throws {
            try runReportingErrors {
                let named = Self.projectPath(path)
                _ = try Project.create(at: URL(fileURLWithPath: named))
                Console.message(named == path ? "created \(named)" : "created \(named) (added the .\(ProjectLocator.fileExtension) extension)")
            }
        }

        /// `path`, with `.qcode` added when its file name has no extension.
        static func projectPath(_ path: String) -> String {
            let name = (path as NSString).lastPathComponent
            guard !name.isEmpty, name != ".", name != "..", (name as NSString).pathExtension.isEmpty, !path.hasSuffix("/") else {
                return path
            }
            return path + "." + ProjectLocator.fileExtension
        }
    }
}
