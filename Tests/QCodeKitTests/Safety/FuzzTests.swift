import Foundation
import Testing
@testable import QCodeKit

/// A short, seeded run of the fuzzer over every reader (the long run is
/// `swift run -c release qcode-bench fuzz`), plus inputs it has found worth keeping.
@Suite("Parser fuzzing")
struct FuzzTests {
    @Test(arguments: ParserFuzzer.Target.allCases)
    func boundedRun(target: ParserFuzzer.Target) throws {
        var options = ParserFuzzer.Options()
        options.seed = 20_240_601
        options.targets = [target]
        options.rounds = target == .qdpx || target == .docx || target == .odt ? 60 : 200
        options.timeLimit = 1
        // If the run dies, the input that killed it is here.
        let last = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-fuzz-last-\(target.rawValue).bin")
        options.beforeEach = { _, data in try? data.write(to: last) }
        var fuzzer = ParserFuzzer(options: options)
        let summary = fuzzer.run()
        let counts = try #require(summary.counts[target])
        #expect(counts.rounds >= options.rounds)
        #expect(counts.accepted > 0, "no mutant was accepted: the seeds may be broken")
        for finding in summary.findings {
            Issue.record("\(target.rawValue): \(finding.problem): \(finding.input.base64EncodedString())")
        }
    }

    @Test func sameSeedSameInputs() {
        var options = ParserFuzzer.Options()
        options.seed = 7
        var a = ParserFuzzer(options: options)
        var b = ParserFuzzer(options: options)
        for target in [ParserFuzzer.Target.vtt, .yaml, .docx] {
            #expect(a.mutant(for: target) == b.mutant(for: target))
        }
    }

    /// Regression inputs: each must be refused or read, never crash or hang.
    @Test(arguments: [
        (ParserFuzzer.Target.vtt, "WEBVTT\n\n00:00:01.000 --> \n-->\n\n99:99:99.999 --> 0:0:0.0\n<v>\n"),
        (.srt, "1\n00:00:0,000 --> 00:00:0,000\n\n\n-->\n0\n"),
        (.txt, ":\n::\n[ 00:\n**:**\n"),
        (.csv, "\"\n\"\"\"\n,,,\n"),
        (.yaml, "codes:\n  - &a {name: x, children: [*a]}\n"),
        (.yaml, "codes: [{name: a, id: x}, {name: b, id: x}]\n"),
        (.codebookList, ">>\n>>>>\t\n"),
        (.qdc, "<CodeBook><Codes><Code guid=\"x\" name=\"\"><Code guid=\"x\" name=\"/\"/></Code></Codes></CodeBook>"),
    ])
    func keptInputs(target: ParserFuzzer.Target, input: String) {
        _ = ParserFuzzer.execute(target, Data(input.utf8))
    }
}

@Suite("XMLInputGuard")
struct XMLInputGuardTests {
    @Test func flagsInvalidUTF8Names() {
        #expect(XMLInputGuard.problem(in: Data([0x3C, 0x64, 0x3E, 0x3C, 0xE2, 0xFE, 0x2F, 0x3E, 0x3C, 0x2F, 0x64, 0x3E])) != nil)  // <d><..../></d>
        #expect(XMLInputGuard.problem(in: Data("<d a=\"é\">x</d>".utf8)) == nil)
        #expect(XMLInputGuard.problem(in: Data(Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><d>".utf8) + [0xE9] + Array("</d>".utf8))) == nil)
    }
}
