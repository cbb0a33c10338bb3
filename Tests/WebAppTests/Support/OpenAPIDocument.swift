import Foundation

/// The API's OpenAPI document as the tests read it, with a small structural check of a response
/// against the schema documented for its path, method and status: types, required properties,
/// `additionalProperties: false`, items, enums and `$ref`s.
final class OpenAPIDocument: @unchecked Sendable {
    let root: [String: Any]
    let data: Data

    static let shared: OpenAPIDocument? = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "templates/web/openapi.json")
        return (try? Data(contentsOf: file)).flatMap { try? OpenAPIDocument(data: $0) }
    }()

    init(data: Data) throws {
        self.data = data
        root = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    var paths: [String: [String: Any]] { (root["paths"] as? [String: [String: Any]]) ?? [:] }

    /// Every operation as `METHOD /path/{param}`.
    var operations: Set<String> {
        Set(paths.flatMap { path, item in item.keys.map { "\($0.uppercased()) \(path)" } })
    }

    /// The documented path `path` (without its query) falls under, literal segments preferred.
    func template(for path: String) -> String? {
        let parts = path.split(separator: "?", maxSplits: 1)[0].split(separator: "/", omittingEmptySubsequences: false)
        let matches = paths.keys.filter { template in
            let segments = template.split(separator: "/", omittingEmptySubsequences: false)
            return segments.count == parts.count && zip(segments, parts).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        return matches.min { $0.filter { $0 == "{" }.count < $1.filter { $0 == "{" }.count }
    }

    /// What is wrong with a response to `method path`, by the document; empty when it conforms.
    func problems(method: String, path: String, status: Int, body: Data) -> [String] {
        let call = "\(method) \(path) → \(status)"
        guard let template = template(for: path), let operation = paths[template]?[method.lowercased()] as? [String: Any] else {
            return ["\(call): not in the document"]
        }
        guard var response = (operation["responses"] as? [String: Any])?[String(status)] as? [String: Any] else {
            return ["\(call): status not documented for \(method) \(template)"]
        }
        if let ref = response["$ref"] as? String, let resolved = resolve(ref) { response = resolved }
        guard let content = response["content"] as? [String: Any] else {
            return body.isEmpty ? [] : ["\(call): a body where the document says none"]
        }
        guard let schema = (content["application/json"] as? [String: Any])?["schema"] as? [String: Any] else { return ["\(call): no JSON schema"] }
        guard let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else { return ["\(call): the body is not JSON"] }
        return validate(value, schema, at: call)
    }

    func resolve(_ ref: String) -> [String: Any]? {
        var node: Any = root
        for key in ref.dropFirst(2).split(separator: "/") {
            guard let next = (node as? [String: Any])?[String(key)] else { return nil }
            node = next
        }
        return node as? [String: Any]
    }

    func validate(_ value: Any, _ schema: [String: Any], at place: String) -> [String] {
        if let ref = schema["$ref"] as? String {
            guard let resolved = resolve(ref) else { return ["\(place): unresolved \(ref)"] }
            return validate(value, resolved, at: place)
        }
        var problems: [String] = []
        if let type = schema["type"] {
            let allowed = (type as? [String]) ?? [(type as? String) ?? ""]
            let actual = Self.type(of: value)
            guard allowed.contains(actual) || (actual == "integer" && allowed.contains("number")) else {
                return ["\(place): \(actual) where the document says \(allowed.joined(separator: " or "))"]
            }
        }
        if let options = schema["enum"] as? [String], let text = value as? String, !options.contains(text) {
            problems.append("\(place): \(text.debugDescription) is not one of \(options)")
        }
        if let object = value as? [String: Any], Self.type(of: value) == "object" {
            let properties = (schema["properties"] as? [String: [String: Any]]) ?? [:]
            for name in (schema["required"] as? [String]) ?? [] where object[name] == nil {
                problems.append("\(place): the required property \(name) is missing")
            }
            for (name, item) in object {
                if let property = properties[name] {
                    problems += validate(item, property, at: "\(place).\(name)")
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(place): the property \(name) is not in the document")
                }
            }
        }
        if let array = value as? [Any], Self.type(of: value) == "array", let items = schema["items"] as? [String: Any] {
            for (offset, item) in array.enumerated() { problems += validate(item, items, at: "\(place)[\(offset)]") }
        }
        return problems
    }

    static func type(of value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case is String: return "string"
        case let number as NSNumber:
            let code = String(cString: number.objCType)
            if code == "c" { return "boolean" }
            return code == "d" || code == "f" ? (number.doubleValue.rounded() == number.doubleValue ? "integer" : "number") : "integer"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        default: return "unknown"
        }
    }
}
