import Dispatch
import Foundation

/// What long work shows while it runs: when standard error is a terminal, one line that says what
/// is being done and for how long, rewritten each second and cleared at the end; nothing at all
/// when standard error is not a terminal (a script, a log file).
enum Progress {
    static func run<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        guard isatty(STDERR_FILENO) == 1 else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler {
            let seconds = (DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
            FileHandle.standardError.write(Data("\r\(label)… \(seconds) s ".utf8))
        }
        timer.resume()
        defer {
            timer.cancel()
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
        return try body()
    }
}
