import Foundation
import Testing
@testable import QCodeKit

/// NVivo's positions, on the vendored sample (Tests/Fixtures/refi-qda): runs in any clone.
@Suite("REFI-QDA positions")
struct QDPXPositionTests {
    @Test func nvivoWindowsPositionsAreUTF16AndLandOnTheSameText() throws {
        let sample = REFITest.nvivoSample
        let project = try TestProject.make()
        let report = try project.importQDPX(url: sample)
        #expect(report.origin == "NVivo for Windows 12.6")
        #expect(report.positionUnit == .utf16)
        #expect(report.documents == ["videos_selection"])
        #expect(report.codings == 97)
        // A list of video titles ("Koronavírus: ..."), not a transcript: its "labels" are
        // headlines, so label detection says it is doubtful (issue 14), and nothing else.
        #expect(report.warnings.count == 1 && report.warnings.allSatisfy { $0.contains("speaker labels are doubtful") },
                "\(report.warnings)")
        // Every coding covers exactly the text NVivo showed: the raw text (BOM dropped,
        // CRLF kept) sliced in UTF-16 code units, then stored as qcode stores text.
        let qde = String(decoding: try REFITest.entry("project.qde", in: sample), as: UTF8.self)
        let raw = try REFITest.entry("Sources/56a79789-d535-4fb8-bedd-a915504c54ba.txt", in: sample)
        let text = String(decoding: raw.dropFirst(3), as: UTF8.self)
        let utf16 = Array(text.utf16), scalars = Array(text.unicodeScalars)
        var expected: [String] = [], codePointReading: [String] = []
        for match in qde.matches(of: /startPosition="(\d+)" endPosition="(\d+)"/) {
            let start = Int(match.1)!, end = Int(match.2)!
            expected.append(TextNormalizer.normalize(String(decoding: utf16[start..<end], as: UTF16.self)))
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<min(end, scalars.count)])
            codePointReading.append(TextNormalizer.normalize(String(view)))
        }
        let segments = try project.segments().map(\.text)
        #expect(segments.sorted() == expected.sorted())
        #expect(segments.sorted() != codePointReading.sorted())
    }
}

/// The REFI-QDA files written by real programs that are not vendored (AGPL, LGPL or no
/// licence), in ../shared/refi-qda/samples: each test's name says it requires it.
@Suite("REFI-QDA samples in ../shared", .enabled(if: REFITest.refiFolder != nil, "../shared/refi-qda not found: set QCODE_REFI_QDA"))
struct QDPXSampleTests {
    private func load(_ name: String) throws -> (Project, REFIImportReport) {
        let project = try TestProject.make()
        return (project, try project.importQDPX(url: REFITest.sample(name)))
    }

    @Test func nvivoMacCodebookImportsAndEmptySourcesAreSkippedRequiresShared() throws {
        let (project, report) = try load("nvivo-mac-15.0.0_nvivo_project.qdpx")
        #expect(report.codes.added == 262)
        #expect(report.documents.isEmpty)
        #expect(report.warnings.filter { $0.contains("no text") }.count == 2, "\(report.warnings)")
        #expect(try project.codes().contains { $0.path == "rq1_definition/competencies/programming" })
    }

    @Test func qcDemoWithBarePathsAndNoNamesRequiresShared() throws {
        let (project, report) = try load("qc-1.3.2_demo.qdpx")
        #expect(report.documents.sorted() == ["admin-1", "board_2017"])
        #expect(report.codes.added == 262)
        #expect(report.codings == 205)  // 158 selections, some with several codes
        #expect(report.coders == ["cp"])
        #expect(try project.segments().allSatisfy { !$0.text.isEmpty })
    }

    @Test func syntheticSampleWithCasesNotesInlineTextAndAPDFRequiresShared() throws {
        let (project, report) = try load("synthetic-qdapy_sample.qdpx")
        #expect(report.documents.sorted() == ["Interview 01", "Interview 02"])
        #expect(report.warnings.contains { $0.contains("PDFSource 'Leitfaden'") })
        #expect(report.warnings.contains { $0.contains("PictureSource 'Whiteboard'") })
        #expect(report.codings == 6)
        #expect(Set(report.coders) == ["Ann", "Bob"])
        let segments = try project.segments()
        let memo = try #require(segments.first { $0.memo != nil })
        #expect(memo.memo == "Traegt das Team wirklich?")
        #expect(memo.text == "Die Arbeit war fordernd, aber das Team hat getragen.".prefix(46).description)
        #expect(try project.caseRecord("Station A").documents == ["Interview 01"])
        #expect(try project.codes().first { $0.name == "Belastung" }?.colour == "#CC3311")
    }

    @Test func atlasTiProjectsWithUpperCaseGUIDsRequiresShared() throws {
        let (blank, blankReport) = try load("atlasti-win-23.2.3_blank-atlas-project.qdpx")
        #expect(blankReport.documents.isEmpty && blankReport.codes.added == 0)
        #expect(try blank.codes().isEmpty)
        let (project, report) = try load("atlasti-win-23.2.3_target-atlas-project.qdpx")
        #expect(report.codes.added == 3)
        #expect(try project.codes().map(\.path) == ["Commits", "Commits/2022-05-10T02:05:59Z 19e4dce", "Commits/2022-02-11T10:39:25Z cdbfd92"])
        #expect(try project.codes()[0].id == "a182cd3a-d83c-4d8c-bc80-26d9103ec6d6")
    }

    @Test func codebooksFromATLASTiTaguetteAndTheSpecRequiresShared() throws {
        let atlas = try Codebook.parseQDC(data: Data(contentsOf: REFITest.sample("atlasti-win-9.0.19_portableQDA_Atlasti.qdc")),
                                          fileName: "atlas.qdc")
        #expect(atlas.flattened.map(\.path) == ["code2", "code1", "code1/code1.1", "code3", "code3/code:3.1"])
        let taguette = try Codebook.parseQDC(data: Data(contentsOf: REFITest.sample("taguette-1.4.1_codebook.qdc")),
                                             fileName: "taguette.qdc")
        #expect(taguette.codes.map(\.name) == ["xsd:element name", "CodeBook", "Variables"])
        let spec = try Codebook.parseQDC(data: Data(contentsOf: REFITest.sample("spec-annexA1_REFI-QDA-1-5.qdc")),
                                         fileName: "spec.qdc")
        #expect(spec.codes.count == 6)
        let economy = try #require(spec.codes.first { $0.name == "Economy" })
        #expect(economy.id == "d7aa29da-519b-4946-9b90-253b6db8fd0a")
        #expect(economy.colour == "#FFFF00")
        #expect(economy.description == "Anything about jobs or taxes or business")
    }

    @Test func aQDCImportsThroughTheNormalCodebookImportRequiresShared() throws {
        let project = try TestProject.make()
        let codebook = try Codebook.parseQDC(data: Data(contentsOf: REFITest.sample("spec-annexA1_REFI-QDA-1-5.qdc")),
                                             fileName: "spec.qdc")
        let report = try project.importCodebook(codebook, source: "spec.qdc")
        #expect(report.added == 6)
        #expect(try project.importCodebook(codebook, source: "spec.qdc").unchanged == 6)
    }
}
