import ArgumentParser
import Documents
import RecordRepo

extension RecRepo {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a repository with its policy, system key and first administrator.",
            discussion: "The administrator's password comes from $RECREPO_NEW_PASSWORD, else it is asked twice.")

        @OptionGroup var repo: RepoOptions
        @Option(help: "The first administrator's user ID.") var admin: String
        @Option(help: "The administrator's full printed name.") var name: String
        @Option(help: ArgumentHelp(
            "scrypt cost as log2(N), 10 to 20 (default 17, about 0.2 s per unlock); recorded in the signed policy.",
            visibility: .hidden))
        var kdfCost: Int = KDFParameters.standard.logN

        func run() throws {
            guard let password = try Terminal.newPassword(optional: false) else { return }
            let records = try Records.initialize(at: repo.path, admin: admin, name: name, password: password,
                                                 kdf: KDFParameters(logN: kdfCost), checklist: RecordChecks.checklist,
                                                 terminal: Terminal.place)
            let head = try records.ledger.head()
            print("Created repository \(repo.path)")
            print("First act \(head?.short ?? "?"): \(name) <\(admin)> is the administrator; the system key signs security events only.")
            print(admin)
        }
    }
}
