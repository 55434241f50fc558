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
            return try file(explicit)
        }
        if let fromEnvironment = environment["QCODE_PROJECT"], !fromEnvironment.isEmpty {
            return try file(fromEnvironment)
        }
        let projects = projectFiles(in: directory)
        switch projects.count {
        case 1:
            return directory.appendingPathComponent(projects[0])
        case 0:
            throw LocatorError.none
        default:
            throw LocatorError.several(projects)
        }
    }

    /// The path as a file URL, refusing a folder (and naming the projects inside it).
    private static func file(_ path: String) throws -> URL {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw LocatorError.folder(path, projects: projectFiles(in: url).map { url.appendingPathComponent($0).relativePath })
        }
        return url
    }

    /// The names of the `*.qcode` files in a folder, sorted.
    private static func projectFiles(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".\(fileExtension)") }.sorted()
    }
}

/// Why no project could be chosen.
public enum LocatorError: Error, CustomStringConvertible, Equatable {
    case none
    case several([String])
    /// The project path names a folder; `projects` are the project files in it.
    case folder(String, projects: [String])

    public var description: String {
        switch self {
        case .none:
            return "no project here"
        case .several(let names):
            return "several projects here (\(names.joined(separator: ", ")))"
        case .folder(let path, let projects):
            switch projects.count {
            case 0: return "\(path) is a folder, not a project file (there is no .\(ProjectLocator.fileExtension) file in it)"
            case 1: return "\(path) is a folder, not a project file; did you mean \(projects[0])?"
            default: return "\(path) is a folder, not a project file; it holds \(projects.joined(separator: ", "))"
            }
        }
    }
}
