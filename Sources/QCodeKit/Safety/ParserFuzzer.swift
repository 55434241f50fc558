import Foundation
import ZIPFoundation

/// A seeded random-mutation fuzzer for every file reader qcode has.
///
/// Each round takes an input from the target's pool (its seeds, plus mutants that were
/// accepted), applies one to four mutations — bit flips, byte inserts and deletes, chunk
/// duplication, truncation, splicing with another input, and inserting tokens that mean
/// something to the format (`-->`, `<!DOCTYPE`, `codes:`...) — and runs the reader. A reader
/// may accept or reject any input; it must not crash, take longer than `timeLimit`, or
/// grow memory without bound. Zipped formats (docx, odt, qdpx) mutate either the archive
/// bytes or the XML inside it, rezipped, so the XML readers are reached.
///
/// The same seed and options give the same inputs, so a finding can be replayed.
/// `qcode-bench fuzz` runs it for a while; the test suite runs a few hundred rounds.
public struct ParserFuzzer {
    /// A reader under test.
    public enum Target: String, CaseIterable, Sendable {
        case txt, md, vtt, srt, csv, docx, odt, yaml, codebookList = "codebook-list", qdc, qdpx
    }

    /// How long and how hard to fuzz.
    public struct Options: Sendable {
        /// The seed of the random generator.
        public var seed: UInt64 = 1
        /// Rounds per target (when `seconds` is nil).
        public var rounds = 300
        /// Total time, shared equally by the targets; overrides `rounds`.
        public var seconds: Double?
        /// The readers to fuzz.
        public var targets: [Target] = Target.allCases
        /// Mutants are cut to this many bytes.
        public var maxInputBytes = 256 * 1024
        /// An input taking longer than this is a finding.
        public var timeLimit: Double = 2
        /// Resident memory above this many bytes is a finding (and stops the run).
        public var maxResidentBytes = 2 * 1024 * 1024 * 1024
        /// Called with each input before it runs (to save it if the process dies).
        public var beforeEach: (@Sendable (Target, Data) -> Void)?

        public init() {}
    }

    /// Something wrong found while fuzzing.
    public struct Finding: Sendable {
        public var target: Target
        public var problem: String
        public var input: Data
    }

    /// What a run did, per target.
    public struct Summary: Sendable {
        public struct Counts: Sendable {
            public var rounds = 0
            public var accepted = 0
            public var rejected = 0
            public var slowest: Double = 0
        }

        public var counts: [Target: Counts] = [:]
        public var findings: [Finding] = []
        public var peakResidentBytes = 0
    }

    let options: Options
    var random: SplitMix64
    var pools: [Target: [Data]]

    /// Creates a fuzzer over `seeds` (defaults: ``builtInSeeds()``).
    public init(options: Options, seeds: [Target: [Data]]? = nil) {
        self.options = options
        random = SplitMix64(seed: options.seed)
        var pools = seeds ?? Self.builtInSeeds()
        for target in Target.allCases where (pools[target] ?? []).isEmpty {
            pools[target] = Self.builtInSeeds()[target]
        }
        self.pools = pools
    }

    /// Runs the fuzzer.
    public mutating func run(progress: ((String) -> Void)? = nil) -> Summary {
        var summary = Summary()
        let perTarget = options.seconds.map { $0 / Double(max(1, options.targets.count)) }
        for target in options.targets {
            var counts = Summary.Counts()
            let started = ProcessInfo.processInfo.systemUptime
            // Every seed once, unmutated, then mutants.
            var queue = pools[target] ?? []
            while true {
                if let perTarget {
                    if ProcessInfo.processInfo.systemUptime - started >= perTarget { break }
                } else if counts.rounds >= options.rounds + (pools[target]?.count ?? 0) {
                    break
                }
                let input = queue.isEmpty ? mutant(for: target) : queue.removeFirst()
                options.beforeEach?(target, input)
                let clock = ProcessInfo.processInfo.systemUptime
                let accepted = Self.execute(target, input)
                let elapsed = ProcessInfo.processInfo.systemUptime - clock
                counts.rounds += 1
                counts.slowest = max(counts.slowest, elapsed)
                if accepted {
                    counts.accepted += 1
                    if pools[target]!.count < 256, input.count <= 64 * 1024 { pools[target]!.append(input) }
                } else {
                    counts.rejected += 1
                }
                if elapsed > options.timeLimit {
                    summary.findings.append(.init(target: target, problem: String(format: "took %.1f s", elapsed), input: input))
                }
                if counts.rounds % 64 == 0 {
                    let resident = Self.residentBytes()
                    summary.peakResidentBytes = max(summary.peakResidentBytes, resident)
                    if resident > options.maxResidentBytes {
                        summary.findings.append(.init(target: target, problem: "resident memory reached \(resident / 1_048_576) MB", input: input))
                        summary.counts[target] = counts
                        return summary
                    }
                }
            }
            summary.counts[target] = counts
            progress?("\(target.rawValue): \(counts.rounds) inputs, \(counts.accepted) accepted, \(counts.rejected) rejected, slowest \(String(format: "%.3f", counts.slowest)) s")
        }
        summary.peakResidentBytes = max(summary.peakResidentBytes, Self.residentBytes())
        return summary
    }

    // MARK: Running one input

    /// Runs one reader on `data`; true if it accepted the input, false if it refused it
    /// with an error. A crash or hang is what the fuzzer looks for.
    public static func execute(_ target: Target, _ data: Data) -> Bool {
        if guardsXML, hasUnsafeXML(target, data) { return false }
        do {
            switch target {
            case .txt, .md, .vtt, .srt, .csv:
                _ = try DocumentReader.parse(data: data, fileName: "fuzz.\(target.rawValue)")
            case .docx, .odt:
                _ = try DocumentReader.parse(data: data, fileName: "fuzz.\(target.rawValue)")
            case .yaml:
                _ = try Codebook.parseYAML(String(decoding: data, as: UTF8.self), fileName: "fuzz.yaml")
            case .codebookList:
                _ = try Codebook.parsePlainList(String(decoding: data, as: UTF8.self), fileName: "fuzz.txt")
            case .qdc:
                _ = try Codebook.parseQDC(data: data, fileName: "fuzz.qdc")
            case .qdpx:
                let folder = try PrivateTemporaryFolder(purpose: "fuzz")
                defer { folder.remove() }
                _ = try QDPXReader(url: try folder.write(data, named: "input.qdpx"))
            }
            return true
        } catch {
            return false
        }
    }

    /// Whether ``execute(_:_:)`` refuses XML that ``XMLInputGuard`` flags before the reader
    /// sees it. The readers (`ZipEntryReader.parseXML`, `QDEParser.parse`) call the guard
    /// themselves, so this is off: the fuzzer exercises that path too.
    nonisolated(unsafe) public static var guardsXML = false

    static func hasUnsafeXML(_ target: Target, _ data: Data) -> Bool {
        switch target {
        case .qdc:
            return XMLInputGuard.problem(in: data) != nil
        case .docx, .odt, .qdpx:
            guard let entries = unzip(data, target: target, requireXML: false)?.0 else { return false }
            return entries.contains { $0.path.lowercased().hasSuffix(".xml") || $0.path.lowercased().hasSuffix(".qde") ? XMLInputGuard.problem(in: $0.data) != nil : false }
        default:
            return false
        }
    }

    /// Peak resident set size of this process, in bytes.
    static func residentBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss
        #endif
    }

    // MARK: Mutation

    mutating func pick(_ bound: Int) -> Int { Int(random.next(below: UInt64(max(1, bound)))) }

    /// The next mutant for `target`.
    mutating func mutant(for target: Target) -> Data {
        let pool = pools[target]!
        let base = pool[pick(pool.count)]
        switch target {
        case .docx, .odt, .qdpx:
            // Mostly mutate the XML inside and rezip; sometimes the archive bytes.
            if pick(4) != 0, let unzipped = Self.unzip(base, target: target) {
                var entries = unzipped.0
                let xmlIndex = unzipped.1
                entries[xmlIndex].data = mutate(entries[xmlIndex].data, tokens: Self.xmlTokens, pool: [entries[xmlIndex].data])
                return Self.zip(entries) ?? base
            }
            return mutate(base, tokens: [], pool: pool)
        default:
            return mutate(base, tokens: Self.tokens[target] ?? [], pool: pool)
        }
    }

    mutating func mutate(_ input: Data, tokens: [String], pool: [Data]) -> Data {
        var bytes = [UInt8](input)
        for _ in 0...pick(4) {
            switch pick(8) {
            case 0:  // bit flips
                guard !bytes.isEmpty else { continue }
                for _ in 0...pick(8) { bytes[pick(bytes.count)] ^= UInt8(1) << UInt8(pick(8)) }
            case 1:  // insert bytes
                let interesting: [UInt8] = [0x00, 0xFF, 0x0A, 0x0D, 0x3C, 0x3E, 0x26, 0x22, 0x3A, 0x2C, 0x2D, 0xC3, 0xE2, 0xF0, 0x80, 0xBF, 0xFE, 0x09, 0x20]
                let at = pick(bytes.count + 1)
                let new = (0...pick(16)).map { _ in pick(2) == 0 ? interesting[pick(interesting.count)] : UInt8(pick(256)) }
                bytes.insert(contentsOf: new, at: at)
            case 2:  // delete a range
                guard !bytes.isEmpty else { continue }
                let at = pick(bytes.count)
                bytes.removeSubrange(at..<min(bytes.count, at + 1 + pick(64)))
            case 3:  // duplicate a chunk, maybe many times
                guard !bytes.isEmpty else { continue }
                let at = pick(bytes.count)
                let chunk = Array(bytes[at..<min(bytes.count, at + 1 + pick(256))])
                let times = pick(3) == 0 ? 1 + pick(200) : 1
                var repeated: [UInt8] = []
                for _ in 0..<times { repeated += chunk }
                bytes.insert(contentsOf: repeated, at: pick(bytes.count + 1))
            case 4:  // truncate
                bytes.removeSubrange(pick(bytes.count + 1)...)
            case 5:  // splice with another input
                guard let other = pool.randomElement(using: &random), !other.isEmpty else { continue }
                let cut = pick(bytes.count + 1)
                let from = pick(other.count)
                bytes = Array(bytes[..<cut]) + Array(other[from...])
            case 6, 7:  // a token that means something to the format
                let all = tokens + Self.commonTokens
                let token = Array(all[pick(all.count)].utf8)
                bytes.insert(contentsOf: token, at: pick(bytes.count + 1))
            default:
                break
            }
        }
        if bytes.count > options.maxInputBytes { bytes.removeSubrange(options.maxInputBytes...) }
        return Data(bytes)
    }

    static let commonTokens = ["\n", "\r\n", "\r", "\u{FEFF}", ":", "\t", " ", "\u{00A0}", "é", "e\u{0301}", "👍", "\u{2028}", "\0"]
    static let xmlTokens = ["<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\">]>", "&a;", "&amp;", "&#0;", "&#xD800;", "<![CDATA[", "]]>",
                            "<w:p>", "</w:p>", "<w:t>", "</w:t>", "<w:br/>", "<w:tab/>", "<text:p>", "</text:p>", "<text:s text:c=\"99999999\"/>",
                            "<Code guid=\"x\" name=\"n\" isCodable=\"true\">", "</Code>", "<PlainTextSelection startPosition=\"-1\" endPosition=\"99999999999\">",
                            "<?xml version=\"1.0\"?>", "xmlns:w=\"u\"", "<", ">", "/>", "\""]
    static let tokens: [Target: [String]] = [
        .txt: ["Interviewer: ", "P01: ", "[inaudible 00:00:52]", "**Name:** ", "# ", "00:01 ", "Speaker 1:"],
        .md: ["**Interviewer:** ", "# Heading", "- ", "> ", "```", "*", "_", "[link](x)"],
        .vtt: ["WEBVTT", "00:00:01.000 --> 00:00:02.000", "-->", "<v Anna>", "</v>", "NOTE ", "<00:00:05.199><c>", "STYLE", "99:99:99.999", "0:0:0.0 --> "],
        .srt: ["1\n", "00:00:01,000 --> 00:00:02,000", "-->", "<i>", "{\\an8}", "00:00:0,000", "\n\n"],
        .csv: ["\"", "\"\"", ",", ";", "id,comment\n", "\"a\nb\"", "=cmd|' /C calc'!A0"],
        .yaml: ["codes:\n", "- name: ", "  children:\n", "id: ", "&anchor ", "*anchor", "<<: ", "!!binary ", "{", "[", "? ", "---\n", "...\n", "examples: [", "'"],
        .codebookList: [">>", "\t", ">>>>", "a>>b>>c\tmemo\n", "/"],
        .qdc: xmlTokens,
    ]

    // MARK: Zips

    static func xmlPath(_ target: Target, entries: [(path: String, data: Data)]) -> Int? {
        switch target {
        case .docx: return entries.firstIndex { $0.path == "word/document.xml" }
        case .odt: return entries.firstIndex { $0.path == "content.xml" }
        case .qdpx: return entries.firstIndex { $0.path.lowercased().hasSuffix(".qde") }
        default: return nil
        }
    }

    /// The entries of a small zip and the index of its main XML entry; nil if unreadable.
    static func unzip(_ data: Data, target: Target, requireXML: Bool = true) -> ([(path: String, data: Data)], Int)? {
        // Read through a temporary file: ZIPFoundation's in-memory archives trap on damaged offsets.
        guard data.count < 4 * 1024 * 1024, data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return nil }
        guard let folder = try? PrivateTemporaryFolder(purpose: "fuzz") else { return nil }
        defer { folder.remove() }
        let archive: Archive
        do {
            archive = try Archive(url: try folder.write(data, named: "input.zip"), accessMode: .read)
        } catch {
            return nil
        }
        var entries: [(path: String, data: Data)] = []
        for entry in archive where entry.type == .file {
            guard entry.uncompressedSize < 4 * 1024 * 1024 else { return nil }
            var out = Data()
            guard (try? archive.extract(entry, consumer: { out.append($0) })) != nil else { return nil }
            entries.append((entry.path, out))
        }
        guard let index = xmlPath(target, entries: entries) else { return requireXML ? nil : (entries, -1) }
        return (entries, index)
    }

    /// A zip of `entries` (deflated), or nil.
    public static func zip(_ entries: [(path: String, data: Data)]) -> Data? {
        let archive: Archive
        do { archive = try Archive(data: Data(), accessMode: .create) } catch { return nil }
        for (path, data) in entries {
            let added: ()? = try? archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: Date(timeIntervalSince1970: 1_500_000_000),  // same seed, same bytes
                compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
            guard added != nil else { return nil }
        }
        return archive.data
    }

    // MARK: Seeds

    /// Small generated seeds for every target (the bench adds the shipped Transcripts/).
    public static func builtInSeeds() -> [Target: [Data]] {
        func d(_ s: String) -> Data { Data(s.utf8) }
        let docx = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\
            <w:p><w:r><w:t>Interviewer: How did you come to the group?</w:t></w:r></w:p>\
            <w:p><w:r><w:t xml:space="preserve">P01: My GP sent me. </w:t><w:tab/><w:t>I was lonely.</w:t></w:r></w:p>\
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>
            """
        let odt = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>\
            <text:p>Interviewer: Tell me about it.</text:p><text:p>P01: It<text:s text:c="3"/>helped.<text:tab/>A lot.</text:p>\
            <text:h>Heading</text:h></office:text></office:body></office:document-content>
            """
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="fuzz">\
            <Users><User guid="11111111-1111-1111-1111-111111111111" name="alice"/></Users>\
            <CodeBook><Codes><Code guid="22222222-2222-2222-2222-222222222222" name="theme" isCodable="true" color="#FF0000">\
            <Description>d</Description><Code guid="33333333-3333-3333-3333-333333333333" name="sub" isCodable="true"/></Code></Codes></CodeBook>\
            <Sources><TextSource guid="44444444-4444-4444-4444-444444444444" name="doc" plainTextPath="internal://44444444-4444-4444-4444-444444444444.txt">\
            <PlainTextSelection guid="55555555-5555-5555-5555-555555555555" startPosition="0" endPosition="5" creatingUser="11111111-1111-1111-1111-111111111111">\
            <Coding guid="66666666-6666-6666-6666-666666666666" creatingUser="11111111-1111-1111-1111-111111111111"><CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/></Coding>\
            </PlainTextSelection></TextSource></Sources></Project>
            """
        let qdc = """
            <?xml version="1.0" encoding="utf-8"?>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="fuzz"><Codes>\
            <Code guid="22222222-2222-2222-2222-222222222222" name="theme" isCodable="true" color="#abc"><Description>d</Description>\
            <Code guid="33333333-3333-3333-3333-333333333333" name="a/b" isCodable="true"/></Code></Codes></CodeBook>
            """
        return [
            .txt: [d("Interviewer: How did you come to the group?\nP01: My GP sent me. I was lonely.\n\nInterviewer: And then?\nP01: The choir [inaudible 00:00:52] changed that.\n"),
                   d("[id1] Hello there.\n[id2] Hi.\nMax Bigman:         Sure.\n"), Data([0x63, 0x61, 0x66, 0xE9, 0x0A, 0x41, 0x3A, 0x20, 0x93, 0x68, 0x69, 0x94])],
            .md: [d("# Interview\n\n**Interviewer:** How are you?\n\n**P01:** Fine, *thanks*.\n\n- a list\n")],
            .vtt: [d("WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nAnna Berg: Hello there.\n\n00:00:04.500 --> 00:00:06.000 align:start\n<v Bo>Hi.</v>\n\nNOTE a note\n\n00:05.000 --> 00:06.000\nHmm.\n")],
            .srt: [d("1\n00:00:01,000 --> 00:00:02,500\nHello.\n\n2\n00:00:03,000 --> 00:00:04,000\n<i>Speaker 2:</i> Hi there.\n\n")],
            .csv: [d("id,age,comment\nP1,34,\"The group helped me, a lot.\"\nP2,51,\"I was lonely\nbefore.\"\n"), d("respondent;answer\n1;yes it did\n")],
            .yaml: [d("codes:\n  - name: theme\n    id: t\n    description: A theme\n    examples: [\"quote\"]\n    children:\n      - {name: alpha, id: a}\n      - name: beta\n        keywords: [x, y]\n  - name: other\n")],
            .codebookList: [d("cat1>>code1\tmemo one\ncat1>>code2\ncat2>>sub>>code3\tmemo\n")],
            .docx: [zip([("[Content_Types].xml", d("<Types/>")), ("word/document.xml", d(docx))])].compactMap { $0 },
            .odt: [zip([("mimetype", d("application/vnd.oasis.opendocument.text")), ("content.xml", d(odt))])].compactMap { $0 },
            .qdc: [d(qdc), d(qde)],
            .qdpx: [zip([("project.qde", d(qde)), ("sources/44444444-4444-4444-4444-444444444444.txt", d("Hello world, this is a source."))])].compactMap { $0 },
        ]
    }

    /// Seeds from the files in a folder (e.g. `Transcripts/`), by extension.
    public static func seeds(inDirectory url: URL) -> [Target: [Data]] {
        var seeds: [Target: [Data]] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        for name in names.sorted() {
            let ext = (name as NSString).pathExtension.lowercased()
            let target: Target? = switch ext {
            case "txt": .txt
            case "md": .md
            case "vtt": .vtt
            case "srt": .srt
            case "csv": .csv
            case "docx": .docx
            case "odt": .odt
            case "yaml", "yml": .yaml
            case "qdc": .qdc
            case "qdpx": .qdpx
            default: nil
            }
            guard let target, let data = try? Data(contentsOf: url.appendingPathComponent(name)), data.count <= 1 << 20 else { continue }
            seeds[target, default: []].append(data)
        }
        return seeds
    }
}
