import ArgumentParser
import Documents

extension RecRepo {
    struct Acknowledge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign, with your own key, that your electronic signature binds you: your account's first act.",
            discussion: "Nothing else can be signed by an account before it. The text signed is shown below and in the act's Reason.")

        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions

        func run() throws {
            let records = try repo.open()
            let session = try user.session(records)
            print(Account.acknowledgement)
            let account = try records.acknowledge(by: session)
            print("Signed by \(account.name) (\(account.id)) at \(account.acknowledgedAt ?? "")")
            if account.mustChangePassword { print("Next: change the one-time password with 'recrepo passwd'.") }
        }
    }
}
