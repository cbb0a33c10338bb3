import ArgumentParser
import Documents
import Foundation

extension RecRepo {
    struct TrainCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "train",
            abstract: "Training on SOP revisions (§11.10(i)): recorded by the trainer, acknowledged by the trainee.",
            subcommands: [Record.self, AcknowledgeTraining.self, Due.self, Matrix.self])
    }
}

/// `text`, `csv` or `html`.
enum MatrixFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, html
}

extension RecRepo.TrainCommand {
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a person was trained on an SOP revision (supervisor or qa, never one's own); prints the ID last.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The trainee's user ID.") var trainee: String
        @Argument(help: "The SOP ID.") var sop: String
        @Option(help: "The SOP revision the training was on (approved or effective).") var revision: Int
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let training = try records.recordTraining(user: trainee, sop: sop, revision: revision, reason: reason.reason,
                                                      by: try user.session(records))
            print("Recorded \(training.id): \(training.user) trained on \(training.sop) revision \(training.sopRevision) by \(training.trainer); "
                + "complete once \(training.user) acknowledges it ('recrepo train acknowledge \(training.id)')")
            print(training.id)
        }
    }

    struct AcknowledgeTraining: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "acknowledge", abstract: "Acknowledge one's own training (the trainee only): it is then complete.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The training record's ID (TRN-000001).") var id: String
        @Option(help: "Why (recorded in the signature's Reason trailer); by default that one was trained and will follow it.")
        var reason: String?

        func run() throws {
            let records = try repo.open()
            let training = try records.acknowledgeTraining(id, reason: reason, by: try user.session(records))
            print("Acknowledged \(training.id): \(training.user) is trained on \(training.sop) revision \(training.sopRevision)")
        }
    }

    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who must be trained on the effective revision of an SOP and is not yet.",
            discussion: """
                Everyone whose role may execute jobs (wo.execute: technicians by the standard policy) must be trained on \
                the effective revision of every SOP, and so must anyone ever trained on an earlier revision of it. Only \
                complete (acknowledged) training on exactly the effective revision counts.
                """)
        @OptionGroup var repo: RepoOptions
        @Option(help: "Only this person.") var user: String?
        @Option(help: "Only this SOP.") var sop: String?
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let due = try repo.open().trainingDue(user: user, sop: sop)
            switch format {
            case .json: try printJSON(due)
            case .text:
                guard !due.isEmpty else { print("No training is due."); return }
                print(Table(title: "Training due", header: ["user", "sop", "revision", "effective", "trained on", "status", "title"],
                            rows: due.map { item in
                                [item.user, item.sop, String(item.revision), item.effectiveDate ?? "",
                                 item.trainedRevision.map { "revision \($0)" } ?? "never",
                                 item.awaitingAcknowledgement.map { "awaiting acknowledgement of \($0)" } ?? "to train", item.title]
                            }).text, terminator: "")
            }
        }
    }

    struct Matrix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "People × SOPs: the revision each person is trained on, and whether it is the effective one.")
        @OptionGroup var repo: RepoOptions
        @Option(help: "text, csv or html (one self-contained page).") var format: MatrixFormat = .text

        func run() throws {
            let table = Self.table(try repo.open().trainingMatrix())
            switch format {
            case .text: print(table.text, terminator: "")
            case .csv: print(table.csv, terminator: "")
            case .html: print(table.html, terminator: "")
            }
        }

        /// One row per person, one column per SOP: `r2` (the effective revision), `r1 (r2 due)`,
        /// `due r2` (never trained, must be), `r2 awaiting TRN-…`, or empty (not required).
        static func table(_ standing: TrainingStanding) -> Table {
            let header = ["user"] + standing.sops.map { sop in standing.effective[sop.id].map { "\(sop.id) r\($0)" } ?? sop.id }
            let rows = standing.people.map { user in
                [user] + standing.sops.map { sop -> String in
                    guard let cell = standing.cells[user]?[sop.id] else { return "" }
                    let effective = standing.effective[sop.id]
                    if cell.current, let effective { return "r\(effective) effective" }
                    if let awaiting = cell.awaiting, let effective { return "r\(effective) awaiting \(awaiting)" }
                    switch (cell.trained, effective) {
                    case (let trained?, let effective?): return "r\(trained) (r\(effective) due)"
                    case (let trained?, nil): return "r\(trained)"
                    case (nil, let effective?): return cell.required ? "due r\(effective)" : ""
                    case (nil, nil): return ""
                    }
                }
            }
            return Table(title: "Training matrix", header: header, rows: rows)
        }
    }
}
