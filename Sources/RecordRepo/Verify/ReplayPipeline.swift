import Foundation
import Synchronization

/// Check 3 on its own thread: acts are replayed in order, on a repository handle of their own,
/// while the verifier's thread goes on reading objects and checking signatures.
///
/// The replay is owned by the pipeline's serial queue from the moment it is handed over: nothing
/// else touches it (hence the unchecked `Sendable`).
final class ReplayPipeline: @unchecked Sendable {
    private let queue = DispatchQueue(label: "recrepo.verify.replay")
    private let replay: any ActReplay
    private let repo: GitRepository
    private let failures = Mutex<[VerificationFailure]>([])
    /// Lookups in the parent's tree of the next act (acts come in history order), used on the queue alone.
    private let memo = PathMemo(tree: nil)

    init?(replay: any ActReplay, path: String) {
        guard let repo = try? GitRepository.open(bareAt: path) else { return nil }
        self.replay = replay
        self.repo = repo
    }

    /// Queues the replay of `act`, whose parent has `before` and which made `after`, changing `changes`.
    func submit(_ act: ActInfo, before: ObjectID?, after: ObjectID, changes: [ChangedFile], isRoot: Bool) {
        queue.async { [self] in
            let refusal = replay.refusal(of: act, before: TreeView(repo: repo, tree: before, memo: memo),
                                         after: TreeView(repo: repo, tree: after, changes: changes), isRoot: isRoot)
            memo.advance(from: before, to: after, changing: changes)
            if let refusal {
                failures.withLock {
                    $0.append(.init(check: "authority", commit: act.commit.hex, record: act.record, message: refusal))
                }
            }
        }
    }

    /// Waits for every queued act and returns the refusals, in the order of `main`.
    func finish() -> [VerificationFailure] {
        queue.sync {}
        return failures.withLock { $0 }
    }
}
