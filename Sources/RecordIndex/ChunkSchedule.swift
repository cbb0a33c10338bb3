import Foundation
import RecordRepo

/// Which chunk of a rebuild's history each thread takes next, and the rows worked out: shared by
/// the thread that walks the chain, the workers and the writer.
///
/// Chunks are counted from the head back: chunk 0 holds the newest `size` acts, and the walk
/// hands them over in that order. The writer takes them from the oldest (the highest number) down
/// to chunk 0. While the walk is still reading commits, workers already take the newest chunks,
/// up to `early` of them, so that the walk, which one thread does alone, is not the only work
/// going on. Once the walk has reached the root they take chunks from the oldest down, at most
/// `ahead` beyond the writer, until they meet the chunks taken early. Memory stays bounded by
/// the chain itself: `early` chunks of rows, `ahead` chunks more.
///
/// Every stored property below `condition` is read and written with `condition` locked (hence
/// the unchecked `Sendable`).
final class ChunkSchedule: @unchecked Sendable {
    /// A chunk a worker took: its acts oldest first, and the tree of the first one's parent.
    struct Task {
        let index: Int
        let links: [ChainLink]
        let parentTree: ObjectID?
    }

    private let early: Int
    private let ahead: Int
    /// Test hook: the walk waits after each chunk until the workers have taken every chunk they
    /// may take early, so that the early path is taken whatever the threads' timing.
    private let lockstep: Bool
    private let condition = NSCondition()

    /// The chain walked so far, newest first, one array per chunk; emptied when the chunk is taken.
    private var chunks: [[ChainLink]] = []
    /// The tree of each chunk's newest act: the tree of the parent of the oldest act of the chunk
    /// numbered one less (the next newer).
    private var newestTrees: [ObjectID] = []
    /// Set once the walk has reached the root.
    private var walked = false
    private var walkFailure: (any Error)?
    private var earlyTaken = 0
    /// The next chunk workers take once the walk is done, and the next one the writer takes.
    private var lateNext = -1, writerNext = -1
    private var results: [Int: Result<[ActRows], any Error>] = [:]
    private var stopped = false

    init(early: Int, ahead: Int, lockstep: Bool = false) {
        self.early = early
        self.ahead = max(1, ahead)
        self.lockstep = lockstep
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    // MARK: the walk

    /// Hands over the next chunk of the chain, newest first; false when the rebuild has stopped.
    func publish(_ links: [ChainLink]) -> Bool {
        locked {
            chunks.append(links)
            newestTrees.append(links[0].tree)
            condition.broadcast()
            while lockstep, !stopped, earlyTaken < min(early, chunks.count - 1) { condition.wait() }
            return !stopped
        }
    }

    /// The walk reached the root; `links` are the oldest acts, fewer than a chunk (maybe none).
    func finish(_ links: [ChainLink]) {
        locked {
            if !links.isEmpty {
                chunks.append(links)
                newestTrees.append(links[0].tree)
            }
            walked = true
            lateNext = chunks.count - 1
            writerNext = chunks.count - 1
            condition.broadcast()
        }
    }

    func fail(_ error: any Error) {
        locked {
            walkFailure = error
            condition.broadcast()
        }
    }

    // MARK: workers

    /// The next chunk to work out, waiting until there is one; nil when there is none left.
    func take() -> Task? {
        locked {
            while true {
                if stopped || walkFailure != nil { return nil }
                if walked {
                    guard lateNext >= earlyTaken else { return nil }
                    if writerNext - lateNext < ahead {
                        lateNext -= 1
                        return task(lateNext + 1)
                    }
                } else if earlyTaken < early, chunks.count > earlyTaken + 1 {
                    // The chunk's oldest act has its parent in the next chunk, already walked.
                    earlyTaken += 1
                    condition.broadcast()
                    return task(earlyTaken - 1)
                }
                condition.wait()
            }
        }
    }

    private func task(_ index: Int) -> Task {
        let links = chunks[index]
        chunks[index] = []
        return Task(index: index, links: links.reversed(), parentTree: index + 1 < newestTrees.count ? newestTrees[index + 1] : nil)
    }

    func put(_ index: Int, _ result: Result<[ActRows], any Error>) {
        locked {
            results[index] = result
            condition.broadcast()
        }
    }

    // MARK: the writer

    /// The rows of the next chunk in history order, waiting until they are worked out; nil after
    /// the newest. A failure of the walk, then of each chunk in history order, is thrown when
    /// reached, as a loop over the acts one by one would have thrown it.
    func next() throws -> [ActRows]? {
        let result: Result<[ActRows], any Error>? = try locked {
            while !walked, walkFailure == nil { condition.wait() }
            if let walkFailure { throw walkFailure }
            guard writerNext >= 0 else { return nil }
            while results[writerNext] == nil { condition.wait() }
            let result = results.removeValue(forKey: writerNext)
            writerNext -= 1
            condition.broadcast()
            return result
        }
        return try result?.get()
    }

    /// Stops the walk and the workers after what they are doing: the writer is done, or failed.
    func stop() {
        locked {
            stopped = true
            condition.broadcast()
        }
    }
}
