import ArgumentParser
import Documents
import Foundation
import RecordRepo

extension RecRepo {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every object, signature, act and checkpoint; exit 1 on any failure.")

        @OptionGroup var repo: RepoOptions
        @Option(help: "text or json.") var format: OutputFormat = .text
        @Option(help: "Compare main and the checkpoints with a replica (a path or file:// URL) instead.")
        var against: String?

        func run() throws {
            let records = try repo.open()
            if let against {
                let comparison = try records.ledger.compare(with: against)
                switch format {
                case .json: try printJSON(comparison)
                case .text:
                    print("\(comparison.ok ? "OK" : "FAILED"): \(comparison.message)")
                    for damage in comparison.damage { print("  damaged: \(damage)") }
                    // The replica's commits are anyone's text: printed as text, never as terminal codes.
                    for commit in comparison.replicaOnly { print("  replica only: \(Terminal.printable(commit.line))") }
                    if comparison.replicaOnly.isEmpty {
                        for commit in comparison.missingHere { print("  missing here: \(commit)") }
                    } else {
                        print(Ledger.advice(comparison, against))
                    }
                    for ref in comparison.setAside { print("  set aside by an earlier backup, kept in the replica: \(ref)") }
                }
                if !comparison.ok { throw ExitCode(1) }
                return
            }
            let report = Progress.run("Verifying every object, signature, act and checkpoint") { records.ledger.verify(replay: RecordChecks.replay) }
            switch format {
            case .json: try printJSON(report)
            case .text:
                for failure in report.failures {
                    let commit = failure.commit.map { " commit \($0.prefix(12))" } ?? ""
                    let record = failure.record.map { " record \($0)" } ?? ""
                    print("FAIL [\(failure.check)]\(commit)\(record): \(failure.message)")
                }
                for disputed in report.disputed {
                    print("DISPUTED commit \(disputed.commit.prefix(12)): its recorded time is in question (clock incident \(disputed.incident), approved)")
                }
                if let waiting = report.awaitingIncident {
                    print("NOTE: clock incident \(waiting) awaits qa's decision; nothing else can be signed until then")
                }
                let summary = "\(report.commits) commits, \(report.objects) objects, \(report.checkpoints) checkpoints"
                let disputed = report.disputed.isEmpty ? "" : "; \(report.disputed.count) act(s) with disputed times"
                print(report.ok ? "OK: \(summary) verified\(disputed)" : "FAILED: \(report.failures.count) problem(s) in \(summary)")
            }
            if !report.ok { throw ExitCode(1) }
        }
    }

    struct Checkpoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a system-signed checkpoint tag at the head of main.",
            discussion: "A later rollback or rewrite of main behind a checkpoint fails 'recrepo verify'.")

        @OptionGroup var repo: RepoOptions

        func run() throws {
            let records = try repo.open()
            let result = try records.ledger.checkpoint(by: try records.keystore.systemSigner())
            print(result.created ? "Checkpoint \(result.name) at \(result.commit.short)"
                : "Head \(result.commit.short) already has checkpoint \(result.name)")
            print(result.name)
        }
    }

    struct AllowedSigners: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "allowed-signers",
            abstract: "Write the allowed-signers file that stock 'git verify-commit' needs.")

        @OptionGroup var repo: RepoOptions
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() throws {
            let text = try repo.open().ledger.allowedSigners()
            if let output {
                do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                    throw CLIError.refused("cannot write \(output): \(error.localizedDescription)")
                }
            } else {
                print(text, terminator: "")
            }
        }
    }
}
