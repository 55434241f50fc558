import Foundation
import Testing
@testable import QCodeKit

/// Hostile sizes in REFI-QDA files: codes nested without end, positions past any integer.
@Suite("REFI-QDA limits")
struct QDPXLimitsTests {
    static func nestedCodes(_ depth: Int) -> String {
        var xml = ""
        for level in 0..<depth {
            xml += "<Code guid=\"00000000-0000-4000-8000-\(String(format: "%012d", level))\" name=\"level \(level)\" isCodable=\"true\">"
        }
        return xml + String(repeating: "</Code>", count: depth)
    }

    static func qdc(_ depth: Int) -> Data {
        Data("<?xml version=\"1.0\"?><CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\(nestedCodes(depth))</Codes></CodeBook>".utf8)
    }

    @Test func sixtyFourLevelsAreRead() throws {
        let codebook = try Codebook.parseQDC(data: Self.qdc(64), fileName: "deep.qdc")
        #expect(codebook.flattened.count == 64)
        #expect(codebook.flattened.last?.path.split(separator: "/").count == 64)
    }

    @Test(arguments: [65, 10_000])
    func deeperCodesAreRefusedWithoutCrashing(depth: Int) throws {
        do {
            _ = try Codebook.parseQDC(data: Self.qdc(depth), fileName: "deep.qdc")
            Issue.record("read codes \(depth) levels deep")
        } catch {
            #expect("\(error)".contains("deep.qdc"), "\(error)")
            #expect("\(error)".contains("codes nested deeper than 64 levels (line 1); qcode reads at most 64"), "\(error)")
        }
        let qde = QDPXSecurityTests.validQDE.replacingOccurrences(
            of: "<Codes>", with: "<Codes>\(Self.nestedCodes(depth))")
        let url = try REFITest.zip([("project.qde", Data(qde.utf8)), QDPXSecurityTests.sourceEntry])
        do {
            _ = try QDPXReader(url: url)
            Issue.record("read a .qdpx with codes \(depth) levels deep")
        } catch let error as ImportError {
            #expect(error.reason.hasPrefix("project.qde: codes nested deeper than 64 levels (line "), "\(error)")
        }
    }

    @Test func aPositionTooLargeForAnIntegerIsNamed() throws {
        let qde = QDPXSecurityTests.validQDE.replacingOccurrences(of: "endPosition=\"5\"", with: "endPosition=\"99999999999999999999\"")
        let url = try REFITest.zip([("project.qde", Data(qde.utf8)), QDPXSecurityTests.sourceEntry])
        do {
            _ = try TestProject.make().importQDPX(url: url)
            Issue.record("imported a position past Int.max")
        } catch let error as ImportError {
            #expect(error.file == url.path)
            #expect(error.reason == "project.qde: PlainTextSelection 33333333-3333-3333-3333-333333333333: position 99999999999999999999 out of range (line 6)")
        }
        // Not a number at all is still its own error.
        let bad = QDPXSecurityTests.validQDE.replacingOccurrences(of: "endPosition=\"5\"", with: "endPosition=\"five\"")
        do {
            _ = try QDPXReader(url: try REFITest.zip([("project.qde", Data(bad.utf8)), QDPXSecurityTests.sourceEntry]))
            Issue.record("read a position that is not a number")
        } catch let error as ImportError {
            #expect(error.reason.contains("has no valid startPosition and endPosition"), "\(error)")
        }
    }
}
