import Foundation
import RecordRepo

extension Records {
    /// Why `session` may not sign on `head`, or nil when it may: its account there is active and
    /// still holds the key the person unlocked, and the failed sign-ins counted for it have not
    /// reached the lockout threshold (a lock that could not be written yet still stops the act).
    ///
    /// Runs under the write lock, so a disable, a reset or a lockout that lands between sign-in
    /// and signing is seen: a session is proof of a password, not a lasting authority.
    func authorityProblem(of session: Session, at head: ObjectID?) -> DocumentsError? {
        let id = session.account.id
        let account: Account?
        let policy: Policy
        do {
            account = try self.account(id, at: head)
            policy = try self.policy(at: head)
        } catch { return error }
        guard let account else { return .notFound(record: "user \(id)") }
        switch account.status {
        case .disabled: return .accountDisabled(user: id)
        case .locked: return .accountLocked(user: id)
        case .active: break
        }
        guard account.currentKey?.publicKey == session.signer.publicKey else {
            return .notPermitted(user: id, action: "sign", reason: "the key unlocked at sign-in is no longer the account's key (the credential was reset or changed meanwhile); sign in again")
        }
        guard id != Signer.systemPrincipal else { return nil }
        let failures: Int
        do { failures = try keystore.failures(user: id) } catch { return .keystore(error) }
        return failures >= policy.lockoutThreshold ? .accountLocked(user: id) : nil
    }
}
