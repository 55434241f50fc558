import Testing
@testable import QCodeKit

@Suite("REFI-QDA positions")
struct UTF16OffsetsTests {
    @Test func plainASCIIIsTheIdentity() {
        let text = SourceText(raw: "Hello world")
        #expect(text.stored == "Hello world")
        #expect(text.offset(5, unit: .codePoints) == 5 && text.offset(5, unit: .utf16) == 5)
        #expect(text.offset(12, unit: .codePoints) == nil)
    }

    @Test func emojiCountTwoInUTF16() {
        let text = SourceText(raw: "a😀b")
        #expect(text.offset(3, unit: .utf16) == 2)       // the "b"
        #expect(text.offset(2, unit: .codePoints) == 2)  // the "b"
        #expect(text.offset(4, unit: .utf16) == 3)
        #expect(text.offset(4, unit: .codePoints) == nil)
    }

    @Test func crlfAndBOMAreDroppedAndPositionsFollow() {
        let text = SourceText(raw: "\u{FEFF}one\r\ntwo😀\rthree")
        #expect(text.stored == "one\ntwo😀\nthree")
        // "three" starts at UTF-16 unit 3+2+3+2+1 = 11, at code point 3+2+3+1+1 = 10.
        #expect(text.offset(11, unit: .utf16) == 9)
        #expect(text.offset(10, unit: .codePoints) == 9)
    }

    @Test func decomposedTextIsStoredInNFC() {
        let text = SourceText(raw: "cafe\u{0301} ok")
        #expect(text.stored == "caf\u{00E9} ok")
        #expect(text.offset(6, unit: .codePoints) == 5)  // "ok"
        #expect(text.offset(3, unit: .codePoints) == 3)  // the é
    }

    @Test func detectionPrefersTheUnitThatKeepsSelectionsInside() {
        let text = SourceText(raw: "😀😀😀 word")
        // "word" is at code points 4-8 and UTF-16 units 7-11.
        #expect(REFIPositionUnit.detect(origin: "NVivo for Mac 12.7", selections: []) == .utf16)
        #expect(REFIPositionUnit.detect(origin: nil, selections: [(text, [7], [11])]) == .utf16)
        #expect(REFIPositionUnit.detect(origin: nil, selections: [(text, [4], [8])]) == .codePoints)
    }

    @Test func guidsAreNameBasedAndStable() {
        let namespace = REFIGUID.projectNamespace(createdAt: "2026-01-01T00:00:00.000Z")
        let a = REFIGUID.nameBased("case:P01", namespace: namespace)
        #expect(a == REFIGUID.nameBased("case:P01", namespace: namespace))
        #expect(a != REFIGUID.nameBased("case:P02", namespace: namespace))
        #expect(REFIGUID.isGUID(a) && a.dropFirst(14).first == "5")
        #expect(REFIGUID.normalise("{5215CC69-B628-4E02-AFB9-9BEEAEE55808}") == "5215cc69-b628-4e02-afb9-9beeaee55808")
        #expect(REFIGUID.normalise("not-a-guid") == nil)
    }
}
