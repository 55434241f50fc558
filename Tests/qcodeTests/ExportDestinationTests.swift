import Foundation
import Testing

/// An export never renames its file over something that is not a plain file.
@Suite struct ExportDestinationTests {
    @Test func aDeviceOrFolderIsRefusedAndLeftAlone() throws {
        let cli = CLIRunner()
        try cli.sampleProject()
        for target in ["/dev/null", cli.directory.path] {
            let result = try cli.run(["export", "segments", "--out", target])
            #expect(result.status == 1)
            #expect(result.stderr == "qcode: error: \(target): not a regular file (leave out --out to write to standard output)\n")
        }
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
    }
}
