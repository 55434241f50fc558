import Foundation
import QCodeKit

extension StoreHooks {
    /// Reads the test hooks the kill tests use from the environment:
    /// `QCODE_TEST_PAUSE_BEFORE_COMMIT=PATH` makes every write transaction of the project
    /// (whichever way it is written: the library installs the hook as a commit observer on
    /// the connection) create the file at PATH, so the test knows the writer is
    /// mid-transaction with all its work written but not committed, and then wait, before
    /// committing, until it is killed.
    static func installFromEnvironment(_ environment: [String: String]) {
        guard let path = environment["QCODE_TEST_PAUSE_BEFORE_COMMIT"], !path.isEmpty else { return }
        beforeCommit = {
            _ = FileManager.default.createFile(atPath: path, contents: Data())
            while true { sleep(60) }
        }
    }
}
