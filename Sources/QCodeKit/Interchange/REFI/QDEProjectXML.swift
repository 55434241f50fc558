/// Writes a ``REFIProject`` as `project.qde` XML, in the element order the
/// `Project-mrt2019.xsd` schema requires; empty lists are left out (the schema refuses them).
enum QDEProjectXML {
    static let namespace = "urn:QDA-XML:project:1.0"

    static func xml(_ project: REFIProject) -> String {
        var w = XMLWriter()
        w.start("Project", [
            ("xmlns", namespace), ("name", project.name), ("origin", project.origin),
            ("creationDateTime", project.creationDateTime),
        ])
        if !project.users.isEmpty {
            w.start("Users")
            for user in project.users { w.empty("User", [("guid", user.guid), ("name", user.name), ("id", user.id)]) }
            w.end()
        }
        if !project.codes.isEmpty {
            w.start("CodeBook")
            writeCodes(project.codes, to: &w)
            w.end()
        }
        if !project.variables.isEmpty {
            w.start("Variables")
            for variable in project.variables {
                let attributes = [("guid", variable.guid), ("name", variable.name), ("typeOfVariable", variable.type.rawValue)]
                if let description = variable.description {
                    w.start("Variable", attributes)
                    w.element("Description", description)
                    w.end()
                } else {
                    w.empty("Variable", attributes)
                }
            }
            w.end()
        }
        if !project.cases.isEmpty {
            w.start("Cases")
            for item in project.cases {
                w.start("Case", [("guid", item.guid), ("name", item.name)])
                w.element("Description", item.description)
                for value in item.values {
                    w.start("VariableValue")
                    w.empty("VariableRef", [("targetGUID", value.variableGUID)])
                    w.element(value.kind, value.value)
                    w.end()
                }
                for source in item.sourceGUIDs { w.empty("SourceRef", [("targetGUID", source)]) }
                w.end()
            }
            w.end()
        }
        if !project.sources.isEmpty {
            w.start("Sources")
            for source in project.sources { writeTextSource(source, element: "TextSource", to: &w) }
            w.end()
        }
        if !project.notes.isEmpty {
            w.start("Notes")
            for note in project.notes { writeTextSource(note, element: "Note", to: &w) }
            w.end()
        }
        w.end()
        return w.text
    }

    /// Writes `<Codes>` with nested `<Code>`s (shared with the `.qdc` writer).
    static func writeCodes(_ codes: [REFICode], to w: inout XMLWriter) {
        w.start("Codes")
        func write(_ code: REFICode) {
            let attributes = [("guid", code.guid), ("name", code.name), ("isCodable", code.isCodable ? "true" : "false"), ("color", code.color)]
            if code.description == nil && code.children.isEmpty {
                w.empty("Code", attributes)
                return
            }
            w.start("Code", attributes)
            w.element("Description", code.description)
            for child in code.children { write(child) }
            w.end()
        }
        for code in codes { write(code) }
        w.end()
    }

    private static func writeTextSource(_ source: REFITextSource, element: String, to w: inout XMLWriter) {
        w.start(element, [
            ("guid", source.guid), ("name", source.name), ("richTextPath", source.richTextPath),
            ("plainTextPath", source.plainTextPath), ("creatingUser", source.creatingUser),
            ("creationDateTime", source.creationDateTime),
        ])
        w.element("Description", source.description)
        w.element("PlainTextContent", source.plainTextContent)
        for selection in source.selections {
            w.start("PlainTextSelection", [
                ("guid", selection.guid), ("startPosition", String(selection.start)),
                ("endPosition", String(selection.end)), ("creatingUser", selection.creatingUser),
                ("creationDateTime", selection.creationDateTime),
            ])
            w.element("Description", selection.description)
            for coding in selection.codings { writeCoding(coding, to: &w) }
            for note in selection.noteGUIDs { w.empty("NoteRef", [("targetGUID", note)]) }
            w.end()
        }
        for coding in source.codings { writeCoding(coding, to: &w) }
        for note in source.noteGUIDs { w.empty("NoteRef", [("targetGUID", note)]) }
        w.end()
    }

    private static func writeCoding(_ coding: REFICoding, to w: inout XMLWriter) {
        w.start("Coding", [("guid", coding.guid), ("creatingUser", coding.creatingUser), ("creationDateTime", coding.creationDateTime)])
        w.empty("CodeRef", [("targetGUID", coding.codeGUID)])
        for note in coding.noteGUIDs { w.empty("NoteRef", [("targetGUID", note)]) }
        w.end()
    }
}
