import Foundation
import RecordRepo

/// A person authenticated by user ID and password: the unlocked signer and their account as read.
public struct Session: Sendable {
    public let signer: Signer
    public let account: Account
    /// Why the password must be changed before anything else may be signed, if it must.
    public let passwordChangeReason: String?
    /// Whether the person has signed their acknowledgement (the system needs none).
    public let acknowledged: Bool

    /// Refuses every signing before the acknowledgement, and every signing but a password change
    /// while the password is one-time or expired.
    public func requireSigningAllowed() throws(DocumentsError) {
        guard acknowledged else { throw AccountKind.acknowledgementMissing(account.id) }
        if let passwordChangeReason {
            throw .passwordChangeRequired(user: account.id, why: passwordChangeReason)
        }
    }

    public func require(_ role: Role, to action: String) throws(DocumentsError) {
        try requireSigningAllowed()
        guard account.has(role) else {
            throw .notPermitted(user: account.id, action: action, reason: "it needs the \(role.rawValue) role")
        }
    }
}

extension Records {
    /// Proves identity by opening the user's sealed key with the password (§11.200(a)).
    ///
    /// A wrong password counts toward lockout; the threshold-th consecutive failure locks the
    /// account with a signed security event by the system key, after which even the right password
    /// is refused until an admin resets the account (§11.300(d)).
    public func authenticate(_ user: String, password: String) throws(DocumentsError) -> Session {
        let id = try UserID(user).value
        guard let account = try account(id) else {
            raiseAlert(.unknownUser, user: id, message: "a sign-in as \(id), which has no account")
            throw .notFound(record: "user \(id)")
        }
        switch account.status {
        case .disabled: throw .accountDisabled(user: id)
        case .locked: throw .accountLocked(user: id)
        case .active: break
        }
        let policy = try policy()
        guard let grant = account.currentKey else {
            if let custodian = account.custodian {
                throw .notPermitted(user: id, action: "sign in", reason: "the one-time password is not complete: \(custodian) must issue its second half ('recrepo user issue \(id)')")
            }
            throw .accountDisabled(user: id)
        }
        let signer: Signer
        do throws(KeystoreError) {
            signer = try keystore.unlock(user: id, keyID: grant.id, password: password, name: account.name)
        } catch .wrongPassword {
            let failures: Int
            do { failures = try keystore.updateFailures(user: id) { $0 + 1 } } catch { throw .keystore(error) }
            raiseAlert(.failedSignIn, user: id, message: "wrong password for \(id), failed attempt \(failures) of \(policy.lockoutThreshold)")
            if failures >= policy.lockoutThreshold {
                try lock(account, attempts: failures)
                raiseAlert(.lockout, user: id, message: "\(id) locked after \(failures) consecutive failed password attempts")
                throw .lockedOut(user: id, attempts: failures)
            }
            throw .wrongPassword(user: id, remaining: policy.lockoutThreshold - failures)
        } catch {
            throw .keystore(error)
        }
        // A sealed file renamed to the current key's ID opens, but holds a key the account no longer
        // holds: whatever it signed would fail verify for good, so it signs nothing.
        guard signer.publicKey == grant.publicKey else {
            throw .keystore(.corrupt(user: id, detail: "the sealed key \(grant.id) is not the key the account holds (a file was replaced); an admin must reset the account"))
        }
        // The right password clears the count, in the same locked update that reads it, unless the
        // count has reached the threshold: a lock that could not be written (a full disk) is not
        // forgotten, the right password is refused too, and the lock is recorded now.
        var counted = 0
        do {
            try keystore.updateFailures(user: id) { count in
                counted = count
                return count >= policy.lockoutThreshold ? count : 0
            }
        } catch { throw .keystore(error) }
        if counted >= policy.lockoutThreshold {
            try lock(account, attempts: counted)
            raiseAlert(.lockout, user: id, message: "\(id) locked after \(counted) consecutive failed password attempts")
            throw .lockedOut(user: id, attempts: counted)
        }
        var reason: String?
        if account.mustChangePassword {
            reason = "the password is a one-time password"
        } else if let set = Timestamp.parse(account.passwordSetAt),
                  now.timeIntervalSince(set) > Double(policy.passwordMaxAgeDays) * 86_400 {
            reason = "the password is older than \(policy.passwordMaxAgeDays) days"
        }
        return Session(signer: signer, account: account, passwordChangeReason: reason, acknowledged: account.acknowledgedAt != nil)
    }

    /// Records the lockout as a security event signed by the system key.
    private func lock(_ account: Account, attempts: Int) throws(DocumentsError) {
        guard let current = try self.account(account.id), current.status == .active else { return }
        let session = try systemSession()
        try perform(AccountKind.lock, of: AccountKind.declaration, id: account.id, input: (),
                    reason: "Locked after \(attempts) consecutive failed password attempts", by: session)
    }

    func systemSigner() throws(DocumentsError) -> Signer {
        do { return try keystore.systemSigner() } catch { throw .keystore(error) }
    }
}
