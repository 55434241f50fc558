import Foundation
import Testing

@testable import QCodeKit

/// `|actual - expected| <= tolerance`, with a readable failure.
func expectAgreementClose(
    _ actual: Double?, _ expected: Double, _ tolerance: Double = 0.0005, _ what: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let actual else {
        Issue.record("\(what): expected \(expected), got nil", sourceLocation: sourceLocation)
        return
    }
    #expect(
        abs(actual - expected) <= tolerance, "\(what): expected \(expected) ± \(tolerance), got \(actual)",
        sourceLocation: sourceLocation)
}

/// A table from a coders × units matrix of numbers (nil = missing).
func ratingsTable(_ codersByUnits: [[Int?]], categories: [String]? = nil) throws -> RatingsTable {
    try RatingsTable(codersByUnits: codersByUnits.map { $0.map { $0.map(String.init) } }, categories: categories)
}

/// A table from a units × raters matrix (rows are units).
func ratingsTable(unitsByRaters: [[Int]]) throws -> RatingsTable {
    let raters = unitsByRaters.first?.count ?? 0
    return try ratingsTable((0..<raters).map { r in unitsByRaters.map { Optional($0[r]) } })
}

/// Where `published_examples.json` lives: `$QCODE_SHARED_DIR`, else `../shared/agreement`
/// next to the package root; nil when absent (tests that need it are skipped).
let sharedAgreementDirectory: URL? = {
    var candidates: [URL] = []
    if let env = ProcessInfo.processInfo.environment["QCODE_SHARED_DIR"] {
        let url = URL(fileURLWithPath: env)
        candidates.append(url)
        candidates.append(url.appendingPathComponent("agreement"))
    }
    // #filePath = <root>/Tests/QCodeKitTests/Agreement/AgreementTestSupport.swift
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(root.deletingLastPathComponent().appendingPathComponent("shared/agreement"))
    return candidates.first {
        FileManager.default.fileExists(atPath: $0.appendingPathComponent("published_examples.json").path)
    }
}()
