import Foundation
import Testing

@testable import QCodeKit

/// Every published value in `published_examples.json` (shared with the rest of qcode), to
/// half a unit in its last printed decimal. Skipped when the file is absent; the key
/// examples are also hard-coded in `PublishedExampleTests`.
@Suite("Published examples (published_examples.json)", .enabled(if: sharedAgreementDirectory != nil))
struct PublishedExamplesFileTests {
    /// Published values we deliberately do not compute, by example id and key.
    static let notComputed: Set<String> = [
        // Bonett's SE of the intraclass kappa (Fleiss, Levin & Paik 2003): not implemented.
        "statpsych_ci_kappa_2x2/intraclass_se",
        // irrCAC's intervals use Student's t with n - 1 df and clip at 1: we report SEs only.
        "krippendorff2011_C_4coders_missing/gwet_ac1_ci95",
        "krippendorff2011_C_4coders_missing/fleiss_ci95",
    ]

    static func examples() throws -> [[String: Any]] {
        let url = sharedAgreementDirectory!.appendingPathComponent("published_examples.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return root["examples"] as! [[String: Any]]
    }

    static func matrix(_ data: [String: Any]) -> [[Int?]] {
        (data["matrix"] as! [[Any]]).map { $0.map { ($0 as? NSNumber)?.intValue } }
    }

    static func doubles(_ data: [String: Any], _ key: String) -> [[Double]] {
        (data[key] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
    }

    /// Our value for each published key of an example.
    static func ours(_ id: String, _ data: [String: Any]) throws -> [String: Any] {
        var out: [String: Any] = [:]
        let layout = data["layout"] as? String ?? ""
        func alphas(_ t: RatingsTable) throws {
            for level in MeasurementLevel.allCases {
                out["alpha_\(level.rawValue)"] = try KrippendorffAlpha.compute(t, level: level).value?.alpha
            }
        }
        func kappaFields(_ k: CohenKappa?, prefix: String) {
            guard let k else { return }
            out["\(prefix)ase"] = k.standardError
            out["\(prefix)ase_h0"] = k.nullStandardError
            out["\(prefix)ci95"] = [k.confidenceInterval95.lower, k.confidenceInterval95.upper]
            out["\(prefix)z"] = k.z
        }
        if layout.hasPrefix("coders x units") {
            let t = try ratingsTable(matrix(data))
            try alphas(t)
            let counts = CategoryCounts(t)
            if let ac1 = GwetAC1.compute(counts).value, let f = FleissKappa.compute(counts).value {
                out["gwet_ac1"] = ac1.value
                out["gwet_ac1_se"] = ac1.standardError
                out["pa"] = ac1.observedAgreement
                out["pe_ac1"] = ac1.chanceAgreement
                out["fleiss_kappa_gwet_missing"] = f.value
                out["fleiss_se"] = f.standardError
                out["pe_fleiss"] = f.chanceAgreement
            }
        } else if layout.hasPrefix("units x ratings") {
            let rows = matrix(data).map { $0.map { $0! } }
            let counts = CategoryCounts(try ratingsTable(unitsByRaters: rows))
            out["fleiss_kappa"] = FleissKappa.compute(counts).value?.value
            out["per_category_kappa"] = FleissKappa.perCategory(counts).map { $0.value ?? .nan }
        } else if layout.hasPrefix("units x category counts") {
            let counts = try CategoryCounts(countMatrix: matrix(data).map { $0.map { $0! } })
            let f = FleissKappa.compute(counts).value
            out["fleiss_kappa"] = f?.value
            out["P_bar"] = f?.observedAgreement
            out["P_e_bar"] = f?.chanceAgreement
        } else if layout.hasPrefix("2-coder") || layout.hasPrefix("2x2") {
            let t = try ContingencyTable(counts: doubles(data, "matrix"))
            let k = CohenKappa.compute(t).value
            out["kappa"] = k?.kappa
            out["cohen_kappa"] = k?.kappa
            out["se"] = k?.standardError
            kappaFields(k, prefix: "")
            let linear = CohenKappa.compute(t, weights: .linear).value
            out["weighted_kappa_cicchetti_allison"] = linear?.kappa
            kappaFields(linear, prefix: "weighted_")
            if data["disagreement_weights"] != nil {
                out["weighted_kappa"] = CohenKappa.compute(t, weights: .disagreement(doubles(data, "disagreement_weights"))).value?.kappa
            }
            if data["agreement_weights"] != nil {
                out["weighted_kappa"] = CohenKappa.compute(t, weights: .agreement(doubles(data, "agreement_weights"))).value?.kappa
            }
            out["intraclass_kappa"] = ScottPi.compute(t).value?.value
        } else if layout.hasPrefix("units x 2 coders") {
            let rows = matrix(data)
            let t = try ratingsTable([rows.map { $0[0] }, rows.map { $0[1] }])
            out["psych_quadratic_observed_levels"] = CohenKappa.compute(t, weights: .quadratic).value?.kappa
            out["krippendorff_interval"] = try KrippendorffAlpha.compute(t, level: .interval).value?.alpha
        } else if data["source_chars"] != nil {
            let length = (data["source_chars"] as! NSNumber).intValue
            let both = (data["coded_by_both"] as! NSNumber).intValue
            let one = (data["coded_by_one_only"] as! NSNumber).intValue
            out["percent_agreement"] = CharacterAgreement(length: length, both: both, onlyA: one, onlyB: 0)
                .percentAgreement.value
        }
        return out
    }

    /// Half a unit in the last printed decimal of `x`.
    static func tolerance(_ x: Double) -> Double {
        let text = "\(x)"
        guard let dot = text.firstIndex(of: "."), !text.contains("e") else { return 1e-12 }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        return 0.5 * pow(10, -Double(decimals)) + 1e-12
    }

    @Test func everyPublishedValueIsReproducedRequiresShared() throws {
        var checked = 0
        for example in try Self.examples() {
            let id = example["id"] as! String
            let data = example["data"] as! [String: Any]
            let ours = try Self.ours(id, data)
            var published = example["published"] as? [String: Any] ?? [:]
            published.merge(example["published_irrCAC_docs_gwet2014"] as? [String: Any] ?? [:]) { a, _ in a }
            if id == "psych_missing_levels_weighted_kappa" {
                // Nothing numeric is published; the reproduced psych/krippendorff values stand in.
                let r = example["reproduced"] as! [String: Any]
                published = ["psych_quadratic_observed_levels": r["psych_quadratic_observed_levels"]!,
                             "krippendorff_interval": r["krippendorff_interval"]!]
            }
            for (key, value) in published where !(value is String) {
                if Self.notComputed.contains("\(id)/\(key)") { continue }
                let expected = (value as? [NSNumber])?.map(\.doubleValue) ?? [(value as! NSNumber).doubleValue]
                let got = (ours[key] as? [Double]) ?? (ours[key] as? Double).map { [$0] }
                guard let got, got.count == expected.count else {
                    Issue.record("\(id)/\(key): not computed (expected \(expected))")
                    continue
                }
                for (g, e) in zip(got, expected) {
                    expectAgreementClose(g, e, Self.tolerance(e), "\(id)/\(key)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 40)
    }
}
