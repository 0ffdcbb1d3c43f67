import ArazzoJSON
import ArazzoTestServer
import ArazzoTestSupport
import Foundation
import Testing

/// `arazzo test` end to end: the built binary on the fixture shop (four workflows, one that
/// depends on another) against a loopback server, every reporter checked against its format.
@Suite struct TestCommandTests {
  static let folder = "Tests/ArazzoCLITests/Fixtures/test"
  static let document = folder + "/shop.arazzo.yaml"
  static let password = "wonderland-secret"

  /// The shop: health (`up` as its JSON value), login (the sidecar's password), items (`count`
  /// of them), item 42 is missing.
  static func withShop(
    count: Int = 3, delay: Duration? = nil, up: String = "true",
    _ body: (TestServer) async throws -> Void
  ) async throws {
    let server = try await TestServer.start()
    @Sendable func answer(_ response: TestResponse) -> TestResponse {
      var r = response
      r.delay = delay
      return r
    }
    server.route("GET /api/health") { _ in answer(.json(#"{"up":\#(up)}"#)) }
    server.route("POST /api/login") { request in
      request.text.contains(password)
        ? answer(.json(#"{"token":"tok-\#(request.hit)-abcdef"}"#))
        : answer(.json(#"{"error":"bad credentials"}"#, status: 401))
    }
    server.route("GET /api/items") { _ in answer(.json(#"{"count":\#(count)}"#)) }
    server.route("GET /api/items/42") { _ in answer(.json(#"{"error":"no item 42"}"#, status: 404))
    }
    do { try await body(server) } catch {
      await server.shutdown()
      throw error
    }
    await server.shutdown()
  }

  static func test(_ server: TestServer, _ more: [String]) async throws -> CLIResult {
    try await RunCommandTests.arazzo(
      ["test", folder, "--server", "shop=\(server.baseURL)/api"] + more)
  }

  /// Durations (`53 ms`, `1.2 s`, `"durationMs": 12.5`, `time="0.012"`) written as `N`.
  static func normalized(_ text: String) -> String {
    var out = text
    for (pattern, replacement) in [
      (#"[0-9]+(\.[0-9]+)? (ms|s)\b"#, "N ms"), (#""durationMs": [0-9.e+-]+"#, #""durationMs": N"#),
      (#"time="[0-9.]+""#, #"time="N""#), (#"duration_ms: "[0-9]+""#, #"duration_ms: "N""#),
    ] {
      out = out.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
    }
    return out
  }

  @Test func textReportPassesAndFailsWithExplanations() async throws {
    try await Self.withShop(count: 0) { server in
      let r = try await Self.test(server, ["--jobs", "2"])
      #expect(r.status == 1, "\(r.stderr)")
      let lines = r.stdout.split(separator: "\n").map(String.init)
      #expect(lines.count > 4)
      #expect(lines[0].hasPrefix("✓ \(Self.document)  health  ") && lines[0].hasSuffix("1 step"))
      #expect(lines[1].hasPrefix("✓ \(Self.document)  login  "))
      // browse ran its dependency health first, in its own machine: 2 steps.
      #expect(lines[2].hasPrefix("✗ \(Self.document)  browse  ") && lines[2].hasSuffix("2 steps"))
      #expect(lines[3].hasPrefix("✗ \(Self.document)  lookup  "))
      let out = r.stdout
      #expect(out.contains("✗ \(Self.document) › browse"))
      #expect(out.contains("step list (operationId listItems) at \(Self.document):39:17"))
      #expect(out.contains("request   GET \(server.baseURL)/api/items"))
      #expect(out.contains(#"response  200  {"count":0}"#))
      // The failed criterion explained part by part, as `eval --explain` does.
      #expect(
        out.contains("criterion 2: $statusCode == 200 && $response.body#/count > 0  [simple]"))
      #expect(out.contains("$response.body#/count > 0  →  false"), "\(out)")
      #expect(out.contains("$response.body#/count  →  0"))
      // browse's first criterion held: only lookup's failed first criterion is explained.
      #expect(out.components(separatedBy: "criterion 1:").count == 2, "\(out)")
      #expect(out.contains("response  404  {\"error\":\"no item 42\"}"))
      #expect(lines.last?.hasPrefix("4 workflows: 2 passed, 2 failed (") == true)
      #expect(!out.contains(Self.password) && !r.stderr.contains(Self.password))
    }
  }

  @Test func quietOnSuccess() async throws {
    try await Self.withShop { server in
      let r = try await Self.test(server, ["--skip", "lookup"])
      #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
      let lines = r.stdout.split(separator: "\n")
      #expect(lines.count == 4, "\(r.stdout)")
      #expect(lines.last?.hasPrefix("3 workflows: 3 passed, 0 failed") == true)
    }
  }

  /// Contract checks are errors in `test` unless `--check` lowers them: a health answer whose
  /// body breaks the declared schema fails the case, names the check and the instance path.
  @Test func contractChecksAreErrorsByDefault() async throws {
    try await Self.withShop(up: #""yes""#) { server in
      let failed = try await Self.test(server, ["--workflow", "health"])
      #expect(failed.status == 1, "\(failed.stdout)\(failed.stderr)")
      #expect(failed.stdout.contains("error[AZ6003]"), "\(failed.stdout)")
      #expect(failed.stdout.contains("/up"), "\(failed.stdout)")
      let off = try await Self.test(
        server, ["--workflow", "health", "--check", "response-body=off"])
      #expect(off.status == 0, "\(off.stdout)\(off.stderr)")
      let warned = try await Self.test(
        server, ["--workflow", "health", "--check", "all=warn", "--reporter", "json"])
      #expect(warned.status == 0, "\(warned.stdout)\(warned.stderr)")
      #expect(warned.stdout.contains(#""severity": "warning""#), "\(warned.stdout)")
    }
  }

  @Test func outputIsTheSameWhateverTheJobs() async throws {
    try await Self.withShop(count: 0, delay: .milliseconds(20)) { server in
      var outputs: [String] = []
      let folder = try TemporaryFolder()
      for jobs in ["1", "2", "4", "8"] {
        let reports = ["json", "junit", "tap", "github"].map {
          "\($0)=\(folder.appending("\($0)-\(jobs)").path)"
        }
        let r = try await Self.test(
          server,
          ["--jobs", jobs, "--coverage"] + reports.flatMap { ["--reporter", $0] } + [
            "--reporter", "text",
          ])
        #expect(r.status == 1)
        var all = r.stdout
        for name in ["json", "junit", "tap", "github"] {
          all += try String(contentsOf: folder.appending("\(name)-\(jobs)"), encoding: .utf8)
        }
        outputs.append(Self.normalized(all))
      }
      #expect(Set(outputs).count == 1, "\(outputs.first ?? "")\n---\n\(outputs.last ?? "")")
    }
  }

  /// When each request arrived, for tests about what ran when.
  final class Arrivals: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [(path: String, at: ContinuousClock.Instant)] = []
    func add(_ path: String) { lock.withLock { times.append((path, .now)) } }
    var all: [(path: String, at: ContinuousClock.Instant)] { lock.withLock { times } }
  }

  @Test func aDependentWorkflowStartsAfterItsDependency() async throws {
    let server = try await TestServer.start()
    let arrivals = Arrivals()
    for path in ["/api/health", "/api/items"] {
      server.route("GET \(path)") { request in
        arrivals.add(request.path)
        var response = TestResponse.json(#"{"up":true,"count":1}"#)
        response.delay = .milliseconds(300)
        return response
      }
    }
    let r = try await Self.test(
      server, ["--jobs", "8", "--workflow", "browse", "--workflow", "health"])
    await server.shutdown()
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    // health's own case first; browse's case (health again in its own machine, then items)
    // only once it has finished, although 8 could run at once.
    let all = arrivals.all
    #expect(all.map(\.path) == ["/api/health", "/api/health", "/api/items"], "\(all)")
    if all.count == 3 { #expect(all[1].at - all[0].at >= .milliseconds(290)) }
  }

  @Test func jsonReport() async throws {
    try await Self.withShop(count: 0) { server in
      let r = try await Self.test(server, ["--reporter", "json", "--coverage"])
      #expect(r.status == 1)
      let report = try JSONParser.parse(r.stdout)
      let workflows = report["workflows"]?.arrayValue ?? []
      #expect(workflows.map { $0["workflowId"] } == ["health", "login", "browse", "lookup"])
      let login = workflows[1]
      #expect(login["status"] == "passed")
      #expect(login["inputs"] == ["username": "alice", "password": "REDACTED"])
      #expect(login["outputs"]?["token"] == "REDACTED", "a learned token is a secret")
      let step = login["steps"]?[0]
      #expect(step?["stepId"] == "signIn")
      #expect(step?["operationId"] == "login")
      #expect(step?["method"] == "POST")
      #expect(step?["url"] == .string("\(server.baseURL)/api/login"))
      #expect(step?["statusCode"] == 200)
      #expect(
        step?["criteria"] == [
          ["condition": "$statusCode == 200", "type": "simple", "passed": true]
        ])
      #expect(step?["checks"] == [])
      #expect(step?["action"] == .null)
      #expect(step?["effect"] == "next (end of workflow)")
      #expect(step?["durationMs"] != nil)
      let browse = workflows[2]
      #expect(browse["status"] == "failed")
      #expect(browse["error"]?.stringValue?.contains("step 'list' failed") == true)
      #expect(browse["steps"]?[1]?["criteria"]?[1]?["passed"] == false)
      #expect(
        report["summary"] == [
          "workflows": 4, "passed": 2, "failed": 2,
          "durationMs": report["summary"]?["durationMs"] ?? .null,
        ])
      let coverage = report["coverage"]?[0]
      #expect(coverage?["sources"] == ["shop"])
      #expect(coverage?["called"] == 4)
      let operations = coverage?["operations"]?.arrayValue ?? []
      let getItem = operations.first { $0["operationId"] == "getItem" }
      #expect(getItem?["seen"] == [404])
      #expect(getItem?["declared"] == ["200", "404"])
      #expect(operations.first { $0["operationId"] == "placeOrder" }?["called"] == false)
      #expect(!r.stdout.contains(Self.password) && !r.stdout.contains("abcdef"))
    }
  }

  @Test func coverageInText() async throws {
    try await Self.withShop { server in
      let r = try await Self.test(server, ["--coverage"])
      #expect(
        r.stdout.contains(
          "coverage \(Self.folder)/shop.openapi.yaml (shop): 4/5 operations called"), "\(r.stdout)")
      #expect(r.stdout.contains("✓ GET /items/{id}  seen 404; declared 200, 404"))
      #expect(r.stdout.contains("· POST /orders     not called; declared 201"))
    }
  }

  @Test func junitReportIsValidAgainstTheSchema() async throws {
    try await Self.withShop(count: 0) { server in
      let folder = try TemporaryFolder()
      let path = folder.appending("reports/junit.xml").path
      let r = try await Self.test(server, ["--reporter", "junit=\(path)"])
      #expect(r.status == 1)
      #expect(r.stdout.isEmpty, "only the JUnit file was asked for")
      let xml = try String(contentsOfFile: path, encoding: .utf8)
      #expect(xml.contains(#"<testsuite name="\#(Self.document)" tests="4" failures="2""#))
      #expect(xml.contains(#"<testcase name="lookup" classname="\#(Self.document)""#))
      #expect(xml.contains("<failure message=\"step &apos;item&apos; failed"), "\(xml)")
      let schema = CLI.shared.appendingPathComponent("testdata/formats/junit/junit-10.xsd").path
      let lint = try Self.xmllint(["--noout", "--schema", schema, path])
      #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
    }
  }

  static func xmllint(_ arguments: [String]) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["xmllint"] + arguments
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(
      stdout: "", stderr: String(decoding: data, as: UTF8.self), status: process.terminationStatus)
  }

  @Test func tapReport() async throws {
    try await Self.withShop(count: 0) { server in
      let r = try await Self.test(server, ["--reporter", "tap"])
      let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      #expect(
        Array(lines.prefix(5)) == [
          "TAP version 14", "1..4", "# Subtest: \(Self.document) health", "    1..1",
          "    ok 1 - ping",
        ])
      #expect(lines.contains("ok 1 - \(Self.document) health"))
      #expect(lines.contains("# Subtest: \(Self.document) browse"))
      #expect(lines.contains("    ok 1 - health.ping"))
      #expect(lines.contains("    not ok 2 - list"))
      #expect(lines.contains("      ---"))
      #expect(lines.contains("not ok 3 - \(Self.document) browse"))
      #expect(lines.contains("  ---") && lines.contains("  ..."))
      #expect(lines.contains { $0.hasPrefix("  message: \"step 'list' failed: ") }, "\(r.stdout)")
    }
  }

  @Test func githubReportAndSummary() async throws {
    try await Self.withShop(count: 0) { server in
      let folder = try TemporaryFolder()
      let summary = folder.appending("summary.md").path
      let r = try await RunCommandTests.arazzo(
        ["test", Self.folder, "--server", "shop=\(server.baseURL)/api", "--reporter", "github"],
        environment: ["GITHUB_STEP_SUMMARY": summary])
      #expect(r.status == 1)
      let lines = r.stdout.split(separator: "\n").map(String.init)
      // At the failed criterion's line and column.
      #expect(
        lines.contains {
          $0.hasPrefix(
            "::error file=\(Self.document),line=43,col=24,title=browse failed::step 'list' failed")
        }, "\(r.stdout)")
      #expect(
        lines.contains {
          $0.hasPrefix("::error file=\(Self.document),line=57,col=24,title=lookup failed::")
        })
      #expect(lines.allSatisfy { !$0.dropFirst(2).contains("\n") })
      let markdown = try String(contentsOfFile: summary, encoding: .utf8)
      #expect(markdown.hasPrefix("### arazzo test: 2 passed, 2 failed"))
      #expect(markdown.contains("| ❌ | `lookup` | `\(Self.document)` |"))
    }
  }

  @Test func missingRequiredInputsAreAnErrorNamingThem() async throws {
    try await Self.withShop { server in
      let folder = try TemporaryFolder()
      for name in ["shop.arazzo.yaml", "shop.openapi.yaml"] {
        try FileManager.default.copyItem(
          at: CLI.root.appendingPathComponent("\(Self.folder)/\(name)"), to: folder.appending(name))
      }
      let r = try await RunCommandTests.arazzo(
        [
          "test", folder.url.path, "--server", "shop=\(server.baseURL)/api", "--root",
          folder.url.path,
        ])
      #expect(r.status == 2)
      #expect(r.stderr.contains("workflow 'login' cannot run:"), "\(r.stderr)")
      #expect(r.stderr.contains("username") && r.stderr.contains("password"), "\(r.stderr)")
      #expect(server.requests.isEmpty, "nothing is sent when a workflow cannot be set up")
    }
  }

  @Test func everyInvalidDocumentIsReportedBeforeAnythingIsSent() async throws {
    try await Self.withShop { server in
      let folder = try TemporaryFolder()
      try FileManager.default.copyItem(
        at: CLI.root.appendingPathComponent(Self.folder), to: folder.appending("shop"))
      try "arazzo: 1.0.1\ninfo: {title: a, version: '1'}\nworkflows: []\n".write(
        to: folder.appending("a.arazzo.yaml"), atomically: true, encoding: .utf8)
      try "arazzo: 1.0.1\ninfo: {title: b}\nsourceDescriptions: []\n".write(
        to: folder.appending("b.arazzo.yml"), atomically: true, encoding: .utf8)
      let r = try await RunCommandTests.arazzo(
        [
          "test", folder.url.path, "--server", "shop=\(server.baseURL)/api", "--root",
          folder.url.path,
        ])
      #expect(r.status == 2)
      #expect(r.stderr.contains("a.arazzo.yaml:"), "\(r.stderr)")
      #expect(r.stderr.contains("b.arazzo.yml:"), "\(r.stderr)")
      #expect(server.requests.isEmpty)
    }
  }

  @Test func anUnwritableReportStopsTheRunBeforeItStarts() async throws {
    try await Self.withShop { server in
      let r = try await Self.test(server, ["--reporter", "junit=/proc/arazzo/junit.xml"])
      #expect(r.status == 2)
      #expect(r.stderr.contains("cannot write the report '/proc/arazzo/junit.xml'"), "\(r.stderr)")
      #expect(server.requests.isEmpty)
      let bad = try await Self.test(server, ["--reporter", "xml"])
      #expect(bad.status == 2)
      #expect(bad.stderr.contains("no reporter 'xml'"))
    }
  }

  @Test func sidecarServersAndInputs() async throws {
    try await Self.withShop { server in
      let folder = try TemporaryFolder()
      for name in ["shop.arazzo.yaml", "shop.openapi.yaml"] {
        try FileManager.default.copyItem(
          at: CLI.root.appendingPathComponent("\(Self.folder)/\(name)"), to: folder.appending(name))
      }
      try """
      {"servers": {"shop": "http://127.0.0.1:9/nowhere"},
       "workflows": {"login": {"inputs": {"username": "bob", "password": "\(Self.password)"},
                               "servers": {"shop": "\(server.baseURL)/api"}}}}
      """.write(to: folder.appending("shop.arazzo-test.json"), atomically: true, encoding: .utf8)
      let r = try await RunCommandTests.arazzo(
        [
          "test", folder.url.path, "--workflow", "login", "--root", folder.url.path, "--reporter",
          "json",
        ])
      #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
      #expect(server.requests.first?.text.contains("\"bob\"") == true)
      // The command line wins over the sidecar.
      let typo = try await RunCommandTests.arazzo(
        [
          "test", folder.url.path, "--workflow", "login", "--root", folder.url.path, "--input",
          "username=carol",
        ])
      #expect(typo.status == 0, "\(typo.stderr)")
      #expect(server.requests.last?.text.contains("\"carol\"") == true)
      try #"{"workflow": {}}"#.write(
        to: folder.appending("shop.arazzo-test.json"), atomically: true, encoding: .utf8)
      let bad = try await RunCommandTests.arazzo([
        "test", folder.url.path, "--root", folder.url.path,
      ])
      #expect(bad.status == 2)
      #expect(
        bad.stderr.contains("shop.arazzo-test.json: unknown member 'workflow'"), "\(bad.stderr)")
    }
  }

  @Test func recordThenReplayOneHARPerWorkflow() async throws {
    let folder = try TemporaryFolder()
    let recordings = folder.appending("hars").path
    var base = ""
    try await Self.withShop { server in
      base = server.baseURL
      let r = try await Self.test(server, ["--record", recordings])
      #expect(r.status == 1, "\(r.stderr)")
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: recordings).sorted()
    #expect(names == ["shop.browse.har", "shop.health.har", "shop.login.har", "shop.lookup.har"])
    let login = try String(contentsOfFile: recordings + "/shop.login.har", encoding: .utf8)
    #expect(!login.contains(Self.password) && !login.contains("abcdef"))
    // The server is gone: the same run from the recordings.
    let replayed = try await RunCommandTests.arazzo(
      [
        "test", Self.folder, "--replay", recordings, "--server", "shop=\(base)/api", "--workflow",
        "health",
        "--workflow", "browse",
      ])
    #expect(replayed.status == 0, "\(replayed.stdout)\(replayed.stderr)")
    let missing = try await RunCommandTests.arazzo([
      "test", Self.folder, "--replay", folder.url.path,
    ])
    #expect(missing.status == 2)
    #expect(
      missing.stderr.contains("no recording '\(folder.url.path)/shop.health.har'"),
      "\(missing.stderr)")
  }
}
