import Foundation
import Testing
@testable import QCodeKit

/// The shared folder of real-world files: `$QCODE_SHARED_DATA`, else `../shared/data` next to
/// the package root. `nil` when neither exists (the tests are then skipped).
enum CorpusRealData {
    static let directory: URL? = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["QCODE_SHARED_DATA"], fm.fileExists(atPath: env) {
            return URL(fileURLWithPath: env)
        }
        // Tests/QCodeKitTests/Corpus/RealDataTests.swift -> package root
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/data")
        return fm.fileExists(atPath: url.path) ? url : nil
    }()

    static func file(_ path: String) -> URL { directory!.appendingPathComponent(path) }

    static func read(_ path: String) throws -> ParsedDocument {
        try #require(try DocumentReader.read(contentsOf: file(path)).first)
    }
}

@Suite(
    "Real files in shared/data",
    .enabled(if: CorpusRealData.directory != nil, "shared/data not found: set QCODE_SHARED_DATA to run these tests"))
struct RealDataTests {
    @Test func everyTranscriptParsesRequiresShared() throws {
        let dir = try #require(CorpusRealData.directory)
        var checked = 0
        for sub in ["txt", "vtt", "srt", "docx", "odt"] {
            let folder = dir.appendingPathComponent(sub)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                let docs = try DocumentReader.read(contentsOf: folder.appendingPathComponent(name))
                let doc = try #require(docs.first, "\(name)")
                #expect(!doc.turns.isEmpty, "\(name) has no turns")
                #expect(!doc.sentences.isEmpty, "\(name) has no sentences")
                let length = doc.text.unicodeScalars.count
                var previousEnd = 0
                for turn in doc.turns {
                    #expect(turn.span.start >= previousEnd && turn.span.end <= length, "\(name) turns overlap")
                    previousEnd = turn.span.end
                    #expect(!CorpusTest.slice(doc, turn.span).isEmpty)
                }
                checked += 1
            }
        }
        #expect(checked >= 15)
    }

    @Test func spotChecksRequiresShared() throws {
        let w1252 = try CorpusRealData.read("srt/pysrt_windows-1252.srt")
        #expect(w1252.encoding == .windows1252)
        #expect(w1252.text.contains("é"))
        #expect(w1252.text.contains("ÉVÉNEMENTS"))

        let utf16 = try CorpusRealData.read("srt/pysrt_bom-utf-16-le.srt")
        #expect(utf16.encoding == .utf16LE)
        #expect(utf16.text.hasPrefix("About 2 months ago I found myself on the comment section of YouTube"))

        let qualcoder = try CorpusRealData.read("txt/qualcoder_transcript.txt")
        #expect(qualcoder.turns.map(\.speaker) == ["id1", "id2", "id3", "id1", "id3", "id1", "id2"])

        let zoom = try CorpusRealData.read("vtt/zoomse_GMT20240124-202901_Recording.transcript.vtt")
        let zoomSpeakers = Set(zoom.turns.compactMap(\.speaker))
        #expect(zoomSpeakers.isSuperset(of: ["Srijani Ghosh", "Conor Healy", "Dr. Melissa Ko"]))
        #expect(zoom.turns.allSatisfy { $0.speaker != nil })

        let teams = try CorpusRealData.read("vtt/webvttpy_teams_timeframe.vtt")
        #expect(teams.turns.map(\.speaker) == ["Yuri Bakulin", "Adrian Petrescu"])

        let qux = try CorpusRealData.read("docx/qux360_interview_A.docx")
        #expect(Set(qux.turns.compactMap(\.speaker)) == ["Jordan Lee", "Alex Morgan"])
        #expect(qux.turns.first?.time == 1)
        #expect(qux.turns.allSatisfy { $0.time != nil })

        let admin = try CorpusRealData.read("txt/qcdemo_admin-1.txt")
        // "Automation: This call is now being recorded." speaks once, at a paragraph start,
        // in a file whose paragraphs start with labels: a speaker too.
        #expect(Set(admin.turns.compactMap(\.speaker)) == ["Automation", "Max Bigman", "admin-1"])

        let board = try CorpusRealData.read("txt/qcdemo_board_2017.txt")
        #expect(board.turns.contains { $0.speaker == "Speaker 12" })
    }

    @Test func surveysAndCaseTablesRequiresShared() throws {
        let survey = try DocumentReader.read(contentsOf: CorpusRealData.file("csv/qualcoder_survey456.csv"))
        #expect(survey.map(\.name) == ["qualcoder_survey456-ID4", "qualcoder_survey456-ID5", "qualcoder_survey456-ID6"])
        let cases = try CaseTable.read(contentsOf: CorpusRealData.file("csv/qualcoder_survey456.csv"), idColumn: nil)
        #expect(cases.idColumn == "Case")
        #expect(cases.types["Age"] == .integer)
        #expect(cases.rows[1].values["Age"] == nil)

        let nhs = try DocumentReader.read(contentsOf: CorpusRealData.file("csv/pxtextmining_v6framework_230831.csv"))
        #expect(nhs.count > 7000)
        #expect(nhs.contains { $0.text.contains("\n") })
    }
}
