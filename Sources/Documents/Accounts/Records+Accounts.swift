import Foundation
import RecordRepo

/// A new, reset or issued credential: the part of the one-time password shown to the person who
/// asked (shown once, never stored in history).
public struct IssuedCredential: Sendable {
    public let account: Account
    public let oneTimePassword: String
    /// True when `oneTimePassword` is the whole one-time password; false when it is one half
    /// (the administrator's first half, or the custodian's second).
    public let isWhole: Bool
}

extension Records {
    /// Creates an account. With a `custodian`, `password` (or a generated one) is the first half
    /// of the one-time password and the account can sign nothing until the custodian issues the
    /// second half (`issueCredential`); without one (allowed only while no other active admin or
    /// qa account exists) it is the whole one-time password. Either way the person must
    /// acknowledge their signature and change the password before signing anything else.
    public func addUser(_ id: String, name: String, roles: [Role], department: String?, identity: Account.Identity?,
                        custodian: String?, password: String?, reason: String,
                        by session: Session) throws(DocumentsError) -> IssuedCredential {
        let userID = try UserID(id).value
        if let custodian { _ = try UserID(custodian) }
        let name = try Self.validName(name, record: userID)
        guard try account(userID) == nil else { throw .alreadyExists(record: "user \(userID)") }
        return try withCredential(userID, custodian: custodian, password: password) { key throws(DocumentsError) in
            let request = AccountKind.Request(id: userID, name: name, roles: roles, department: department, identity: identity,
                                              custodian: custodian, key: key)
            return try perform(AccountKind.create, of: AccountKind.declaration, id: userID, input: request, reason: reason, by: session)
        }
    }

    /// Disables an account for good (never one's own): its keys are closed now.
    public func disableUser(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> Account {
        let userID = try UserID(id).value
        let account = try perform(AccountKind.disable, of: AccountKind.declaration, id: userID, input: (), reason: reason, by: session)
        keystore.destroyHalf(user: userID)
        return account
    }

    /// Replaces a lost, forgotten or locked credential (never one's own): the old key is closed
    /// and a new one-time password starts, split with a custodian as for a new account.
    public func resetUser(_ id: String, custodian: String?, password: String?, reason: String,
                          by session: Session) throws(DocumentsError) -> IssuedCredential {
        let userID = try UserID(id).value
        if let custodian { _ = try UserID(custodian) }
        let issued = try withCredential(userID, custodian: custodian, password: password) { key throws(DocumentsError) in
            try perform(AccountKind.reset, of: AccountKind.declaration, id: userID,
                        input: AccountKind.Credential(custodian: custodian, key: key), reason: reason, by: session)
        }
        do { try keystore.updateFailures(user: userID) { _ in 0 } } catch { throw .keystore(error) }
        return issued
    }

    /// The custodian's half: the key sealed under the administrator's half followed by this one
    /// is granted, and the held half destroyed.
    public func issueCredential(_ id: String, password: String?, reason: String,
                                by session: Session) throws(DocumentsError) -> IssuedCredential {
        let userID = try UserID(id).value
        let held: String?
        do { held = try keystore.heldHalf(user: userID) } catch { throw .keystore(error) }
        guard let first = held else {
            throw .notFound(record: "the administrator's half of \(userID)'s one-time password (reset the account to start again)")
        }
        let second = password ?? Self.generatePassword()
        let policy = try policy()
        let problems = policy.problems(withPassword: first + second, user: userID)
        guard problems.isEmpty else { throw .weakPassword(reason: problems.joined(separator: "; ")) }
        let key = try newKey(userID, password: first + second, kdf: policy.kdf)
        let account: Account
        do {
            account = try perform(AccountKind.issue, of: AccountKind.declaration, id: userID, input: key, reason: reason, by: session)
        } catch {
            keystore.discardKey(user: userID, keyID: key.id)
            throw error
        }
        keystore.destroyHalf(user: userID)
        return IssuedCredential(account: account, oneTimePassword: second, isWhole: false)
    }

    /// Changes one's own password. A new key is generated and sealed under the new password, and
    /// the act that records it is signed with the old key; from then on the old key is closed, so
    /// whoever knew a one-time password can no longer sign as this user.
    public func changePassword(_ session: Session, to newPassword: String, oldPassword: String,
                               reason: String = "Password changed by its owner") throws(DocumentsError) {
        let policy = try policy()
        guard let account = try account(session.account.id) else { throw .notFound(record: "user \(session.account.id)") }
        var problems = policy.problems(withPassword: newPassword, user: account.id)
        if newPassword == oldPassword { problems.append("it must differ from the current password") }
        if problems.isEmpty, usedBefore(newPassword, by: account, last: policy.history) {
            problems.append("it must not repeat any of the last \(policy.history) passwords")
        }
        guard problems.isEmpty else { throw .weakPassword(reason: problems.joined(separator: "; ")) }
        let key = try newKey(account.id, password: newPassword, kdf: policy.kdf)
        do {
            try perform(AccountKind.password, of: AccountKind.declaration, id: account.id, input: key, reason: reason, by: session)
        } catch {
            keystore.discardKey(user: account.id, keyID: key.id)
            throw error
        }
        if account.mustChangePassword, let old = account.currentKey { keystore.discardKey(user: account.id, keyID: old.id) }
    }

    /// The person's signed acknowledgement that their electronic signature binds them: the first
    /// act of every account, signed with their own key.
    @discardableResult
    public func acknowledge(by session: Session) throws(DocumentsError) -> Account {
        try perform(AccountKind.acknowledge, of: AccountKind.declaration, id: session.account.id, input: (),
                    reason: Account.acknowledgement, by: session)
    }

    /// Runs `write` with the key of a new credential: made now under the whole one-time password
    /// when there is no custodian, else none yet (the first half is held for the custodian).
    private func withCredential(_ userID: String, custodian: String?, password: String?,
                                _ write: (PublicKeyInfo?) throws(DocumentsError) -> Account) throws(DocumentsError) -> IssuedCredential {
        let policy = try policy()
        let oneTime = password ?? Self.generatePassword()
        if custodian != nil {
            guard oneTime.count >= 6 else { throw .weakPassword(reason: "each half of a one-time password has at least 6 characters") }
            do { try keystore.holdHalf(oneTime, user: userID) } catch { throw .keystore(error) }
            do { return IssuedCredential(account: try write(nil), oneTimePassword: oneTime, isWhole: false) } catch {
                keystore.destroyHalf(user: userID)
                throw error
            }
        }
        let problems = policy.problems(withPassword: oneTime, user: userID)
        guard problems.isEmpty else { throw .weakPassword(reason: problems.joined(separator: "; ")) }
        let key = try newKey(userID, password: oneTime, kdf: policy.kdf)
        do {
            let account = try write(key)
            keystore.destroyHalf(user: userID)
            return IssuedCredential(account: account, oneTimePassword: oneTime, isWhole: true)
        } catch {
            keystore.discardKey(user: userID, keyID: key.id)
            throw error
        }
    }

    private func newKey(_ user: String, password: String, kdf: KDFParameters) throws(DocumentsError) -> PublicKeyInfo {
        do { return try keystore.generateKey(user: user, password: password, kdf: kdf) } catch { throw .keystore(error) }
    }

    /// Whether `password` opens one of the account's last `count` keys that the person chose
    /// (no password is stored: the sealed keys themselves are the history).
    private func usedBefore(_ password: String, by account: Account, last count: Int) -> Bool {
        guard count > 0 else { return false }
        for grant in account.keys.suffix(count + 1).reversed() {
            if (try? keystore.unlock(user: account.id, keyID: grant.id, password: password, name: account.name)) != nil { return true }
        }
        return false
    }

    /// Sixteen characters from an alphabet without look-alikes (about 90 bits).
    static func generatePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let body = (0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }
        return String(body)
    }
}
