/// Everything shown on one rendered SOP revision. The caller (Documents, the CLI) fills it from
/// the record and the ledger; SOPRender knows nothing of either.
public struct SOPPage: Sendable, Hashable {
    /// The document ID, e.g. `SOP-0001`.
    public var id: String
    public var title: String
    public var revision: Int
    /// The revision's lifecycle state: `draft`, `in-review`, `approved`, `effective`,
    /// `superseded` or `retired`. Only `effective` is for use.
    public var status: String
    /// `YYYY-MM-DD`, or nil when the revision has none.
    public var effectiveDate: String?
    /// The stored markdown body, exactly as approved.
    public var markdown: String
    /// The signature manifestations of this revision, in signing order.
    public var signatures: [SignatureLine]
    /// An optional line about why the page is shown, e.g. `Work order WO-000001 (bound at start)`.
    public var context: String?

    public init(id: String, title: String, revision: Int, status: String, effectiveDate: String?, markdown: String,
                signatures: [SignatureLine], context: String? = nil) {
        self.id = id
        self.title = title
        self.revision = revision
        self.status = status
        self.effectiveDate = effectiveDate
        self.markdown = markdown
        self.signatures = signatures
        self.context = context
    }

    /// Whether this is the effective revision, the only one a job may be executed against. Every
    /// other page carries a NOT FOR USE marking.
    public var isForUse: Bool { status == "effective" }
}
