import ArgumentParser
import Documents
import Foundation
import RecordRepo

extension RecRepo {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mirror main and the checkpoints to a replica (a path or file:// URL), then check every object there.",
            discussion: "A new replica refuses non-fast-forward pushes and deletions. A backup never makes a replica forget: it is refused when the replica holds history this repository lacks.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The replica: a path or a file:// URL.") var destination: String
        @Flag(help: "Also copy the sealed keys and the system key (local replicas), so a restore can sign.") var withKeystore = false
        @Flag(help: "When the replica holds commits main here does not and none of them verifies, keep them there under refs/set-aside/ and back up.")
        var setAside = false

        func run() throws {
            let records = try repo.open()
            let result = try Progress.run("Backing up to \(destination)") {
                try records.ledger.backup(to: destination, settingAside: setAside)
            }
            if let ref = result.setAsideRef {
                print("Set aside \(result.setAside.count) commit\(result.setAside.count == 1 ? "" : "s") the replica held that main here does not contain, kept there under \(ref):")
                for commit in result.setAside { print("  \(Terminal.printable(commit.line))") }
            }
            if withKeystore {
                try records.keystore.copy(to: Keystore(directory: URL(fileURLWithPath: result.destination).appendingPathComponent("recrepo")))
            }
            // The replica's objects are this repository's own (same IDs), whose signatures and acts
            // verify here; at the destination every reachable object must read back with its hash.
            let replica = try Records.open(at: result.destination, checklist: RecordChecks.checklist).ledger
            let report = replica.verifyObjects(justIndexed: result.mirrored)
            guard report.ok, try replica.head() == result.head else {
                throw CLIError.refused("the replica at \(result.destination) does not verify: \(report.failures.first?.message ?? "?") (\(report.failures.count) problem(s)); run 'recrepo verify --repo \(result.destination)'")
            }
            print("Backed up \(result.added) new commit\(result.added == 1 ? "" : "s") to \(result.destination); it verifies (\(report.commits) commits, \(report.objects) objects)\(withKeystore ? ", keystore included" : "")")
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a working repository from a backup, verified before it is used.")
        @Argument(help: "The backup: a path or a file:// URL.") var source: String
        @Argument(help: "A new, empty directory for the restored repository.") var destination: String
        @Option(help: "The repository the backup was made from, when it can still be read (default: $RECREPO_REPO): how far the copy lags its main and checkpoints is then said too.")
        var repo: String?

        func run() throws {
            let ledger = try Progress.run("Restoring \(source)") { try Ledger.restore(from: source, to: destination) }
            let report = Progress.run("Verifying the restored copy") { ledger.verify(replay: RecordChecks.replay, justIndexed: true) }
            guard report.ok else {
                try? FileManager.default.removeItem(atPath: destination)
                let first = report.failures.first.map { "[\($0.check)] \($0.commit.map { String($0.prefix(12)) } ?? "-"): \($0.message)" } ?? "?"
                throw CLIError.refused("the backup at \(source) does not verify, so nothing was restored: \(first) (\(report.failures.count) problem(s))")
            }
            let sourceKeys = Keystore(directory: URL(fileURLWithPath: try Ledger.localPath(source)).appendingPathComponent("recrepo"))
            if sourceKeys.hasSystemKey {
                try sourceKeys.copy(to: Keystore(directory: ledger.sidecar))
                print("Restored \(report.commits) commits to \(destination) with its keystore; it verifies and can sign")
            } else {
                print("Restored \(report.commits) commits to \(destination); it verifies. The backup holds no keystore, so this copy is read-only")
            }
            print(lagSentence(of: ledger))
        }

        /// Where the copy ends and how far it lags the newest checkpoint or `main` known: its own
        /// checkpoints, and those and the `main` of the repository named by --repo (or
        /// $RECREPO_REPO) when that can be read and is not the copy itself.
        private func lagSentence(of copy: Ledger) -> String {
            let named = repo ?? ProcessInfo.processInfo.environment["RECREPO_REPO"]
            var witnesses: [(name: String, ledger: Ledger)] = []
            var unread = ""
            if let named, !named.isEmpty {
                let same = URL(fileURLWithPath: named).standardizedFileURL == URL(fileURLWithPath: destination).standardizedFileURL
                if !same, let live = try? Ledger.open(at: named) {
                    witnesses.append(("main of \(named)", live))
                } else if !same {
                    unread = " (\(named) cannot be read as a repository)"
                }
            }
            guard let lag = try? copy.lag(behind: witnesses) else { return "How far the copy lags cannot be measured." }
            var text = lag.sentence.prefix(1).uppercased() + lag.sentence.dropFirst() + "."
            if witnesses.isEmpty {
                text += " No repository was named to compare it with\(unread): pass --repo with the one the backup was made from to learn how far the copy lags it."
            }
            return text
        }
    }

    struct Drill: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A recovery drill: restore a copy, verify it completely, compare it, and sign the result.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Option(help: "Restore from this backup instead of from the repository itself.") var from: String?
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let session = try user.session(records)
            let drill = try Progress.run("Recovery drill: restoring, verifying, comparing") {
                try records.drill(from: from, reason: reason.reason, by: session)
            }
            print(drill.summary)
            for problem in drill.problems { print("  \(Terminal.printable(problem))") }
            if let lag = drill.lag { print("  \(Terminal.printable(lag.sentence))") }
            print(drill.id)
            // A stale drill is signed as such and exits 1 too: the copy would not recover every act.
            if drill.result != .pass { throw ExitCode(1) }
        }
    }
}
