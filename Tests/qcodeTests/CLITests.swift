import Foundation
import Testing

@Suite struct CLIPlaceholder {
    @Test func nothing() { #expect(1 + 1 == 2) }
}
