import CReadStat
import Foundation

/// A `.sav` or `.dta` file read back with ReadStat's own parser, for tests.
struct StatisticsFileContents {
    struct Variable: Equatable {
        var name: String
        var label: String
        var format: String
        var isString: Bool
        var labelSet: String
        /// SPSS user-missing values.
        var missing: [Double]
    }

    enum Value: Equatable {
        case number(Double)
        case string(String)
        case systemMissing
        /// A Stata extended missing value (`.a`) or an SPSS user-missing value.
        case taggedMissing(Character)
        case userMissing(Double)
    }

    var variables: [Variable] = []
    var rows: [[Value]] = []
    /// Label set name -> value -> label ("a" style tags as ".a").
    var valueLabels: [String: [String: String]] = [:]

    func column(_ name: String) -> [Value] {
        guard let index = variables.firstIndex(where: { $0.name == name }) else { return [] }
        return rows.map { $0[index] }
    }

    func variable(_ name: String) -> Variable? { variables.first { $0.name == name } }

    static func read(_ url: URL, format: StatisticsFileFormatForTests) throws -> StatisticsFileContents {
        let box = Box()
        let parser = readstat_parser_init()!
        defer { readstat_parser_free(parser) }
        readstat_set_variable_handler(parser) { _, variable, labels, context in
            let box = Unmanaged<Box>.fromOpaque(context!).takeUnretainedValue()
            var missing: [Double] = []
            for index in 0..<readstat_variable_get_missing_ranges_count(variable) {
                missing.append(readstat_double_value(readstat_variable_get_missing_range_lo(variable, index)))
            }
            box.contents.variables.append(Variable(
                name: String(cString: readstat_variable_get_name(variable)),
                label: readstat_variable_get_label(variable).map { String(cString: $0) } ?? "",
                format: readstat_variable_get_format(variable).map { String(cString: $0) } ?? "",
                isString: readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_STRING,
                labelSet: labels.map { String(cString: $0) } ?? "", missing: missing))
            return Int32(READSTAT_HANDLER_OK)
        }
        readstat_set_value_handler(parser) { row, variable, value, context in
            let box = Unmanaged<Box>.fromOpaque(context!).takeUnretainedValue()
            let row = Int(row)
            while box.contents.rows.count <= row { box.contents.rows.append([]) }
            let result: Value
            if readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING {
                result = .string(readstat_string_value(value).map { String(cString: $0) } ?? "")
            } else if readstat_value_is_system_missing(value) != 0 {
                result = .systemMissing
            } else if readstat_value_is_tagged_missing(value) != 0 {
                result = .taggedMissing(Character(UnicodeScalar(UInt8(bitPattern: readstat_value_tag(value)))))
            } else if readstat_value_is_defined_missing(value, variable) != 0 {
                result = .userMissing(readstat_double_value(value))
            } else {
                result = .number(readstat_double_value(value))
            }
            box.contents.rows[row].append(result)
            return Int32(READSTAT_HANDLER_OK)
        }
        readstat_set_value_label_handler(parser) { set, value, label, context in
            let box = Unmanaged<Box>.fromOpaque(context!).takeUnretainedValue()
            let key: String
            if readstat_value_is_tagged_missing(value) != 0 {
                key = "." + String(Character(UnicodeScalar(UInt8(bitPattern: readstat_value_tag(value)))))
            } else if readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING {
                key = String(cString: readstat_string_value(value))
            } else {
                key = String(format: "%g", readstat_double_value(value))
            }
            box.contents.valueLabels[String(cString: set!), default: [:]][key] = String(cString: label!)
            return Int32(READSTAT_HANDLER_OK)
        }
        let context = Unmanaged.passUnretained(box).toOpaque()
        let code = url.path.withCString { path in
            format == .sav ? readstat_parse_sav(parser, path, context) : readstat_parse_dta(parser, path, context)
        }
        guard code == READSTAT_OK else { throw ReadError(message: String(cString: readstat_error_message(code))) }
        return withExtendedLifetime(box) { box.contents }
    }

    struct ReadError: Error { var message: String }

    private final class Box { var contents = StatisticsFileContents() }
}

enum StatisticsFileFormatForTests { case sav, dta }
