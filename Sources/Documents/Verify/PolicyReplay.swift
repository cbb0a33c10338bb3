import Foundation
import RecordRepo

/// Check 3 of verification for the acts that exist so far: every change to accounts or the policy
/// must have been allowed by the accounts and policy in force at its parent.
public struct PolicyReplay: ActReplay {
    public init() {}

    /// Replays the acts that name no event: the first act, and acts signed before events were
    /// declared. An act that names its event is its kind's declaration's business.
    public func refusal(of act: ActInfo, before: TreeView, after: TreeView, isRoot: Bool) -> String? {
        if !isRoot, act.event != nil { return nil }
        let (changed, policyChanged) = Self.changes(before: before, after: after)
        if isRoot {
            guard act.meaning == .administration, let admin = Self.account(act.signer, in: after),
                  admin.has(.admin), admin.status == .active else {
                return "the first act must be an administrator creating their own account"
            }
            return nil
        }
        guard !changed.isEmpty || policyChanged else { return nil }
        let signer = Self.account(act.signer, in: before)
        switch act.meaning {
        case .administration:
            guard let signer, signer.has(.admin), signer.status == .active, !signer.mustChangePassword else {
                return "\(act.signer) was not an active administrator and may not change accounts or the policy"
            }
            if changed.contains(act.signer) {
                return "\(act.signer) changed their own account (segregation of duties)"
            }
            return nil
        case .securityEvent:
            guard !policyChanged, changed.count == 1, let target = changed.first else {
                return "a security event may change exactly one account and not the policy"
            }
            guard let old = Self.account(target, in: before), let new = Self.account(target, in: after) else {
                return "a security event may not create an account"
            }
            if act.signer == Signer.systemPrincipal {
                var expected = old
                expected.status = .locked
                expected.revision += 1
                return new == expected ? nil : "the system key may only lock an active account"
            }
            guard target == act.signer, old.status == .active, new.status == .active,
                  new.roles == old.roles, new.name == old.name, new.department == old.department else {
                return "\(act.signer) may change only their own password, nothing else of an account"
            }
            return nil
        default:
            return "an act with the meaning \(act.meaning.rawValue) may not change accounts or the policy"
        }
    }

    static func account(_ id: String, in tree: TreeView) -> Account? {
        guard let path = try? Account.path(id), let data = tree.read(path.value) else { return nil }
        return try? JSONDecoder().decode(Account.self, from: data)
    }

    /// The accounts the act changed (by ID) and whether it changed the policy, from the files it changed.
    static func changes(before: TreeView, after: TreeView) -> (accounts: Set<String>, policy: Bool) {
        var accounts = Set<String>(), policy = false
        for file in before.changedFiles(to: after) {
            if file.path == Policy.path.value { policy = true }
            guard file.path.hasPrefix("accounts/") else { continue }
            let name = file.path.dropFirst("accounts/".count).prefix { $0 != "/" }
            accounts.insert(String(name.hasSuffix(".json") ? name.dropLast(5) : name))
        }
        return (accounts, policy)
    }
}
