import Foundation
import Testing
@testable import QCodeKit

/// Checks the sample codebook shipped in `Codebooks/`, when it is there.
@Suite struct SampleCodebookTests {
    /// `Codebooks/social-prescribing.yaml` under the package root (found from this file).
    static let sampleURL: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url.appendingPathComponent("Codebooks/social-prescribing.yaml")
    }()

    static var sampleExists: Bool { FileManager.default.fileExists(atPath: sampleURL.path) }

    @Test(.enabled(if: sampleExists, "Codebooks/social-prescribing.yaml is absent"))
    func sampleCodebookIsComplete() throws {
        let text = try String(contentsOf: Self.sampleURL, encoding: .utf8)
        let book = try Codebook.parseYAML(text, fileName: Self.sampleURL.lastPathComponent)
        try book.validate(fileName: Self.sampleURL.lastPathComponent)
        #expect(book.codes.count >= 6)
        for code in book.flattened {
            #expect(code.description?.isEmpty == false, "\(code.path) has no description")
            #expect(!code.examples.isEmpty, "\(code.path) has no example")
        }
        let ids = book.flattened.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test(.enabled(if: sampleExists, "Codebooks/social-prescribing.yaml is absent"))
    func sampleCodebookRoundTrips() throws {
        let text = try String(contentsOf: Self.sampleURL, encoding: .utf8)
        let book = try Codebook.parseYAML(text, fileName: "social-prescribing.yaml")
        #expect(try Codebook.parseYAML(book.yamlString(), fileName: "export.yaml") == book)
    }
}
