import Foundation

/// Hostile requests derived from an OpenAPI document, not from a hand list: for every operation, every
/// string it takes (the fields of its JSON request body, nested objects and arrays of strings included,
/// starting from the body's documented `example`; its string query parameters; its string path
/// parameters) is sent with a NUL byte, with a control character, and oversized.
struct HostileInputs {
    /// What the request puts in the input.
    enum Variant: String, CaseIterable, Sendable {
        case nul, control, oversized

        /// The value: 100 KB for a body field, 2 KB (over the 1024-byte limit of a query value) in a URL.
        func value(inURL: Bool) -> String {
            switch self {
            case .nul: "pgbm\u{0}tail"
            case .control: "pgbm\u{1B}[2Jtail"
            case .oversized: String(repeating: "a", count: inURL ? 2_000 : 100_000)
            }
        }
    }

    /// Where the input goes.
    enum Place: Sendable, Equatable {
        /// A JSON body field, by its key path (a leaf that is an array of strings gets a one-element array).
        case body([String], array: Bool)
        case query(String)
        case path(String)
    }

    /// One request: an operation with one input made hostile.
    struct Request: Sendable, CustomStringConvertible {
        let operationId: String
        let method: String
        /// The path with its parameters filled in (and the query string).
        let url: String
        let body: Data?
        let place: Place
        let variant: Variant

        /// The name the API gives the input in an error: the body's key path joined with dots, or the
        /// parameter's name.
        var field: String {
            switch place {
            case .body(let keys, _): keys.joined(separator: ".")
            case .query(let name), .path(let name): name
            }
        }

        var description: String { "\(operationId) \(method.uppercased()) \(field) (\(variant.rawValue))" }
    }

    let document: [String: Any]
    /// The value of a path parameter that is not under test (`{id}` → `1`).
    let pathValues: [String: String]

    /// The operations with a JSON request body that have no `example` (each must have one).
    var bodiesWithoutExample: [String] {
        operations().compactMap { operation in
            guard let media = Self.jsonMedia(operation.value) else { return nil }
            return media["example"] == nil ? operation.id : nil
        }
    }

    /// Every hostile request of the document.
    func requests() -> [Request] {
        var requests: [Request] = []
        for operation in operations() {
            let parameters = (operation.value["parameters"] as? [[String: Any]]) ?? []
            let fill = { (override: (String, String)?) -> String in
                var path = operation.path
                for parameter in parameters where parameter["in"] as? String == "path" {
                    let name = parameter["name"] as? String ?? ""
                    let value = override?.0 == name ? override!.1 : pathValues[name] ?? "1"
                    path = path.replacingOccurrences(of: "{\(name)}", with: Self.encoded(value))
                }
                return path
            }
            for variant in Variant.allCases {
                let add = { (url: String, body: Data?, place: Place) in
                    requests.append(Request(operationId: operation.id, method: operation.method, url: url, body: body, place: place, variant: variant))
                }
                if let media = Self.jsonMedia(operation.value), let example = media["example"] as? [String: Any] {
                    for (keys, array) in stringLeaves(resolve(media["schema"]), prefix: []) {
                        let value: Any = array ? [variant.value(inURL: false)] : variant.value(inURL: false)
                        let body = try? JSONSerialization.data(withJSONObject: Self.setting(value, at: keys, in: example))
                        add(fill(nil), body, .body(keys, array: array))
                    }
                }
                for parameter in parameters where isString(parameter["schema"]) {
                    let name = parameter["name"] as? String ?? ""
                    switch parameter["in"] as? String {
                    case "query": add(fill(nil) + "?\(name)=" + Self.encoded(variant.value(inURL: true)), nil, .query(name))
                    case "path": add(fill((name, variant.value(inURL: true))), nil, .path(name))
                    default: break
                    }
                }
            }
        }
        return requests
    }

    /// The document's operations: id, method, path template and the operation object.
    private func operations() -> [(id: String, method: String, path: String, value: [String: Any])] {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        return paths.keys.sorted().flatMap { path in
            (paths[path] ?? [:]).keys.sorted().compactMap { method -> (String, String, String, [String: Any])? in
                guard let operation = paths[path]?[method] as? [String: Any] else { return nil }
                return (operation["operationId"] as? String ?? "\(method) \(path)", method, path, operation)
            }
        }
    }

    private static func jsonMedia(_ operation: [String: Any]) -> [String: Any]? {
        ((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any]
    }

    /// `schema` with a `$ref` followed.
    private func resolve(_ schema: Any?) -> [String: Any] {
        guard let schema = schema as? [String: Any] else { return [:] }
        guard let reference = schema["$ref"] as? String else { return schema }
        let name = String(reference.split(separator: "/").last ?? "")
        return resolve(((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name])
    }

    private func isString(_ schema: Any?) -> Bool {
        let type = resolve(schema)["type"]
        return type as? String == "string" || (type as? [String])?.contains("string") == true
    }

    /// The key paths of the string fields of an object schema; `array` marks arrays of strings.
    private func stringLeaves(_ schema: [String: Any], prefix: [String]) -> [(keys: [String], array: Bool)] {
        if isString(schema) { return [(prefix, false)] }
        if schema["type"] as? String == "array" { return isString(schema["items"]) ? [(prefix, true)] : [] }
        let properties = schema["properties"] as? [String: Any] ?? [:]
        return properties.keys.sorted().flatMap { stringLeaves(resolve(properties[$0]), prefix: prefix + [$0]) }
    }

    /// `object` with `value` at `keys` (objects on the way made when missing).
    private static func setting(_ value: Any, at keys: [String], in object: [String: Any]) -> [String: Any] {
        var object = object
        guard let first = keys.first else { return object }
        object[first] = keys.count == 1 ? value : setting(value, at: Array(keys.dropFirst()), in: object[first] as? [String: Any] ?? [:])
        return object
    }

    /// Percent-encodes everything but letters and digits.
    private static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
    }
}
