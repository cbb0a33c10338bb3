import Foundation
import RecordRepo
import Synchronization

/// An `ActChain` read on a thread of its own (on a ledger of its own), so that a rebuild empties
/// the index while the chain is walked: the walk reads every commit one after the other, and is
/// the rebuild's longest step on one core.
final class ChainWalk: Sendable {
    private let result = Mutex<Result<ActChain, LedgerError>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading the chain from `head` back to the root, in the repository at `path`.
    init(path: String, head: ObjectID) {
        let thread = Thread { [self] in
            let walked = Result { () throws(LedgerError) -> ActChain in try ActChain(ledger: try Ledger.open(at: path), head: head) }
            result.withLock { $0 = walked }
            done.signal()
        }
        thread.name = "recrepo.index.chain"
        thread.start()
    }

    /// The chain, once read.
    func chain() throws -> ActChain {
        done.wait()
        done.signal()
        guard let walked = result.withLock({ $0 }) else {
            throw IndexError.corrupt(table: "acts", detail: "the walk of the history ended without a result")
        }
        return try walked.get()
    }
}
