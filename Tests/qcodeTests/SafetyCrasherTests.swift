import Foundation
import Testing

/// Inputs found by `qcode-bench fuzz` that crashed qcode, kept as regression tests.
@Suite("Safety: fuzz crashers")
struct SafetyCrasherTests {
    /// An element or attribute name that is not valid UTF-8 makes FoundationXML trap
    /// (signal 4, SIGILL) in docx, odt and REFI-QDA XML. Fixed once `ZipEntryReader.parseXML`
    /// and `QDEParser.parse` refuse such input with `XMLInputGuard` (see the safety report).
    static let names: [(String, [UInt8])] = [
        ("element.docx", Array("<d><".utf8) + [0xE2, 0xFE] + Array("/></d>".utf8)),
        ("attribute.docx", Array("<d a".utf8) + [0xE2, 0xFE] + Array("=\"1\">x</d>".utf8)),
        ("element.odt", Array("<d><".utf8) + [0xE2, 0xFE] + Array("/></d>".utf8)),
    ]

    @Test func invalidUTF8XMLNamesAreRefusedNotCrashed() throws {
        let cli = CLIRunner()
        try cli.ok(["init", "p.qcode"])
        var files: [(String, [String])] = []
        for (name, xml) in Self.names {
            let entry = name.hasSuffix(".odt") ? "content.xml" : "word/document.xml"
            try SafetySupport.zip([.init(path: entry, data: Data(xml))]).write(to: cli.directory.appendingPathComponent(name))
            files.append((name, ["import", "--project", "p.qcode", name]))
        }
        var qdc = Array("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><".utf8) + [0xE2, 0xFE] + Array("/></CodeBook>".utf8)
        try Data(qdc).write(to: cli.directory.appendingPathComponent("element.qdc"))
        qdc = []
        files.append(("element.qdc", ["codebook", "import", "--project", "p.qcode", "element.qdc"]))
        for (name, arguments) in files {
            let result = try cli.run(arguments)
            #expect(result.status == 1 && result.stderr.contains(name), "\(name): exit \(result.status)")
        }
        #expect(try cli.run(["check", "--project", "p.qcode"]).status == 0)
    }
}
