/// What a person may sign on a record kind. The signed policy maps each to the roles that may do
/// it, so a change of who may approve SOPs is itself a signed, audited act.
public enum Permission: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    /// Create an SOP, edit its draft, open a new revision, submit it for review.
    case sopAuthor = "sop.author"
    /// Sign the review of a revision in review, or reject it back to draft.
    case sopReview = "sop.review"
    case sopApprove = "sop.approve"
    case sopRetire = "sop.retire"
    /// Register equipment, change its description and its status.
    case equipmentAdd = "equipment.add"
    /// Create and assign work orders.
    case woCreate = "wo.create"
    /// Start a job, sign its steps, complete it (only the assigned technician).
    case woExecute = "wo.execute"
    case woReview = "wo.review"
    case woClose = "wo.close"
    /// Cancel a job that is open or in progress.
    case woCancel = "wo.cancel"
    /// Run a recovery drill and sign its result.
    case backupDrill = "backup.drill"
    /// Review the audit trail and sign that review (§11.10(e), Annex 11 §9).
    case auditReview = "audit.review"
    /// Create, disable and reset other people's accounts.
    case accountManage = "account.manage"
    /// Propose a change of the policy.
    case policyChange = "policy.change"
    /// Approve or reject a proposed change of the policy (never one's own proposal).
    case policyApprove = "policy.approve"
    /// Acknowledge a security alert after looking into it.
    case alertAcknowledge = "alert.acknowledge"
    /// Record a meter reading on equipment.
    case meterRecord = "meter.record"
    /// Draft and revise preventive maintenance plans.
    case pmPlan = "pm.plan"
    /// Approve or retire preventive maintenance plans (never a revision one drafted).
    case pmApprove = "pm.approve"
    /// Bring in legacy maintenance history from a file and sign its reconciliation.
    case historyImport = "history.import"
    /// Register and update reference standards; make equipment an instrument (procedure,
    /// interval, test points).
    case calManage = "cal.manage"
    /// Record a calibration against reference standards.
    case calPerform = "cal.perform"
    /// Approve a calibration (never one's own).
    case calApprove = "cal.approve"
    /// Record that a person was trained on an SOP revision (never one's own training).
    case trainRecord = "train.record"
    /// Sign the periodic review of an effective SOP: still fit for use, or to be revised.
    case sopPeriodicReview = "sop.periodic-review"
    /// Open a deviation (and sign a job step with one, which opens it).
    case devOpen = "dev.open"
    /// Sign a deviation's investigation (root cause) and its product impact assessment.
    case devInvestigate = "dev.investigate"
    /// Approve a deviation's investigation and assessment, and close it (never its opener).
    case devApprove = "dev.approve"
    /// Open a CAPA and plan its actions.
    case capaOpen = "capa.open"
    /// Verify a CAPA's effectiveness (never one of its implementers) and close it.
    case capaVerify = "capa.verify"

    /// The roles of a new repository's policy.
    public static let standard: [Permission: [Role]] = [
        .sopAuthor: [.documentControl],
        .sopReview: [.qa, .documentControl],
        .sopApprove: [.qa],
        .sopRetire: [.qa],
        .equipmentAdd: [.supervisor],
        .woCreate: [.supervisor],
        .woExecute: [.technician],
        .woReview: [.supervisor],
        .woClose: [.qa],
        .woCancel: [.supervisor],
        .backupDrill: [.admin],
        .auditReview: [.qa, .auditor],
        .accountManage: [.admin],
        .policyChange: [.admin],
        .policyApprove: [.qa],
        .alertAcknowledge: [.qa, .admin],
        .meterRecord: [.technician, .supervisor],
        .pmPlan: [.supervisor],
        .pmApprove: [.qa],
        .historyImport: [.supervisor],
        .calManage: [.supervisor, .qa],
        .calPerform: [.technician, .supervisor],
        .calApprove: [.qa],
        .trainRecord: [.qa, .supervisor],
        .sopPeriodicReview: [.qa],
        .devOpen: [.technician, .supervisor, .qa],
        .devInvestigate: [.supervisor, .qa],
        .devApprove: [.qa],
        .capaOpen: [.supervisor, .qa],
        .capaVerify: [.qa],
    ]
}

extension Policy {
    /// The roles that may sign `permission`. A permission that a policy signed before it existed
    /// does not name (`wo.cancel` in a repository made by an earlier version) has its standard
    /// roles until a policy change names it; a permission the policy names with no roles has none.
    public func roles(for permission: Permission) -> [Role] {
        permissions[permission] ?? Permission.standard[permission] ?? []
    }

    /// Refuses `account` unless one of its roles may sign `permission`.
    public func require(_ permission: Permission, of account: Account, to action: String) throws(DocumentsError) {
        let allowed = roles(for: permission)
        guard allowed.contains(where: account.has) else {
            let names = allowed.map(\.rawValue).joined(separator: " or ")
            throw .notPermitted(user: account.id, action: action,
                                reason: allowed.isEmpty ? "the policy lets no role do this"
                                    : "the policy gives this to the \(names) role\(allowed.count == 1 ? "" : "s")")
        }
    }
}
