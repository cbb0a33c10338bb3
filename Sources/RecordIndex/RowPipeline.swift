import Foundation
import RecordRepo
import Synchronization

/// The rows of every act of a chain, worked out on other threads and handed to the writing thread
/// in history order, so that git's reads, the diffs and SQLite's writes overlap.
///
/// The chain is cut into chunks of consecutive acts. Each worker opens a ledger of its own
/// (libgit2 handles are not shared between threads) and takes the next chunk not yet taken; the
/// writer takes the chunks back in order. At most `ahead` chunks are taken and not yet written, so
/// memory stays bounded however long the history. A failure is kept with its chunk and thrown
/// when the writer reaches it, as the sequential loop would have thrown it.
final class RowPipeline: Sendable {
    /// Acts per chunk: enough to amortise handing a chunk over, few enough to start writing early.
    static let chunk = 512
    /// One worker per core, beside the writer: reading git and diffing is most of the work.
    static var workers: Int { ProcessInfo.processInfo.activeProcessorCount }

    private let chain: ActChain
    private let path: String
    private let size: Int
    /// How many chunks there are.
    let chunks: Int
    private let workers: Int
    private let taken = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    /// One permit per chunk that may be taken ahead of the writer.
    private let ahead: DispatchSemaphore
    /// Signalled when the chunk of the same index is done.
    private let ready: [DispatchSemaphore]
    private let results = Mutex<[Int: Result<[ActRows], any Error>]>([:])
    private let group = DispatchGroup()

    /// Starts `workers` threads on the chain, in chunks of `size` acts; `path` is the repository
    /// each opens.
    init(chain: ActChain, path: String, size: Int, workers: Int) {
        self.chain = chain
        self.path = path
        self.size = max(1, size)
        chunks = (chain.count + self.size - 1) / self.size
        self.workers = max(1, min(workers, chunks))
        // Permits are signalled in rather than given as the initial value: libdispatch traps when a
        // semaphore is freed below its initial value, as this one is after a writer that stopped early.
        ahead = DispatchSemaphore(value: 0)
        for _ in 0..<(2 * self.workers + 2) { ahead.signal() }
        ready = (0..<chunks).map { _ in DispatchSemaphore(value: 0) }
        // Threads of their own rather than the global queue: a worker blocks while it is ahead
        // of the writer, and blocked work items of concurrent rebuilds could use up the queue's
        // threads before every pipeline has its first worker running.
        for _ in 0..<self.workers {
            group.enter()
            let thread = Thread { [self] in
                work()
                group.leave()
            }
            thread.name = "recrepo.index.rows"
            thread.start()
        }
    }

    /// The rows of chunk `index`, once a worker has them; chunks must be asked for in order.
    func rows(ofChunk index: Int) throws -> [ActRows] {
        ready[index].wait()
        let result = results.withLock { $0.removeValue(forKey: index) }
        ahead.signal()
        guard let result else { throw IndexError.corrupt(table: "acts", detail: "chunk \(index) of the rebuild was lost") }
        return try result.get()
    }

    /// Stops the workers after the chunks they are on and waits for them: the writer is done, or failed.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        for _ in 0..<workers { ahead.signal() }
        group.wait()
    }

    private func work() {
        // Opened on this thread and used by it alone.
        let opened = Result { () throws(LedgerError) -> (Ledger, ActReader) in
            let ledger = try Ledger.open(at: path)
            return (ledger, ActReader(ledger: ledger, rehash: false))
        }
        while true {
            ahead.wait()
            let index = taken.add(1, ordering: .relaxed).oldValue
            guard index < chunks, !stopped.load(ordering: .relaxed) else {
                ahead.signal()
                return
            }
            let result = Result { () throws -> [ActRows] in
                let (ledger, reader) = try opened.get()
                let scan = HistoryScan(ledger: ledger, chain: chain, range: index * size..<min((index + 1) * size, chain.count))
                var rows: [ActRows] = []
                while let (act, files) = try scan.next() { rows.append(try reader.rows(of: act, files: files)) }
                return rows
            }
            results.withLock { $0[index] = result }
            ready[index].signal()
        }
    }
}
