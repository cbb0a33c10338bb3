import Foundation
import RecordRepo

extension Records {
    /// Creates a repository whose first act, signed by the first admin, records the policy, the
    /// system account (whose key signs only security events) and the admin's own account.
    public static func initialize(at path: String, admin: String, name: String, password: String,
                                  kdf: KDFParameters = .standard,
                                  clock: LedgerClock = .system,
                                  checklist: @escaping @Sendable (String) -> [ChecklistItem],
                                  terminal: String? = nil) throws(DocumentsError) -> Records {
        let adminID = try UserID(admin).value
        let name = try validName(name, record: adminID)
        guard kdf.isAcceptable else {
            throw .invalidField(record: "policy", field: "kdf", reason: "scrypt log2(N) must be 10 to 20")
        }
        var policy = Policy.standard
        policy.kdf = kdf
        let problems = policy.problems(withPassword: password, user: adminID)
        guard problems.isEmpty else { throw .weakPassword(reason: problems.joined(separator: "; ")) }
        let ledger: Ledger
        do { ledger = try Ledger.create(at: path, clock: clock) } catch { throw .ledger(error) }
        let records = Records(ledger: ledger, checklist: checklist)
        records.terminal = terminal
        do {
            _ = try records.keystore.createSystemKey()
            let systemKey = try records.keystore.systemPublicKey()
            let adminKey = try records.keystore.generateKey(user: adminID, password: password, kdf: kdf)
            let signer = try records.keystore.unlock(user: adminID, keyID: adminKey.id, password: password, name: name)
            let act = Act(
                record: adminID, revision: 1, meaning: .administration,
                reason: "Repository initialised with the standard policy and its first administrator",
                summary: "Initialise recrepo with administrator \(adminID)",
                paths: [Policy.path, try Account.path(Signer.systemPrincipal), try Account.path(adminID)]
            ) { [policy] time in
                let at = Timestamp.iso(time)
                let system = Account(
                    id: Signer.systemPrincipal, name: "recrepo system", roles: [], department: nil, status: .active,
                    keys: [systemKey.granted(at: at)], mustChangePassword: false, passwordSetAt: at,
                    identityVerifiedBy: adminID, signatureAcknowledgement: "Signs automatic security events only.",
                    createdAt: at, revision: 1)
                let admin = Account(
                    id: adminID, name: name, roles: [.admin], department: nil, status: .active,
                    keys: [adminKey.granted(at: at)], mustChangePassword: false, passwordSetAt: at,
                    identityVerifiedBy: adminID, signatureAcknowledgement: Account.acknowledgement,
                    createdAt: at, revision: 1, acknowledgedAt: at)
                return [try Records.encode(policy, kind: .policy, record: "policy"),
                        try Records.encode(system, kind: .account, record: system.id),
                        try Records.encode(admin, kind: .account, record: adminID)]
            }
            try records.sign(act, by: signer, basedOn: nil)
        } catch let error as KeystoreError {
            throw .keystore(error)
        } catch let error as DocumentsError {
            throw error
        } catch {
            throw .invalidField(record: adminID, field: "account", reason: "\(error)")
        }
        return records
    }

    static func validName(_ name: String, record: String) throws(DocumentsError) -> String {
        let name = name.precomposedStringWithCanonicalMapping
        if let problem = TextRules.problem(with: name, maxLength: 100) {
            throw .invalidField(record: record, field: "name", reason: problem)
        }
        // A git signature's name may not hold '<' or '>': such an account could never sign.
        guard !name.contains("<"), !name.contains(">") else {
            throw .invalidField(record: record, field: "name", reason: "a name may not contain '<' or '>'")
        }
        return name
    }
}

extension Records {
    /// `initialize` with a checklist reader that gives the steps' text only.
    public static func initialize(at path: String, admin: String, name: String, password: String,
                                  kdf: KDFParameters = .standard, clock: LedgerClock = .system,
                                  checklist: @escaping @Sendable (String) -> [String],
                                  terminal: String? = nil) throws(DocumentsError) -> Records {
        try initialize(at: path, admin: admin, name: name, password: password, kdf: kdf, clock: clock,
                       checklist: ChecklistItem.plain(checklist), terminal: terminal)
    }
}
