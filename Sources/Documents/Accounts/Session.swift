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
        let threshold = policy.lockoutThreshold
        // Every guess is counted before its key derivation starts, so however many arrive at once,
        // no more than the threshold are ever evaluated. A count already at the threshold refuses
        // even the right password: a lock that could not be written (a full disk) is not
        // forgotten, and it is recorded now.
        var before = 0
        let counted: Int
        do {
            counted = try keystore.updateFailures(user: id) { count in
                before = count
                return count >= threshold ? count : count + 1
            }
        } catch { throw .keystore(error) }
        if before >= threshold {
            try lock(account, attempts: before)
            throw .accountLocked(user: id)
        }
        let signer: Signer
        do throws(KeystoreError) {
            signer = try keystore.unlock(user: id, keyID: grant.id, password: password, name: account.name)
        } catch .wrongPassword {
            raiseAlert(.failedSignIn, user: id, message: "wrong password for \(id), failed attempt \(counted) of \(threshold)")
            if counted >= threshold {
                try lock(account, attempts: counted)
                throw .lockedOut(user: id, attempts: counted)
            }
            throw .wrongPassword(user: id, remaining: threshold - counted)
        } catch {
            throw .keystore(error)
        }
        // The right password clears this guess and the failures counted before it; guesses still
        // in flight keep theirs.
        do { try keystore.updateFailures(user: id) { max(0, $0 - 1 - before) } } catch { throw .keystore(error) }
        // A sealed file renamed to the current key's ID opens, but holds a key the account no longer
        // holds: whatever it signed would fail verify for good, so it signs nothing.
        guard signer.publicKey == grant.publicKey else {
            throw .keystore(.corrupt(user: id, detail: "the sealed key \(grant.id) is not the key the account holds (a file was replaced); an admin must reset the account"))
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

    /// Records the lockout as a security event signed by the system key, then raises its alert
    /// (raised even when the lock was recorded before: each refused attempt is seen).
    private func lock(_ account: Account, attempts: Int) throws(DocumentsError) {
        if let current = try self.account(account.id), current.status == .active {
            try perform(AccountKind.lock, of: AccountKind.declaration, id: account.id, input: (),
                        reason: "Locked after \(attempts) consecutive failed password attempts", by: try systemSession())
        }
        raiseAlert(.lockout, user: account.id, message: "\(account.id) locked after \(attempts) consecutive failed password attempts")
    }

    func systemSigner() throws(DocumentsError) -> Signer {
        do { return try keystore.systemSigner() } catch { throw .keystore(error) }
    }
}
