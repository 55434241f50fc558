import Foundation
import Testing

@testable import QCodeKit

/// Published worked examples, hard-coded so they run without ../shared. Each test names its
/// source; tolerance 0.0005 for 3-decimal values, 0.00005 for 4-decimal ones.
@Suite("Published examples (hard-coded)")
struct PublishedExampleTests {
    // Krippendorff (2011), section C: 4 coders, 12 units, missing values.
    static let kC: [[Int?]] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
        [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
    ]

    @Test func krippendorff2011BinaryTwoCoders() throws {
        let t = try ratingsTable([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]])
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .nominal).value?.alpha, 0.095, 0.0005, "alpha")
    }

    @Test func krippendorff2011NominalTwoCoders() throws {
        let t = try ratingsTable([[1, 1, 2, 2, 4, 3, 3, 3, 5, 4, 4, 1], [2, 1, 2, 2, 2, 3, 3, 3, 5, 4, 4, 4]])
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .nominal).value?.alpha, 0.692, 0.0005, "alpha")
        // Reproduced by sklearn and statsmodels (published_examples.json).
        expectAgreementClose(CohenKappa.compute(t).value?.kappa, 0.6842105263157895, 1e-12, "kappa")
        expectAgreementClose(ScottPi.compute(t).value?.value, 0.6785714285714286, 1e-12, "pi")
    }

    @Test func krippendorff2011FourCodersMissing() throws {
        let t = try ratingsTable(Self.kC)
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .nominal).value?.alpha, 0.743, 0.0005, "nominal")
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .ordinal).value?.alpha, 0.815, 0.0005, "ordinal")
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .interval).value?.alpha, 0.849, 0.0005, "interval")
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .ratio).value?.alpha, 0.797, 0.0005, "ratio")
        // Full precision: krippendorff package and irr::kripp.alpha.
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .ordinal).value?.alpha, 0.8153875037548814, 1e-10)
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .ratio).value?.alpha, 0.7974027747116121, 1e-10)
    }

    @Test func gwet2014FourCodersMissing() throws {
        // Gwet (2014) / irrCAC documentation, raw_4raters; irrCAC 0.4.4 full precision.
        let counts = CategoryCounts(try ratingsTable(Self.kC))
        let ac1 = try #require(GwetAC1.compute(counts).value)
        expectAgreementClose(ac1.value, 0.77544, 0.000005, "AC1")
        expectAgreementClose(ac1.standardError, 0.14295, 0.000005, "AC1 SE")
        expectAgreementClose(ac1.observedAgreement, 0.818181818182, 1e-9, "pa")
        expectAgreementClose(ac1.chanceAgreement, 0.190321180556, 1e-9, "pe AC1")
        let fleiss = try #require(FleissKappa.compute(counts).value)
        expectAgreementClose(fleiss.value, 0.761169275422, 1e-9, "Fleiss")
        expectAgreementClose(fleiss.standardError, 0.153019203469, 1e-9, "Fleiss SE")
        expectAgreementClose(fleiss.chanceAgreement, 0.238715277778, 1e-9, "pe Fleiss")
        let bp = try #require(BrennanPrediger.compute(counts).value)
        expectAgreementClose(bp.value, 0.772727272727, 1e-9, "BP")
        expectAgreementClose(bp.standardError, 0.144716619899, 1e-9, "BP SE")
        expectAgreementClose(PercentAgreement.compute(counts).value, 0.818181818182, 1e-9, "percent")
    }

    @Test func wikipediaKrippendorffExample() throws {
        let t = try ratingsTable([
            [nil, nil, nil, nil, nil, 3, 4, 1, 2, 1, 1, 3, 3, nil, 3],
            [1, nil, 2, 1, 3, 3, 4, 3, nil, nil, nil, nil, nil, nil, nil],
            [nil, nil, 2, 1, 3, 4, 4, nil, 2, 1, 1, 3, 3, nil, 4],
        ])
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .nominal).value?.alpha, 0.691, 0.0005, "nominal")
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .interval).value?.alpha, 0.811, 0.0005, "interval")
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .interval).value?.alpha, 0.8108448928121059, 1e-10)
    }

    static let diagnoses: [[Int]] = [
        [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
        [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
        [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
        [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
        [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
        [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
    ]

    @Test func fleiss1971Diagnoses() throws {
        let counts = CategoryCounts(try ratingsTable(unitsByRaters: Self.diagnoses))
        let k = try #require(FleissKappa.compute(counts).value)
        expectAgreementClose(k.value, 0.43, 0.0005, "Fleiss")
        expectAgreementClose(k.value, 0.43024452006014074, 1e-12, "statsmodels")
        expectAgreementClose(k.standardError, 0.054198935515, 1e-9, "irrCAC SE")
        let perCategory = FleissKappa.perCategory(counts).map(\.value)
        for (got, want) in zip(perCategory, [0.245, 0.245, 0.52, 0.471, 0.566]) {
            expectAgreementClose(got, want, 0.0005, "per category")
        }
        expectAgreementClose(GwetAC1.compute(counts).value?.value, 0.447884515845, 1e-9, "irrCAC AC1")
        expectAgreementClose(BrennanPrediger.compute(counts).value?.value, 0.444444444444, 1e-9, "irrCAC BP")
        expectAgreementClose(
            KrippendorffAlpha.compute(CoincidenceMatrix(counts), level: .nominal).value?.alpha, 0.4334098282820289,
            1e-10, "krippendorff package")
    }

    @Test func wikipediaFleissExample() throws {
        let counts = try CategoryCounts(countMatrix: [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ])
        let k = try #require(FleissKappa.compute(counts).value)
        expectAgreementClose(k.value, 0.21, 0.0005, "kappa")
        expectAgreementClose(k.value, 0.20993070442195522, 1e-12, "statsmodels")
        expectAgreementClose(k.observedAgreement, 0.378, 0.0005, "P-bar")
        expectAgreementClose(k.chanceAgreement, 0.213, 0.0005, "Pe-bar")
    }

    @Test func sasProcFreqKappa() throws {
        let t = try ContingencyTable(counts: [[0, 4, 1], [0, 8, 0], [0, 1, 5]])
        let k = try #require(CohenKappa.compute(t).value)
        expectAgreementClose(k.kappa, 0.4842, 0.00005, "kappa")
        expectAgreementClose(k.standardError, 0.1380, 0.00005, "ASE")
        expectAgreementClose(k.confidenceInterval95.lower, 0.2137, 0.00005, "CI low")
        expectAgreementClose(k.confidenceInterval95.upper, 0.7547, 0.00005, "CI high")
        expectAgreementClose(k.nullStandardError, 0.1484, 0.00005, "ASE under H0")
        expectAgreementClose(k.z, 3.2626, 0.00005, "z")
        let w = try #require(CohenKappa.compute(t, weights: .linear).value)
        expectAgreementClose(w.kappa, 0.4701, 0.00005, "weighted kappa")
        expectAgreementClose(w.standardError, 0.1457, 0.00005, "weighted ASE")
        expectAgreementClose(w.confidenceInterval95.lower, 0.1845, 0.00005, "weighted CI low")
        expectAgreementClose(w.confidenceInterval95.upper, 0.7558, 0.00005, "weighted CI high")
        expectAgreementClose(w.nullStandardError, 0.1426, 0.00005, "weighted ASE H0")
        expectAgreementClose(w.z, 3.2971, 0.00005, "weighted z")
        // statsmodels, quadratic weights.
        let quad = try #require(CohenKappa.compute(t, weights: .quadratic).value)
        expectAgreementClose(quad.kappa, 0.4501607717041801, 1e-12)
        expectAgreementClose(quad.standardError, 0.19223266335726072, 1e-12)
        expectAgreementClose(quad.nullStandardError, 0.187919468304494, 1e-12)
    }

    @Test func cohen1968WeightedKappa() throws {
        let t = try ContingencyTable(counts: [[88, 14, 18], [10, 40, 10], [2, 6, 12]])
        expectAgreementClose(CohenKappa.compute(t).value?.kappa, 0.492, 0.0005, "kappa")
        let v: [[Double]] = [[0, 1, 3], [1, 0, 6], [3, 6, 0]]
        expectAgreementClose(CohenKappa.compute(t, weights: .disagreement(v)).value?.kappa, 0.348, 0.0005, "weighted")
        expectAgreementClose(CohenKappa.compute(t, weights: .disagreement(v)).value?.kappa, 0.3478260869565216, 1e-12)
    }

    @Test func fleissCohenEveritt1969() throws {
        let t = try ContingencyTable(counts: [[106, 10, 4], [22, 28, 10], [2, 12, 6]])
        let k = try #require(CohenKappa.compute(t).value)
        expectAgreementClose(k.kappa, 0.429, 0.0005, "kappa")
        expectAgreementClose(k.standardError, 0.05371100486916735, 1e-12, "SE (statsmodels = psych)")
        expectAgreementClose(k.nullStandardError, 0.05551245493635843, 1e-12, "null SE")
        expectAgreementClose(k.confidenceInterval95.lower, 0.32329979345440496, 1e-7, "CI low")
        expectAgreementClose(k.confidenceInterval95.upper, 0.533843063688452, 1e-7, "CI high")
        let w: [[Double]] = [[1, 0, 0.4444], [0, 1, 0.6667], [0.4444, 0.6667, 1]]
        let kw = try #require(CohenKappa.compute(t, weights: .agreement(w)).value)
        expectAgreementClose(kw.kappa, 0.507, 0.0005, "weighted kappa")
        expectAgreementClose(kw.kappa, 0.5070699648667976, 1e-9)
        expectAgreementClose(kw.standardError, 0.05699388470325765, 1e-9, "weighted SE")
        expectAgreementClose(kw.nullStandardError, 0.06533588456726369, 1e-9, "weighted null SE")
    }

    @Test func statpsychTwoByTwo() throws {
        let t = try ContingencyTable(counts: [[31, 12], [4, 58]])
        let k = try #require(CohenKappa.compute(t).value)
        expectAgreementClose(k.kappa, 0.6756757, 0.00000005, "kappa")
        expectAgreementClose(k.standardError, 0.07344761, 0.00000005, "SE")
        expectAgreementClose(k.confidenceInterval95.lower, 0.531721, 0.0000005, "CI low")
        expectAgreementClose(k.confidenceInterval95.upper, 0.8196303, 0.00000005, "CI high")
        expectAgreementClose(ScottPi.compute(t).value?.value, 0.6736597, 0.00000005, "intraclass kappa = Scott's pi")
    }

    @Test func psychMissingLevelsWeightedKappa() throws {
        let t = try ratingsTable([[6, 3, 7, 8, 7], [6, 1, 8, 5, 10]])
        expectAgreementClose(CohenKappa.compute(t, weights: .quadratic).value?.kappa, 0.5341614906832299, 1e-12, "observed")
        let declared = try ratingsTable([[6, 3, 7, 8, 7], [6, 1, 8, 5, 10]], categories: (1...10).map(String.init))
        expectAgreementClose(CohenKappa.compute(declared, weights: .quadratic).value?.kappa, 0.6229508196721312, 1e-12, "1...10")
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .interval).value?.alpha, 0.6600985221674877, 1e-12)
    }
}
