import ArgumentParser
import QCodeKit

/// A closed set of values an option takes: help lists them, and ArgumentParser refuses any
/// other value (naming the allowed ones) before `run()`. Values match ignoring case.
public protocol Choice: CaseIterable, RawRepresentable, ExpressibleByArgument where RawValue == String {}

extension Choice {
    public init?(argument: String) {
        guard let value = Self.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(argument) == .orderedSame }) else {
            return nil
        }
        self = value
    }
}

/// The output formats of listing commands (`docs`, `segments`, `cases list`, ...): a text
/// table for people, or one of the export table formats.
enum OutputFormat: String, Choice {
    case table, csv, tsv, json

    /// The export format this is, or nil for the text table.
    var exportFormat: ExportFormat? {
        switch self {
        case .table: nil
        case .csv: .csv
        case .tsv: .tsv
        case .json: .json
        }
    }
}

/// `qcode import --format`: a transcript format, or `auto` (by each file's extension).
enum InputFormat: Choice {
    case auto
    case format(SourceFormat)

    static var allCases: [InputFormat] { [.auto] + SourceFormat.allCases.map { .format($0) } }

    init?(rawValue: String) {
        if rawValue == "auto" { self = .auto; return }
        guard let format = SourceFormat(rawValue: rawValue) else { return nil }
        self = .format(format)
    }

    var rawValue: String {
        switch self {
        case .auto: "auto"
        case .format(let format): format.rawValue
        }
    }

    var defaultValueDescription: String { rawValue }

    /// The format to force, or nil to go by extension.
    var sourceFormat: SourceFormat? {
        if case .format(let format) = self { return format }
        return nil
    }
}

extension ExportFormat: Choice {}
extension MatchScope: Choice {}
extension MeasurementLevel: Choice {}
extension KrippendorffAlpha.BootstrapMethod: Choice {}
extension MatrixUnit: Choice {}
extension MatrixValue: Choice {}
extension CooccurrenceUnit: Choice {}
extension CrosstabCount: Choice {}
extension QuotesFormat: Choice {}

/// `--unit` of the agreement commands: an open family (`segment:80`), so not a `Choice`,
/// but parsed before `run()` all the same; help lists the forms.
extension AgreementUnit: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }

    public static var allValueStrings: [String] {
        ["turn", "sentence", "paragraph", "character", "segment", "segment:OVERLAP", "continuum"]
    }

    public var defaultValueDescription: String { description }
}
