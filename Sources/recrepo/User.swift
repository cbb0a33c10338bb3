import ArgumentParser
import Documents
import Foundation
import RecordRepo

extension RecRepo {
    struct User: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage accounts (admins only; every change is a signed act).",
            subcommands: [Add.self, Issue.self, Disable.self, Reset.self, List.self])
    }
}

extension RecRepo.User {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account with a one-time password (split with a custodian).",
            discussion: """
                The administrator gets the first half of the one-time password ($RECREPO_NEW_PASSWORD if set, else \
                generated and printed once); the custodian (another active admin or qa) gets the second half with \
                'recrepo user issue'. The person's one-time password is the first half followed by the second. While no \
                such custodian exists (a new repository), --custodian is left out and the administrator gets the whole \
                one-time password; the act says so.
                """)

        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The new user ID (never reused).") var id: String
        @Option(help: "Full printed name.") var name: String
        @Option(help: "A role: admin, qa, document-control, supervisor, technician, auditor.") var role: [String] = []
        @Option(help: "Department.") var department: String?
        @Option(help: "How the person's identity was checked: 'METHOD: REFERENCE', e.g. 'passport: P1234567'.")
        var identity: String
        @Option(help: "The admin or qa who issues the second half of the one-time password.") var custodian: String?
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let roles = try role.map { try Role.parse($0) }
            let checked = try Account.Identity(parsing: identity, record: id)
            let records = try repo.open()
            let session = try user.session(records)
            let issued = try records.addUser(
                id, name: name, roles: roles, department: department, identity: checked, custodian: custodian,
                password: try Terminal.newPassword(optional: true), reason: reason.reason, by: session)
            report(issued, generated: ProcessInfo.processInfo.environment["RECREPO_NEW_PASSWORD"] == nil)
            print(issued.account.id)
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account for good.")

        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The user ID to disable.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let session = try user.session(records)
            let account = try records.disableUser(id, reason: reason.reason, by: session)
            print("Disabled \(account.id); its keys stop being valid now.")
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a new key and one-time password; the old key stops being valid.")

        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The user ID to reset.") var id: String
        @Option(help: "The admin or qa who issues the second half of the one-time password.") var custodian: String?
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let session = try user.session(records)
            let issued = try records.resetUser(id, custodian: custodian, password: try Terminal.newPassword(optional: true),
                                               reason: reason.reason, by: session)
            report(issued, generated: ProcessInfo.processInfo.environment["RECREPO_NEW_PASSWORD"] == nil)
            print(issued.account.id)
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The custodian's half of a new or reset account's one-time password.",
            discussion: "The half is $RECREPO_NEW_PASSWORD if set, else generated and printed once.")

        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The user ID whose credential you hold.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let session = try user.session(records)
            let issued = try records.issueCredential(id, password: try Terminal.newPassword(optional: true),
                                                     reason: reason.reason, by: session)
            report(issued, generated: ProcessInfo.processInfo.environment["RECREPO_NEW_PASSWORD"] == nil)
            print(issued.account.id)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")

        @OptionGroup var repo: RepoOptions
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let accounts = try repo.open().accounts()
            switch format {
            case .json:
                try printJSON(accounts)
            case .text:
                for account in accounts {
                    let roles = account.roles.map(\.rawValue).joined(separator: ",")
                    print([account.id, account.status.rawValue, roles.isEmpty ? "-" : roles,
                           account.department ?? "-", account.name].joined(separator: "\t"))
                }
            }
        }
    }
}

private func report(_ issued: IssuedCredential, generated: Bool) {
    let account = issued.account
    print("Account \(account.id) (\(account.name)) roles: \(account.roles.map(\.rawValue).joined(separator: ", "))")
    let what: String
    if issued.isWhole {
        what = "One-time password"
    } else if let custodian = account.custodian, account.currentKey == nil {
        what = "First half of the one-time password (\(custodian) issues the second half with 'recrepo user issue \(account.id)')"
    } else {
        what = "Second half of the one-time password (the person types the administrator's half, then this one)"
    }
    let then = "the person signs 'recrepo acknowledge', then changes it with 'recrepo passwd' before signing anything else."
    if generated {
        print("\(what), shown once: \(issued.oneTimePassword)")
    } else {
        print("\(what) taken from RECREPO_NEW_PASSWORD.")
    }
    print("Then \(then)")
}

func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
