import ArgumentParser
import Documents
import Foundation
import RecordRepo
import SOPRender
import WebApp

/// `--repo PATH`, else `$RECREPO_REPO`, else `./records`.
struct RepoOptions: ParsableArguments {
    @Option(name: .long, help: "The repository (default: $RECREPO_REPO, else ./records).")
    var repo: String?

    var path: String { repo ?? ProcessInfo.processInfo.environment["RECREPO_REPO"] ?? "records" }

    func open() throws -> Records {
        let records = try Records.open(at: path, checklist: RecordChecks.checklist)
        records.terminal = Terminal.place
        for lock in records.ledger.lockFiles() {
            Terminal.warn("\(lock) exists: a write is under way or was interrupted; the next write removes it if it is stale")
        }
        return records
    }
}

/// `--user ID`, else `$RECREPO_USER`; the password comes from `$RECREPO_PASSWORD` or the terminal.
struct UserOptions: ParsableArguments {
    @Option(name: .long, help: "The acting user (default: $RECREPO_USER).")
    var user: String?

    func userID() throws -> String {
        guard let id = user ?? ProcessInfo.processInfo.environment["RECREPO_USER"], !id.isEmpty else {
            throw CLIError.usage("say who is acting: --user ID or RECREPO_USER")
        }
        return id
    }

    /// Authenticates with ID and password; every signing asks for both (§11.200(a)(1)).
    func session(_ records: Records) throws -> Session {
        let id = try userID()
        guard records.keystore.hasSystemKey else {
            throw CLIError.refused("this repository has no keystore (it was restored from a backup made without --with-keystore), so it is read-only: nobody can sign here. Restore from a backup made with 'recrepo backup --with-keystore' to sign")
        }
        let password = try Terminal.password(prompt: "Password for \(id): ")
        let session = try records.authenticate(id, password: password)
        for lock in records.ledger.recoveredLocks { Terminal.warn("removed \(lock) left by an interrupted write") }
        return session
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--reason TEXT`, required on every act that creates or changes a record.
struct ReasonOption: ParsableArguments {
    @Option(name: .long, help: "Why (recorded in the signature's Reason trailer).")
    var reason: String
}

/// How this binary reads an SOP's checklist, for jobs and for verification alike.
enum RecordChecks {
    static let checklist = JobChecklist.reader
    static var replay: RecordsReplay { RecordsReplay(checklist: checklist) }
}
