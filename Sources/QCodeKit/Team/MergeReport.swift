/// What ``Project/merge(from:dryRun:)`` brought in (or, in a dry run, would bring in).
public struct MergeReport: Sendable, Codable, Equatable {
    /// The other project's file.
    public var source: String
    /// True when nothing was written.
    public var dryRun: Bool
    /// The copy of this project made before merging (nil in a dry run).
    public var backup: String?
    /// Documents added, by their name here (a clashing name gets a suffix).
    public var documentsAdded: [String] = []
    /// Codes added, by their path here.
    public var codesAdded: [String] = []
    /// Cases added.
    public var casesAdded: [String] = []
    /// Attributes added.
    public var attributesAdded: [String] = []
    /// Attribute values filled in on cases (new or existing) that had none.
    public var valuesAdded = 0
    /// Documents here that had no case and are now linked to theirs.
    public var documentLinksAdded = 0
    /// Codings added per coder (by the coder's name here).
    public var codingsAdded: [String: Int] = [:]
    /// Codings that were already here (exact duplicates: document, code, coder, start, end).
    public var codingsAlreadyHere = 0
    /// Memos (document, case or coding) taken from the other project where ours was empty.
    public var memosAdded = 0
    /// "Fully coded" marks brought in (`qcode docs done`).
    public var marksAdded = 0
    /// Where the two projects differ and ours was kept, in the order found.
    public var conflicts: [MergeConflict] = []

    public init(source: String, dryRun: Bool) {
        self.source = source
        self.dryRun = dryRun
    }

    /// All codings added.
    public var codingsAddedTotal: Int { codingsAdded.values.reduce(0, +) }

    /// Whether the merge added or changed anything.
    public var changedAnything: Bool {
        !documentsAdded.isEmpty || !codesAdded.isEmpty || !casesAdded.isEmpty || !attributesAdded.isEmpty
            || valuesAdded > 0 || documentLinksAdded > 0 || codingsAddedTotal > 0 || memosAdded > 0
            || marksAdded > 0
    }

    /// The codings added per coder, as `alice 12, ben 3` (coders sorted by name).
    public var codingsByCoder: String {
        codingsAdded.keys.sorted { $0.lowercased() < $1.lowercased() }
            .map { "\($0) \(codingsAdded[$0]!)" }.joined(separator: ", ")
    }

    /// One line for the audit log.
    public var summary: String {
        let codings = codingsAddedTotal == 0 ? "0 codings" : "\(codingsAddedTotal) coding(s) (\(codingsByCoder))"
        return "\(documentsAdded.count) document(s), \(codesAdded.count) code(s), \(casesAdded.count) case(s), "
            + "\(codings), \(memosAdded) memo(s), \(conflicts.count) conflict(s)"
    }

    /// The report for people: what came in, then each conflict on its own line.
    public var lines: [String] {
        var lines: [String] = []
        let names: ([String]) -> String = { $0.isEmpty ? "" : ": " + $0.joined(separator: ", ") }
        lines.append("documents: \(documentsAdded.count) added\(names(documentsAdded))")
        lines.append("codes: \(codesAdded.count) added\(names(codesAdded))")
        lines.append("cases: \(casesAdded.count) added\(names(casesAdded))")
        if !attributesAdded.isEmpty || valuesAdded > 0 {
            lines.append("attributes: \(attributesAdded.count) added\(names(attributesAdded)); \(valuesAdded) value(s) filled in")
        }
        if documentLinksAdded > 0 {
            lines.append("document links: \(documentLinksAdded) document(s) linked to a case")
        }
        let byCoder = codingsAddedTotal == 0 ? "" : " (\(codingsByCoder))"
        lines.append("codings: \(codingsAddedTotal) added\(byCoder), \(codingsAlreadyHere) already here")
        lines.append("memos: \(memosAdded) added")
        if marksAdded > 0 { lines.append("done marks: \(marksAdded) added") }
        lines.append("conflicts: \(conflicts.count)\(conflicts.isEmpty ? "" : " (ours kept)")")
        lines += conflicts.map { "  \($0)" }
        return lines
    }
}

/// A difference between the two projects that the merge settled by keeping ours.
public struct MergeConflict: Sendable, Codable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// A different document with the same name: theirs was added under a new name.
        case documentName
        /// The same code (by id) has a different name or parent.
        case codeRenamed
        /// An attribute has a different type.
        case attributeType
        /// A case has a different value for an attribute.
        case caseValue
        /// The same document is linked to different cases.
        case documentCase
        /// Both sides have a different memo on the same document, case or coding.
        case memo
    }

    public var kind: Kind
    /// What the conflict is about, e.g. `code 'a1' (theme/alpha)`.
    public var subject: String
    /// Our value, kept.
    public var ours: String?
    /// Their value, not applied (or, for a renamed document, the name it got here).
    public var theirs: String?

    public var description: String {
        switch kind {
        case .documentName:
            return "\(subject): a different text has this name here; theirs added as '\(theirs ?? "")'"
        default:
            return "\(subject): here \(Self.quote(ours)), there \(Self.quote(theirs)); kept ours"
        }
    }

    private static func quote(_ value: String?) -> String {
        guard let value else { return "(none)" }
        let flat = value.replacingOccurrences(of: "\n", with: " ")
        return "'\(flat.count > 60 ? String(flat.prefix(57)) + "..." : flat)'"
    }
}
