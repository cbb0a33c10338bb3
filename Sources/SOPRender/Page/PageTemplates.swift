/// The placeholders of the page template (`sop.html`, `sop.txt`).
enum PageSlot: String, TemplateSlot {
    case id, title, revision, status, effectiveDate, context, notForUse, watermark, body, signatures
}

/// The placeholders of one signature's row (`signature-row.html`) or entry (`signature-entry.txt`).
enum SignatureSlot: String, TemplateSlot {
    case number, name, signer, time, displayTime, meaning, reason, commit
}

/// The placeholder of the small fragments: the NOT FOR USE marking and watermark (`status`), the
/// context line (`context`); `no-signatures` has none.
enum FragmentSlot: String, TemplateSlot {
    case status, context
}

/// The templates of one output format, loaded from a `TemplateLibrary` and checked once.
///
/// A missing or malformed template is a programming error in `templates/`. Tests load the
/// embedded library through the throwing initializer; `html` and `text` stop with the error's
/// description if the shipped templates ever fail that check.
struct PageTemplates: Sendable {
    static let html = loaded(isHTML: true)
    static let text = loaded(isHTML: false)

    let page: Template<PageSlot>
    let notForUse: Template<FragmentSlot>
    /// The print watermark; HTML only.
    let watermark: Template<FragmentSlot>?
    let context: Template<FragmentSlot>
    let signature: Template<SignatureSlot>
    let noSignatures: Template<FragmentSlot>

    init(library: TemplateLibrary, isHTML: Bool) throws(TemplateError) {
        let all = Set(PageSlot.allCases)
        if isHTML {
            page = try library.template("sop.html", placeholders: all)
            notForUse = try library.template("not-for-use.html", placeholders: [.status])
            watermark = try library.template("watermark.html", placeholders: [.status])
            context = try library.template("context.html", placeholders: [.context])
            // The row shows `time` machine-readable (`<time datetime>`) beside `displayTime`.
            signature = try library.template("signature-row.html", placeholders: Set(SignatureSlot.allCases).subtracting([.number]))
            noSignatures = try library.template("no-signatures.html", placeholders: [])
        } else {
            page = try library.template("sop.txt", placeholders: all.subtracting([.watermark]))
            notForUse = try library.template("not-for-use.txt", placeholders: [.status])
            watermark = nil
            context = try library.template("context.txt", placeholders: [.context])
            // The entry numbers the signatures and shows `displayTime` only.
            signature = try library.template("signature-entry.txt", placeholders: Set(SignatureSlot.allCases).subtracting([.time]))
            noSignatures = try library.template("no-signatures.txt", placeholders: [])
        }
    }

    private static func loaded(isHTML: Bool) -> PageTemplates {
        do {
            return try PageTemplates(library: .embedded, isHTML: isHTML)
        } catch {
            preconditionFailure(error.description)
        }
    }
}
