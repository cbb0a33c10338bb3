/// The JSON Schemas of the record kinds, compiled in from `schemas/`.
public enum Schemas {
    public static var names: [String] { EmbeddedFiles.contents.keys.sorted() }
}
