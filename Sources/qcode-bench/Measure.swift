import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock timing and peak memory.
enum Measure {
    /// Seconds taken by `body`.
    static func seconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Peak resident memory of this process so far, in MB.
    static func peakMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func format(_ seconds: Double) -> String { String(format: "%.3f s", seconds) }
}
