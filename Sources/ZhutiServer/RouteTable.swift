import Hummingbird

/// The routes' paths and methods, for answering 405 (with `Allow`) to a known path asked
/// with another method, where the router alone says 404.
struct RouteTable: Sendable {
    let routes: [(method: HTTPRequest.Method, segments: [Substring])]

    init(_ routes: [(HTTPRequest.Method, String)]) {
        self.routes = routes.map { ($0.0, $0.1.split(separator: "/")) }
    }

    /// The methods routed for `path`, empty for an unknown path.
    func methods(for path: String) -> [HTTPRequest.Method] {
        matching(path).map(\.method)
    }

    /// The pattern of the route `path` matches (`/articles/:id/related`), for metrics labels
    /// that do not grow with every article id.
    func pattern(for path: String) -> String? {
        matching(path).first.map { "/" + $0.segments.joined(separator: "/") }
    }

    private func matching(_ path: String) -> [(method: HTTPRequest.Method, segments: [Substring])] {
        let segments = path.split(separator: "/")
        return routes.filter { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { pattern, segment in pattern.hasPrefix(":") || pattern == segment }
        }
    }
}
