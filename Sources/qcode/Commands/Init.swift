import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode init PATH`: creates an empty project file.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new, empty project file.")

        @Argument(help: "Where to create the project (suggested extension: .qcode).")
        var path: String

        func run() throws {
            try runReportingErrors {
                let url = URL(fileURLWithPath: path)
                _ = try Project.create(at: url)
                Console.message("created \(path)")
            }
        }
    }
}
