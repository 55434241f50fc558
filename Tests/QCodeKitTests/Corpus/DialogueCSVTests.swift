import Foundation
import Testing
@testable import QCodeKit

/// CSV layouts of issue 14: one row per utterance, labels inside a cell, no cases.
@Suite("Dialogue CSV and labelled cells")
struct DialogueCSVTests {
    /// A qux360-style export: BOM, quoted statements with commas, one empty statement.
    static let qux = "\u{FEFF}Timestamp,Speaker,Statement\r\n"
        + "0:01,Jordan Lee,\"Thanks for joining, Alex.\"\r\n"
        + "0:06,Alex Morgan,Sure. Happy to.\r\n"
        + "0:15,Jordan Lee,How long have you been there?\r\n"
        + "1:02:03,Alex Morgan,\"Three years, just over.\"\r\n"
        + "0:30,Jordan Lee,\r\n"

    @Test func oneRowPerUtteranceIsOneConversation() throws {
        let docs = try DocumentReader.parse(data: Data(Self.qux.utf8), fileName: "interview_A.csv")
        try #require(docs.count == 1)
        let doc = docs[0]
        #expect(doc.name == "interview_A")
        #expect(doc.caseID == nil)
        #expect(doc.text == """
            Jordan Lee: Thanks for joining, Alex.
            Alex Morgan: Sure. Happy to.
            Jordan Lee: How long have you been there?
            Alex Morgan: Three years, just over.
            """)
        #expect(doc.turns.map(\.speaker) == ["Jordan Lee", "Alex Morgan", "Jordan Lee", "Alex Morgan"])
        #expect(doc.turns.map { CorpusTest.slice(doc, $0.span) }
                == ["Thanks for joining, Alex.", "Sure. Happy to.", "How long have you been there?", "Three years, just over."])
        #expect(doc.turns.map(\.time) == [1, 6, 15, 3723])
        #expect(doc.paragraphs.count == 4)
        #expect(doc.sentences.map { CorpusTest.slice(doc, $0) }.contains("Happy to."))
        #expect(doc.warnings.contains("1 empty statement(s) skipped"))
    }

    @Test func aConversationColumnMakesOneDocumentEach() throws {
        let csv = "session,time,speaker,utterance\nS2,12.5,A,First in two.\nS1,00:00:03,B,First in one.\nS2,[0:20],B,Second in two.\n,0:01,A,Lost.\n"
        var options = ImportOptions()
        options.conversationColumn = "Session"
        let docs = try DocumentReader.parse(data: Data(csv.utf8), fileName: "calls.csv", options: options)
        #expect(docs.map(\.name) == ["calls-S2", "calls-S1"])
        #expect(docs[0].turns.map(\.time) == [12.5, 20])
        #expect(docs[1].turns.map(\.speaker) == ["B"])
        #expect(docs[0].warnings.contains("1 row(s) with no session skipped"))
    }

    @Test func badTimesAreCountedAndDialogueErrorsNameTheProblem() throws {
        let csv = "start,speaker,text\nsoon,A,Hello there.\n0:05,B,Hi.\n"
        let docs = try DocumentReader.parse(data: Data(csv.utf8), fileName: "t.csv")
        #expect(docs[0].turns.map(\.time) == [nil, 5])
        #expect(docs[0].warnings.contains("1 time(s) not understood (first at line 2); those turns have no time"))
        var options = ImportOptions()
        options.conversationColumn = "call"
        CorpusTest.expectImportError("no column named 'call' (columns: start, speaker, text)") {
            _ = try DocumentReader.parse(data: Data(csv.utf8), fileName: "t.csv", options: options)
        }
        CorpusTest.expectImportError(
            "--conversation-column needs one row per utterance: a speaker column and a text column "
                + "(statement, text, utterance or transcript; columns: id, comment)") {
            _ = try DocumentReader.parse(data: Data("id,comment\n1,A long enough comment about the course.\n".utf8),
                                         fileName: "t.csv", options: options)
        }
        CorpusTest.expectImportError("no statement in column 'text'") {
            _ = try DocumentReader.parse(data: Data("speaker,text\nA,\nB, \n".utf8), fileName: "t.csv")
        }
    }

    @Test func bracketAndNameLabelsInsideACellBecomeTurns() throws {
        let csv = """
            id,dialogue
            ACI1,"[doctor] hi diana so you hurt your wrist
            [patient] yeah i slipped on the stairs
            [doctor] okay which one"
            ACI2,[doctor] how is the pain today [patient] better thanks [doctor] good [inaudible] good
            M1,"Doctor: When did it begin?
            Patient: Eight years ago.
             Patient: I fell in a store.
            Doctor: I see."
            M2,Doctor: How old are you? Patient: Twenty six. Doctor: Thank you. Patient: You're welcome.
            S1,Pros: it was cheap and close to home. Cons: the rooms were cold all winter.
            """
        let docs = try DocumentReader.parse(data: Data(csv.utf8), fileName: "d.csv")
        #expect(docs.map(\.name) == ["d-ACI1", "d-ACI2", "d-M1", "d-M2", "d-S1"])
        #expect(docs[0].turns.map(\.speaker) == ["doctor", "patient", "doctor"])
        #expect(docs[0].turns.map { CorpusTest.slice(docs[0], $0.span) }
                == ["hi diana so you hurt your wrist", "yeah i slipped on the stairs", "okay which one"])
        #expect(docs[1].turns.map(\.speaker) == ["doctor", "patient", "doctor"])
        #expect(docs[1].turns.map { CorpusTest.slice(docs[1], $0.span) }
                == ["how is the pain today", "better thanks", "good [inaudible] good"])
        #expect(docs[2].turns.map(\.speaker) == ["Doctor", "Patient", "Patient", "Doctor"])
        #expect(docs[3].turns.map { CorpusTest.slice(docs[3], $0.span) }
                == ["How old are you?", "Twenty six.", "Thank you.", "You're welcome."])
        // Two labels named once each, in prose, stay one answer spoken by the row.
        #expect(docs[4].turns.map(\.speaker) == ["S1"])
        // Sentences never cross a turn.
        for doc in docs {
            for sentence in doc.sentences {
                #expect(doc.turns.contains { $0.span.start <= sentence.start && sentence.end <= $0.span.end })
            }
        }
    }

    @Test func aTwoLineExchangeIsADialogueOnlyInADialogueColumn() throws {
        let dialogues = "id,dialogue\nA,\"Doctor: How are you?\nPatient: Fine.\nDoctor: Good.\"\nB,\"Doctor: Any pain?\nPatient: No.\"\n"
        let docs = try DocumentReader.parse(data: Data(dialogues.utf8), fileName: "d.csv")
        #expect(docs.map { $0.turns.map { $0.speaker ?? "-" } } == [["Doctor", "Patient", "Doctor"], ["Doctor", "Patient"]])
        let survey = "id,comment\nA,\"Pros: cheap and close to home.\nCons: cold rooms all winter long.\"\nB,It was fine overall and I would go again.\n"
        let answers = try DocumentReader.parse(data: Data(survey.utf8), fileName: "s.csv")
        #expect(answers.map { $0.turns.map { $0.speaker ?? "-" } } == [["A"], ["B"]])
    }

    @Test func noCasesLeavesRowsWithoutAnIDColumnUnlinked() throws {
        var options = ImportOptions()
        options.noCases = true
        let csv = "group,comment\nA,The course was far too long for me and I stopped.\nB,\n"
        let docs = try DocumentReader.parse(data: Data(csv.utf8), fileName: "s.csv", options: options)
        #expect(docs.map(\.caseID) == [nil])
        #expect(docs[0].warnings == ["no cases (--no-cases), so column(s) group were not kept", "1 empty answer(s) skipped"])
        // With an ID column the ID still names the case.
        let withID = try DocumentReader.parse(data: Data("id,comment\nP1,The course was far too long for me.\n".utf8),
                                              fileName: "s.csv", options: options)
        #expect(withID.map(\.caseID) == ["P1"])
    }
}

/// Label detection that is doubtful says so, with counts.
@Suite struct DoubtfulLabelsTests {
    @Test func fewLabelsAndColonsMidLineGiveAWarning() throws {
        let notes = """
            Tom: we met at ten.
            The agenda: budget, rooms, and the trip.
            Decision: postpone until May.
            Actions: Anna books rooms; Ben writes up.
            Next time: the trip.
            Tom: thanks all.
            """
        let doc = try CorpusTest.parse(notes)
        #expect(doc.warnings.contains {
            $0.hasPrefix("speaker labels are doubtful: 2 label(s) taken, ") && $0.contains("line(s) with a colon mid-line")
        })
    }

    @Test func aCleanInterviewHasNoWarning() throws {
        let doc = try CorpusTest.parse("Interviewer: How was it?\nP1: Fine: really fine.\nInterviewer: And then?\nP1: Better.\n")
        #expect(doc.warnings.isEmpty)
    }
}

/// Real dialogue exports in shared/data (issue 14).
@Suite(.enabled(if: CorpusRealData.directory != nil, "shared/data not found: set QCODE_SHARED_DATA to run these tests"))
struct RealDialogueCSVTests {
    @Test func qux360InterviewIsOneConversationWithTimesRequiresShared() throws {
        let docs = try DocumentReader.read(contentsOf: CorpusRealData.file("csv/qux360_interview_A.csv"))
        try #require(docs.count == 1)
        #expect(docs[0].name == "qux360_interview_A")
        #expect(docs[0].turns.count == 32)
        #expect(Set(docs[0].turns.compactMap(\.speaker)) == ["Jordan Lee", "Alex Morgan"])
        #expect(docs[0].turns.allSatisfy { $0.time != nil })
        #expect(docs[0].turns.first?.time == 1 && docs[0].turns[1].time == 6)
        #expect(docs[0].warnings.isEmpty, "\(docs[0].warnings)")
    }

    @Test func clinicalDialogueCellsBecomeTurnsRequiresShared() throws {
        for file in ["csv/acibench_valid_aci_asr.csv", "csv/acibench_valid_virtscribe_humantrans.csv", "csv/mtsdialog_ValidationSet.csv"] {
            let docs = try DocumentReader.read(contentsOf: CorpusRealData.file(file)).filter { $0.name.hasSuffix("-dialogue") }
            #expect(!docs.isEmpty, "\(file)")
            for doc in docs {
                // Every dialogue has two or more speakers, and no turn holds a label line.
                #expect(Set(doc.turns.compactMap(\.speaker)).count >= 2, "\(doc.name)")
                for turn in doc.turns {
                    let text = turn.span.slice(of: doc.text)
                    #expect(!text.contains("\n[doctor]") && !text.contains("\nDoctor:"), "\(doc.name)")
                }
            }
        }
    }
}
