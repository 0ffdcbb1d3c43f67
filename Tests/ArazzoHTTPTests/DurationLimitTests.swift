import ArazzoHTTP
import ArazzoJSON
import ArazzoTestServer
import Testing

/// Durations from outside (the command line, documents, `Retry-After`, HAR files) never trap.
@Suite struct DurationLimitTests {
  @Test func secondsAreClampedToTheLimitWithoutTrapping() {
    for nonsense in [Double.nan, -1.0, -Double.infinity, -1e300] { check(nonsense, nil) }
    check(0, .zero)
    check(0.25, .milliseconds(250))
    check(2, .seconds(2))
    check(1.000_000_001, .nanoseconds(1_000_000_001))
    check(300, .seconds(300))
    for huge in [300.000_001, 1e20, 1e300, .greatestFiniteMagnitude, .infinity] {
      check(huge, .seconds(300), clamped: true)
    }
    // A limit as long as a Duration's whole seconds go.
    let longest = Duration.seconds(Int64.max)
    check(9.3e18, longest, clamped: true, limit: longest)
    #expect(Duration.seconds(9.2e18, limit: longest)?.clamped == false)
  }

  /// `Duration.seconds(seconds, limit:)` is `expected`, clamped or not.
  func check(
    _ seconds: Double, _ expected: Duration?, clamped: Bool = false,
    limit: Duration = .seconds(300), sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let got = Duration.seconds(seconds, limit: limit)
    #expect(got?.duration == expected, "\(seconds)", sourceLocation: sourceLocation)
    #expect(
      got?.clamped == expected.map { _ in clamped }, "\(seconds)", sourceLocation: sourceLocation)
  }

  @Test func readableDurations() {
    #expect(Duration.seconds(300).readable == "300 s")
    #expect(Duration.milliseconds(250).readable == "250 ms")
    #expect(Duration.seconds(Int64.max).readable.hasSuffix(" s"))
  }

  /// A timeout a hair under 2^63 ns used to overflow converting to NIO's `TimeAmount`.
  @Test func aTimeoutTooLongForNIOIsNoTimeout() async throws {
    try await withServer { server, transport in
      server.route("/fast", respond: .json("{}"))
      for timeout in [
        Duration.seconds(9_223_372_036) + .nanoseconds(999_999_999), .seconds(Int64.max),
      ] {
        let response = try await transport.send(
          HTTPRequest(url: server.url("/fast")), timeout: timeout)
        #expect(response.status == 200)
      }
    }
  }

  /// A recording's timings count as at most a day (`1e300` used to trap).
  @Test func hugeHARTimingsAreClamped() throws {
    let text = """
      {"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[{
        "startedDateTime":"2026-11-29T11:00:00.000Z","time":1e300,
        "request":{"method":"GET","url":"http://a.test/","httpVersion":"HTTP/1.1","headers":[],
          "queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},
        "response":{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","headers":[],
          "cookies":[],"content":{"size":0,"mimeType":"text/plain","text":""},"redirectURL":"",
          "headersSize":-1,"bodySize":0},
        "cache":{},"timings":{"send":0,"wait":1e300,"receive":1e308}}]}}
      """
    let log = try HARLog(json: try JSONParser.parse(text))
    let timings = try #require(log.entries.first?.response?.timings)
    #expect(timings.wait == .maximumWait)
    #expect(timings.receive == .maximumWait)
    #expect(timings.send == .zero)
  }
}
