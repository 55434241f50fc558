/// Key handling: the workspace as a state machine over `Mode`.
extension Workspace {
    /// Handles one key press. Returns false when the workspace should close.
    ///
    /// First re-reads the codings if the project was changed elsewhere, so the key acts on
    /// what is there now; a change the key makes still names its target by what was shown.
    @discardableResult
    public func handle(_ key: Key) -> Bool {
        message = nil
        refreshIfChanged()
        switch mode {
        case .browse: return browse(key)
        case .picker(var picker): pickerKey(key, &picker)
        case .search(let query): searchKey(key, query)
        case .memo(let coding, let text): memoKey(key, coding, text)
        case .choose(let purpose, let items, let highlighted): chooseKey(key, purpose, items, highlighted)
        case .help: mode = .browse
        }
        return true
    }

    /// Handles several keys in order; false if one of them closed the workspace.
    @discardableResult
    public func handle(_ keys: [Key]) -> Bool {
        for key in keys where !handle(key) { return false }
        return true
    }

    /// The keys, for `?`.
    public static let keyHelp: [(keys: String, action: String)] = [
        ("↓ j / ↑ k", "next / previous turn"),
        ("PgDn ^F / PgUp ^B", "next / previous screen"),
        ("g Home / G End", "first / last turn"),
        ("space J ⇧↓ / K ⇧↑", "extend the selection down / up by a turn"),
        ("s / S", "select the next / previous sentence of the turn"),
        ("w → l / ← h", "select a word; move the word selection"),
        ("L ⇧→ / H ⇧←", "extend / shrink the word selection"),
        ("Esc", "back to selecting the whole turn"),
        ("c", "code the selection (type to filter, ↑↓, Enter, Esc)"),
        ("x", "remove one of your codings in the selection"),
        ("m", "write a memo on one of your codings"),
        ("u / ^R", "undo / redo your changes made here ('qcode undo' for others)"),
        ("n / N", "next / previous turn with none of your codes"),
        ("/", "search the text (Enter on an empty search repeats)"),
        ("a", "show or hide other coders' codings (blind by default)"),
        ("^L", "redraw"),
        ("?", "this help"),
        ("q ^C", "quit (every change is already saved)"),
    ]

    private func browse(_ key: Key) -> Bool {
        guard !units.isEmpty else { return !(key == .character("q") || key == .control("c")) }
        let count = units.count
        switch key {
        case .character("q"), .control("c"): return false
        case .down, .character("j"): selection.move(to: selection.cursor + 1, count: count)
        case .up, .character("k"): selection.move(to: selection.cursor - 1, count: count)
        case .character(" "), .character("J"), .shiftDown: selection.extend(by: 1, count: count)
        case .character("K"), .shiftUp: selection.extend(by: -1, count: count)
        case .pageDown, .control("f"): page(1)
        case .pageUp, .control("b"): page(-1)
        case .home, .character("g"): selection.move(to: 0, count: count)
        case .end, .character("G"): selection.move(to: count - 1, count: count)
        case .character("s"), .character("S"):
            selection.cycleSentence(units[selection.cursor].sentences(from: document.sentences), forward: key == .character("s"))
        case .character("w"), .right, .character("l"):
            selection.words(units[selection.cursor].words(in: scalars), move: 1)
        case .left, .character("h"):
            selection.words(units[selection.cursor].words(in: scalars), move: -1)
        case .character("L"), .shiftRight:
            selection.words(units[selection.cursor].words(in: scalars), grow: 1)
        case .character("H"), .shiftLeft:
            selection.words(units[selection.cursor].words(in: scalars), grow: -1)
        case .escape: selection.move(to: selection.cursor, count: count)
        case .character("c"): mode = .picker(CodePicker(codes: codeList))
        case .character("x"): choose(.remove)
        case .character("m"): choose(.memo)
        case .character("u"): undo()
        case .control("r"): redo()
        case .character("n"): nextUncoded(forward: true)
        case .character("N"): nextUncoded(forward: false)
        case .character("/"): mode = .search("")
        case .character("a"):
            showAll.toggle()
            regroup()
            message = (showAll ? "showing every coder's codings" : "blind: showing only \(coder)'s codings", false)
        case .character("?"): mode = .help
        default: break
        }
        scrollToCursor()
        return true
    }

    private func page(_ direction: Int) {
        let layout = self.layout
        let row = layout.blockStart[selection.cursor] + direction * viewRows
        var target = layout.unit(atRow: max(0, row))
        if direction > 0 && target == selection.cursor { target += 1 }
        selection.move(to: target, count: units.count)
        top = max(0, min(top + direction * viewRows, max(0, layout.totalRows - viewRows)))
    }

    private func nextUncoded(forward: Bool) {
        let count = units.count
        for step in 1...count {
            let index = ((selection.cursor + (forward ? step : -step)) % count + count) % count
            if !codedUnits.contains(index) {
                selection.move(to: index, count: count)
                return
            }
        }
        message = ("every turn has one of your codes", false)
    }

    private func choose(_ purpose: ChooserPurpose) {
        let candidates = codingsInSelection
        switch (candidates.count, purpose) {
        case (0, _): message = ("none of your codings in \(describeSelection())", true)
        case (1, .remove): remove(codings[candidates[0]])
        case (1, .memo): mode = .memo(codings[candidates[0]], text: codings[candidates[0]].memo ?? "")
        default: mode = .choose(purpose, items: candidates.map { codings[$0] }, highlighted: 0)
        }
    }

    private func pickerKey(_ key: Key, _ picker: inout CodePicker) {
        switch key {
        case .escape, .control("c"):
            mode = .browse
            return
        case .enter:
            if let choice = picker.current { apply(choice) } else { message = ("no code matches", true) }
            return
        case .up, .control("p"), .backTab: picker.move(by: -1)
        case .down, .control("n"), .tab: picker.move(by: 1)
        case .pageUp: picker.move(by: -5)
        case .pageDown: picker.move(by: 5)
        case .backspace: picker.deleteBackward()
        case .character(let character): picker.type(character)
        default: break
        }
        mode = .picker(picker)
    }

    private func searchKey(_ key: Key, _ query: String) {
        switch key {
        case .escape, .control("c"): mode = .browse
        case .enter:
            mode = .browse
            let wanted = query.isEmpty ? lastSearch : query
            lastSearch = wanted
            search(wanted)
        case .backspace: mode = .search(String(query.dropLast()))
        case .character(let character): mode = .search(query + String(character))
        default: break
        }
    }

    private func memoKey(_ key: Key, _ coding: WorkspaceCoding, _ text: String) {
        switch key {
        case .escape, .control("c"): mode = .browse
        case .enter: saveMemo(on: coding, text: text)
        case .backspace: mode = .memo(coding, text: String(text.dropLast()))
        case .control("u"): mode = .memo(coding, text: "")
        case .character(let character): mode = .memo(coding, text: text + String(character))
        default: break
        }
    }

    private func chooseKey(_ key: Key, _ purpose: ChooserPurpose, _ items: [WorkspaceCoding], _ highlighted: Int) {
        switch key {
        case .escape, .control("c"), .character("q"): mode = .browse
        case .up, .character("k"): mode = .choose(purpose, items: items, highlighted: max(0, highlighted - 1))
        case .down, .character("j"): mode = .choose(purpose, items: items, highlighted: min(items.count - 1, highlighted + 1))
        case .enter:
            let coding = items[highlighted]
            switch purpose {
            case .remove: remove(coding)
            case .memo:
                // The memo as it is now, if the coding is still there (saving refuses if not).
                let current = codings.first { $0.target == coding.target } ?? coding
                mode = .memo(current, text: current.memo ?? "")
            }
        default: break
        }
    }
}
