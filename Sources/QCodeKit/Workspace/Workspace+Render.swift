import Foundation

/// Drawing: the workspace as `height` lines of exactly `width` columns.
///
/// Row 1 is the title (document, coder, progress, blind or not), then the transcript,
/// then a status row (the selection and its codes) and a row for messages, prompts and
/// key hints. The code picker, the coding chooser and the help cover the lower rows of
/// the transcript. Only the visible turns are drawn, from the cached layout.
extension Workspace {
    public func frame() -> [String] {
        guard width >= 20, height >= 6 else {
            var line = LineBuilder(width: width, palette: palette)
            line.add("window too small")
            return [line.finish()] + Array(repeating: String(repeating: " ", count: width), count: max(0, height - 1))
        }
        var lines: [String] = [titleLine()]
        var view = units.isEmpty ? [plainLine("  (this document has no text)")] : transcriptLines()
        let overlay = overlayLines()
        if !overlay.isEmpty {
            let keep = max(0, viewRows - overlay.count)
            view = Array(view.prefix(keep)) + overlay.suffix(viewRows - keep)
        }
        while view.count < viewRows { view.append(plainLine("")) }
        lines += view.prefix(viewRows)
        lines.append(statusLine())
        lines.append(bottomLine())
        return Array(lines.prefix(height))
    }

    // MARK: Rows

    private func plainLine(_ text: String, _ style: TextStyle = .normal) -> String {
        var line = LineBuilder(width: width, palette: palette)
        line.add(text, style)
        return line.finish(style)
    }

    private func titleLine() -> String {
        let noun = document.turns.isEmpty ? "paragraphs" : "turns"
        let parts = [" qcode", document.name, coder, "\(codedUnits.count)/\(units.count) \(noun) coded",
                     showAll ? "all coders" : "blind"]
        return plainLine(parts.joined(separator: " · "), .title)
    }

    private func statusLine() -> String {
        guard !units.isEmpty else { return plainLine("", .status) }
        var text = " " + describeSelection()
        if let part = selection.part {
            let excerpt = self.text(part.start, part.end).replacingOccurrences(of: "\n", with: " ")
            text += ": «\(CellWidth.truncate(excerpt, to: 30))»"
        }
        let own = codingsInSelection.map { path(of: codings[$0].codeID) }
        text += own.isEmpty ? " · no codes" : " · " + own.joined(separator: ", ")
        return plainLine(text, .status)
    }

    private func bottomLine() -> String {
        switch mode {
        case .search(let query): return plainLine("/" + query + "▏")
        case .memo(_, let text): return plainLine("memo: " + text + "▏   (Enter save · empty clears · Esc cancel)")
        default: break
        }
        if let message { return plainLine(" " + message.text, message.isError ? .error : .normal) }
        return plainLine(" j/k move · space extend · s sentence · w words · c code · x remove · m memo · u undo · ^R redo · n uncoded · / search · ? help · q quit", .dim)
    }

    // MARK: Transcript

    private func transcriptLines() -> [String] {
        let layout = self.layout
        var lines: [String] = []
        var row = top
        var unit = layout.unit(atRow: row)
        while lines.count < viewRows, row < layout.totalRows {
            while unit + 1 < units.count, layout.blockStart[unit + 1] <= row { unit += 1 }
            lines.append(transcriptRow(unit, local: row - layout.blockStart[unit], layout))
            row += 1
        }
        return lines
    }

    private func transcriptRow(_ index: Int, local: Int, _ layout: WorkspaceLayout) -> String {
        let unit = units[index]
        let wrapped = layout.wrapped[index]
        let shown = shownByUnit[index]
        let selected = selection.turns.contains(index)
        let isCursor = index == selection.cursor
        let blockRows = 1 + wrapped.count + layout.extraRows(index)
        var line = LineBuilder(width: width, palette: palette)
        guard local < blockRows else { return line.finish() }  // the blank row between turns
        line.add(selected ? (isCursor && local == 0 ? "▶ " : "▌ ") : "  ", selected ? .bold : .normal)
        if local == 0 {
            var header = "\(unit.number)"
            if let speaker = unit.speaker { header += "  \(speaker)" }
            if let time = unit.time { header += "  \(Self.clock(time))" }
            line.add(header, isCursor ? .reverse : .bold)
        } else if local <= wrapped.count {
            addText(wrapped[local - 1], unit: index, into: &line)
        } else if layout.marginWidth == 0 {
            let codingIndex = local - 1 - wrapped.count
            if shown.indices.contains(codingIndex) { addCode(shown[codingIndex], into: &line, width: line.remaining) }
        }
        if layout.marginWidth > 0 {
            line.pad(to: layout.gutter + layout.textWidth)
            line.add(" │ ", .dim)
            if shown.indices.contains(local) { addCode(shown[local], into: &line, width: layout.marginWidth) }
        }
        return line.finish()
    }

    private func addCode(_ codingIndex: Int, into line: inout LineBuilder, width: Int) {
        let coding = codings[codingIndex]
        let code = codes[coding.codeID]
        let whole = units.contains { $0.span.start == coding.start && $0.span.end == coding.end }
        line.add(whole ? "▍" : "╎", .colour(code?.colour))
        var label = path(of: coding.codeID)
        let suffix = (coding.memo == nil ? "" : " ✎") + (coding.coder == coder ? "" : " [\(coding.coder)]")
        let room = width - 1 - CellWidth.of(suffix)
        if CellWidth.of(label) > room, room > 1 {
            var tail = ""
            for character in label.reversed() {
                if CellWidth.of(tail) + CellWidth.of(character) > room - 1 { break }
                tail.insert(character, at: tail.startIndex)
            }
            label = "…" + tail
        }
        line.add(label + suffix, coding.coder == coder ? .normal : .dim)
    }

    /// One wrapped line of turn text, with the selected part and the coder's partial
    /// codings marked.
    private func addText(_ wrapped: WrappedLine, unit: Int, into line: inout LineBuilder) {
        let part = selection.cursor == unit ? selection.part : nil
        let partial = shownByUnit[unit].map { codings[$0] }.filter { coding in
            coding.coder == coder && !(coding.start <= units[unit].span.start && units[unit].span.end <= coding.end)
        }
        if part == nil && partial.isEmpty {
            line.add(text(wrapped.start, wrapped.end))
            return
        }
        func style(at offset: Int) -> TextStyle {
            if let part, part.start <= offset, offset < part.end { return selection.partKind == .match ? .match : .selected }
            if partial.contains(where: { $0.start <= offset && offset < $0.end }) { return .underline }
            return .normal
        }
        var piece = String.UnicodeScalarView()
        var pieceStyle = style(at: wrapped.start)
        for offset in wrapped.start..<wrapped.end {
            let next = style(at: offset)
            if next != pieceStyle && !piece.isEmpty {
                line.add(String(piece), pieceStyle)
                piece = String.UnicodeScalarView()
            }
            pieceStyle = next
            piece.append(scalars[offset])
        }
        if !piece.isEmpty { line.add(String(piece), pieceStyle) }
    }

    // MARK: Overlays

    private func overlayLines() -> [String] {
        switch mode {
        case .picker(let picker): return pickerLines(picker)
        case .choose(let purpose, let items, let highlighted): return chooserLines(purpose, items, highlighted)
        case .help: return helpLines()
        default: return []
        }
    }

    private func pickerLines(_ picker: CodePicker) -> [String] {
        var lines = [plainLine(" code \(describeSelection()) · type to filter · ↑↓ choose · Enter apply · Esc cancel", .status),
                     plainLine(" code: " + picker.query + "▏")]
        let choices = picker.choices
        let listRows = min(8, max(3, viewRows / 3))
        let first = max(0, min(picker.highlighted - listRows + 1, choices.count - listRows))
        for (offset, choice) in choices.dropFirst(first).prefix(listRows).enumerated() {
            let isCurrent = first + offset == picker.highlighted
            var line = LineBuilder(width: width, palette: palette)
            line.add(isCurrent ? " ▸ " : "   ", .bold)
            switch choice {
            case .code(let code):
                line.add(code.path, isCurrent ? .reverse : .normal)
                if let label = code.label { line.add("  " + label, .dim) }
            case .create(let path):
                line.add("+ create new code '\(path)'", isCurrent ? .reverse : .bold)
            }
            lines.append(line.finish())
        }
        if choices.isEmpty { lines.append(plainLine("   (no codes: type a path to create one)", .dim)) }
        let definitionRows = min(8, viewRows - lines.count - 1)
        guard definitionRows > 0 else { return lines }
        switch picker.current {
        case .code(let code):
            lines.append(plainLine(" ── " + code.path + " " + String(repeating: "─", count: width), .dim))
            var text: [(String, TextStyle)] = []
            if let description = code.description { text.append((description, .normal)) }
            if let include = code.include { text.append(("Include: " + include, .normal)) }
            if let exclude = code.exclude { text.append(("Exclude: " + exclude, .normal)) }
            if !code.keywords.isEmpty { text.append(("Keywords: " + code.keywords.joined(separator: ", "), .dim)) }
            if text.isEmpty { text.append(("(no definition)", .dim)) }
            var rows: [String] = []
            for (paragraph, style) in text {
                let paragraphScalars = Array(paragraph.unicodeScalars)
                for wrapped in TextWrapper.wrap(paragraphScalars, start: 0, end: paragraphScalars.count, width: width - 2) {
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: paragraphScalars[wrapped.start..<wrapped.end])
                    rows.append(plainLine(" " + String(view), style))
                }
            }
            if rows.count > definitionRows {
                rows = Array(rows.prefix(definitionRows - 1)) + [plainLine(" …", .dim)]
            }
            lines += rows
        case .create(let path):
            lines.append(plainLine(" ── Enter creates '\(path)' (its parent must exist) and applies it", .dim))
        case nil:
            break
        }
        return lines
    }

    private func chooserLines(_ purpose: ChooserPurpose, _ items: [WorkspaceCoding], _ highlighted: Int) -> [String] {
        let verb = purpose == .remove ? "remove" : "write a memo on"
        var lines = [plainLine(" \(verb) which coding? · ↑↓ choose · Enter \(purpose == .remove ? "remove" : "edit") · Esc cancel", .status)]
        for (offset, coding) in items.enumerated().prefix(max(1, viewRows - 2)) {
            var line = LineBuilder(width: width, palette: palette)
            line.add(offset == highlighted ? " ▸ " : "   ", .bold)
            line.add(path(of: coding.codeID), offset == highlighted ? .reverse : .normal)
            let excerpt = text(coding.start, coding.end).replacingOccurrences(of: "\n", with: " ")
            line.add("  «" + CellWidth.truncate(excerpt, to: 40) + "»", .dim)
            if !isPresent(coding) { line.add("  (gone: changed in another session)", .error) }
            if let memo = coding.memo { line.add("  ✎ " + memo, .dim) }
            lines.append(line.finish())
        }
        return lines
    }

    private func helpLines() -> [String] {
        var lines = [plainLine(" keys · any key closes this help", .status)]
        for (keys, action) in Self.keyHelp {
            var line = LineBuilder(width: width, palette: palette)
            line.add("  " + keys, .bold)
            line.pad(to: 22)
            line.add(action)
            lines.append(line.finish())
        }
        return Array(lines.prefix(viewRows))
    }

    /// Seconds as `h:mm:ss` or `m:ss`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
