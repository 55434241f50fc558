import Foundation
import Testing

/// End-to-end: `qcode export qdpx|qdc` and `qcode refi import|validate` on the real binary.
@Suite struct REFICommandTests {
    let cli = CLIRunner()

    /// The vendored schemas and NVivo sample (MIT; see Tests/Fixtures/refi-qda/LICENSE.md).
    static let fixtures = CLIRunner.packageRoot.appendingPathComponent("Tests/Fixtures/refi-qda")
    /// `../shared/refi-qda`, for samples not vendored; tests needing it say `RequiresShared`.
    static let refiFolder: URL? = {
        let url = CLIRunner.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/refi-qda")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()
    static let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func exportThenImportGivesTheSameSegmentsCasesAndCodebook() throws {
        try cli.sampleProject()
        let export = try cli.run(["export", "qdpx", "--project", "demo.qcode", "--out", "demo.qdpx"])
        #expect(export.status == 0)
        #expect(export.stderr == "qcode: wrote demo.qdpx: 9 document(s), 48 code(s), 98 coding(s), 41 case(s), 2 user(s), 9 note(s)\n")
        try cli.ok(["init", "fresh.qcode"])
        let imported = try cli.run(["refi", "import", "--project", "fresh.qcode", "demo.qdpx"])
        #expect(imported.status == 0)
        #expect(imported.stderr.hasSuffix("""
            qcode: read demo.qdpx from qcode 0.1.0; positions counted in Unicode code points
            qcode: 9 document(s) imported, 48 code(s) added, 0 updated, 98 coding(s) by 2 coder(s), 41 case(s)

            """))
        for command in [["segments"], ["cases", "list"], ["codebook", "show"], ["docs"]] {
            let before = try cli.ok(command + ["--project", "demo.qcode", "--format", "csv"])
            let after = try cli.ok(command + ["--project", "fresh.qcode", "--format", "csv"])
            if command == ["segments"] {
                // Coding ids are new rowids; everything else must match.
                func dropID(_ csv: String) -> [String] { csv.components(separatedBy: "\r\n").map { $0.split(separator: ",", maxSplits: 1).last.map(String.init) ?? "" } }
                #expect(dropID(before) == dropID(after))
            } else {
                #expect(before == after, "\(command)")
            }
        }
    }

    @Test(.enabled(if: REFICommandTests.xmllint != nil, "needs xmllint (apt-get install libxml2-utils)"))
    func exportsValidateAgainstTheREFISchemas() throws {
        try cli.sampleProject()
        try cli.ok(["export", "qdpx", "--project", "demo.qcode", "--out", "demo.qdpx"])
        try cli.ok(["export", "qdc", "--project", "demo.qcode", "--out", "demo.qdc"])
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        unzip.arguments = ["-o", "-q", "demo.qdpx", "project.qde"]
        unzip.currentDirectoryURL = cli.directory
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") {
            try unzip.run()
            unzip.waitUntilExit()
        }
        let xsd = Self.fixtures.appendingPathComponent("xsd")
        var checks = [("demo.qdc", "Codebook-mrt2019.xsd")]
        if FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("project.qde").path) {
            checks.append(("project.qde", "Project-mrt2019.xsd"))
        }
        for (file, schema) in checks {
            let lint = Process()
            lint.executableURL = URL(fileURLWithPath: Self.xmllint!)
            lint.arguments = ["--noout", "--schema", xsd.appendingPathComponent(schema).path, file]
            lint.currentDirectoryURL = cli.directory
            lint.standardError = FileHandle.nullDevice
            try lint.run()
            lint.waitUntilExit()
            #expect(lint.terminationStatus == 0, "\(file) does not validate against \(schema)")
        }
    }

    @Test func validateAndImportTheNVivoSample() throws {
        let sample = Self.fixtures.appendingPathComponent("samples/nvivo-win-12.6_oltas.qdpx").path
        let validate = try cli.run(["refi", "validate", sample])
        #expect(validate.status == 0)
        #expect(validate.stdout == "nvivo-win-12.6_oltas.qdpx (NVivo for Windows 12.6): 1 text document(s), 60 code(s), 97 coding(s), 0 case(s); positions in UTF-16 code units\n")
        try cli.ok(["init", "n.qcode"])
        try cli.ok(["refi", "import", sample])
        let segments = try JSONSerialization.jsonObject(with: Data(try cli.ok(["segments", "--format", "json"]).utf8)) as? [Any]
        #expect(segments?.count == 97)
    }

    @Test(.enabled(if: REFICommandTests.refiFolder != nil, "needs ../shared/refi-qda"))
    func importTheSpecCodebookRequiresShared() throws {
        try cli.ok(["init", "n.qcode"])
        let codebook = Self.refiFolder!.appendingPathComponent("samples/spec-annexA1_REFI-QDA-1-5.qdc").path
        let qdc = try cli.run(["refi", "import", codebook])
        #expect(qdc.stderr == "qcode: 6 code(s) added, 0 updated, 0 unchanged\n")
    }

    @Test func hostileFilesFailWithOneLineAndImportNothing() throws {
        try cli.ok(["init", "p.qcode"])
        let qde = Data("""
            <?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes>\
            <Code guid="11111111-1111-1111-1111-111111111111" name="c" isCodable="true"/></Codes></CodeBook></Project>
            """.utf8)
        try StoredZip.write([("project.qde", qde), ("../../escape.txt", Data("x".utf8))],
                            to: cli.directory.appendingPathComponent("escape.qdpx"))
        let escape = try cli.run(["refi", "import", "escape.qdpx"])
        #expect(escape.status == 1)
        #expect(escape.stderr.hasPrefix("qcode: error: ") && escape.stderr.contains("escape.qdpx: archive entry '../../escape.txt' points outside the archive"))
        #expect(escape.stderr.split(separator: "\n").count == 1)

        try cli.write("bomb.qdc", """
            <?xml version="1.0"?>
            <!DOCTYPE CodeBook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="11111111-1111-1111-1111-111111111111" name="&b;" isCodable="true"/></Codes></CodeBook>
            """)
        let bomb = try cli.run(["refi", "import", "bomb.qdc"])
        #expect(bomb.status == 1)
        #expect(bomb.stderr == "qcode: error: bomb.qdc: XML document type declarations are not allowed\n")
        #expect(try cli.ok(["codebook", "show", "--format", "csv"]) == "path,id,label,description\r\n")
    }
}

/// Writes a ZIP with stored (uncompressed) entries, names taken as given: enough to build
/// hostile archives without a ZIP library.
enum StoredZip {
    static func write(_ entries: [(String, Data)], to url: URL) throws {
        var out = Data(), central = Data()
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        for (name, data) in entries {
            let crc = crc32(data), offset = UInt32(out.count), nameBytes = Array(name.utf8)
            out.append(contentsOf: le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21))
            out.append(contentsOf: le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(nameBytes.count) + le16(0))
            out.append(contentsOf: nameBytes)
            out.append(data)
            central.append(contentsOf: le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21))
            central.append(contentsOf: le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(nameBytes.count))
            central.append(contentsOf: le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset))
            central.append(contentsOf: nameBytes)
        }
        let start = UInt32(out.count)
        out.append(central)
        out.append(contentsOf: le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count))
        out.append(contentsOf: le32(UInt32(central.count)) + le32(start) + le16(0))
        try out.write(to: url)
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
