/// A REFI-QDA project (`project.qde`) as qcode reads and writes it: the parts qcode
/// understands, with GUIDs as written in the file.
///
/// ``QDEProjectXML`` turns one into XML; ``QDEParser`` reads one from XML. Pictures, PDFs,
/// audio and video are not kept: the reader only counts them (``skippedSources``).
struct REFIProject: Sendable, Equatable {
    var name: String
    var origin: String?
    var creationDateTime: String?
    var users: [REFIUser] = []
    var codes: [REFICode] = []
    var variables: [REFIVariable] = []
    var cases: [REFICase] = []
    var sources: [REFITextSource] = []
    var notes: [REFINote] = []
    /// Non-text sources the reader met, as "PictureSource 'name'".
    var skippedSources: [String] = []
}

struct REFIUser: Sendable, Equatable {
    var guid: String
    var name: String?
    var id: String?
}

/// A code, with its sub-codes.
struct REFICode: Sendable, Equatable {
    var guid: String
    var name: String
    var isCodable: Bool = true
    var color: String?
    var description: String?
    var children: [REFICode] = []
}

/// `typeOfVariable`.
enum REFIVariableType: String, Sendable, Equatable {
    case text = "Text", boolean = "Boolean", integer = "Integer", float = "Float", date = "Date", dateTime = "DateTime"
}

struct REFIVariable: Sendable, Equatable {
    var guid: String
    var name: String
    var type: REFIVariableType
    var description: String?
}

/// One `VariableValue`: the element name of its value (`TextValue`, `IntegerValue`...) and the text.
struct REFIVariableValue: Sendable, Equatable {
    var variableGUID: String
    var kind: String
    var value: String
}

struct REFICase: Sendable, Equatable {
    var guid: String
    var name: String?
    var description: String?
    var values: [REFIVariableValue] = []
    var sourceGUIDs: [String] = []
}

struct REFICoding: Sendable, Equatable {
    var guid: String
    var codeGUID: String
    var creatingUser: String?
    var creationDateTime: String?
    var noteGUIDs: [String] = []
}

struct REFISelection: Sendable, Equatable {
    var guid: String
    /// Positions as written in the file (code points in the spec; UTF-16 units from NVivo).
    var start: Int
    var end: Int
    var creatingUser: String?
    var creationDateTime: String?
    var description: String?
    var codings: [REFICoding] = []
    var noteGUIDs: [String] = []
}

/// A `TextSource`, or a `Note` (which has the same shape).
struct REFITextSource: Sendable, Equatable {
    var guid: String
    var name: String?
    var plainTextPath: String?
    var richTextPath: String?
    var plainTextContent: String?
    var creationDateTime: String?
    var creatingUser: String?
    var description: String?
    var selections: [REFISelection] = []
    /// Codings of the whole source.
    var codings: [REFICoding] = []
    var noteGUIDs: [String] = []
}

typealias REFINote = REFITextSource
