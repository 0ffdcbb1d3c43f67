import ArazzoJSON
import ArazzoTestServer
import ArazzoTestSupport
import Foundation
import Testing

/// `arazzo run` on the seed, against a test server on 127.0.0.1 that behaves like dbt Cloud.
@Suite struct RunCommandTests {
  static let seed = TestPaths.seed.path
  static let token = "sekret-T0KEN-4242"

  /// Runs the CLI off the cooperative pool (it blocks on the child's pipes), in `directory`.
  static func arazzo(
    _ arguments: [String], environment: [String: String] = [:], directory: URL = CLI.root
  ) async throws -> CLIResult {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(
          with: Result { try CLI.run(arguments, environment: environment, directory: directory) })
      }
    }
  }

  /// The seed's arguments against `server` (token last, so tests can drop it).
  static func seedArguments(
    _ server: TestServer, token: String? = RunCommandTests.token
  )
    -> [String]
  {
    [
      "run", seed, "--server", "dbtAdminApi=\(server.baseURL)", "--input", "accountId=1",
      "--input", "jobId=2",
    ] + (token.map { ["--input", "token=\($0)"] } ?? [])
  }

  /// dbt Cloud for account 1, job 2, run 77; the artifact list echoes the Authorization header
  /// so a leaked token would show up in the outputs.
  static func script(_ server: TestServer, statuses: [Int]) {
    server.route("POST /api/v2/accounts/1/jobs/2/run/") { _ in
      .json(#"{"data":{"id":77,"status":1}}"#)
    }
    server.route("GET /api/v2/accounts/1/runs/77/") { request in
      let status = statuses[min(request.hit, statuses.count) - 1]
      return .json(
        #"{"data":{"id":77,"status":\#(status),"is_complete":\#(status >= 10),"is_error":\#(status == 20)}}"#
      )
    }
    server.route("GET /api/v2/accounts/1/runs/77/artifacts/") { request in
      .json(#"{"data":["manifest.json","\#(request.header("Authorization") ?? "")"]}"#)
    }
  }

  static func withServer(
    statuses: [Int] = [1, 2, 3, 10], _ body: (TestServer) async throws -> Void
  )
    async throws
  {
    let server = try await TestServer.start()
    script(server, statuses: statuses)
    do { try await body(server) } catch {
      await server.shutdown()
      throw error
    }
    await server.shutdown()
  }

  static func parse(_ text: String) throws -> JSONValue {
    try JSONParser.parse(text)
  }

  @Test func jsonContractOnSuccess() async throws {
    try await Self.withServer { server in
      let r = try await Self.arazzo(Self.seedArguments(server) + ["--format", "json"])
      #expect(r.status == 0, "\(r.stderr)")
      let report = try Self.parse(r.stdout)
      #expect(report["workflowId"] == "trigger-run-and-poll")
      #expect(report["status"] == "succeeded")
      #expect(report["outputs"]?["runId"] == 77)
      #expect(report["outputs"]?["finalStatus"] == 10)
      #expect(report["outputs"]?["artifacts"] == ["manifest.json", "Bearer REDACTED"])
      #expect(report["steps"]?.arrayValue?.count == 6)
      #expect(report["error"] == nil)
      #expect(server.requests.count == 6)
      #expect(server.requests.allSatisfy { $0.header("Authorization") == "Bearer \(Self.token)" })
      #expect(!r.stdout.contains(Self.token) && !r.stderr.contains(Self.token))
    }
  }

  @Test func textReportSaysWhichActionEndedTheRun() async throws {
    try await Self.withServer(statuses: [1, 20]) { server in
      let r = try await Self.arazzo(Self.seedArguments(server))
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stdout.contains("succeeded, ended by runFailed at pollRun"), "\(r.stdout)")
      #expect(r.stdout.contains("listArtifacts"), "\(r.stdout)")
      #expect(!r.stdout.contains(Self.token) && !r.stderr.contains(Self.token))
    }
  }

  @Test func showSecretsShowsTheToken() async throws {
    try await Self.withServer { server in
      let r = try await Self.arazzo(
        Self.seedArguments(server) + ["--format", "json", "--show-secrets"])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stdout.contains("Bearer \(Self.token)"), "\(r.stdout)")
      let text = try await Self.arazzo(Self.seedArguments(server))
      #expect(!text.stdout.contains(Self.token))
      #expect(text.stdout.contains("Bearer REDACTED"), "\(text.stdout)")
    }
  }

  @Test func tokenFromTheEnvironment() async throws {
    try await Self.withServer { server in
      let r = try await Self.arazzo(
        Self.seedArguments(server, token: nil) + ["--format", "json"],
        environment: ["ARAZZO_INPUT_TOKEN": "env-token-99"])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(server.requests.first?.header("Authorization") == "Bearer env-token-99")
      #expect(!r.stdout.contains("env-token-99"))
    }
  }

  @Test(arguments: [
    (["--input", "accountId=1", "--input", "jobId=2"], "token"),
    (["--input", "accountId=one", "--input", "jobId=2", "--input", "token=T"], "accountId"),
    (
      ["--input", "accountId=1", "--input", "jobId=2", "--input", "token=T", "--input", "x"],
      "NAME=VALUE"
    ),
  ])
  func badInputsExitTwoBeforeAnyRequest(inputs: [String], mentions: String) async throws {
    try await Self.withServer { server in
      let r = try await Self.arazzo(
        ["run", Self.seed, "--server", "dbtAdminApi=\(server.baseURL)"] + inputs)
      #expect(r.status == 2, "\(r.stdout)\n\(r.stderr)")
      #expect(r.stderr.contains(mentions), "\(r.stderr)")
      #expect(server.requests.isEmpty)
    }
  }

  /// A misspelt --server would send the run, token and all, to the real dbt Cloud.
  @Test func serverOverrideForAnUnknownSourceExitsTwo() async throws {
    try await Self.withServer { server in
      let r = try await Self.arazzo(
        Self.seedArguments(server) + ["--server", "dbtAdmin=\(server.baseURL)"])
      #expect(r.status == 2, "\(r.stdout)\n\(r.stderr)")
      #expect(r.stderr.contains("'dbtAdmin'") && r.stderr.contains("dbtAdminApi"), "\(r.stderr)")
      #expect(server.requests.isEmpty)
    }
  }

  @Test func undeclaredInputIsAWarning() async throws {
    try await Self.withServer { server in
      let r = try await Self.arazzo(Self.seedArguments(server) + ["--input", "acountId=1"])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stderr.contains("warning[AZ4005]: input 'acountId' is not declared"), "\(r.stderr)")
    }
  }

  @Test func recordThenReplayGivesTheSameOutputs() async throws {
    let har = FileManager.default.temporaryDirectory
      .appendingPathComponent("arazzo-run-\(UUID().uuidString).har").path
    defer { try? FileManager.default.removeItem(atPath: har) }
    var recorded: CLIResult?
    var arguments: [String] = []
    try await Self.withServer { server in
      arguments = Self.seedArguments(server) + ["--format", "json"]
      recorded = try await Self.arazzo(arguments + ["--record", har])
      #expect(server.requests.count == 6)
    }
    let live = try #require(recorded)
    #expect(live.status == 0, "\(live.stderr)")
    let harText = try String(contentsOfFile: har, encoding: .utf8)
    #expect(!harText.contains(Self.token))
    // The server is gone: replay needs no network.
    let replayed = try await Self.arazzo(arguments + ["--replay", har])
    #expect(replayed.status == 0, "\(replayed.stderr)")
    #expect(try Self.parse(replayed.stdout)["outputs"] == Self.parse(live.stdout)["outputs"])
    #expect(try Self.parse(replayed.stdout)["outputs"]?["finalStatus"] == 10)

    // A request that was never recorded fails the step and names the closest recorded one.
    let other = arguments.map { $0 == "jobId=2" ? "jobId=3" : $0 }
    let missing = try await Self.arazzo(other + ["--replay", har])
    #expect(missing.status == 1, "\(missing.stdout)\n\(missing.stderr)")
    let report = try Self.parse(missing.stdout)
    let reasons = report["steps"]?[0]?["reasons"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(reasons.joined().contains("no recorded response for POST"), "\(reasons)")
    #expect(reasons.joined().contains("/jobs/2/run/"), "\(reasons)")
  }

  /// A poll that outlives its recording fails the step, naming the request and how often it was
  /// recorded; `--replay-reuse-last` answers it again with the last response, warning once.
  @Test func replayingARequestMoreOftenThanRecorded() async throws {
    let folder = try TemporaryFolder()
    let har = folder.url.appendingPathComponent("short.har").path
    var arguments: [String] = []
    var base = ""
    try await Self.withServer(statuses: [1, 10]) { server in
      arguments = Self.seedArguments(server)
      base = server.baseURL
      let recorded = try await Self.arazzo(arguments + ["--record", har])
      #expect(recorded.status == 0, "\(recorded.stderr)")
    }
    // Drop the second poll (status 10): the replayed run polls once more than recorded.
    let data = try Data(contentsOf: URL(fileURLWithPath: har))
    var root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var log = try #require(root["log"] as? [String: Any])
    var entries = try #require(log["entries"] as? [[String: Any]])
    let polls = entries.indices.filter {
      ((entries[$0]["request"] as? [String: Any])?["url"] as? String)?.hasSuffix("/runs/77/")
        == true
    }
    #expect(polls.count == 2)
    entries.remove(at: try #require(polls.last))
    log["entries"] = entries
    root["log"] = log
    try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: har))

    let exhausted = try await Self.arazzo(arguments + ["--replay", har])
    #expect(exhausted.status == 1, "\(exhausted.stdout)\n\(exhausted.stderr)")
    #expect(
      exhausted.stdout.contains(
        "GET \(base)/api/v2/accounts/1/runs/77/ was sent more often than it was recorded (once)"
      ), "\(exhausted.stdout)")
    #expect(exhausted.stdout.contains("--replay-reuse-last"))

    let reused = try await Self.arazzo(
      arguments + ["--replay", har, "--replay-reuse-last", "--max-steps", "6"])
    // Polls status 1 until --max-steps.
    #expect(reused.status == 1, "\(reused.stdout)\n\(reused.stderr)")
    let warnings = reused.stderr.components(separatedBy: "\n").filter {
      $0.hasPrefix("warning[AZ4113]")
    }
    #expect(warnings.count == 1, "\(reused.stderr)")
    #expect(warnings.first?.contains("/runs/77/ was recorded once") == true, "\(warnings)")

    let alone = try await Self.arazzo(arguments + ["--replay-reuse-last"])
    #expect(alone.status == 2)
    #expect(alone.stderr.contains("--replay-reuse-last needs --replay"))
  }

  /// A secret input that lands percent-encoded in a URL (path, a secret-named query parameter,
  /// an innocent-looking one) is masked in the text report, the JSON report and the recording.
  @Test func secretInAURLIsRedactedEverywhere() async throws {
    let document = TestPaths.root.appendingPathComponent(
      "Tests/ArazzoRuntimeTests/Fixtures/secrets.arazzo.yaml"
    ).path
    let secret = "s3c r/t+x&y"
    let encoded = ["s3c%20r%2Ft%2Bx%26y", "s3c+r%2Ft%2Bx%26y"]
    let har = FileManager.default.temporaryDirectory
      .appendingPathComponent("arazzo-secret-\(UUID().uuidString).har").path
    defer { try? FileManager.default.removeItem(atPath: har) }
    let server = try await TestServer.start()
    server.route("/keys/\(encoded[0])", respond: .json("{}"))
    let base = ["run", document, "--server", "api=\(server.baseURL)", "--input", "token=\(secret)"]
    let text = try await Self.arazzo(base + ["--record", har])
    let json = try await Self.arazzo(base + ["--format", "json"])
    let shown = try await Self.arazzo(base + ["--format", "json", "--show-secrets"])
    await server.shutdown()
    #expect(server.requests.count == 3)
    #expect(server.requests.first?.query == "api_key=\(encoded[0])&lookup=\(encoded[0])")
    #expect(text.status == 0, "\(text.stdout)\n\(text.stderr)")
    #expect(json.status == 0, "\(json.stdout)\n\(json.stderr)")
    let recording = try String(contentsOfFile: har, encoding: .utf8)
    for (what, output) in [
      ("text", text.stdout + text.stderr), ("json", json.stdout + json.stderr), ("har", recording),
    ] {
      for spelling in [secret] + encoded {
        #expect(!output.contains(spelling), "\(what) shows the secret as \(spelling):\n\(output)")
      }
    }
    #expect(
      text.stdout.contains("/keys/REDACTED?api_key=REDACTED&lookup=REDACTED"), "\(text.stdout)")
    #expect(shown.stdout.contains(encoded[0]), "\(shown.stdout)")
  }

  @Test func timeoutDeadlineAndMaxStepsFailTheRun() async throws {
    let server = try await TestServer.start()
    Self.script(server, statuses: [1])
    let silent = try await TestServer.start()
    silent.route("POST /api/v2/accounts/1/jobs/2/run/", respond: .never)
    let loop = try await Self.arazzo(
      Self.seedArguments(server) + ["--max-steps", "4", "--format", "json"])
    let timeout = try await Self.arazzo(
      [
        "run", Self.seed, "--server", "dbtAdminApi=\(silent.baseURL)", "--input", "accountId=1",
        "--input", "jobId=2", "--input", "token=T", "--timeout", "300ms", "--format", "json",
      ])
    let deadline = try await Self.arazzo(
      [
        "run", Self.seed, "--server", "dbtAdminApi=\(silent.baseURL)", "--input", "accountId=1",
        "--input", "jobId=2", "--input", "token=T", "--deadline", "300ms", "--format", "json",
      ])
    await server.shutdown()
    await silent.shutdown()
    #expect(loop.status == 1, "\(loop.stdout)\n\(loop.stderr)")
    #expect(
      try Self.parse(loop.stdout)["error"]?.stringValue?.contains("max-steps (4)") == true,
      "\(loop.stdout)")
    #expect(server.requests.count == 4)
    #expect(timeout.status == 1, "\(timeout.stdout)\n\(timeout.stderr)")
    // The whole timeout, not what was left of it when the first hop started (was "300.0 ms").
    #expect(timeout.stdout.contains("within 300 ms"), "\(timeout.stdout)")
    #expect(deadline.status == 1, "\(deadline.stdout)\n\(deadline.stderr)")
    #expect(deadline.stdout.contains("deadline"), "\(deadline.stdout)")
    // Each stop has its code in the report's diagnostics: max steps, the request's timeout
    // (the step's failure), the deadline met by a request.
    #expect(Self.errorCode(loop.stdout) == "AZ5001", "\(loop.stdout)")
    #expect(
      try Self.parse(timeout.stdout)["steps"]?[0]?["code"]?.stringValue == "AZ4104",
      "\(timeout.stdout)")
    #expect(Self.errorCode(deadline.stdout) == "AZ4105", "\(deadline.stdout)")
  }

  /// The code of the error in a `--format json` report's diagnostics.
  static func errorCode(_ stdout: String) -> String? {
    let diagnostics = (try? parse(stdout))?["diagnostics"]?.arrayValue ?? []
    return diagnostics.last { $0["severity"]?.stringValue == "error" }?["code"]?.stringValue
  }

  @Test func failedWorkflowExitsOne() async throws {
    let server = try await TestServer.start()
    server.route("POST /api/v2/accounts/1/jobs/2/run/", respond: .json("{}", status: 500))
    let r = try await Self.arazzo(Self.seedArguments(server))
    await server.shutdown()
    #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
    #expect(r.stdout.contains("failed"), "\(r.stdout)")
    #expect(!r.stdout.contains(Self.token))
  }

  /// A step whose criterion fails has that code (AZ5005) in the JSON report, and the run's
  /// error (the workflow failed) its own (AZ5010).
  @Test func aFailedCriterionHasItsCode() async throws {
    let server = try await TestServer.start()
    server.route("POST /api/v2/accounts/1/jobs/2/run/", respond: .json("{}", status: 500))
    let r = try await Self.arazzo(Self.seedArguments(server) + ["--format", "json"])
    await server.shutdown()
    #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
    let report = try Self.parse(r.stdout)
    #expect(report["steps"]?[0]?["code"]?.stringValue == "AZ5005", "\(r.stdout)")
    #expect(report["steps"]?[0]?["effect"]?.stringValue == "fail", "\(r.stdout)")
    #expect(Self.errorCode(r.stdout) == "AZ5010", "\(r.stdout)")
  }

  /// Issue 9 item 8: a step with no response says why once; the criteria it defeats are only
  /// listed, and the outputs it leaves null are named together under one reason.
  @Test func aStepWithNoResponseSaysItsReasonOnce() async throws {
    let server = try await TestServer.start()
    let base = server.baseURL
    await server.shutdown()  // nothing listens on the port any more: connection refused
    let arguments = [
      "run", Self.seed, "--server", "dbtAdminApi=\(base)", "--input", "accountId=1",
      "--input", "jobId=2", "--input", "token=\(Self.token)",
    ]
    let r = try await Self.arazzo(arguments)
    #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
    let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("triggerRun ") })
    #expect(line.components(separatedBy: "connection refused").count == 2, "\(line)")
    #expect(line.hasSuffix("failed (not met: $statusCode == 200)  -> fail"), "\(line)")
    #expect(
      r.stdout.contains(
        "warning[AZ5004]: outputs 'runId', 'initialStatus' of step 'triggerRun' are null: the step got no response"
      ),
      "\(r.stdout)")
    #expect(!r.stdout.contains("output 'runId'"), "\(r.stdout)")
  }

  /// A criterion that fails on a response gives its own reason, once.
  @Test func aFailedCriterionSaysItsReasonOnce() async throws {
    let server = try await TestServer.start()
    server.route("POST /api/v2/accounts/1/jobs/2/run/", respond: .json("{}", status: 500))
    let r = try await Self.arazzo(Self.seedArguments(server))
    await server.shutdown()
    let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("triggerRun ") })
    #expect(line.hasSuffix("failed ($statusCode == 200: false)  -> fail"), "\(line)")
    #expect(line.components(separatedBy: "$statusCode").count == 2, "\(line)")
  }
}
