/// Why the templates compiled into SOPRender cannot be used. Each is a programming error in
/// `templates/` or in the code that fills them, caught when the templates are first loaded.
public enum TemplateError: Error, Hashable, CustomStringConvertible {
    /// No file of that name in `templates/`.
    case missing(template: String)
    /// `{{` that does not open a well-formed `{{name}}`.
    case malformedPlaceholder(template: String, near: String)
    /// The template uses a placeholder the code does not fill.
    case unknownPlaceholder(template: String, placeholder: String)
    /// The code fills a value the template does not show.
    case unusedValue(template: String, placeholder: String)

    public var description: String {
        switch self {
        case .missing(let template):
            "templates/\(template) is not compiled into SOPRender: add the file to templates/ and rebuild"
        case .malformedPlaceholder(let template, let near):
            "templates/\(template) has a malformed placeholder near \"{{\(near)\"; write {{name}} with letters and digits"
        case .unknownPlaceholder(let template, let placeholder):
            "templates/\(template) uses {{\(placeholder)}}, which SOPRenderer does not fill"
        case .unusedValue(let template, let placeholder):
            "templates/\(template) does not show {{\(placeholder)}}, which SOPRenderer requires"
        }
    }
}
