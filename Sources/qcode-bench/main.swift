// qcode-bench: the benchmarks that show the performance targets (release build).
//
//   swift run -c release qcode-bench generate DIR [--files 1000] [--words 8000]
//   swift run -c release qcode-bench import DIR
//   swift run -c release qcode-bench segments [--codings 500000]
//   swift run -c release qcode-bench export [--codings 500000]
//   swift run -c release qcode-bench agree-ratings [--units 1000000] [--coders 2] [--categories 20]
//   swift run -c release qcode-bench agree-project [--files 1000] [--codings 150000]
//   swift run -c release qcode-bench refi [--files 1000] [--codings 50000]
//   swift run -c release qcode-bench stats [--files 1000] [--codings 150000]
//   swift run -c release qcode-bench tui [--words 50000] [--codings 2000]
//   swift run -c release qcode-bench joint|report [--files 1000] [--codings 150000]
//   swift run -c release qcode-bench search [--files 1000] [--words 8000]
//   swift run -c release qcode-bench team [--server SUPERUSER_URL] [--only processes|sessions|scale]   (default: $QCODE_BENCH_PG)
//   swift run -c release qcode-bench fuzz [--seconds 60] [--seed N] [--parser vtt] [--seeds DIR] [--out DIR] [--time-limit S]
//
// Compare the import with the minimal Python baseline: python3 Scripts/import_baseline.py DIR
import Foundation
import QCodeKit

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, default value: Int) -> Int {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count,
          let parsed = Int(arguments[index + 1]) else { return value }
    return parsed
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("qcode-bench: \(message)\n".utf8))
    exit(2)
}

switch arguments.first {
case "generate":
    guard arguments.count >= 2 else { fail("usage: qcode-bench generate DIR [--files N] [--words N]") }
    let directory = URL(fileURLWithPath: arguments[1])
    let bytes = try CorpusGenerator.write(to: directory, files: option("files", default: 1000), words: option("words", default: 8000))
    print("wrote \(option("files", default: 1000)) transcripts, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB, to \(directory.path)")
case "import":
    guard arguments.count >= 2 else { fail("usage: qcode-bench import DIR") }
    try ImportBenchmark.run(directory: URL(fileURLWithPath: arguments[1]))
case "segments":
    try SegmentsBenchmark.run(codings: option("codings", default: 500_000))
case "agree-ratings":
    try AgreementBenchmark.ratings(units: option("units", default: 1_000_000), coders: option("coders", default: 2),
                                   categories: option("categories", default: 20))
case "agree-project":
    try AgreementBenchmark.project(files: option("files", default: 1000), words: option("words", default: 8000),
                                   codings: option("codings", default: 150_000))
case "export":
    try ExportBenchmark.run(codings: option("codings", default: 500_000))
case "refi":
    try REFIBenchmark.run(files: option("files", default: 1000), codings: option("codings", default: 50_000))
case "stats":
    try StatsBenchmark.run(files: option("files", default: 1000), codings: option("codings", default: 150_000))
case "tui":
    try TUIBenchmark.run(words: option("words", default: 50_000), codings: option("codings", default: 2000))
case "joint", "report":
    try JointReportBenchmark.run(arguments[0], files: option("files", default: 1000), codings: option("codings", default: 150_000))
case "search":
    try SearchBenchmark.run(files: option("files", default: 1000), words: option("words", default: 8000))
case "team":
    do {
        try TeamBenchmark.run(Array(arguments.dropFirst()))
    } catch {
        fail("\(error)")  // one line: BenchError and ServerError describe themselves
    }
case "fuzz":
    try FuzzCommand.run(Array(arguments.dropFirst()))
default:
    fail("usage: qcode-bench generate DIR | import DIR | segments | export | agree-ratings | agree-project | refi | stats | tui | joint | report | search | team | fuzz (see README)")
}
