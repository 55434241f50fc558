import Testing
@testable import QCodeKit

/// Shared fixtures for the codebook tests.
enum CodebookFixtures {
    /// A small codebook in the YAML format, with known line numbers.
    static let sampleYAML = """
        # qcode codebook (format 1)
        codebook: Social prescribing interviews
        description: >-
          Codes for interviews with service users
          and link workers.
        codes:
          - name: social-cure
            id: sc
            label: Social cure processes
            colour: "#1b9e77"
            description: Groups and social connection as a route to health.
            children:
              - name: group-membership
                id: sc-gm
                children:
                  - name: joining
                    id: sc-gm-join
                    examples: "I went along on the Tuesday."
                    keywords: [joined, started]
                  - name: losing
                    id: sc-gm-lose
              - name: community-belonging
                id: sc-cb
                include: |
                  Feeling part of a place.
                  Feeling part of its people.
          - name: outcomes
            id: out
            color: "#D95F02"
            children:
              - name: belonging
                id: out-b
              - name: wellbeing
                id: out-w
        """

    /// Ids `id1`, `id2`, ... in the order they are asked for.
    static func sequentialIDs() -> () -> String {
        var next = 0
        return {
            next += 1
            return "id\(next)"
        }
    }

    /// The message of the error that parsing `yaml` throws, or `nil` when it parses.
    static func parseError(_ yaml: String, fileName: String = "book.yaml") -> String? {
        do {
            _ = try Codebook.parseYAML(yaml, fileName: fileName, makeID: sequentialIDs())
            return nil
        } catch {
            return error.description
        }
    }
}
