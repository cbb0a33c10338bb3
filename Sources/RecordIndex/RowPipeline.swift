import Foundation
import RecordRepo

/// The rows of every act of `main` up to a head, worked out on other threads and handed to the
/// writing thread in history order, so that git's reads, the diffs and SQLite's writes overlap.
///
/// One thread walks the chain back from the head, reading every commit one after the other: the
/// rebuild's longest step that one thread alone can do. It hands the chain over in chunks of
/// consecutive acts, and workers start on the newest chunks before the walk is over
/// (`ChunkSchedule`). Each thread opens a ledger of its own, with pack files of its own (libgit2
/// handles are not shared between threads, and shared pack files make their reads wait on one
/// another). A failure is kept with its chunk and thrown when the writer reaches it.
final class RowPipeline: Sendable {
    /// Acts per chunk: enough to amortise handing a chunk over, few enough to start writing early.
    static let chunk = 512
    /// Chunks that may be worked out while the walk goes on, held until the writer reaches them at
    /// the end. On two cores the walk of 100,000 acts leaves time for about 40; at 32 the workers
    /// stopped for the last half second of it.
    static let early = 64
    /// One worker per core, beside the walk and the writer: reading git and diffing is most of the work.
    static var workers: Int { ProcessInfo.processInfo.activeProcessorCount }

    private let schedule: ChunkSchedule
    private let group = DispatchGroup()

    /// Starts walking the chain from `head` in the repository at `path`, and `workers` threads on
    /// its chunks of `size` acts. `lockstep` is a test hook (`ChunkSchedule`).
    init(path: String, head: ObjectID, size: Int, workers: Int, early: Int = RowPipeline.early, lockstep: Bool = false) {
        let size = max(1, size), workers = max(1, workers)
        schedule = ChunkSchedule(early: early, ahead: 2 * workers + 2, lockstep: lockstep)
        // Threads of their own rather than the global queue: a worker blocks while it waits for
        // a chunk, and blocked work items of concurrent rebuilds could use up the queue's threads
        // before every pipeline has its first worker running.
        start("recrepo.index.walk") { [schedule] in Self.walk(path: path, head: head, size: size, into: schedule) }
        for worker in 1...workers {
            start("recrepo.index.rows") { [schedule] in Self.work(path: path, number: worker, schedule: schedule) }
        }
    }

    private func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread { [group] in
            body()
            group.leave()
        }
        thread.name = name
        thread.start()
    }

    /// The rows of the next chunk in history order, once worked out; nil after the last act.
    func next() throws -> [ActRows]? { try schedule.next() }

    /// Stops the walk and the workers after what they are doing and waits for them: the writer is
    /// done, or failed.
    func stop() {
        schedule.stop()
        group.wait()
    }

    private static func walk(path: String, head: ObjectID, size: Int, into schedule: ChunkSchedule) {
        do {
            var walker = ChainWalker(ledger: try Ledger.open(at: path, reader: 0), head: head)
            var links: [ChainLink] = []
            links.reserveCapacity(size)
            while let link = try walker.step() {
                links.append(link)
                guard links.count == size else { continue }
                guard schedule.publish(links) else { return }
                links.removeAll(keepingCapacity: true)
            }
            schedule.finish(links)
        } catch {
            schedule.fail(error)
        }
    }

    private static func work(path: String, number: Int, schedule: ChunkSchedule) {
        // Opened on this thread and used by it alone.
        let opened = Result { () throws(LedgerError) -> (Ledger, ActReader) in
            let ledger = try Ledger.open(at: path, reader: number)
            return (ledger, ActReader(ledger: ledger, rehash: false))
        }
        while let task = schedule.take() {
            schedule.put(task.index, Result { () throws -> [ActRows] in
                let (ledger, reader) = try opened.get()
                let scan = HistoryScan(ledger: ledger, links: task.links, parentTree: task.parentTree)
                var rows: [ActRows] = []
                rows.reserveCapacity(task.links.count)
                while let (act, files) = try scan.next() { rows.append(try reader.rows(of: act, files: files)) }
                return rows
            })
        }
    }
}
