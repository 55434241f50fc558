import Foundation
import Testing
@testable import QCodeKit

@Suite("REFI-QDA XML reading")
struct QDEParserTests {
    @Test func projectXMLOverTenMegabytesParses() throws {
        // Linux's XMLParser(data:) fails at the end of inputs over 10 MB; a 1,000-transcript
        // export is 25 MB.
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"big\"><Users>\n"
        let users = 150_000
        for index in 0..<users {
            xml += "<User guid=\"00000000-0000-4000-8000-\(String(format: "%012d", index))\" name=\"user number \(index)\"/>\n"
        }
        xml += "</Users></Project>\n"
        #expect(xml.utf8.count > 11 * 1024 * 1024)
        let parsed = try QDEParser.parse(Data(xml.utf8))
        #expect(parsed.project.users.count == users)
        #expect(parsed.project.users.last?.name == "user number \(users - 1)")
    }

    @Test func truncatedXMLIsAnError() {
        let xml = "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"><Users><User guid=\"a\""
        #expect(throws: QDEParser.Failure.self) { try QDEParser.parse(Data(xml.utf8)) }
    }

    @Test func aByteOrderMarkAndTheOldCodebookNamespaceAreAccepted() throws {
        let xml = "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?><CodeBook xmlns=\"urn:QDA-XML:codebook:0:4\"><Codes>"
            + "<Code guid=\"2CE89C66-C28D-473B-B5C4-6CF87D20EF04\" name=\"a/b\" isCodable=\"true\" color=\"#abc\"/>"
            + "<Code guid=\"2CE89C66-C28D-473B-B5C4-6CF87D20EF05\" name=\"\" isCodable=\"true\"/></Codes></CodeBook>"
        let codebook = try Codebook.parseQDC(data: Data(xml.utf8), fileName: "x.qdc")
        #expect(codebook.codes.map(\.name) == ["a-b", "unnamed"])
        #expect(codebook.codes[0].colour == "#AABBCC")
        #expect(codebook.codes[0].id == "2ce89c66-c28d-473b-b5c4-6cf87d20ef04")
    }
}
