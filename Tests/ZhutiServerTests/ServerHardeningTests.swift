import Foundation
import Testing
import Logging
import Zhuti
@testable import ZhutiServer

/// A raw HTTP/1.1 exchange over a socket: for what URLSession will not send (a foreign Host
/// header, a request that never finishes its head).
struct RawConnection {
    let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure("connect failed: \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    struct Failure: Error { var message: String; init(_ message: String) { self.message = message } }

    func send(_ text: String) { _ = text.withCString { Glibc.send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }

    /// Everything the server sends until it closes the connection (or 10 s pass).
    func readAll() -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(socket, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }

    func close() { Glibc.close(socket) }
}

@Suite("Server: hardening")
struct ServerHardeningTests {
    @Test("requests must name this server in Host")
    func hostAllowList() async throws {
        let fixture = try ServerFixture("hosts")
        defer { fixture.remove() }
        let server = try await fixture.start { $0.allowedHosts = ["archive.example.org"] }
        func status(host: String) throws -> (Int, String) {
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            connection.send("GET /health HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
            let response = connection.readAll()
            let code = Int(response.split(separator: " ").dropFirst().first ?? "") ?? 0
            return (code, response)
        }
        for host in ["127.0.0.1:\(server.port)", "localhost:\(server.port)", "localhost", "[::1]:\(server.port)", "archive.example.org"] {
            let (code, body) = try status(host: host)
            #expect(code == 200, "\(host): \(body)")
        }
        for host in ["evil.example", "127.0.0.1.evil.example:80", "attacker.localhost"] {
            let (code, body) = try status(host: host)
            #expect(code == 421, "\(host): \(body)")
            #expect(body.contains("\"kind\":\"misdirected\""), "\(body)")
        }
        try await server.stop()
    }

    @Test("connections that never finish their head are closed; others are served meanwhile")
    func stalledConnectionsAreClosed() async throws {
        let fixture = try ServerFixture("stalled")
        defer { fixture.remove() }
        let server = try await fixture.start { $0.idleTimeout = .seconds(3) }
        let client = HTTPClient(port: server.port)
        let stalled = try (0..<20).map { _ in try RawConnection(port: server.port) }
        for connection in stalled { connection.send("GET /health HTTP/1.1\r\nHost: loc") }
        let started = Date()
        #expect(try await client.get("/health").status == 200)
        // Answered well before the stalled connections time out (3 s): they hold nothing up.
        #expect(Date().timeIntervalSince(started) < 2.5, "/health waited behind stalled connections")
        for connection in stalled {
            let closedAfter = Date()
            _ = connection.readAll()  // returns when the server closes the connection
            #expect(Date().timeIntervalSince(closedAfter) < 6)
            connection.close()
        }
        #expect(Date().timeIntervalSince(started) < 8, "stalled connections were not closed within the idle timeout")
        try await server.stop()
    }

    @Test("valid requests the contract allows are accepted: empty filters, k above the article count, an empty date")
    func validEdgeRequests() async throws {
        let fixture = try ServerFixture("edges")
        defer { fixture.remove() }
        // A scratch folder of this server's own, so graph exports of tests running beside it
        // cannot show up in the count below.
        let scratch = fixture.home.path + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let server = try await fixture.start(token: "t") { $0.scratchDirectory = scratch }
        let client = HTTPClient(port: server.port)
        let id = ServerCorpus.id(.investment, 0)
        let related = try await client.get("/articles/\(id)/related?since=&until=&paper=&k=100")
        #expect(related.status == 200, "\(related.text)")
        #expect((try related.json()["results"] as? [Any])?.count == ServerCorpus.articleCount - 1)
        let posted = try await client.post("/articles", json: ["title": "无日期", "text": "招商引资项目签约落户。", "date": ""],
                                           headers: ["Authorization": "Bearer t"])
        #expect(posted.status == 201, "\(posted.text)")
        let reversed = try await client.get("/articles/\(id)/related?since=2025-05&until=2025-04")
        #expect(reversed.status == 200)
        let reversedResults = try reversed.json()["results"] as? [Any]
        #expect(reversedResults?.isEmpty == true, "\(reversed.text)")
        let blank = try await client.post("/related", json: ["text": "  。 "])
        #expect(blank.status == 200)
        let note = try blank.json()["note"] as? String
        #expect(note?.isEmpty == false, "\(blank.text)")
        #expect(try await client.get("/track?q=xyzzy").status == 200)
        let bad = try await client.get("/articles/\(id)/related?since=March")
        #expect(bad.status == 400)
        #expect(bad.text.contains("'since'") && !bad.text.contains("--since"), "\(bad.text)")
        // /graph leaves no temporary file behind.
        #expect(try await client.get("/graph?format=gexf&knn=3").status == 200)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
        try await server.stop()
    }
}

/// The engine lanes: a full waiting line and a passed deadline are 503s without running the
/// job; a job whose client has gone is dropped before it starts.
@Suite("Server: engine lanes")
struct EngineLaneTests {
    @Test func fullLinesDeadlinesAndCancellation() async throws {
        let lane = EngineLane(name: "test", width: 1, capacity: 2)
        let gate = DispatchSemaphore(value: 0)
        let ran = Locked(0)
        // Occupies the only worker until the gate opens.
        let blocker = Task { try await lane.run(deadline: .seconds(60)) { gate.wait() } }
        try await Task.sleep(for: .milliseconds(100))
        let late = Task { try await lane.run(deadline: .milliseconds(50)) { ran.withLock { $0 += 1 } } }
        let gone = Task { try await lane.run(deadline: .seconds(60)) { ran.withLock { $0 += 1 } } }
        try await Task.sleep(for: .milliseconds(100))
        #expect(lane.waitingCount == 2)
        // The line is full: refused at once.
        await #expect(throws: APIError.self) { try await lane.run(deadline: .seconds(60)) { ran.withLock { $0 += 1 } } }
        gone.cancel()
        try await Task.sleep(for: .milliseconds(100))
        gate.signal()
        try await blocker.value
        let lateError = await #expect(throws: APIError.self) { try await late.value }
        #expect(lateError?.status == .serviceUnavailable)
        await #expect(throws: CancellationError.self) { try await gone.value }
        #expect(ran.withLock { $0 } == 0, "a refused, late or abandoned job ran")
        // Free again.
        #expect(try await lane.run(deadline: .seconds(1)) { 7 } == 7)
    }
}

/// Log records kept in memory, for checking what the server logs.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [(message: String, metadata: [String: String])] = []

    func append(_ message: String, _ metadata: [String: String]) {
        lock.lock(); defer { lock.unlock() }
        records.append((message, metadata))
    }

    var all: [(message: String, metadata: [String: String])] {
        lock.lock(); defer { lock.unlock() }
        return records
    }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
                 function: String, line: UInt) {
            log.append(message.description, (metadata ?? [:]).mapValues { $0.description })
        }
    }
}

@Suite("Server: request log")
struct ServerRequestLogTests {
    @Test("every request is logged with method, path, status and duration")
    func requestLog() async throws {
        let fixture = try ServerFixture("log")
        defer { fixture.remove() }
        let captured = CapturedLog()
        let logger = Logger(label: "zhuti.serve.test") { _ in CapturedLog.Handler(log: captured) }
        let server = try await RunningServer.start(options: fixture.options(), logger: logger)
        let client = HTTPClient(port: server.port)
        #expect(try await client.get("/health").status == 200)
        #expect(try await client.get("/nowhere").status == 404)
        try await server.stop()
        let requests = captured.all.filter { $0.message == "request" }
        let health = try #require(requests.first { $0.metadata["path"] == "/health" })
        #expect(health.metadata["method"] == "GET" && health.metadata["status"] == "200")
        #expect(Double(health.metadata["ms"] ?? "") != nil)
        #expect(requests.contains { $0.metadata["path"] == "/nowhere" && $0.metadata["status"] == "404" })
    }
}

@Suite("Server: metrics")
struct ServerMetricsTests {
    @Test("/metrics counts requests by route pattern, latency, cache hits and the model generation")
    func metrics() async throws {
        let fixture = try ServerFixture("metrics")
        defer { fixture.remove() }
        let server = try await fixture.start()
        let client = HTTPClient(port: server.port)
        let id = ServerCorpus.id(.investment, 0)
        for _ in 0..<2 { #expect(try await client.get("/articles/\(id)/related?k=3").status == 200) }
        #expect(try await client.get("/nowhere").status == 404)
        let scraped = try await client.get("/metrics")
        #expect(scraped.status == 200)
        #expect(scraped.headers["content-type"]?.hasPrefix("text/plain") == true)
        let text = scraped.text
        let related = text.split(separator: "\n").filter { $0.hasPrefix("zhuti_http_requests_total{") && $0.contains("/articles/:id/related") }
        #expect(related.count == 1 && related[0].hasSuffix(" 2") && related[0].contains("status=\"200\""), "\(text)")
        #expect(text.contains("route=\"unmatched\""), "\(text)")
        #expect(text.contains("zhuti_http_request_duration_seconds_bucket{"), "\(text)")
        #expect(text.contains("zhuti_response_cache_hits_total 1") && text.contains("zhuti_response_cache_misses_total 1"), "\(text)")
        #expect(text.contains("zhuti_model_generation_count 1"), "\(text)")
        #expect(text.contains("zhuti_engine_waiting_jobs{lane=\"long\"}"), "\(text)")
        try await server.stop()
    }
}
