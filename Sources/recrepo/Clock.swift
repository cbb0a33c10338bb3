import ArgumentParser
import Documents
import Foundation

extension RecRepo {
    struct ClockCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clock",
            abstract: "Clock incidents: acts signed under a clock set ahead, named by an administrator and decided by qa.",
            discussion: """
                When an act was signed while the system clock was ahead, every later act is refused as \
                behind it. Put the clock right, then an administrator proposes an incident naming the acts \
                later than the true time; qa (not the proposer) approves it, and acts go on from the true \
                time while verify reports the named acts as disputed. A rejection leaves their times \
                standing. Nothing else can be signed while an incident awaits qa.
                """,
            subcommands: [Incident.self, Approve.self, Reject.self])
    }
}

extension RecRepo.ClockCommand {
    struct Incident: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose a clock incident naming every act later than now (admin); prints its ID last.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let incident = try records.proposeClockIncident(reason: reason.reason, by: try user.session(records))
            print("Proposed clock incident \(incident.id) at the true time \(incident.proposedAt); the acts whose times are in question:")
            for act in incident.disputed {
                print("  \(act.commit.prefix(12))  \(act.signedAt)  \(act.signer)  \(Terminal.printable(act.record))")
            }
            print("Nothing else can be signed until qa approves or rejects it ('recrepo clock approve \(incident.id)').")
            print(incident.id)
        }
    }

    /// What deciding an incident takes: who, which incident, why.
    struct Decision: ParsableArguments {
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The incident ID (CLK-000001).") var id: String
        @OptionGroup var reason: ReasonOption

        func decide(approve: Bool) throws -> ClockIncident {
            let records = try repo.open()
            return try records.decideClockIncident(id, approve: approve, reason: reason.reason, by: try user.session(records))
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a clock incident (qa, not its proposer): acts go on from the true time.")
        @OptionGroup var decision: Decision

        func run() throws {
            let incident = try decision.decide(approve: true)
            print("Approved \(incident.id): \(incident.disputed.count) act(s) are reported as disputed by every verify; acts go on from the true time")
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject a clock incident (qa, not its proposer): the acts' times stand.")
        @OptionGroup var decision: Decision

        func run() throws {
            let incident = try decision.decide(approve: false)
            let newest = incident.disputed.map(\.signedAt).max() ?? incident.proposedAt
            print("Rejected \(incident.id): the acts' times stand, so nothing can be signed with a time before \(newest)")
        }
    }
}
