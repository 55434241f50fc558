import Foundation

/// Finds the project a command works on: an explicit path, else `$QCODE_PROJECT`,
/// else the single `*.qcode` file in the current folder.
public enum ProjectLocator {
    /// The file extension qcode suggests for projects.
    public static let fileExtension = "qcode"

    /// Resolves which project file to open.
    ///
    /// - Parameters:
    ///   - explicit: the `--project` option, if given.
    ///   - environment: the process environment (for `QCODE_PROJECT`).
    ///   - directory: the folder searched last.
    /// - Throws: `LocatorError` when there is none or more than one candidate.
    public static func locate(
        explicit: String?,
        environment: [String: String],
        directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws -> URL {
        if let explicit, !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        if let fromEnvironment = environment["QCODE_PROJECT"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let projects = names.filter { $0.hasSuffix(".\(fileExtension)") }.sorted()
        switch projects.count {
        case 1:
            return directory.appendingPathComponent(projects[0])
        case 0:
            throw LocatorError.none
        default:
            throw LocatorError.several(projects)
        }
    }
}

/// Why no project could be chosen.
public enum LocatorError: Error, CustomStringConvertible, Equatable {
    case none
    case several([String])

    public var description: String {
        switch self {
        case .none:
            return "no project here: give --project PATH, set QCODE_PROJECT, or run 'qcode init NAME.qcode'"
        case .several(let names):
            return "several projects here (\(names.joined(separator: ", "))): choose one with --project PATH or QCODE_PROJECT"
        }
    }
}
