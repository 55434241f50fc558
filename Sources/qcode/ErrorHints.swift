import QCodeKit

/// What the user can type to fix an error: the library's messages name the problem in the
/// study's words; the CLI adds the flags and commands that resolve it.
enum ErrorHints {
    static func hint(for error: Error) -> String? {
        switch error {
        case LocatorError.none:
            return "give --project PATH, set QCODE_PROJECT, or run 'qcode init NAME.qcode'"
        case LocatorError.several:
            return "choose one with --project PATH or QCODE_PROJECT"
        case AgreementError.tooFewCoders:
            return "name them with --coders, e.g. --coders alice,ben"
        case AgreementError.noSharedDocuments:
            return "name documents with --docs"
        case AgreementError.needsStoredUnits, AgreementError.unsupportedUnit:
            return "choose it with --unit"
        case ExportError.severalCoders:
            return "choose one with --coder"
        case CodingError.noCoder:
            return "give --coder NAME or set QCODE_CODER"
        case PseudonymiseError.noNames:
            return "give --map FILE or --speakers"
        default:
            return nil
        }
    }
}
