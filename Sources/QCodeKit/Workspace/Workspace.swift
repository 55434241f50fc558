import Foundation

/// The coding workspace behind `qcode tui`: one document, one coder, a selection, and the
/// coder's codes beside each turn. Fed key presses (`handle(_:)`) it changes its state and
/// writes every change to the project at once; `frame()` draws it as screen lines.
///
/// It knows nothing about terminals: the CLI decodes keys (`KeyDecoder`) and writes the
/// frame's changed lines (`ScreenBuffer`). Blind coding is the default: other coders'
/// codings are hidden until `showAll` (key `a`).
///
/// Other processes may change the project while it is open. The workspace notices (SQLite's
/// data version, checked before each key and by the caller's timer with
/// `refreshIfChanged()`) and re-reads the codings. Every change names its coding by what
/// the user saw (document, code, coder, range), so a coding that has gone is refused with
/// a message, never confused with another. Undo and redo (`u`, `Ctrl-R`) act only on the
/// changes made in this workspace, unless it was opened with `undoScope: .coder`.
public final class Workspace {
    /// What the keys currently drive.
    public enum Mode: Equatable {
        case browse
        case picker(CodePicker)
        case search(String)
        /// Writing a memo on a coding (as it was when the memo was opened).
        case memo(WorkspaceCoding, text: String)
        /// Choosing one of these codings (as they were shown).
        case choose(ChooserPurpose, items: [WorkspaceCoding], highlighted: Int)
        case help
    }

    /// What choosing a coding from a list is for.
    public enum ChooserPurpose: Equatable, Sendable {
        case remove, memo
    }

    /// Which changes `u` and `Ctrl-R` undo and redo.
    public enum UndoScope: Equatable, Sendable {
        /// Only the changes made in this workspace (the default).
        case session
        /// The coder's newest changes from any session, as `qcode undo --coder` does.
        case coder
    }

    public let project: Project
    public let coder: String
    public let document: StoredDocument
    public let scalars: [Unicode.Scalar]
    public let units: [WorkspaceUnit]
    public let undoScope: UndoScope

    public internal(set) var mode: Mode = .browse
    public internal(set) var selection = WorkspaceSelection()
    public internal(set) var showAll: Bool
    /// All codings of the document (every coder).
    public internal(set) var codings: [WorkspaceCoding] = []
    /// Codes by id.
    public internal(set) var codes: [String: FlatCode] = [:]
    /// The codebook in order (for the picker).
    public internal(set) var codeList: [FlatCode] = []
    /// For each unit, the indices into `codings` shown beside it.
    public internal(set) var shownByUnit: [[Int]] = []
    /// Units with at least one of the coder's own codings.
    public internal(set) var codedUnits = Set<Int>()
    /// A one-line message for the bottom row (cleared by the next key).
    public internal(set) var message: (text: String, isError: Bool)?

    /// Shows a message in the status line (until the next key).
    public func show(_ text: String, isError: Bool) {
        message = (text, isError)
    }
    /// The first transcript row on screen.
    public internal(set) var top = 0
    public internal(set) var width: Int
    public internal(set) var height: Int
    public var palette: Palette

    /// The audit entries of the changes made here and not undone, oldest first.
    public internal(set) var sessionChanges: [Int64] = []
    /// The entries undone here, newest last (a new change clears them).
    public internal(set) var sessionUndone: [Int64] = []
    /// The project's data version when the codings were last read.
    var dataVersion: Int64 = 0

    var lastSearch = ""
    var lowered: [Unicode.Scalar]?
    var layoutCache: [Int: WorkspaceLayout] = [:]

    /// Opens a document for a coder.
    ///
    /// - Parameters:
    ///   - document: id, name or unique name prefix.
    ///   - showAll: show other coders' codings too (default: blind).
    ///   - undoScope: what `u` and `Ctrl-R` act on (default: this workspace's changes).
    public init(project: Project, document query: String, coder: String, showAll: Bool = false,
                undoScope: UndoScope = .session,
                width: Int = 80, height: Int = 24, palette: Palette = .plain) throws {
        self.project = project
        self.coder = coder
        self.showAll = showAll
        self.undoScope = undoScope
        self.width = width
        self.height = height
        self.palette = palette
        document = try project.document(query)
        scalars = Array(document.text.unicodeScalars)
        if !document.turns.isEmpty {
            units = document.turns.enumerated().map {
                WorkspaceUnit(number: $0.offset + 1, speaker: $0.element.speaker, time: $0.element.time, span: $0.element.span)
            }
        } else if !document.paragraphs.isEmpty {
            units = document.paragraphs.enumerated().map { WorkspaceUnit(number: $0.offset + 1, span: $0.element) }
        } else if !scalars.isEmpty {
            units = [WorkspaceUnit(number: 1, span: TextSpan(start: 0, end: scalars.count))]
        } else {
            units = []
        }
        try reload()
    }

    // MARK: State

    /// Rows of transcript on screen (between the title and the two bottom rows).
    public var viewRows: Int { max(1, height - 3) }

    /// The layout for the current width (cached per width).
    var layout: WorkspaceLayout {
        if let cached = layoutCache[width] { return cached }
        var fresh = WorkspaceLayout(units: units, scalars: scalars, width: width)
        fresh.setCodeCounts(shownByUnit.map(\.count))
        layoutCache[width] = fresh
        return fresh
    }

    /// Re-reads codes and codings from the project (after a change, or another process's).
    public func reload() throws {
        let snapshot = try project.workspaceSnapshot(documentID: document.id)
        codeList = snapshot.codes
        codes = Dictionary(codeList.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        codings = snapshot.codings
        dataVersion = snapshot.dataVersion
        regroup()
    }

    /// Re-reads the codings if another process (or another `Project` on the file) has
    /// changed the project since they were read. Cheap when nothing changed (one pragma);
    /// `handle(_:)` calls it before each key, and the terminal session on a timer.
    ///
    /// - Returns: true when the screen may have changed and should be redrawn.
    @discardableResult
    public func refreshIfChanged() -> Bool {
        do {
            guard try project.dataVersion() != dataVersion else { return false }
            try reload()
        } catch {
            message = ("could not re-read the project: \(error)", true)
        }
        return true
    }

    /// True when a coding the user saw (in a chooser, say) is still in the project as it
    /// was last read.
    public func isPresent(_ coding: WorkspaceCoding) -> Bool {
        let target = coding.target
        return codings.contains { $0.target == target }
    }

    /// Recomputes which codings show beside which unit, progress, and block heights.
    func regroup() {
        var shown = Array(repeating: [Int](), count: units.count)
        var coded = Set<Int>()
        for (index, coding) in codings.enumerated() {
            let own = coding.coder == coder
            guard own || showAll else { continue }
            var unit = firstUnit(endingAfter: coding.start)
            while unit < units.count, units[unit].span.start < coding.end {
                shown[unit].append(index)
                if own { coded.insert(unit) }
                unit += 1
            }
        }
        shownByUnit = shown
        codedUnits = coded
        let counts = shown.map(\.count)
        for key in layoutCache.keys { layoutCache[key]?.setCodeCounts(counts) }
    }

    /// The first unit whose span ends after `offset`.
    func firstUnit(endingAfter offset: Int) -> Int {
        var low = 0
        var high = units.count
        while low < high {
            let mid = (low + high) / 2
            if units[mid].span.end <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The unit holding `offset`, or the nearest one before it.
    func unit(containing offset: Int) -> Int {
        min(firstUnit(endingAfter: offset), max(0, units.count - 1))
    }

    /// The coder's own codings (or everyone's, with `showAll`) overlapping the selection.
    public var codingsInSelection: [Int] {
        guard !units.isEmpty else { return [] }
        let spans = selection.spans(in: units)
        var result: [Int] = []
        for unit in selection.turns {
            for index in shownByUnit[unit] where codings[index].coder == coder && !result.contains(index) {
                let coding = codings[index]
                if spans.contains(where: { $0.start < coding.end && coding.start < $0.end }) { result.append(index) }
            }
        }
        return result
    }

    /// Sets the window size.
    public func resize(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
        scrollToCursor()
    }

    /// Scrolls so the cursor's turn is on screen.
    func scrollToCursor() {
        guard !units.isEmpty else { return }
        let layout = self.layout
        let header = layout.blockStart[selection.cursor]
        let last = layout.blockStart[selection.cursor + 1] - 2
        if header < top { top = header }
        if last >= top + viewRows { top = min(header, last - viewRows + 1) }
        top = max(0, min(top, max(0, layout.totalRows - viewRows)))
    }

    // MARK: Changes (each written to the project at once)

    /// Applies a code to the selection (creating the code first for `.create`).
    func apply(_ choice: PickerChoice) {
        do {
            let code: FlatCode
            switch choice {
            case .code(let existing):
                code = existing
            case .create(let path):
                code = try project.addCode(path: path, definition: CodeDefinition(id: "", name: CodePath(path).last))
            }
            let spans = selection.spans(in: units)
            let edit = try project.workspaceCode(documentID: document.id, codeID: code.id, coder: coder, spans: spans)
            remember(edit.auditID)
            try reload()
            let created = { if case .create = choice { return "created and " } else { return "" } }()
            if edit.change.changed.isEmpty {
                message = ("already coded as \(path(of: code.id))", false)
            } else {
                message = ("\(created)coded \(describeSelection()) as \(path(of: code.id))", false)
            }
            mode = .browse
        } catch {
            try? reload()
            message = ("\(error)", true)
        }
    }

    /// Removes a coding the user chose, by what they saw.
    func remove(_ coding: WorkspaceCoding) {
        do {
            remember(try project.removeCoding(coding.target, coder: coder))
            try reload()
            message = ("removed \(path(of: coding.codeID)) (u undoes)", false)
        } catch {
            try? reload()
            message = ("\(error)", true)
        }
        mode = .browse
    }

    /// Saves a memo on the coding it was opened for, unless that coding or its memo was
    /// changed elsewhere meanwhile.
    func saveMemo(on coding: WorkspaceCoding, text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        do {
            remember(try project.setCodingMemo(coding.target, memo: trimmed.isEmpty ? nil : trimmed,
                                               expected: .some(coding.memo), coder: coder))
            try reload()
            message = (trimmed.isEmpty ? "memo cleared" : "memo saved", false)
        } catch {
            try? reload()
            message = ("\(error)", true)
        }
        mode = .browse
    }

    /// Notes a change made here (its audit entry), for this session's undo.
    private func remember(_ auditID: Int64?) {
        guard let auditID else { return }
        sessionChanges.append(auditID)
        sessionUndone.removeAll()
    }

    func undo() { reverse(redo: false) }

    func redo() { reverse(redo: true) }

    /// Undoes (or redoes) this session's newest change, or with `undoScope == .coder` the
    /// coder's newest change from any session.
    private func reverse(redo: Bool) {
        let (verb, noun) = redo ? ("redid", "redo") : ("undid", "undo")
        guard undoScope == .session else {
            do {
                if let entry = try redo ? project.redo(coder: coder) : project.undo(coder: coder) {
                    try reload()
                    message = ("\(verb): \(entry.summary)", false)
                } else {
                    message = ("nothing to \(noun)", false)
                }
            } catch {
                message = ("\(error)", true)
            }
            return
        }
        // An undone change moves from `sessionChanges` to `sessionUndone`; a redone one back.
        let from: ReferenceWritableKeyPath<Workspace, [Int64]> = redo ? \.sessionUndone : \.sessionChanges
        let to: ReferenceWritableKeyPath<Workspace, [Int64]> = redo ? \.sessionChanges : \.sessionUndone
        guard let id = self[keyPath: from].last else {
            message = (redo ? "nothing to redo in this workspace"
                : "nothing to undo in this workspace ('qcode undo' undoes changes made elsewhere)", false)
            return
        }
        do {
            let entry = try redo ? project.redo(entryID: id, actor: coder) : project.undo(entryID: id, actor: coder)
            self[keyPath: from].removeLast()
            self[keyPath: to].append(id)
            try reload()
            message = ("\(verb): \(entry.summary)", false)
        } catch let error as UndoEntryError {
            // Undone (or redone) elsewhere already, e.g. by 'qcode undo': nothing left to do for it here.
            self[keyPath: from].removeLast()
            try? reload()
            message = ("\(error); nothing \(redo ? "redone" : "undone")", true)
        } catch {
            try? reload()
            message = ("\(error)", true)
        }
    }

    // MARK: Helpers

    func path(of codeID: String) -> String { codes[codeID]?.path ?? codeID }

    /// "turn 3", "turns 3–5", "words in turn 3", ...
    func describeSelection() -> String {
        guard !units.isEmpty else { return "nothing" }
        let range = selection.turns
        let noun = document.turns.isEmpty ? "paragraph" : "turn"
        switch selection.partKind {
        case .sentence(let index): return "sentence \(index + 1) of \(noun) \(units[range.lowerBound].number)"
        case .words(let first, let last):
            return first == last ? "word \(first + 1) of \(noun) \(units[range.lowerBound].number)"
                : "words \(first + 1)–\(last + 1) of \(noun) \(units[range.lowerBound].number)"
        case .match: return "match in \(noun) \(units[range.lowerBound].number)"
        case nil:
            return range.count == 1 ? "\(noun) \(units[range.lowerBound].number)"
                : "\(noun)s \(units[range.lowerBound].number)–\(units[range.upperBound].number)"
        }
    }

    /// The document text from `start` to `end`.
    func text(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[max(0, start)..<min(end, scalars.count)])
        return String(view)
    }

    /// Finds `query` (ignoring case) after the selection, wrapping; selects the match.
    func search(_ query: String) {
        let needle = Array(query.lowercased().unicodeScalars)
        guard !needle.isEmpty, !units.isEmpty else { return }
        if lowered == nil {
            lowered = scalars.map { scalar in
                let lower = scalar.properties.lowercaseMapping.unicodeScalars
                return lower.count == 1 ? lower.first! : scalar
            }
        }
        let haystack = lowered!
        let from = selection.part.map { $0.start + 1 } ?? units[selection.cursor].span.start
        func find(_ range: Range<Int>) -> Int? {
            guard needle.count <= haystack.count else { return nil }
            var index = range.lowerBound
            let last = min(range.upperBound, haystack.count - needle.count + 1)
            while index < last {
                if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
                index += 1
            }
            return nil
        }
        guard let found = find(from..<haystack.count) ?? find(0..<from) else {
            message = ("not found: \(query)", true)
            return
        }
        let unit = unit(containing: found)
        let span = units[unit].span
        let match = TextSpan(start: max(found, span.start), end: min(found + needle.count, span.end))
        if match.start < match.end {
            selection.select(match: match, in: unit)
        } else {
            selection.move(to: unit, count: units.count)
        }
        message = ("found \"\(query)\" in \(describeSelection())", false)
        scrollToCursor()
    }
}
