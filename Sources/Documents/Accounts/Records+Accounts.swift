import Foundation
import RecordRepo

/// A new or reset account and its one-time password (shown once, never stored).
public struct IssuedCredential: Sendable {
    public let account: Account
    public let oneTimePassword: String
}

extension Records {
    /// Creates an account (admin only). The password is `password` or a generated one; either way
    /// it is one-time: the user must change it before signing anything else.
    public func addUser(_ id: String, name: String, roles: [Role], department: String?, password: String?,
                        reason: String, by session: Session) throws(DocumentsError) -> IssuedCredential {
        try session.require(.admin, to: "create accounts")
        let basedOn = try head()
        let userID = try UserID(id).value
        let name = try Self.validName(name, record: userID)
        if let department, let problem = TextRules.problem(with: department, maxLength: 100) {
            throw .invalidField(record: userID, field: "department", reason: problem)
        }
        guard !roles.isEmpty else { throw .invalidField(record: userID, field: "roles", reason: "give at least one --role") }
        guard try account(userID) == nil else { throw .alreadyExists(record: "user \(userID)") }
        let policy = try policy()
        let oneTime = password ?? Self.generatePassword()
        if let problem = policy.problem(withPassword: oneTime, user: userID) { throw .weakPassword(reason: problem) }
        let key: PublicKeyInfo
        do { key = try keystore.generateKey(user: userID, password: oneTime, kdf: policy.kdf) }
        catch { throw .keystore(error) }
        let draft = Account(
            id: userID, name: name, roles: Array(Set(roles)).sorted(), department: department, status: .active,
            keys: [], mustChangePassword: true, passwordSetAt: "", identityVerifiedBy: session.account.id,
            signatureAcknowledgement: Account.acknowledgement, createdAt: "", revision: 1)
        let account = try writeAccount(draft, meaning: .administration, reason: reason,
                                       summary: "Create account \(userID)", by: session, basedOn: basedOn) { account, at in
            account.createdAt = at
            account.passwordSetAt = at
            account.keys = [key.granted(at: at)]
        }
        return IssuedCredential(account: account, oneTimePassword: oneTime)
    }

    /// Disables an account for good (admin only, never one's own): its keys are closed now.
    public func disableUser(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> Account {
        try session.require(.admin, to: "disable accounts")
        let basedOn = try head()
        var account = try existingAccount(id, managedBy: session)
        guard account.status != .disabled else {
            throw .invalidField(record: "user \(account.id)", field: "status", reason: "the account is already disabled")
        }
        account.status = .disabled
        account.revision += 1
        return try writeAccount(account, meaning: .administration, reason: reason,
                                summary: "Disable account \(account.id)", by: session, basedOn: basedOn) { account, at in
            account.closeKeys(at: at)
        }
    }

    /// Replaces a lost, forgotten or locked credential (admin only, never one's own): the old key
    /// is closed, a new key is sealed under a new one-time password, and the account is active.
    /// The old key is never revealed.
    public func resetUser(_ id: String, password: String?, reason: String,
                          by session: Session) throws(DocumentsError) -> IssuedCredential {
        try session.require(.admin, to: "reset accounts")
        let basedOn = try head()
        var account = try existingAccount(id, managedBy: session)
        guard account.status != .disabled else { throw .accountDisabled(user: account.id) }
        let policy = try policy()
        let oneTime = password ?? Self.generatePassword()
        if let problem = policy.problem(withPassword: oneTime, user: account.id) { throw .weakPassword(reason: problem) }
        let key: PublicKeyInfo
        do { key = try keystore.generateKey(user: account.id, password: oneTime, kdf: policy.kdf) }
        catch { throw .keystore(error) }
        account.status = .active
        account.mustChangePassword = true
        account.revision += 1
        account = try writeAccount(account, meaning: .administration, reason: reason,
                                   summary: "Reset credentials of account \(account.id)", by: session,
                                   basedOn: basedOn) { account, at in
            account.replaceKey(with: key, at: at)
        }
        do { try keystore.updateFailures(user: account.id) { _ in 0 } } catch { throw .keystore(error) }
        return IssuedCredential(account: account, oneTimePassword: oneTime)
    }

    /// Changes one's own password. A new key is generated and sealed under the new password, and
    /// the act that records it is signed with the old key; from then on the old key is closed, so
    /// whoever knew a one-time password (the admin who issued it) can no longer sign as this user.
    public func changePassword(_ session: Session, to newPassword: String, oldPassword: String,
                               reason: String = "Password changed by its owner") throws(DocumentsError) {
        let basedOn = try head()
        let policy = try policy()
        guard var account = try account(session.account.id) else { throw .notFound(record: "user \(session.account.id)") }
        if let problem = policy.problem(withPassword: newPassword, user: account.id) { throw .weakPassword(reason: problem) }
        guard newPassword != oldPassword else { throw .weakPassword(reason: "it must differ from the current password") }
        let key: PublicKeyInfo
        do { key = try keystore.generateKey(user: account.id, password: newPassword, kdf: policy.kdf) }
        catch { throw .keystore(error) }
        account.mustChangePassword = false
        account.revision += 1
        try writeAccount(account, meaning: .securityEvent, reason: reason,
                         summary: "Change password of \(account.id)", by: session, basedOn: basedOn,
                         allowPendingPasswordChange: true) { account, at in
            account.replaceKey(with: key, at: at)
        }
    }

    private func existingAccount(_ id: String, managedBy session: Session) throws(DocumentsError) -> Account {
        let userID = try UserID(id).value
        guard let account = try account(userID) else { throw .notFound(record: "user \(userID)") }
        guard userID != session.account.id else {
            throw .notPermitted(user: userID, action: "manage their own account",
                                reason: "another admin must do it (segregation of duties)")
        }
        return account
    }

    /// Signs the account record; `stamp` sets the times inside it to the act's signing time.
    @discardableResult
    private func writeAccount(_ account: Account, meaning: Meaning, reason: String, summary: String,
                              by session: Session, basedOn: ObjectID?, allowPendingPasswordChange: Bool = false,
                              stamp: @escaping @Sendable (inout Account, String) -> Void) throws(DocumentsError) -> Account {
        if !allowPendingPasswordChange { try session.requireSigningAllowed() }
        let act = Act(record: account.id, revision: account.revision, meaning: meaning, reason: reason,
                      summary: summary, paths: [try Account.path(account.id)],
                      guards: [try Account.path(session.account.id), Policy.path]) { time in
            var stamped = account
            stamp(&stamped, Timestamp.iso(time))
            return [try CanonicalJSON.encode(stamped)]
        }
        let appended = try sign(act, by: session.signer, basedOn: basedOn)
        var written = account
        stamp(&written, Timestamp.iso(appended.signedAt))
        return written
    }

    /// Sixteen characters from an alphabet without look-alikes (about 90 bits).
    static func generatePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let body = (0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }
        return String(body)
    }
}
