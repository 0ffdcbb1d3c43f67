import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime
import ArazzoSyntax
import ArazzoTestServer
import Foundation
import Testing

/// `Tests/ArazzoRuntimeTests/Fixtures/<name>`.
func fixturePath(_ name: String) -> String {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

/// The seed document's path.
let seedPath = repoPath("examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml")

/// Lowers `path`, or fails the test with the diagnostics.
func lowered(_ path: String, strict: Bool = false) throws -> Program {
  let (program, diagnostics) = Lowering.lower(path: path, options: LoweringOptions(strict: strict))
  guard let program else {
    throw FixtureError(
      description: "lowering refused \(path):\n"
        + DiagnosticRenderer(colored: false).render(diagnostics))
  }
  return program
}

/// Records every delay the machine asks for instead of sleeping (`sleeping`: and sleeps it,
/// for tests of wall time).
final class SleepLog: @unchecked Sendable {
  private let lock = NSLock()
  private var log: [Duration] = []
  let sleeping: Bool
  init(sleeping: Bool = false) { self.sleeping = sleeping }
  var delays: [Duration] { lock.withLock { log } }
  var sleep: @Sendable (Duration) async -> Void {
    { d in
      self.lock.withLock { self.log.append(d) }
      if self.sleeping { try? await Task.sleep(for: d) }
    }
  }
}

/// A loopback port that was bound and then closed: nothing listens there.
func refusedPort() async throws -> Int {
  let server = try await TestServer.start()
  let port = server.port
  await server.shutdown()
  return port
}

/// Collects the machine's events.
final class EventLog: RunObserver {
  var events: [RunEvent] = []
  func handle(_ event: RunEvent) { events.append(event) }
}

/// A live run against 127.0.0.1, set up as `arazzo run` sets it up: a `RunPlan` of `document`
/// (`servers`, name → base URL, as `--server`; `strict` as `--strict`; a refused plan fails the
/// test), its options changed by `configure`, a live transport (no proxy) wrapped for
/// redirects, delays recorded by `sleeps`.
func runLive(
  _ document: String, workflow: String? = nil, inputs: JSONValue = .object(JSONObject()),
  servers: [String: String], strict: Bool = false,
  options configure: (inout RunOptions) -> Void = { _ in },
  transport configureTransport: (inout LiveTransport.Configuration) -> Void = { _ in },
  sleeps: SleepLog = SleepLog(), observer: RunObserver? = nil
) async throws -> RunResult {
  var request = RunRequest(document: document, workflow: workflow, inputs: inputs)
  request.servers = servers
  request.strict = strict
  var plan: RunPlan
  do { plan = try RunPlan(request) } catch {
    throw FixtureError(
      description: "the run was refused:\n" + DiagnosticRenderer().renderBrief(error.diagnostics))
  }
  configure(&plan.options)
  var configuration = LiveTransport.Configuration()
  configuration.proxy = .none
  configuration.timeout = .seconds(10)
  configureTransport(&configuration)
  let transport = RedirectingTransport(LiveTransport(configuration: configuration), maxRedirects: 5)
  let machine = plan.machine(transport: transport, observer: observer, sleep: sleeps.sleep)
  let result = await machine.run(workflow: plan.workflow.name, inputs: plan.inputs)
  await transport.shutdown()
  return result
}

/// Starts a test server, runs `body`, shuts the server down (also when `body` throws).
func withTestServer(_ body: (TestServer) async throws -> Void) async throws {
  let server = try await TestServer.start()
  do {
    try await body(server)
  } catch {
    await server.shutdown()
    throw error
  }
  await server.shutdown()
}

/// Routes that behave like dbt Cloud for account 1, job 2, run 77: the run goes through
/// `statuses` on successive polls (the last one repeats).
func scriptDbt(_ server: TestServer, statuses: [Int]) {
  server.route("POST /api/v2/accounts/1/jobs/2/run/") { _ in
    .json(#"{"status":{"code":200},"data":{"id":77,"status":1,"job_definition_id":2}}"#)
  }
  server.route("GET /api/v2/accounts/1/runs/77/") { request in
    let status = statuses[min(request.hit, statuses.count) - 1]
    let complete = status >= 10
    return .json(
      #"{"data":{"id":77,"status":\#(status),"is_complete":\#(complete),"is_error":\#(status == 20)}}"#
    )
  }
  server.route("GET /api/v2/accounts/1/runs/77/artifacts/") { _ in
    .json(#"{"data":["manifest.json","catalog.json","run_results.json"]}"#)
  }
}

extension JSONValue {
  /// Parses test JSON.
  static func parse(_ text: String) -> JSONValue { json(text) }
}
