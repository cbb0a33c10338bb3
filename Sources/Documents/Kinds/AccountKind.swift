import Foundation
import RecordRepo

/// The account's events: who may create, disable, reset and issue credentials, and what a person
/// may sign on their own account. Keys are made by the keystore before the act; the events only
/// grant or close their public halves, so replay needs no secret.
public enum AccountKind {
    /// A new account as an administrator asks for it.
    public struct Request: Sendable, Equatable {
        public var id: String
        public var name: String
        public var roles: [Role]
        public var department: String?
        public var identity: Account.Identity?
        /// Who will issue the second half of the one-time password; nil: the key is granted now.
        public var custodian: String?
        /// The key sealed under the whole one-time password, when it is issued at once.
        public var key: PublicKeyInfo?
    }

    /// A new credential: who holds its second half, or the key granted at once.
    public struct Credential: Sendable, Equatable {
        public var custodian: String?
        public var key: PublicKeyInfo?
    }

    public static let create = RecordEvent<Account, Request>(
        "create", meaning: .administration, permission: .accountManage, action: "create accounts", creates: true,
        summary: { id, request, _ in "Create account \(id)" + (request.custodian == nil ? " (no custodian: none eligible yet)" : "") },
        input: { _, written, _ in
            Request(id: written.id, name: written.name, roles: written.roles, department: written.department,
                    identity: written.identity, custodian: written.custodian, key: written.currentKey.map(publicKey))
        },
        check: { _, request, context, signing throws(DocumentsError) in
            try notOwn(request.id, signing, "create")
            _ = try Records.validName(request.name, record: request.id)
            if let department = request.department, let problem = TextRules.problem(with: department, maxLength: 100) {
                throw .invalidField(record: request.id, field: "department", reason: problem)
            }
            guard !request.roles.isEmpty else { throw .invalidField(record: request.id, field: "roles", reason: "give at least one --role") }
            guard request.identity != nil else {
                throw .invalidField(record: request.id, field: "identity",
                                    reason: "say how the person's identity was checked: --identity 'METHOD: REFERENCE'")
            }
            try checkCredential(Credential(custodian: request.custodian, key: request.key), for: request.id, context, signing)
        },
        apply: { _, request, signing in
            Account(id: request.id, name: request.name, roles: Array(Set(request.roles)).sorted(), department: request.department,
                    status: .active, keys: request.key.map { [$0.granted(at: signing.time)] } ?? [], mustChangePassword: true,
                    passwordSetAt: signing.time, identityVerifiedBy: signing.user, signatureAcknowledgement: Account.acknowledgement,
                    createdAt: signing.time, revision: 1, identity: request.identity, custodian: request.custodian)
        })

    public static let disable = RecordEvent<Account, Void>(
        "disable", meaning: .administration, permission: .accountManage, action: "disable accounts",
        summary: { id, _, _ in "Disable account \(id)" },
        input: { _, _, _ in () },
        check: { before, _, _, signing throws(DocumentsError) in try notOwn(before?.id ?? "", signing, "disable") },
        apply: { before, _, signing throws(DocumentsError) in
            var account = try existing(before)
            guard account.status != .disabled else {
                throw .invalidField(record: "user \(account.id)", field: "status", reason: "the account is already disabled")
            }
            account.status = .disabled
            account.closeKeys(at: signing.time)
            account.revision += 1
            return account
        })

    /// Closes the account's keys and starts a new one-time password: granted at once, or
    /// waiting for the custodian's half.
    public static let reset = RecordEvent<Account, Credential>(
        "reset", meaning: .administration, permission: .accountManage, action: "reset accounts",
        summary: { id, credential, _ in "Reset credentials of account \(id)" + (credential.custodian == nil ? " (no custodian: none eligible yet)" : "") },
        input: { _, written, _ in Credential(custodian: written.custodian, key: written.currentKey.map(publicKey)) },
        check: { before, credential, context, signing throws(DocumentsError) in
            let account = try existing(before)
            try notOwn(account.id, signing, "reset")
            guard account.status != .disabled else { throw .accountDisabled(user: account.id) }
            try checkCredential(credential, for: account.id, context, signing)
        },
        apply: { before, credential, signing throws(DocumentsError) in
            var account = try existing(before)
            account.status = .active
            account.mustChangePassword = true
            account.custodian = credential.custodian
            account.closeKeys(at: signing.time)
            if let key = credential.key {
                account.keys.append(key.granted(at: signing.time))
                account.passwordSetAt = signing.time
            }
            account.revision += 1
            return account
        })

    /// The custodian's half: the key sealed under both halves is granted.
    public static let issue = RecordEvent<Account, PublicKeyInfo>(
        "issue", meaning: .administration, permission: nil, action: "issue credentials",
        summary: { id, _, _ in "Issue the one-time password of account \(id)" },
        input: { _, written, _ in written.currentKey.map(publicKey) },
        check: { before, _, _, signing throws(DocumentsError) in
            let account = try existing(before)
            guard let custodian = account.custodian, account.currentKey == nil, account.status == .active else {
                throw .invalidTransition(record: "user \(account.id)", from: account.status.rawValue, event: "issue",
                                         reason: "no credential of this account waits for a custodian")
            }
            guard custodian == signing.user else {
                throw .notPermitted(user: signing.user, action: "issue the credential of \(account.id)",
                                    reason: "\(custodian) is its custodian")
            }
        },
        apply: { before, key, signing throws(DocumentsError) in
            var account = try existing(before)
            account.keys.append(key.granted(at: signing.time))
            account.passwordSetAt = signing.time
            account.revision += 1
            return account
        })

    /// One's own new password: a new key replaces the old, which is closed.
    public static let password = RecordEvent<Account, PublicKeyInfo>(
        "password", meaning: .securityEvent, permission: nil, action: "change passwords", duringPasswordChange: true,
        summary: { id, _, _ in "Change password of \(id)" },
        input: { _, written, _ in written.currentKey.map(publicKey) },
        check: { before, _, _, signing throws(DocumentsError) in
            let account = try existing(before)
            try own(account, signing, "change the password of")
            guard account.acknowledgedAt != nil else { throw acknowledgementMissing(account.id) }
        },
        apply: { before, key, signing throws(DocumentsError) in
            var account = try existing(before)
            account.mustChangePassword = false
            account.replaceKey(with: key, at: signing.time)
            account.revision += 1
            return account
        })

    /// The person signs, with their own key, that their electronic signature binds them: their first act.
    public static let acknowledge = RecordEvent<Account, Void>(
        "acknowledge", meaning: .acknowledgement, permission: nil, action: "acknowledge", duringPasswordChange: true,
        summary: { id, _, _ in "Acknowledge the electronic signature of \(id)" },
        input: { _, _, _ in () },
        check: { before, _, _, signing throws(DocumentsError) in
            let account = try existing(before)
            try own(account, signing, "acknowledge for")
            guard account.acknowledgedAt == nil else {
                throw .invalidTransition(record: "user \(account.id)", from: "acknowledged", event: "acknowledge",
                                         reason: "the acknowledgement was signed at \(account.acknowledgedAt ?? "")")
            }
        },
        apply: { before, _, signing throws(DocumentsError) in
            var account = try existing(before)
            account.signatureAcknowledgement = Account.acknowledgement
            account.acknowledgedAt = signing.time
            account.revision += 1
            return account
        })

    /// The system locks an account after too many wrong passwords.
    public static let lock = RecordEvent<Account, Void>(
        "lock", meaning: .securityEvent, permission: nil, action: "lock accounts",
        summary: { id, _, _ in "Lock account \(id)" },
        input: { _, _, _ in () },
        check: { _, _, _, signing throws(DocumentsError) in
            guard signing.user == Signer.systemPrincipal else {
                throw .notPermitted(user: signing.user, action: "lock accounts", reason: "only the system locks accounts")
            }
        },
        apply: { before, _, _ throws(DocumentsError) in
            var account = try existing(before)
            guard account.status == .active else {
                throw .invalidTransition(record: "user \(account.id)", from: account.status.rawValue, event: "lock",
                                         reason: "only an active account can be locked")
            }
            account.status = .locked
            account.revision += 1
            return account
        })

    public static let declaration = KindDeclaration<Account>(
        kind: .account,
        events: [create.replayable, disable.replayable, reset.replayable, issue.replayable, password.replayable,
                 acknowledge.replayable, lock.replayable],
        revision: \.revision,
        labels: ["keys[].validAfter": "key {n} valid from", "keys[].validBefore": "key {n} valid until", "keys[].id": "key {n}",
                 "keys[].publicKey": "key {n} public key", "identityVerifiedBy": "identity verified by",
                 "signatureAcknowledgement": "acknowledgement text", "custodian": "custodian of the one-time password"])

    /// Dual control of credentials: the custodian is an active admin or qa other than the
    /// administrator and the person; without one the key is granted at once, which is only
    /// allowed while no such account exists.
    static func checkCredential(_ credential: Credential, for id: String, _ context: any RecordContext,
                                _ signing: Signing) throws(DocumentsError) {
        let eligible = context.accountIDs().filter { other in
            guard other != signing.user, other != id, let account = context.account(other) else { return false }
            return account.status == .active && (account.has(.admin) || account.has(.qa))
        }
        if let custodian = credential.custodian {
            guard credential.key == nil else {
                throw .invalidField(record: id, field: "custodian", reason: "a credential with a custodian is granted when it is issued")
            }
            guard eligible.contains(custodian) else {
                throw .invalidField(record: id, field: "custodian",
                                    reason: "\(custodian) is not an active admin or qa account other than you and \(id)"
                                        + (eligible.isEmpty ? "" : "; choose one of \(eligible.sorted().joined(separator: ", "))"))
            }
        } else {
            guard credential.key != nil, eligible.isEmpty else {
                throw .invalidField(record: id, field: "custodian",
                                    reason: "name a --custodian who issues the second half of the one-time password: "
                                        + eligible.sorted().joined(separator: ", "))
            }
        }
    }

    static func acknowledgementMissing(_ id: String) -> DocumentsError {
        .notPermitted(user: id, action: "sign before acknowledging",
                      reason: "the first act of an account is its acknowledgement: run 'recrepo acknowledge'")
    }

    private static func notOwn(_ id: String, _ signing: Signing, _ doing: String) throws(DocumentsError) {
        guard id != signing.user else {
            throw .notPermitted(user: id, action: "\(doing) their own account", reason: "another admin must do it (segregation of duties)")
        }
    }

    private static func own(_ account: Account, _ signing: Signing, _ doing: String) throws(DocumentsError) {
        guard account.id == signing.user else {
            throw .notPermitted(user: signing.user, action: "\(doing) \(account.id)", reason: "only \(account.id) may")
        }
    }

    private static func existing(_ account: Account?) throws(DocumentsError) -> Account {
        guard let account else { throw .notFound(record: "the account") }
        return account
    }

    private static func publicKey(_ grant: KeyGrant) -> PublicKeyInfo { PublicKeyInfo(id: grant.id, publicKey: grant.publicKey) }
}
