import QCodeKit

/// Checks a segment filter's values against the project before a listing runs.
///
/// A `--speaker`, `--case`, `--coder` or `--doc` value that names nothing in the project
/// (`--speaker Interviewr`) is reported on stderr with the nearest existing values, and the
/// listing still runs: values that name something are kept, and when every value given for
/// one option names nothing, no segment can match, so the listing comes out empty but valid
/// (a table with its header, `[]`). A mistyped `--code` stays an error (with near matches):
/// code paths are resolved, not compared.
enum FilterCheck {
    static func checked(_ filter: SegmentFilter, in project: Project) throws -> SegmentFilter {
        guard filter.speaker != nil || !filter.cases.isEmpty || !filter.coders.isEmpty || !filter.documents.isEmpty else {
            return filter
        }
        let values = try project.filterValues()
        var checked = filter
        var matchesNothing = false

        if let speaker = filter.speaker,
           !values.speakers.contains(where: { $0.caseInsensitiveCompare(speaker) == .orderedSame }) {
            warn(kind: "speaker", speaker, known: values.speakers)
            matchesNothing = true
        }
        checked.cases = filter.cases.filter { name in
            values.cases.contains(name) || warn(kind: "case", name, known: values.cases)
        }
        checked.coders = filter.coders.filter { name in
            values.coders.contains(name) || warn(kind: "coder", name, known: values.coders, what: "with codings")
        }
        checked.documents = try filter.documents.filter { query in
            do {
                _ = try project.documentID(query)
                return true
            } catch DocumentLookupError.notFound {
                return warn(kind: "document", query, known: values.documents)
            }
        }
        for (given, kept) in [(filter.cases, checked.cases), (filter.coders, checked.coders), (filter.documents, checked.documents)]
        where !given.isEmpty && kept.isEmpty {
            matchesNothing = true
        }
        if matchesNothing {
            // A case name no case has: the query then selects nothing, and the listing
            // writes its usual (empty) output.
            var none = "\u{1}"
            while values.cases.contains(none) { none += "\u{1}" }
            checked.cases = [none]
        }
        return checked
    }

    /// Prints "no KIND 'VALUE' in this project; did you mean ...?" and returns false.
    @discardableResult
    private static func warn(kind: String, _ value: String, known: [String], what: String = "") -> Bool {
        let qualifier = what.isEmpty ? "" : " \(what)"
        var message = "warning: no \(kind) '\(value)'\(qualifier) in this project"
        if let hint = Suggestions.didYouMean(value, in: known) {
            message += "; \(hint)"
        } else if known.isEmpty {
            message += " (there are none)"
        } else {
            message += " (\(known.count > 8 ? "e.g. " : "")\(known.prefix(8).map { "'\($0)'" }.joined(separator: ", ")))"
        }
        Console.message(message)
        return false
    }
}
