import Foundation
import Testing
@testable import QCodeKit

@Suite("WebVTT and SRT")
struct SubtitleTests {
    @Test func vttVoiceSpansAndCueSettings() throws {
        let vtt = """
            WEBVTT
            Kind: captions
            Language: en

            NOTE This is a comment
            spanning two lines

            STYLE
            ::cue { color: red }

            intro-1
            0:0:0.0 --> 0:0:0.570 align:start position:0%
            <v Yuri Bakulin>There you go.</v>

            00:00.600 --> 00:01.130
            <v.loud Adrian Petrescu>Why <b>hello</b> there, &amp; hi &lt;3</v>

            00:00:01.200 --> 00:00:02.000
            <v Adrian Petrescu>Again.</v>
            """
        let doc = try CorpusTest.parse(vtt, name: "teams.vtt")
        let m = CorpusTest.Marked("Yuri Bakulin: ⟦There you go.⟧\nAdrian Petrescu: ⟦Why hello there, & hi <3 Again.⟧")
        CorpusTest.expectTurns(doc, m, speakers: ["Yuri Bakulin", "Adrian Petrescu"])
        #expect(doc.turns.map(\.time) == [0, 0.6])
        #expect(doc.turns.map(\.endTime) == [0.57, 2])
        #expect(doc.paragraphs.count == 2)
    }

    @Test func vttZoomLabelsAndUnlabelledContinuation() throws {
        let vtt = """
            WEBVTT

            1
            00:00:00.050 --> 00:00:01.790
            Srijani Ghosh: Hi!

            2
            00:00:02.070 --> 00:00:04.050
            Conor Healy: Get this party started.

            3
            00:00:05.140 --> 00:00:08.310
            Hmm.

            4
            00:00:09.710 --> 00:00:11.670
            Dr. Melissa Ko: So&nbsp;yes.
            """
        let doc = try CorpusTest.parse(vtt, name: "zoom.vtt")
        let m = CorpusTest.Marked("Srijani Ghosh: ⟦Hi!⟧\nConor Healy: ⟦Get this party started. Hmm.⟧\nDr. Melissa Ko: ⟦So\u{A0}yes.⟧")
        CorpusTest.expectTurns(doc, m, speakers: ["Srijani Ghosh", "Conor Healy", "Dr. Melissa Ko"])
        #expect(doc.turns[1].time == 2.07)
        #expect(doc.turns[1].endTime == 8.31)
    }

    @Test func vttYouTubeRollingLinesAndInlineTimings() throws {
        let vtt = """
            WEBVTT
            Kind: captions
            Language: en

            00:04:46.070 --> 00:04:46.470 align:start position:0%
            yeah

            00:04:46.470 --> 00:05:04.080 align:start position:0%
            yeah
            <c.colorCCCCCC>what</c>
            00:05:04.080 --> 00:05:05.069 align:start position:0%
            this<00:05:04.199><c> will</c><c.colorE5E5E5><00:05:04.379><c> happen</c></c>

            00:05:05.069 --> 00:05:05.400 align:start position:0%
            this will<c.colorE5E5E5> happen</c>
            """
        let doc = try CorpusTest.parse(vtt, name: "yt.vtt")
        let m = CorpusTest.Marked("⟦yeah⟧\n⟦what⟧\n⟦this will happen⟧")
        CorpusTest.expectTurns(doc, m, speakers: [nil, nil, nil])
    }

    @Test func srtVariants() throws {
        let srt = """
            1
            00:00:0,000 --> 00:00:01,000
            <i>I am the first</i>
            <font color="red">dialogue</font>

            00:00:01.500 --> 00:00:02.500
            {\\an8}Unnumbered cue.
            2
            00:00:03,000 --> 00:00:04,000
            Missing blank line before me.
            """
        let doc = try CorpusTest.parse(srt, name: "x.srt")
        let m = CorpusTest.Marked("⟦I am the first dialogue⟧\n⟦Unnumbered cue.⟧\n⟦Missing blank line before me.⟧")
        CorpusTest.expectTurns(doc, m, speakers: [nil, nil, nil])
        #expect(doc.turns.map(\.time) == [0, 1.5, 3])
    }

    @Test func srtSpeakerLabels() throws {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nAnna: Hello.\n\n2\n00:00:02,000 --> 00:00:03,000\nBen: Hi.\n\n"
            + "3\n00:00:03,000 --> 00:00:04,000\nAnna: Bye.\n"
        let doc = try CorpusTest.parse(srt, name: "x.srt")
        let m = CorpusTest.Marked("Anna: ⟦Hello.⟧\nBen: ⟦Hi.⟧\nAnna: ⟦Bye.⟧")
        CorpusTest.expectTurns(doc, m, speakers: ["Anna", "Ben", "Anna"])
        #expect(doc.sentences == m.spans)
    }

    @Test func crlfSubtitlesWithBOM() throws {
        let text = "\u{FEFF}WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nCaption one\r\n\r\n00:02.000 --> 00:03.000\r\nCaption two\r\n"
        let doc = try CorpusTest.parse(text, name: "c.vtt")
        #expect(doc.text == "Caption one\nCaption two")
        #expect(doc.encoding == .utf8BOM)
    }
}
