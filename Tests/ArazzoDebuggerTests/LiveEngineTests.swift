import ArazzoDebugger
import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import ArazzoTestServer
import Testing

/// The engine over real HTTP: the seed against a dbt Cloud stand-in on 127.0.0.1, so retries
/// and restarts are seen by a server, not a recording.
@Suite struct LiveEngineTests {
  /// Account 1, job 2, run 77; the poll answers `statuses` in turn (then the last one again).
  static func server(statuses: [Int]) async throws -> TestServer {
    let server = try await TestServer.start()
    server.route("POST /api/v2/accounts/1/jobs/2/run/") { _ in
      .json(#"{"data":{"id":77,"status":1}}"#)
    }
    server.route("GET /api/v2/accounts/1/runs/77/") { request in
      let status = statuses[min(request.hit, statuses.count) - 1]
      return .json(
        #"{"data":{"id":77,"status":\#(status),"is_complete":\#(status >= 10),"is_error":false}}"#)
    }
    server.route("GET /api/v2/accounts/1/runs/77/artifacts/") { _ in
      .json(#"{"data":["manifest.json"]}"#)
    }
    return server
  }

  static func engine(_ server: TestServer) throws -> DebugEngine {
    try makeEngine(
      inputs: #"{"accountId":1,"jobId":2,"token":"live-token"}"#,
      servers: ["dbtAdminApi": server.baseURL],
      transport: { LiveTransport() })
  }

  @Test func retryAndRestartSendAgain() async throws {
    let server = try await Self.server(statuses: [3, 10])
    let engine = try Self.engine(server)
    _ = try engine.breakpoints.add("pollRun", temporary: true, program: engine.program, current: 0)
    #expect(await engine.resume(.continue) == .breakpoint(1))
    #expect(await engine.resume(.step) == .stepped)
    #expect(try engine.value("$response.body#/data/status") == .integer(3))
    // Retried, the poll reaches the server again and sees the next status.
    try engine.retry()
    #expect(await engine.resume(.step) == .stepped)
    #expect(try engine.value("$response.body#/data/status") == .integer(10))
    #expect(await engine.resume(.continue) == .finished)
    #expect(engine.result?.outputs["finalStatus"] == .integer(10))
    #expect(server.requests.count == 4)
    try await engine.restart(inputs: nil)
    #expect(await engine.resume(.continue) == .finished)
    #expect(server.requests.count == 7)
    await engine.shutdown()
    await server.shutdown()
  }
}
