import Foundation
import QCodeKit

/// A project file keeps one memo per document in `documents` (`memo`, `memo_by`,
/// `memo_at`); the server keeps one per document per author in `qcode.document_memos`,
/// under row-level security, so a coder's reading of a document stays theirs while blind.
/// This maps between the two.
enum DocumentMemoShape {
    static let columns = ["memo", "memo_by", "memo_at"]

    /// A change to a document memo, as the server applies it (the author is the role).
    enum MemoChange: Equatable {
        case set(documentID: Int64, memo: String, at: TableValue)
        case remove(documentID: Int64)
    }

    /// Takes the memo columns out of a local `documents` image (publishing): the image
    /// without memos, and the memos as `qcode.document_memos` rows (document, author, memo,
    /// at; a memo with no author is the publisher's).
    static func split(_ image: TableImage, publisher: String) -> (documents: TableImage, memos: [[TableValue]]) {
        guard image.table == "documents", let id = image.columns.firstIndex(of: "id"),
              let memo = image.columns.firstIndex(of: "memo") else { return (image, []) }
        let by = image.columns.firstIndex(of: "memo_by")
        let at = image.columns.firstIndex(of: "memo_at")
        var documents = image
        var memos: [[TableValue]] = []
        documents.rows = image.rows.map { row in
            var row = row
            if case .text = row[memo] {
                let author: TableValue = by.map { row[$0] }.flatMap { if case .text = $0 { return $0 } else { return nil } } ?? .text(publisher)
                memos.append([row[id], author, row[memo], at.map { row[$0] } ?? .null])
            }
            for column in [Optional(memo), by, at].compactMap({ $0 }) { row[column] = .null }
            return row
        }
        return (documents, memos)
    }

    /// Puts the memos the role may see back into a `documents` image (pulling): each
    /// document's memo is the role's own if they wrote one, else the newest one they may see.
    static func join(_ image: TableImage, memos: [[TableValue]], role: String) -> TableImage {
        guard image.table == "documents", let id = image.columns.firstIndex(of: "id"),
              let memo = image.columns.firstIndex(of: "memo"), let by = image.columns.firstIndex(of: "memo_by"),
              let at = image.columns.firstIndex(of: "memo_at") else { return image }
        var chosen: [TableValue: [TableValue]] = [:]
        for row in memos where row.count == 4 {
            if chosen[row[0]] == nil || row[1] == .text(role) && chosen[row[0]]?[1] != .text(role) { chosen[row[0]] = row }
        }
        var image = image
        image.rows = image.rows.map { row in
            guard let found = chosen[row[id]] else { return row }
            var row = row
            (row[memo], row[by], row[at]) = (found[2], found[1], found[3])
            return row
        }
        return image
    }

    /// Splits a working copy's change to `documents` into the part the server's `documents`
    /// takes (nil when only the memo changed) and the memo change.
    static func split(_ change: RowChange) -> (document: RowChange?, memo: MemoChange?) {
        guard change.table == "documents", change.kind != .delete,
              let memoIndex = change.columns.firstIndex(of: "memo"),
              case .integer(let documentID)? = change.value("id") ?? nil else { return (change, nil) }
        let touched = columns.compactMap { change.columns.firstIndex(of: $0) }
        guard touched.contains(where: { change.new[$0] != nil }) else { return (change, nil) }
        var memo: MemoChange?
        if let value = change.new[memoIndex] {
            let at = change.columns.firstIndex(of: "memo_at").flatMap { change.new[$0] } ?? .null
            if case .text(let text) = value {
                memo = .set(documentID: documentID, memo: text, at: at)
            } else if change.kind == .update {
                memo = .remove(documentID: documentID)
            }
        }
        var document = change
        for index in touched {
            if change.kind == .insert { document.new[index] = .null } else { document.new[index] = nil; document.old[index] = nil }
        }
        let remains = change.kind == .insert
            || document.new.enumerated().contains { index, value in value != nil && !change.primaryKey[index] }
        return (remains ? document : nil, memo)
    }
}
