internal import CCmarkGFM
import Synchronization

/// The GFM syntax extensions every parse attaches, and the node types they add, looked up once:
/// registration of the core extensions is not thread-safe, and a Swift `static let` runs its
/// initializer exactly once.
///
/// The registry is immutable after registration, so sharing its pointers across threads is safe
/// (the reason for `@unchecked Sendable`).
struct CmarkExtensions: @unchecked Sendable {
    static let names = ["table", "tasklist", "strikethrough", "autolink", "tagfilter"]
    static let shared = CmarkExtensions()
    /// Held by every parse, from feeding the text to finishing the tree. cmark-gfm adds the
    /// extensions' special characters (`~`, `|`, …) to one process-wide table while it parses
    /// inlines and takes them out again when it is done (github/cmark-gfm#221), so a parse that
    /// finishes on one thread can make another miss a strikethrough or a table cell.
    static let parsing = Mutex(())

    /// The extensions, in the order of `names`.
    let all: [OpaquePointer]
    let tasklist: OpaquePointer
    /// Node types the extensions registered: comparing numbers is much cheaper than comparing
    /// type names for every node of every render.
    let table, tableRow, tableCell, strikethrough: cmark_node_type

    private init() {
        cmark_gfm_core_extensions_ensure_registered()
        let found = Self.names.compactMap { cmark_find_syntax_extension($0) }
        precondition(found.count == Self.names.count, "libcmark-gfm-extensions lacks one of \(Self.names)")
        all = found
        tasklist = found[1]
        // The numbers are assigned at registration and not declared in the headers: read them
        // from a parsed sample, `table > row > cell > strikethrough`.
        let types = Self.sampleTypes(extensions: found)
        precondition(types.count == 4, "cmark-gfm did not parse its sample table")
        (table, tableRow, tableCell, strikethrough) = (types[0], types[1], types[2], types[3])
    }

    /// Runs once, inside `shared`'s initializer: before any other parse can start, so unlocked.
    private static func sampleTypes(extensions: [OpaquePointer]) -> [cmark_node_type] {
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return [] }
        defer { cmark_parser_free(parser) }
        for syntax in extensions { cmark_parser_attach_syntax_extension(parser, syntax) }
        let sample = "| ~~a~~ |\n| --- |\n"
        sample.utf8CString.withUnsafeBufferPointer { cmark_parser_feed(parser, $0.baseAddress, $0.count - 1) }
        guard let document = cmark_parser_finish(parser) else { return [] }
        defer { cmark_node_free(document) }
        var types: [cmark_node_type] = []
        var node = cmark_node_first_child(document)
        while let current = node, types.count < 4 {
            types.append(cmark_node_get_type(current))
            node = cmark_node_first_child(current)
        }
        return types
    }
}
