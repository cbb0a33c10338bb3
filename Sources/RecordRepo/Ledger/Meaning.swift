/// What a signature means: the closed set that the `Meaning` trailer may hold (§11.50(a)(3)).
public enum Meaning: String, Codable, Sendable, CaseIterable {
    case authorship
    case review
    case approval
    case rejection
    case execution
    case completion
    case verification
    case retirement
    /// A job or record ended without being done, for the reason given.
    case cancellation
    /// An entry already signed is corrected, as GMP corrects paper: what it said before stays.
    case correction
    case administration
    case auditReview = "audit-review"
    case backupDrill = "backup-drill"
    case securityEvent = "security-event"
    /// A person's own signed statement that their electronic signature binds them (§11.100).
    case acknowledgement
    /// Work the system created because an approved plan called for it (`pm run`).
    case generation
    /// Records brought in from a legacy system: the signer vouches that they are the source's
    /// rows, kept with their original dates and checksums (Annex 11 §4.8).
    case migration

    /// The only meanings the system key may sign. Verification enforces this, so a stolen system
    /// key cannot approve anything or sign for a person.
    public static let systemMeanings: Set<Meaning> = [.securityEvent, .generation]
}
