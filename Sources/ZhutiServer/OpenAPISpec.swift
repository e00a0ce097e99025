/// `GET /openapi.yaml`: the API description, `Resources/openapi.yaml` embedded at build time
/// (so a copied `zhuti` binary still serves it). It is the one list of the routes: the
/// router is checked against it (`Routes.undocumented`), `serve --help` prints it and a test
/// holds the README to it.
enum OpenAPISpec {
    static let yaml = String(decoding: PackageResources.openapi_yaml, as: UTF8.self)

    /// Every documented operation, in the document's order.
    static let routes: [APIRoute] = APIRoute.parse(yaml)
}

/// One operation of the OpenAPI document: method, path (`/articles/{id}`) and summary.
public struct APIRoute: Sendable, Equatable, CustomStringConvertible {
    public var method: String
    public var path: String
    public var summary: String

    /// The routes the server answers, as the OpenAPI document lists them.
    public static var all: [APIRoute] { OpenAPISpec.routes }

    /// The path as Hummingbird's router spells it (`/articles/:id`).
    var routerPath: String {
        path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
    }

    /// One line for a terminal: method, path and the summary up to its first aside.
    public var description: String {
        let short = summary.components(separatedBy: " (").first?.components(separatedBy: ";").first ?? summary
        return method.uppercased().padding(toLength: 5, withPad: " ", startingAt: 0) + path
            + String(repeating: " ", count: Swift.max(1, 30 - path.count)) + short
    }

    /// Reads the `paths:` block of this project's own document, which keeps to one layout:
    /// a path two spaces in, its methods four, each method's `summary:` six.
    static func parse(_ yaml: String) -> [APIRoute] {
        var routes: [APIRoute] = [], path: String?, inPaths = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.isEmpty {
                inPaths = line == "paths:"
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   "), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.dropFirst(4).dropLast()
                if ["get", "post", "put", "delete", "patch"].contains(method) {
                    routes.append(APIRoute(method: String(method), path: path, summary: ""))
                }
            } else if line.hasPrefix("      summary: "), !line.hasPrefix("       "), let last = routes.indices.last,
                      routes[last].path == path, routes[last].summary.isEmpty {
                routes[last].summary = String(line.dropFirst("      summary: ".count))
            }
        }
        return routes
    }
}
