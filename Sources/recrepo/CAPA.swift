import ArgumentParser
import Documents
import Foundation

extension RecRepo {
    struct CAPACommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "capa", abstract: "CAPAs: open, plan actions, implement them, verify effectiveness, close (qa), show, list.",
            discussion: """
                States: open -> implemented (every action done) -> effective -> closed; not effective returns \
                it to open for further actions. An action is implemented by its owner; effectiveness is \
                verified by someone who implemented none, once the policy's waiting period \
                (capaEffectivenessDays) has passed since the last implementation.
                """,
            subcommands: [Open.self, Plan.self, Implement.self, Verify.self, Close.self, Show.self, List.self])
    }
}

extension RecRepo.CAPACommand {
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a CAPA (supervisor or qa); prints its ID last.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Option(help: "What it corrects or prevents, in a line.") var title: String
        @Option(help: "The deviation it answers, which will list it.") var deviation: String?
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let capa = try records.openCAPA(title: title, deviation: deviation, reason: reason.reason, by: try user.session(records))
            print("Opened \(capa.id)\(capa.deviation.map { " for \($0)" } ?? ""); plan its actions with 'recrepo capa plan'")
            print(capa.id)
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a numbered action with its owner and due day (supervisor or qa).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The CAPA ID.") var id: String
        @Option(help: "What is to be done.") var action: String
        @Option(help: "The user who implements it.") var owner: String
        @Option(help: "The day it is due, YYYY-MM-DD.") var due: String
        @OptionGroup var reason: ReasonOption

        func validate() throws {
            if !Day.exists(due) { throw ValidationError("--due must be a calendar day written YYYY-MM-DD; \(due.debugDescription) is not one") }
        }

        func run() throws {
            let records = try repo.open()
            let capa = try records.planCAPA(id, action: action, owner: owner, due: due, reason: reason.reason, by: try user.session(records))
            print("Planned action \(capa.actions.count) of \(capa.id) for \(owner), due \(due)")
        }
    }

    struct Implement: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Implement an action, with evidence (its owner).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The CAPA ID.") var id: String
        @Argument(help: "The action number (from 1).") var number: Int
        @Option(help: "What shows it was done.") var evidence: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let capa = try records.implementCAPA(id, action: number, evidence: evidence, reason: reason.reason, by: try user.session(records))
            print("Implemented action \(number) of \(capa.id); it is \(capa.status.rawValue)")
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check effectiveness (qa, not an implementer, after the waiting period).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The CAPA ID.") var id: String
        @Flag(help: "The actions were effective.") var effective = false
        @Flag(name: .customLong("not-effective"), help: "They were not: the CAPA is open again for further actions.") var notEffective = false
        @OptionGroup var reason: ReasonOption

        func validate() throws {
            if effective == notEffective { throw ValidationError("say --effective or --not-effective, one of them") }
        }

        func run() throws {
            let records = try repo.open()
            let capa = try records.verifyCAPA(id, effective: effective, reason: reason.reason, by: try user.session(records))
            print(effective ? "Verified \(capa.id) effective; qa may close it" : "Verified \(capa.id) not effective; it is open for further actions")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a CAPA verified effective (qa).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The CAPA ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let capa = try records.closeCAPA(id, reason: reason.reason, by: try user.session(records))
            print("Closed \(capa.id)")
        }
    }
}
