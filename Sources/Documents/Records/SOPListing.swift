/// An SOP as `sop list --format json` and the API list it: the revision in force today and the
/// state of every revision.
public struct SOPListing: Encodable, Sendable {
    public struct Revision: Encodable, Sendable { public let revision: Int; public let status: String }
    public let id: String
    public let title: String
    public let effectiveRevision: Int?
    public let revisions: [Revision]

    public init(_ sop: SOP, today: String) {
        id = sop.id
        title = sop.title
        effectiveRevision = sop.effectiveRevision(today: today)?.number
        revisions = sop.revisions.map { Revision(revision: $0.number, status: sop.status(of: $0, today: today).rawValue) }
    }
}
