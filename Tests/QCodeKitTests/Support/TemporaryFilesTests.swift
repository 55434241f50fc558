import Foundation
import Testing
@testable import QCodeKit

/// Temporary files are private (a 0700 folder, 0600 files), registered for the CLI's signal
/// handler while they exist, and removed on every exit path (issue 11, item 5).
@Suite struct TemporaryFilesTests {
    private func mode(_ url: URL) throws -> Int? {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue
    }

    @Test func aPrivateFolderAndItsFilesAreOnlyForThisUserAndRegistered() throws {
        let folder = try PrivateTemporaryFolder(purpose: "test")
        let file = try folder.write(Data("a transcript".utf8), named: "doc.zip")
        #expect(try mode(folder.url) == 0o700)
        #expect(try mode(file) == 0o600)
        #expect(try Data(contentsOf: file) == Data("a transcript".utf8))
        #expect(TemporaryFiles.isRegistered(folder.url.path))
        #expect(TemporaryFiles.isRegistered(file.path) && TemporaryFiles.isRegistered(file.path + "-wal"))
        // A second file of the same name is refused, never opened.
        #expect(throws: PrivateFileError.self) { try folder.makeFile(named: "doc.zip") }
        folder.remove()
        #expect(!FileManager.default.fileExists(atPath: folder.url.path))
        #expect(!TemporaryFiles.isRegistered(folder.url.path) && !TemporaryFiles.isRegistered(file.path))
        folder.remove()  // twice is fine
    }

    @Test func aFolderIsRemovedWhenItsOwnerIsFreed() throws {
        var path = ""
        do {
            let folder = try PrivateTemporaryFolder(purpose: "test")
            _ = try folder.write(Data("x".utf8), named: "x")
            path = folder.url.path
            #expect(FileManager.default.fileExists(atPath: path))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!TemporaryFiles.isRegistered(path))
    }
}
