import Hummingbird
import Prometheus

/// `GET /metrics`: the server's counters in the Prometheus text format (swift-prometheus's
/// registry, one per server): requests by route, method and status; latency histograms by
/// route; response-cache hits and misses; and, read when scraped, the model generation and the
/// jobs waiting in each engine lane.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let cacheHits: Counter
    private let cacheMisses: Counter
    private let generation: Gauge
    private let waitingShort: Gauge
    private let waitingLong: Gauge
    static let buckets: [Duration] = [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                      .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                      .seconds(2.5), .seconds(5), .seconds(10)]

    init() {
        func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "zhuti", metricName: metric, unitName: unit, helpText: help)
        }
        cacheHits = registry.makeCounter(descriptor: name("response_cache_hits", "total", "Related answers served from the cache"),
                                         labels: [])
        cacheMisses = registry.makeCounter(descriptor: name("response_cache_misses", "total", "Related answers computed"), labels: [])
        generation = registry.makeGauge(descriptor: name("model_generation", "count", "Model loads, swaps and posted articles"))
        waitingShort = registry.makeGauge(descriptor: name("engine_waiting", "jobs", "Jobs waiting for the engine"), labels: [("lane", "short")])
        waitingLong = registry.makeGauge(descriptor: name("engine_waiting", "jobs", "Jobs waiting for the engine"), labels: [("lane", "long")])
    }

    /// One answered request; `route` is its route's path pattern (or `unmatched`).
    func observe(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "zhuti", metricName: "http_requests", unitName: "total",
                                                              helpText: "HTTP requests answered"),
                             labels: [("route", route), ("method", method), ("status", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: MetricNameDescriptor(namespace: "zhuti", metricName: "http_request_duration",
                                                                        unitName: "seconds", helpText: "Time to answer, by route"),
                                       labels: [("route", route)], buckets: Self.buckets).record(duration)
    }

    func cache(hit: Bool) { (hit ? cacheHits : cacheMisses).increment() }

    /// The exposition text, with the gauges read now.
    func render(generation current: Int) -> String {
        generation.set(Double(current))
        waitingShort.set(Double(EngineLane.short.waitingCount))
        waitingLong.set(Double(EngineLane.long.waitingCount))
        return registry.emitToString()
    }
}
