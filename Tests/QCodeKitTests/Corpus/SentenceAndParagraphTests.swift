import Foundation
import Testing
@testable import QCodeKit

@Suite("Paragraphs and sentences")
struct SentenceAndParagraphTests {
    @Test func abbreviationsInitialsAndNumbers() throws {
        let m = CorpusTest.Marked("""
            ⟦Dr. Smith met Mr. J. Jones at 5 p.m. on Friday.⟧ ⟦Then we left!⟧ ⟦Did we?⟧ \
            ⟦He said "stop."⟧ ⟦It was… odd.⟧ ⟦It cost 3.5 dollars, e.g. a coffee.⟧ ⟦I said no.⟧ \
            ⟦No. 5 was next.⟧ ⟦"Why?" she asked.⟧ ⟦Ça va.⟧ ⟦2020 was hard…⟧ ⟦Étienne came?!⟧ ⟦(Yes.)⟧
            """)
        CorpusTest.expectSentences(try CorpusTest.parse(m.text), m)
    }

    @Test func sentencesNeverCrossLabelsOrParagraphs() throws {
        let m = CorpusTest.Marked("""
            I: ⟦Hi there⟧
            R: ⟦Hello.⟧ ⟦I was
            born here⟧

            ⟦New paragraph, same turn.⟧
            """)
        let doc = try CorpusTest.parse(m.text)
        CorpusTest.expectSentences(doc, m)
        #expect(doc.turns.count == 2)
        #expect(CorpusTest.slice(doc, doc.turns[1].span) == "Hello. I was\nborn here\n\nNew paragraph, same turn.")
    }

    @Test func paragraphsAreBlocksBrokenAtLabels() throws {
        let m = CorpusTest.Marked("""
            ⟦Title line
            Metadata line⟧

            ⟦I: One.
            more of one⟧
            ⟦R: Two.⟧

            ⟦Free text after.⟧
            """)
        let doc = try CorpusTest.parse(m.text)
        #expect(doc.paragraphs.map { CorpusTest.slice(doc, $0) } == m.slices)
        #expect(doc.paragraphs == m.spans)
    }

    @Test func withoutBlankLinesEachLineIsAParagraph() throws {
        let m = CorpusTest.Marked("⟦Line one is here.⟧\n⟦Line two.⟧\n  ⟦Line three.⟧  \n")
        let doc = try CorpusTest.parse(m.text)
        #expect(doc.paragraphs == m.spans)
        #expect(doc.turns.map { CorpusTest.slice(doc, $0.span) } == m.slices)
    }
}
