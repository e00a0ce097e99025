import Foundation
import Hummingbird
import NIOCore
import Zhuti

/// An error as the API reports it: an HTTP status and `{"error": "...", "kind": "..."}`.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String
    var kind: String
    /// The `Allow` header of a 405.
    var allowed: String?

    init(_ status: HTTPResponse.Status, _ message: String, kind: String) {
        self.status = status
        self.message = message
        self.kind = kind
    }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message, kind: "badInput") }

    /// 503: the engine's waiting line is full or the request waited past its deadline.
    static func busy(_ message: String) -> APIError { APIError(.serviceUnavailable, message, kind: "busy") }

    /// Engine errors: bad options and input are the client's (400), a missing id 404,
    /// anything else (corrupt model, storage, numerics) the server's (500).
    init(_ error: ZhutiError) {
        switch error.kind {
        case .badOption, .badInput: status = .badRequest
        case .notFound: status = .notFound
        case .corruptModel, .numerical, .io: status = .internalServerError
        }
        message = error.description(naming: \.queryField)
        kind = error.kind.rawValue
    }

    /// Any error a handler or Hummingbird throws, as the API reports it.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as ZhutiError: return APIError(error)
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, "the request body is too large", kind: "tooLarge")
        case let error as HTTPError:
            return APIError(error.status, error.body ?? error.status.reasonPhrase, kind: kind(for: error.status))
        case let error as any HTTPResponseError:
            return APIError(error.status, error.status.reasonPhrase, kind: kind(for: error.status))
        default:
            return APIError(.internalServerError, "internal error: \(error)", kind: "internal")
        }
    }

    static func kind(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "badInput"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "notFound"
        case 405: "methodNotAllowed"
        case 409: "conflict"
        case 413: "tooLarge"
        case 415: "unsupportedMediaType"
        case 421: "misdirected"
        case 503: "busy"
        case 500...: "internal"
        default: "error"
        }
    }

    var response: Response {
        let body = (try? JSONOutput.encode(["error": message, "kind": kind])) ?? "{\"error\":\"internal error\",\"kind\":\"internal\"}"
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"zhuti\"" }
        if status == .serviceUnavailable { headers[.retryAfter] = "2" }
        if let allowed { headers[.allow] = allowed }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body + "\n")))
    }
}

extension ZhutiError.Parameter {
    /// The query field or JSON member that sets this parameter over HTTP, quoted.
    var queryField: String { "'" + rawValue.replacingOccurrences(of: "-", with: "_") + "'" }
}

/// Wraps the router: checks the request's origin and body type first, then makes every
/// failure, including Hummingbird's own (unknown route, too large a body), reach the client
/// as a JSON error body rather than an empty response.
struct JSONErrorResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == BasicRequestContext {
    let inner: Inner
    let options: ServerOptions
    let routes: RouteTable
    let metrics: ServerMetrics

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        let response = await answer(request, context: context)
        // The request log: one structured line per request (method, path, status, duration).
        let elapsed = ContinuousClock.now - started
        metrics.observe(route: routes.pattern(for: request.uri.path) ?? "unmatched", method: request.method.rawValue,
                        status: response.status.code, duration: elapsed)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "method": "\(request.method)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
            "ms": "\((milliseconds * 100).rounded() / 100)",
        ])
        return response
    }

    private func answer(_ request: Request, context: BasicRequestContext) async -> Response {
        do {
            try admit(request)
            let response = try await inner.respond(to: request, context: context)
            if response.status.code >= 400, response.body.contentLength == 0 {
                if response.status == .notFound {
                    let methods = routes.methods(for: request.uri.path)
                    if !methods.isEmpty, !methods.contains(request.method) {
                        var error = APIError(.methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path)",
                                             kind: "methodNotAllowed")
                        error.allowed = methods.map(\.rawValue).joined(separator: ", ")
                        return error.response
                    }
                }
                return APIError(response.status, response.status.code == 404 ? "no such route: \(request.method) \(request.uri.path)"
                                                                             : response.status.reasonPhrase,
                                kind: APIError.kind(for: response.status)).response
            }
            return response
        } catch {
            let apiError = APIError.from(error)
            if apiError.status == .internalServerError {
                context.logger.error("\(request.method) \(request.uri): \(error)")
            }
            return apiError.response
        }
    }

    /// Only requests that name this server (no DNS rebinding: a page on another site cannot
    /// read an archive served on 127.0.0.1) and, for POST, carry JSON (a cross-site form or
    /// `text/plain` body, which browsers send without asking, is refused).
    func admit(_ request: Request) throws {
        let host = request.head.authority
        guard options.admitsHost(host) else {
            throw APIError(.misdirectedRequest, "this server does not answer for host '\(host ?? "")'; start it with --allow-host NAME",
                           kind: "misdirected")
        }
        if request.method == .post, routes.methods(for: request.uri.path).contains(.post) {
            let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
            guard type == "application/json" else {
                throw APIError(.unsupportedMediaType, "POST bodies must be JSON (Content-Type: application/json; got '\(type ?? "")')",
                               kind: "unsupportedMediaType")
            }
        }
    }
}
