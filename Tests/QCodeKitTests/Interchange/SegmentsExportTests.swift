import Foundation
import Testing
@testable import QCodeKit

@Suite struct SegmentsExportTests {
    let fixture: ExportFixture
    init() throws { fixture = try ExportFixture() }

    private func export(_ filter: SegmentFilter = .init(), attributes: Bool = false, _ format: ExportFormat) throws -> String {
        let sink = ByteSink()
        try fixture.project.exportSegments(filter, attributes: attributes, format: format, to: sink)
        return sink.string
    }

    @Test func jsonRowsMatchTheSegmentsQuery() throws {
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(try export(.init(), .json).utf8)) as? [[String: Any]])
        let segments = try fixture.project.segments()
        #expect(rows.count == 6)
        for (row, segment) in zip(rows, segments) {
            #expect(row["id"] as? Int == Int(segment.id))
            #expect(row["text"] as? String == segment.text)
            #expect(row["code"] as? String == segment.code)
            #expect(row["turn"] as? Int == segment.turn)
            #expect(row["speaker"] as? String == segment.speaker)
            #expect(row["theme"] as? String == String(segment.code.split(separator: "/")[0]))
        }
        #expect(rows[0]["memo"] is NSNull)
    }

    @Test func csvNeutralisesFormulasAndCarriesAttributes() throws {
        var filter = SegmentFilter()
        filter.code = "trust"
        let csv = try export(filter, attributes: true, .csv)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,document,case,speaker,turn,time,code,theme,coder,start,end,text,memo,group,age")
        #expect(lines.count == 4)
        #expect(lines[2].hasSuffix(",I trusted her completely,'=SUM(A1),service user,40"))
        #expect(lines[1].contains(",AA01_interview,AA01,AA01,4,,link-worker/trust,link-worker,ann,"))
    }

    @Test func jsonLinesAndFilters() throws {
        var filter = SegmentFilter()
        filter.coders = ["bob"]
        let lines = try export(filter, .jsonl).split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["text"] as? String == "It was quiet" && object["case"] as? String == "BB02")
        filter.coders = ["carol"]
        #expect(throws: ExportError.noSuchCoder("carol", known: ["ann", "bob"])) { try export(filter, .csv) }
    }

    @Test func emptyJSONIsAnEmptyArray() throws {
        var filter = SegmentFilter()
        filter.cases = ["CC03"]
        #expect(try export(filter, .json) == "[]\n")
        #expect(try export(filter, .tsv) == Project.segmentExportColumns.joined(separator: "\t") + "\n")
    }
}

@Suite struct RowWriterTests {
    private let table = ExportTable(columns: ["name", "n", "share", "ok", "note"], rows: [
        [.text("=1+2"), .integer(-3), .number(0.125), .boolean(true), .text("a, \"b\"\nc")],
        [.text("-4"), .integer(12_345), .number(1.0 / 3.0), .boolean(false), .null],
        [.text("tab\there"), .integer(0), .number(2), .null, .text("é \u{1}")],
    ])

    @Test func csvQuotesAndNeutralises() throws {
        #expect(try table.rendered(.csv) == [
            "name,n,share,ok,note",
            "'=1+2,-3,0.125,true,\"a, \"\"b\"\"\nc\"",
            "-4,12345,0.333333,false,",
            "tab\there,0,2,,é \u{1}",
        ].joined(separator: "\r\n") + "\r\n")
    }

    @Test func csvMatchesTabularForTextCells() throws {
        let cells = ["=SUM(A1)", "+1", "-x", "@me", "\tx", "\rx", "plain", "a,b", "q\"q", "line\nbreak", ""]
        let sink = ByteSink()
        try ExportTable(columns: ["c"], rows: cells.map { [.text($0)] }).write(.csv, to: sink)
        #expect(sink.string == Tabular(headers: ["c"], rows: cells.map { [$0] }).csv())
    }

    @Test func tsvFlattensBreaks() throws {
        #expect(try table.rendered(.tsv).split(separator: "\n")[1] == "'=1+2\t-3\t0.125\ttrue\ta, \"b\" c")
    }

    @Test func jsonKeepsTypesAndEscapes() throws {
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(try table.rendered(.json).utf8)) as? [[String: Any]])
        #expect(parsed.count == 3)
        #expect(parsed[0]["name"] as? String == "=1+2")
        #expect(parsed[0]["n"] as? Int == -3)
        #expect(parsed[0]["ok"] as? Bool == true)
        #expect(parsed[0]["note"] as? String == "a, \"b\"\nc")
        #expect(parsed[1]["note"] is NSNull)
        #expect(parsed[2]["note"] as? String == "é \u{1}")
        #expect(try table.rendered(.jsonl).split(separator: "\n").count == 3)
    }
}

@Suite struct ColumnNamerTests {
    @Test func sanitises() {
        #expect(ColumnNamer.sanitise("Loneliness (baseline)") == "loneliness_baseline")
        #expect(ColumnNamer.sanitise("2nd visit") == "x2nd_visit")
        #expect(ColumnNamer.sanitise("Café  société") == "cafe_societe")
        #expect(ColumnNamer.sanitise("__x__") == "x")
        #expect(ColumnNamer.sanitise("") == "x")
        #expect(ColumnNamer.sanitise("if") == "if_")
        #expect(ColumnNamer.sanitise("with") == "with_")
        let long = ColumnNamer.sanitise("a very long survey question about belonging to the community")
        #expect(long == "a_very_long_survey_question_abou" && long.count == 32)
    }

    @Test func makesNamesUnique() {
        var namer = ColumnNamer()
        #expect(namer.unique("age") == "age")
        #expect(namer.unique("Age") == "age_2")
        #expect(namer.unique("AGE!") == "age_3")
        let long = "q" + String(repeating: "x", count: 40)
        #expect(namer.unique(long) == "q" + String(repeating: "x", count: 31))
        #expect(namer.unique(long) == "q" + String(repeating: "x", count: 29) + "_2")
    }

    @Test func namesCodesByThemeAndPath() {
        var namer = ColumnNamer()
        #expect(namer.codeColumn(path: "social-cure", topLevelID: "sc") == "social_cure")
        #expect(namer.codeColumn(path: "social-cure/community-belonging", topLevelID: "sc") == "sc_community_belonging")
        #expect(namer.codeColumn(path: "social-cure/group-membership/joining", topLevelID: "sc") == "sc_group_membership_joining")
        #expect(namer.codeColumn(path: "link-worker/practical-help-and-signposting/very-long-name", topLevelID: "lw")
                == "lw_very_long_name")
        #expect(namer.codeColumn(path: "Social Determinants/housing", topLevelID: "3f2a9c1e-0000") == "sd_housing")
        #expect(namer.codeColumn(path: "social-cure/community-belonging", topLevelID: "sc") == "sc_community_belonging_2")
    }
}
