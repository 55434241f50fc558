/// What it takes to bring the search index up to date with the documents (pure).
///
/// A document is current in the index when the index holds its revision with the same
/// text hash (the hash also tells apart two different texts that an undo and a new
/// replacement gave the same revision number). Rows of documents that are gone or changed
/// cannot be deleted (the index does not keep the text it needs to), so they are forgotten
/// and count as stale; when stale rows outnumber live ones the index is rebuilt.
struct SearchIndexPlan: Equatable {
    /// Documents whose rows are to be forgotten (removed or changed since indexed).
    var forget: [Int64] = []
    /// Documents to index (new, or changed), in id order.
    var index: [Int64] = []
    /// Whether to empty the index and index every document.
    var rebuild = false

    var isEmpty: Bool { forget.isEmpty && index.isEmpty && !rebuild }

    init(indexed: [Int64: IndexedDocument], current: [DocumentVersion], staleRows: Int) {
        var currentIDs = Set<Int64>()
        var liveRows = 0
        for document in current {
            currentIDs.insert(document.id)
            if let held = indexed[document.id], held.revision == document.revision, held.sha256 == document.sha256 {
                liveRows += held.rows
                continue
            }
            if indexed[document.id] != nil { forget.append(document.id) }
            index.append(document.id)
        }
        for id in indexed.keys where !currentIDs.contains(id) { forget.append(id) }
        forget.sort()
        let stale = staleRows + forget.reduce(0) { $0 + (indexed[$1]?.rows ?? 0) }
        if stale > 0 && stale > liveRows {
            rebuild = true
            forget = []
            index = current.map(\.id)
        }
    }

    /// Whether the index's rows for `document` may be used.
    static func isCurrent(_ held: IndexedDocument?, revision: Int, sha256: String) -> Bool {
        guard let held else { return false }
        return held.revision == revision && held.sha256 == sha256
    }
}
