import Foundation

/// Reads and parses files on a background thread a few files ahead of the caller, so
/// parsing one file overlaps with writing the previous one to the database.
///
/// Results come back in the order of the URLs. At most `window` parsed files wait in
/// memory at once, so memory does not grow with the number of files.
final class PrefetchingReader: @unchecked Sendable {
    private let urls: [URL]
    private let options: ImportOptions
    private let window: Int
    /// Guards everything below.
    private let condition = NSCondition()
    private var results: [Int: Result<[ParsedDocument], Error>] = [:]
    private var consumed = 0
    private var cancelled = false

    init(urls: [URL], options: ImportOptions, window: Int = 3) {
        self.urls = urls
        self.options = options
        self.window = window
        let worker = Thread { [self] in self.work() }
        worker.stackSize = 8 << 20
        worker.start()
    }

    private func work() {
        for (index, url) in urls.enumerated() {
            condition.lock()
            while !cancelled && index - consumed >= window { condition.wait() }
            let stop = cancelled
            condition.unlock()
            if stop { return }
            let result = Result { try DocumentReader.read(contentsOf: url, options: options) }
            condition.lock()
            results[index] = result
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The parsed documents of file `index` (call with 0, 1, 2, ... in order).
    func documents(at index: Int) throws -> [ParsedDocument] {
        condition.lock()
        while results[index] == nil { condition.wait() }
        let result = results.removeValue(forKey: index)!
        consumed = index + 1
        condition.broadcast()
        condition.unlock()
        return try result.get()
    }

    /// Stops the background reading (the caller is done or gave up early).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
