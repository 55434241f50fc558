import Foundation

/// Timestamps as qcode stores them: ISO 8601 in UTC with milliseconds.
enum Clock {
    /// Now, as `2026-11-24T12:03:00.123Z`.
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// Now, safe for a file name: `20261124-120300`.
    static func compactNow() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
