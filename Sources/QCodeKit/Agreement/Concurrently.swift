import Dispatch

/// Runs two independent computations at once, on two cores when there are two, and returns
/// both results. Each closure must only read shared state; the results do not depend on
/// which runs first.
enum Concurrently {
    static func both<A, B>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
        let box = PairBox<A, B>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { box.a = a() } else { box.b = b() }
        }
        return (box.a!, box.b!)
    }
}

/// The two results; each slot is written by one thread and read after both have finished.
private final class PairBox<A, B>: @unchecked Sendable {
    var a: A?
    var b: B?
}
