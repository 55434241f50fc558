import Foundation
import GRDB
import Testing
@testable import QCodeKit

/// SQLite failures a user can act on get a plain message about the project, never
/// "not a qcode project".
@Suite struct ProjectErrorTests {
    private func plain(_ code: Int32) -> ProjectError? {
        ProjectError(sqliteFailure: DatabaseError(resultCode: ResultCode(rawValue: code), message: "x"), path: "/data/study.qcode")
    }

    @Test func locksHeldPastTheBusyTimeoutNameTheOtherProcess() {
        for code: Int32 in [5, 6, 261 /* BUSY_RECOVERY */, 517 /* BUSY_SNAPSHOT */] {
            #expect(plain(code) == .locked("/data/study.qcode", waited: 30))
        }
        #expect(plain(5)?.description
            == "/data/study.qcode: the project is locked by another qcode process writing to it (waited 30 s for it); try again when that has finished")
    }

    @Test func readOnlyFilesAndFoldersSaySo() {
        for code: Int32 in [8, 14, 1032 /* READONLY_DBMOVED */, 3] {
            #expect(plain(code) == .readOnly("/data/study.qcode"))
        }
        #expect(plain(14)?.description
            == "/data/study.qcode: cannot write the project: the file or its folder is read-only (qcode also writes study.qcode-wal and -shm beside it)")
    }

    @Test func aFullDiskSaysSo() {
        #expect(plain(13) == .diskFull("/data/study.qcode", certain: true))
        #expect(plain(13)?.description == "/data/study.qcode: the disk is full, so nothing was saved: free some space and try again")
        #expect(plain(778 /* IOERR_WRITE */) == .diskFull("/data/study.qcode", certain: false))
        #expect(plain(10)?.description == "/data/study.qcode: the disk refused a write (is it full?), so nothing was saved")
    }

    @Test func otherErrorsAreLeftAlone() {
        #expect(plain(19 /* CONSTRAINT */) == nil)
        #expect(plain(1) == nil)
        #expect(ProjectError(sqliteFailure: CocoaError(.fileNoSuchFile), path: "p") == nil)
    }

    @Test func openingAFolderIsRefused() throws {
        let folder = TemporaryDirectory.make()
        #expect(throws: ProjectError.isAFolder(folder.path)) { try Project.open(at: folder) }
        #expect(ProjectError.isAFolder("/data").description == "/data: this is a folder, not a project file")
    }
}
