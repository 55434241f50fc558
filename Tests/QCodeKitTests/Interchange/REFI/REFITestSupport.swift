import Foundation
import Testing
import ZIPFoundation
@testable import QCodeKit

/// Helpers for the REFI-QDA tests: sample files, demo projects, xmllint, hand-made archives.
enum REFITest {
    /// The package root (Tests/QCodeKitTests/Interchange/REFI/ -> root).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The vendored REFI-QDA files (MIT): the official schemas and the NVivo sample, with
    /// their licences, in `Tests/Fixtures/refi-qda`. Always present.
    static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures/refi-qda")

    /// The official schema `name` (`Project-mrt2019.xsd`, `Codebook-mrt2019.xsd`).
    static func schema(_ name: String) -> URL { fixtures.appendingPathComponent("xsd/\(name)") }

    /// NVivo for Windows 12.6's export with emoji and UTF-16 positions.
    static let nvivoSample = fixtures.appendingPathComponent("samples/nvivo-win-12.6_oltas.qdpx")

    /// `../shared/refi-qda` beside the package (or `$QCODE_REFI_QDA`), for the samples not
    /// vendored (their licences do not allow it); nil when absent. Tests that need it say
    /// `RequiresShared` in their name.
    static let refiFolder: URL? = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["QCODE_REFI_QDA"], fm.fileExists(atPath: env) {
            return URL(fileURLWithPath: env)
        }
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/refi-qda")
        return fm.fileExists(atPath: url.path) ? url : nil
    }()

    static func sample(_ name: String) -> URL { refiFolder!.appendingPathComponent("samples/\(name)") }

    /// `xmllint`, if installed (Debian: `apt-get install libxml2-utils`).
    static let xmllint: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `xmllint --noout --schema XSD FILE`; returns its exit status and messages.
    static func validate(_ xml: Data, schema: URL) throws -> (status: Int32, output: String) {
        let directory = TemporaryDirectory.make()
        let file = directory.appendingPathComponent("doc.xml")
        try xml.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint!)
        process.arguments = ["--noout", "--schema", schema.path, file.path]
        let log = directory.appendingPathComponent("log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: log), as: UTF8.self))
    }

    /// The bytes of one entry of a ZIP file.
    static func entry(_ path: String, in url: URL) throws -> Data {
        let archive = try Archive(url: url, accessMode: .read)
        let entry = try #require(archive[path])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }

    /// Writes a ZIP with the given entries (path, bytes, compressed?).
    static func zip(_ entries: [(String, Data)], compress: Bool = true, in directory: URL = TemporaryDirectory.make(),
                    name: String = "test.qdpx") throws -> URL {
        let url = directory.appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: compress ? .deflate : .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    /// The demo project: the shipped transcripts, survey, codebook and codings.
    static func demoProject() throws -> Project {
        let project = try TestProject.make()
        let transcripts = packageRoot.appendingPathComponent("Transcripts")
        let files = try FileManager.default.contentsOfDirectory(atPath: transcripts.path)
            .filter { $0.range(of: "^[A-Z]{2}[0-9]{2}_", options: .regularExpression) != nil }
            .sorted().map { transcripts.appendingPathComponent($0) }
        _ = try project.importFiles(files, cases: .fromFileName("^([A-Z]{2}[0-9]{2})"))
        _ = try project.importCases(try CaseTable.read(contentsOf: transcripts.appendingPathComponent("survey.csv"),
                                                       idColumn: "participant_id"), source: "survey.csv")
        let yaml = try String(contentsOf: packageRoot.appendingPathComponent("Codebooks/social-prescribing.yaml"), encoding: .utf8)
        _ = try project.importCodebook(try Codebook.parseYAML(yaml, fileName: "social-prescribing.yaml"), source: "yaml")
        let codings = try String(contentsOf: transcripts.appendingPathComponent("codings.csv"), encoding: .utf8)
        _ = try project.importCodings(csv: codings, file: "codings.csv")
        return project
    }

    /// Everything a round trip must keep, in comparable form.
    struct Snapshot: Equatable {
        var documents: [String: String]
        /// Turns as speaker and span (times are not part of REFI-QDA).
        var turns: [String: [String]]
        var documentCases: [String: String?]
        var documentMemos: [String: String?]
        var codebook: [String]
        var cases: [CaseDetails]
        var attributes: [AttributeInfo]
        var codings: [String]

        init(_ project: Project) throws {
            var documents: [String: String] = [:]
            var memos: [String: String?] = [:]
            var turns: [String: [String]] = [:]
            for summary in try project.documents() {
                let document = try project.document(summary.name)
                documents[summary.name] = document.text
                turns[summary.name] = document.turns.map { "\($0.speaker ?? "-") \($0.span.start)-\($0.span.end)" }
                memos[summary.name] = summary.memo
            }
            self.documents = documents
            self.turns = turns
            documentMemos = memos
            documentCases = Dictionary(uniqueKeysWithValues: try project.documents().map { ($0.name, $0.case) })
            codebook = try project.codes().map {
                [$0.path, $0.label ?? "-", $0.colour ?? "-", $0.description ?? "-", $0.include ?? "-", $0.exclude ?? "-",
                 $0.examples.joined(separator: "|"), $0.keywords.joined(separator: "|"), String($0.position)]
                    .joined(separator: " ¦ ")
            }
            cases = try project.cases()
            attributes = try project.attributes()
            codings = try project.segments().map {
                "\($0.document) \($0.code) \($0.coder) \($0.start)-\($0.end) [\($0.text)] memo=\($0.memo ?? "-")"
            }.sorted()
        }
    }
}
