import Foundation
import GRDB

/// Named queries for listing, renaming and merging coders. Coder names compare ignoring
/// case (the column's collation); `coder(named:)` is in `Store+Agreement.swift`.
extension Store {
}
