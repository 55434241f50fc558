import Foundation

/// What a copy looked like when it was made: the common ancestor a later merge compares
/// both sides with, so that a change made on one side only is not mistaken for a conflict.
///
/// ``Project/copy(to:forCoder:)`` stores it in the copy's `project_info` (key `team_base`);
/// ``Project/merge(from:dryRun:)`` reads it from the other project. Without one (the other
/// project was not made by `copy`), the merge compares the two sides alone.
struct MergeBase: Codable {
    /// Where a code sat: its parent's id and its name.
    struct Place: Codable, Equatable {
        var parent: String?
        var name: String
    }

    static let key = "team_base"

    /// Codes by id.
    var codes: [String: Place] = [:]
    /// Document memos by the document's SHA-256 (documents without a memo are absent).
    var documentMemos: [String: String] = [:]
    /// Case memos by case name.
    var caseMemos: [String: String] = [:]
    /// Coding memos by ``codingKey(sha256:code:coder:start:end:)``.
    var codingMemos: [String: String] = [:]

    /// What identifies a coding across projects.
    static func codingKey(sha256: String, code: String, coder: String, start: Int, end: Int) -> String {
        "\(sha256)\u{1F}\(code)\u{1F}\(coder.lowercased())\u{1F}\(start)\u{1F}\(end)"
    }

    /// The base as stored (JSON).
    func encoded() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }

    /// A stored base, or nil if it cannot be read.
    static func decode(_ json: String) -> MergeBase? {
        try? JSONDecoder().decode(MergeBase.self, from: Data(json.utf8))
    }
}
