import Foundation
import GRDB

extension Project {
    /// Every coder's id by name (a team server's working copy maps role names to them).
    public func coderIDs() throws -> [String: Int64] {
        try read { store in try store.coderIDsByName() }
    }

    /// Replaces every coding that is not `coder`'s with the rows of `image` (a `codings`
    /// image in the project file's shape): how a team server's working copy takes in other
    /// coders' codings while a workspace is open. One transaction; not an audit entry and
    /// not undoable (it changes nothing on the server).
    public func replaceOtherCodersCodings(keeping coder: String, with image: TableImage) throws {
        guard image.table == "codings" else { throw TableImageError(table: image.table, reason: "not the codings") }
        try database.write { db in
            let store = Store(db, user: user)
            try store.deleteCodings(exceptCoderNamed: coder)
            try store.insertTableImage(image)
        }
    }
}
