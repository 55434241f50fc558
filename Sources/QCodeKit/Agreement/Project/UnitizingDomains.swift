/// Krippendorff's unitizing alphas over sets of mutually exclusive codes in a project (the
/// "semantic domains" of ATLAS.ti): the subcodes of a code, for that code's row, and the
/// top-level codes, for the overall row (ATLAS.ti's Cu-alpha).
struct UnitizingDomains {
    let scope: AgreementScope
    /// Whether a coding of a descendant counts for the value it lies below.
    let includeChildren: Bool
    /// Each code's direct subcodes, in codebook order.
    let children: [[Int]]

    init(scope: AgreementScope, includeChildren: Bool) {
        self.scope = scope
        self.includeChildren = includeChildren
        var children = [[Int]](repeating: [], count: scope.codes.count)
        for (code, parent) in scope.parent.enumerated() {
            if let parent { children[parent].append(code) }
        }
        self.children = children
    }

    /// The family whose values are the codes `values`: a coding counts for the value that
    /// is its code or, with `includeChildren`, the value its code lies below; other codings
    /// are left out.
    ///
    /// - Throws: `ContinuumSpanError` for a coding outside its document (not in a valid project).
    func family(values: [Int]) throws -> UnitizedAlphaFamily {
        var valueOfCode = [Int: Int]()
        for (value, code) in values.enumerated() { valueOfCode[code] = value }
        var resolved = [Int?](repeating: nil, count: scope.codes.count)
        for code in scope.codes.indices {
            var current: Int? = code
            while let c = current {
                if let value = valueOfCode[c] {
                    resolved[code] = value
                    break
                }
                current = includeChildren ? scope.parent[c] : nil
            }
        }
        let m = scope.coders.count
        var continua = scope.documents.map {
            UnitizedAlphaFamily.Continuum(length: $0.length, coders: Array(repeating: [], count: m), document: $0.name)
        }
        for coding in scope.codings {
            guard let value = resolved[Int(coding.code)] else { continue }
            continua[Int(coding.document)].coders[Int(coding.coder)].append(
                try UnitizedAlphaFamily.ValuedSpan(start: coding.start, end: coding.end, value: value))
        }
        return try UnitizedAlphaFamily.compute(continua, values: values.count)
    }

    /// The family over the subcodes of `code`, or nil when it has fewer than two.
    func subcodeFamily(of code: Int) throws -> UnitizedAlphaFamily? {
        children[code].count >= 2 ? try family(values: children[code]) : nil
    }
}

extension CodeAgreement {
    /// Records `uα` and `cuα` over a set of codes, or notes saying why they are undefined.
    mutating func setDomainAlphas(_ family: UnitizedAlphaFamily?, coders: [String], valuesAre what: String) {
        guard let family else {
            for key in ["u_alpha", "cu_alpha"] {
                figures.notes.append(AgreementNote(
                    statistic: key, reason: "no_subcodes",
                    message: "compares \(what); this code has fewer than two"))
            }
            return
        }
        for (key, result) in [("u_alpha", family.alpha), ("cu_alpha", family.codingAlpha)] {
            switch result {
            case .success(let value):
                if key == "u_alpha" { domainAlpha = value } else { codingAlpha = value }
            case .failure(let reason):
                var note = AgreementNote(key, reason)
                if let overlap = family.overlap {
                    let coder = overlap.coder < coders.count ? coders[overlap.coder] : "a coder"
                    note.message = "\(coder) applied two of \(what) to the same text in \(overlap.document) "
                        + "at offset \(overlap.offset); they must not overlap"
                }
                figures.notes.append(note)
            }
        }
    }
}
