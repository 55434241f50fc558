import Testing
@testable import QCodeKit

/// Every way a YAML codebook can be rejected, with the exact message the user sees.
@Suite struct CodebookYAMLErrorTests {
    private func error(_ yaml: String) -> String? {
        CodebookFixtures.parseError(yaml, fileName: "social-prescribing.yaml")
    }

    @Test func unknownKeyInACodeNamesTheKeyThePathAndTheLine() {
        let yaml = """
            codes:
              - name: social-cure
                id: sc
                children:
                  - name: belonging
                    desciption: Feeling part of a place.
            """
        #expect(error(yaml) == "social-prescribing.yaml: line 6: unknown key 'desciption' in code 'social-cure/belonging'; did you mean 'description'?")
    }

    @Test func unknownKeyWithoutANearKnownKey() {
        #expect(error("codes:\n  - name: a\n    weight: 3\n")
            == "social-prescribing.yaml: line 3: unknown key 'weight' in code 'a'")
    }

    @Test func unknownTopLevelKey() {
        #expect(error("title: T\ncodes: []\n")
            == "social-prescribing.yaml: line 1: unknown key 'title' at the top level")
        #expect(error("codebok: T\ncodes: []\n")
            == "social-prescribing.yaml: line 1: unknown key 'codebok' at the top level; did you mean 'codebook'?")
    }

    @Test func invalidYAMLGivesTheParsersProblemAndLine() {
        let yaml = "codes:\n  - name: a\n    label: [unclosed\n"
        #expect(error(yaml)?.hasPrefix("social-prescribing.yaml: line 4: not valid YAML: ") == true)
    }

    @Test func duplicateKeysAreReported() {
        #expect(error("codes:\n  - name: a\n    label: x\n    label: y\n")
            == "social-prescribing.yaml: line 3: not valid YAML: duplicate key 'label' in one mapping")
    }

    @Test func wrongDocumentShapes() {
        #expect(error("") == "social-prescribing.yaml: the file is empty; a codebook needs a 'codes' list")
        #expect(error("# only a comment\n") == "social-prescribing.yaml: the file is empty; a codebook needs a 'codes' list")
        #expect(error("- name: a\n")
            == "social-prescribing.yaml: line 1: the top level should be a mapping with a 'codes' list, not a list")
        #expect(error("codebook: T\n")
            == "social-prescribing.yaml: line 1: missing 'codes' list at the top level")
        #expect(error("codes: social-cure\n")
            == "social-prescribing.yaml: line 1: 'codes' at the top level should be a list of codes (each with a 'name'), not text")
        #expect(error("codes:\n  - social-cure\n")
            == "social-prescribing.yaml: line 2: 'codes' at the top level should be a list of codes (each with a 'name'), not a list containing text")
    }

    @Test func nonTextWhereTextIsExpected() {
        #expect(error("codes:\n  - name: a\n    description:\n      - one\n      - two\n")
            == "social-prescribing.yaml: line 4: 'description' in code 'a' should be text, not a list")
        #expect(error("codes:\n  - name: a\n    label: {en: A}\n")
            == "social-prescribing.yaml: line 3: 'label' in code 'a' should be text, not a mapping")
        #expect(error("codebook: [a, b]\ncodes: []\n")
            == "social-prescribing.yaml: line 1: 'codebook' at the top level should be text, not a list")
        #expect(error("codes:\n  - name: a\n    examples: [[nested]]\n")
            == "social-prescribing.yaml: line 3: 'examples' in code 'a' should be text or a list of text, not a list containing a list")
        #expect(error("codes:\n  - name: a\n    keywords: {a: b}\n")
            == "social-prescribing.yaml: line 3: 'keywords' in code 'a' should be text or a list of text, not a mapping")
        #expect(error("codes:\n  - name: a\n    children: b\n")
            == "social-prescribing.yaml: line 3: 'children' in code 'a' should be a list of codes (each with a 'name'), not text")
    }

    @Test func missingAndEmptyNames() {
        #expect(error("codes:\n  - name: a\n  - id: b\n")
            == "social-prescribing.yaml: line 3: code 2 at the top level has no name")
        #expect(error("codes:\n  - name: a\n    children:\n      - name: \"  \"\n")
            == "social-prescribing.yaml: line 4: code 1 under 'a' has no name")
        #expect(error("codes:\n  - name:\n")
            == "social-prescribing.yaml: line 2: code 1 at the top level has no name")
    }

    @Test func nameWithSlash() {
        #expect(error("codes:\n  - name: a\n    children:\n      - name: his/her\n")
            == "social-prescribing.yaml: line 4: code name 'his/her' under 'a' contains '/'; use children for sub-codes")
    }

    @Test func duplicateSiblingNamesIgnoringCaseAndSeparators() {
        #expect(error("codes:\n  - name: belonging\n  - name: Belonging\n")
            == "social-prescribing.yaml: line 3: duplicate code name 'Belonging' at the top level (same as 'belonging')")
        let yaml = """
            codes:
              - name: social-cure
                children:
                  - name: community-belonging
                  - name: community belonging
            """
        #expect(error(yaml)
            == "social-prescribing.yaml: line 5: duplicate code name 'community belonging' under 'social-cure' (same as 'community-belonging')")
    }

    @Test func sameNameUnderDifferentParentsIsFine() {
        #expect(error("codes:\n  - name: a\n    children: [{name: x}]\n  - name: b\n    children: [{name: x}]\n") == nil)
    }

    @Test func duplicateIDsNameBothPaths() {
        let yaml = """
            codes:
              - name: social-cure
                id: sc
                children:
                  - name: belonging
                    id: b
              - name: outcomes
                children:
                  - name: belonging
                    id: b
            """
        #expect(error(yaml)
            == "social-prescribing.yaml: line 10: duplicate id 'b' in codes 'social-cure/belonging' and 'outcomes/belonging'")
    }

    @Test func emptyID() {
        #expect(error("codes:\n  - name: a\n    id: \"\"\n")
            == "social-prescribing.yaml: line 3: empty id in code 'a'")
    }

    @Test func badColours() {
        #expect(error("codes:\n  - name: a\n    colour: red\n")
            == "social-prescribing.yaml: line 3: bad colour 'red' in code 'a'; expected \"#RRGGBB\", e.g. \"#1B9E77\"")
        #expect(error("codes:\n  - name: a\n    colour: \"#1B9E7\"\n")
            == "social-prescribing.yaml: line 3: bad colour '#1B9E7' in code 'a'; expected \"#RRGGBB\", e.g. \"#1B9E77\"")
        // An unquoted # starts a comment, leaving the value empty.
        #expect(error("codes:\n  - name: a\n    colour: #1B9E77\n")
            == "social-prescribing.yaml: line 3: empty colour in code 'a'; quote it, as in colour: \"#1B9E77\" (a bare # starts a comment)")
        #expect(error("codes:\n  - name: a\n    colour: \"#111111\"\n    color: \"#222222\"\n")
            == "social-prescribing.yaml: line 4: both 'colour' and 'color' in code 'a'; keep one")
    }

    @Test func errorsCarryAStructuredProblem() throws {
        do {
            _ = try Codebook.parseYAML("codes:\n  - name: a\n    lable: A\n", fileName: "f.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error == CodebookError(.unknownKey("lable", code: "a", suggestion: "label"), fileName: "f.yaml", line: 3))
        }
    }
}
