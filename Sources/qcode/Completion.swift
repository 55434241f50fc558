import ArgumentParser
import Foundation
import QCodeKit

/// Shell completion of names from the project (`CompletionKind.custom`): document names,
/// code paths and coders. The project is the one the command line names with `--project`,
/// else `$QCODE_PROJECT`, else the single `*.qcode` in the current folder; it is opened
/// read-only. Any failure gives no completions, silently.
enum ProjectCompletion {
    static let documents = CompletionKind.custom { words, _, prefix in names(.documents, words: words, prefix: prefix) }
    static let codes = CompletionKind.custom { words, _, prefix in names(.codes, words: words, prefix: prefix) }
    static let coders = CompletionKind.custom { words, _, prefix in names(.coders, words: words, prefix: prefix) }

    /// The names of `kind` starting with `prefix` (ignoring case).
    static func names(_ kind: ProjectNames.Kind, words: [String], prefix: String) -> [String] {
        do {
            let url = try ProjectLocator.locate(explicit: projectArgument(words),
                                                environment: ProcessInfo.processInfo.environment)
            let all = try ProjectNames.list(kind, inProjectAt: url)
            let lower = prefix.lowercased()
            return all.filter { $0.lowercased().hasPrefix(lower) }
        } catch {
            return []
        }
    }

    /// The value of `--project PATH` or `--project=PATH` in the words typed so far.
    static func projectArgument(_ words: [String]) -> String? {
        var found: String?
        for (index, word) in words.enumerated() {
            if word == "--project", index + 1 < words.count {
                found = words[index + 1]
            } else if word.hasPrefix("--project=") {
                found = String(word.dropFirst("--project=".count))
            }
        }
        guard let path = found, !path.isEmpty else { return nil }
        // A shell passes `~/x` through unexpanded when it is quoted.
        return (path as NSString).expandingTildeInPath
    }
}
