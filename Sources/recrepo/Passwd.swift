import ArgumentParser
import Documents

extension RecRepo {
    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change your password (old: $RECREPO_PASSWORD, new: $RECREPO_NEW_PASSWORD).",
            discussion: "A new signing key is sealed under the new password; the old key stops being valid.")

        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions

        func run() throws {
            let records = try repo.open()
            let id = try user.userID()
            let old = try Terminal.password(prompt: "Current password for \(id): ")
            let session = try records.authenticate(id, password: old)
            guard let new = try Terminal.newPassword(optional: false) else { return }
            try records.changePassword(session, to: new, oldPassword: old)
            print("Password changed for \(id); a new signing key replaces the old one.")
        }
    }
}
