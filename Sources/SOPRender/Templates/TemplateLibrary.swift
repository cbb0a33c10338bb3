/// The templates available to the renderer, by file name: by default the files of `templates/`
/// that the EmbedFiles build plugin compiled into this module, so the binary never reads them at
/// run time. Tests pass other files to check how problems are reported.
public struct TemplateLibrary: Sendable {
    static let embedded = TemplateLibrary(files: EmbeddedFiles.contents)

    let files: [String: String]

    public init(files: [String: String]) { self.files = files }

    /// The template `name`, parsed and checked to use exactly the `placeholders` given.
    public func template<Slot: TemplateSlot>(_ name: String, placeholders: Set<Slot>) throws(TemplateError) -> Template<Slot> {
        guard let source = files[name] else { throw .missing(template: name) }
        let template = try Template<Slot>(name: name, source: source)
        try template.checkPlaceholders(placeholders)
        return template
    }
}
