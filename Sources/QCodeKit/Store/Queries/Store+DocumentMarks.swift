import Foundation
import GRDB

/// Named queries on `document_marks` (a coder's "fully coded" mark on a document).
extension Store {
    /// The ids of the documents `coderID` has marked fully coded.
    func documentsMarkedDone(coderID: Int64) throws -> Set<Int64> {
        try Int64.fetchSet(db, DocumentMarkRecord
            .filter(DocumentMarkRecord.Columns.coderID == coderID)
            .select(DocumentMarkRecord.Columns.documentID))
    }
}
