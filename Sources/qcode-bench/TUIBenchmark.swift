import Foundation
import QCodeKit

/// Times the coding workspace (`qcode tui`) on one long transcript: opening it (document,
/// codebook, codings, layout and first frame) and each keystroke (state change, frame,
/// and the diff against the previous frame), at 80x24 and 200x60.
enum TUIBenchmark {
    static func run(words: Int, codings: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qcode-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CorpusGenerator.write(to: directory, files: 1, words: words)
        let project = try Project.create(at: directory.appendingPathComponent("bench.qcode"))
        _ = try project.importFiles([directory.appendingPathComponent("interview-0001.txt")])
        var codes: [CodeDefinition] = []
        for theme in 0..<6 {
            codes.append(CodeDefinition(id: "t\(theme)", name: "theme-\(theme)", description: "Theme \(theme).",
                                        children: (0..<10).map { CodeDefinition(id: "t\(theme)c\($0)", name: "code-\($0)", keywords: ["k\($0)"]) }))
        }
        _ = try project.importCodebook(Codebook(codes: codes), source: "bench")
        let document = try project.document("interview-0001")
        var seeded: [NewCoding] = []
        for index in 0..<codings {
            let turn = document.turns[(index * 7) % document.turns.count]
            let code = "t\(index % 6)c\((index / 6) % 10)"
            let end = index % 3 == 0 ? min(turn.span.end, turn.span.start + 40) : turn.span.end
            seeded.append(NewCoding(documentID: document.id, codeID: code, coder: index % 4 == 0 ? "bob" : "alice",
                                    start: turn.span.start, end: end))
        }
        try project.addCodings(seeded)
        for (width, height) in [(80, 24), (200, 60)] {
            var screen = ScreenBuffer()
            let (workspace, opening) = try Measure.seconds { () throws -> Workspace in
                let workspace = try Workspace(project: project, document: "interview-0001", coder: "alice",
                                              width: width, height: height, palette: .colour)
                _ = screen.update(to: workspace.frame())
                return workspace
            }
            let keys: [Key] = Array(repeating: .down, count: 300) + Array(repeating: .pageDown, count: 100)
                + Array(repeating: .pageUp, count: 50) + [.character("G"), .character("g")]
                + Array(repeating: .character("n"), count: 50) + Array(repeating: .character("s"), count: 20)
                + Array(repeating: .character("w"), count: 20) + Array(repeating: .character("L"), count: 20)
                + [.character("a"), .character("c")] + "theme code".map { Key.character($0) } + [.escape]
            var times: [Double] = []
            for key in keys {
                let (_, seconds) = Measure.seconds { () -> Int in
                    workspace.handle(key)
                    return screen.update(to: workspace.frame()).utf8.count
                }
                times.append(seconds)
            }
            let (_, applying) = try Measure.seconds { () throws -> Int in
                workspace.handle([.character("c")] + "code-3".map { Key.character($0) } + [.enter])
                return screen.update(to: workspace.frame()).count
            }
            let (_, undoing) = Measure.seconds { () -> Int in
                workspace.handle(.character("u"))
                return screen.update(to: workspace.frame()).count
            }
            times.sort()
            let mean = times.reduce(0, +) / Double(times.count)
            print(String(format: "tui %dx%d: %d words, %d turns, %d codings: opened in %.1f ms; %d keystrokes: mean %.2f ms, p99 %.2f ms, max %.2f ms; apply code %.1f ms, undo %.1f ms",
                         width, height, words, document.turns.count, codings, opening * 1000, times.count, mean * 1000,
                         times[times.count * 99 / 100] * 1000, times.last! * 1000, applying * 1000, undoing * 1000))
        }
    }
}
