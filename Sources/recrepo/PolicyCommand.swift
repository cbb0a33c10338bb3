import ArgumentParser
import Documents
import Foundation
import RecordRepo

extension RecRepo {
    struct PolicyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy",
            abstract: "The signed policy: who may sign what, password and lockout rules; changed only with a second person's approval.",
            subcommands: [Show.self, Change.self, Approve.self, Reject.self])
    }
}

extension RecRepo.PolicyCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The policy in force, and a change waiting for approval.")
        @OptionGroup var repo: RepoOptions
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let policy = try repo.open().policy()
            switch format {
            case .json: try printJSON(policy)
            case .text: print(Self.text(policy))
            }
        }

        static func text(_ policy: Policy) -> String {
            var lines = ["Policy revision \(policy.revision)"]
            for setting in Policy.Setting.allCases { lines.append("  \(setting.rawValue): \(setting.text(of: policy.value(of: setting)))") }
            lines.append("  timeZone: \(policy.timeZone ?? "UTC")")
            lines.append("  key derivation: scrypt log2(N) \(policy.kdf.logN), r \(policy.kdf.r), p \(policy.kdf.p)")
            lines.append("Permissions:")
            for permission in Permission.allCases {
                let roles = policy.roles(for: permission).map(\.rawValue)
                lines.append("  \(permission.rawValue): \(roles.isEmpty ? "nobody" : roles.joined(separator: ", "))")
            }
            if let pending = policy.pending {
                lines.append("Waiting for approval: \(pending.summary)")
                lines.append("  proposed by \(pending.proposedBy) at \(pending.proposedAt); 'recrepo policy approve' or 'reject' by someone else")
            }
            return lines.joined(separator: "\n")
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose a change of the policy; it takes effect only when someone else with policy.approve approves it.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Option(help: "PERMISSION:ROLE to grant, e.g. wo.cancel:qa (repeatable).") var grant: [String] = []
        @Option(help: "PERMISSION:ROLE to revoke (repeatable).") var revoke: [String] = []
        @Option(help: "KEY=VALUE to set, e.g. lockoutThreshold=3 or timeZone=Europe/Berlin (repeatable).") var set: [String] = []
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let proposal = try PolicyKind.Proposal(parsingGrants: grant, revokes: revoke, settings: set)
            let records = try repo.open()
            let policy = try records.proposePolicyChange(proposal, reason: reason.reason, by: try user.session(records))
            print("Proposed: \(policy.pending?.summary ?? ""); it takes effect when someone else approves it ('recrepo policy approve').")
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve the pending policy change (not its proposer): it takes effect now.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let policy = try records.approvePolicyChange(reason: reason.reason, by: try user.session(records))
            print("Approved: policy revision \(policy.revision) is in force.")
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject the pending policy change: the policy stays as it is.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let policy = try records.rejectPolicyChange(reason: reason.reason, by: try user.session(records))
            print("Rejected: policy revision \(policy.revision) is in force, unchanged.")
        }
    }
}
