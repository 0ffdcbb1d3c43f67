import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime
import ArazzoSyntax
import ArazzoTestServer
import Foundation
import Testing

/// Retries, timeouts and awkward responses, run by the Machine against 127.0.0.1.
@Suite struct LiveRetryTests {
  @Test func retryHonoursRetryAfterHeaderAndRetryAfterField() async throws {
    try await withTestServer { server in
      server.route("/flaky") { request in
        switch request.hit {
        case 1: .json(#"{"busy":true}"#, status: 503, headers: [("Retry-After", "2")])
        case 2: .json(#"{"busy":true}"#, status: 503)
        default: .json(#"{"ok":true}"#)
        }
      }
      server.route("/text", respond: .text("hello"))
      let sleeps = SleepLog()
      let result = try await runLive(
        fixturePath("retry.arazzo.yaml"), workflow: "retry", servers: ["api": server.baseURL],
        sleeps: sleeps)
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(server.requests.map(\.path) == ["/flaky", "/flaky", "/flaky", "/text"])
      // The header asked for longer than retryAfter (0.25 s) the first time; not the second.
      #expect(sleeps.delays == [.seconds(2), .milliseconds(250)])
      #expect(result.endedBy == "finish at done")
      #expect(result.steps.map(\.stepId) == ["fetch", "fetch", "fetch", "done"])
      #expect(
        result.steps.map(\.effect) == [
          .retry(attempt: 1), .retry(attempt: 2), .next, .end(succeeded: true),
        ])
    }
  }

  @Test func retryAfterHeaderIsCappedByMaxRetryDelay() async throws {
    try await withTestServer { server in
      server.route("/flaky") { request in
        request.hit == 1
          ? .json("{}", status: 503, headers: [("Retry-After", "86400")]) : .json("{}")
      }
      server.route("/text", respond: .text("hello"))
      let sleeps = SleepLog()
      let result = try await runLive(
        fixturePath("retry.arazzo.yaml"), workflow: "retry", servers: ["api": server.baseURL],
        options: { $0.maxRetryDelay = .seconds(5) }, sleeps: sleeps)
      #expect(result.status == .succeeded)
      #expect(sleeps.delays == [.seconds(5)])
    }
  }

  @Test func spentRetryLimitRunsTheNextFailureAction() async throws {
    try await withTestServer { server in
      server.route("/flaky", respond: .json("{}", status: 503))
      server.route("/status", respond: .json(#"{"fine":true}"#))
      let sleeps = SleepLog()
      let result = try await runLive(
        fixturePath("retry.arazzo.yaml"), workflow: "retry", servers: ["api": server.baseURL],
        sleeps: sleeps)
      // retryLimit 3 counts retries: four attempts, then giveUp's goto.
      #expect(server.requests.map(\.path) == ["/flaky", "/flaky", "/flaky", "/flaky", "/status"])
      #expect(sleeps.delays == Array(repeating: .milliseconds(250), count: 3))
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(
        result.steps.map(\.effect) == [
          .retry(attempt: 1), .retry(attempt: 2), .retry(attempt: 3), .goto(step: "fallback"),
          .return,
        ])
      #expect(result.steps[3].action == "giveUp")
    }
  }

  @Test func endFromOnFailureAfterRetriesFailsTheRun() async throws {
    try await withTestServer { server in
      server.route("/flaky", respond: .json("{}", status: 500))
      let sleeps = SleepLog()
      let result = try await runLive(
        fixturePath("retry.arazzo.yaml"), workflow: "retry-then-end",
        servers: ["api": server.baseURL], sleeps: sleeps)
      #expect(server.requests.count == 2)
      #expect(sleeps.delays.allSatisfy { $0 == .zero })
      #expect(result.status == .failed)
      #expect(result.endedBy == "stop at fetch")
      #expect(result.error?.code == .workflowFailed)
      // Located at the failed step's criteria.
      #expect(result.error?.span?.file.path.hasSuffix("retry.arazzo.yaml") == true)
      #expect(result.steps.map(\.failure?.code) == [.criterionFailed, .criterionFailed])
      #expect(result.steps.last?.failure?.span?.file.path.hasSuffix("retry.arazzo.yaml") == true)
      #expect(result.steps.last?.effect == .end(succeeded: false))
    }
  }
}

@Suite struct LiveResponseTests {
  @Test func perRequestTimeoutFailsTheStep() async throws {
    try await withTestServer { server in
      server.route("/slow", respond: .never)
      let clock = ContinuousClock()
      let started = clock.now
      let result = try await runLive(
        fixturePath("errors.arazzo.yaml"), workflow: "slow", servers: ["api": server.baseURL],
        options: { $0.timeout = .milliseconds(200) })
      // A hang guard, not a speed test (the server never answers).
      #expect(clock.now - started < .seconds(60), "the timeout did not cut the request short")
      #expect(result.status == .failed)
      let step = try #require(result.steps.first)
      #expect(step.statusCode == nil)
      #expect(step.reasons.joined().contains("within 200 ms"), "\(step.reasons)")
      #expect(result.steps.first?.succeeded == false)
    }
  }

  @Test func serverErrorPassesThroughToTheCriteria() async throws {
    try await withTestServer { server in
      server.route("/status", respond: .json(#"{"reason":"maintenance"}"#, status: 503))
      let result = try await runLive(
        fixturePath("errors.arazzo.yaml"), workflow: "status", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(result.outputs["code"] == 503)
      #expect(result.outputs["reason"] == "maintenance")
    }
  }

  @Test func serverErrorWithoutCriteriaStillSucceeds() async throws {
    // No successCriteria: any response is a success (the spec has no implicit status check).
    try await withTestServer { server in
      server.route("/status", respond: .json("{}", status: 500))
      let result = try await runLive(
        fixturePath("errors.arazzo.yaml"), workflow: "status-default",
        servers: ["api": server.baseURL])
      #expect(result.steps.first?.statusCode == 500)
      #expect(result.status == .succeeded)
    }
  }

  @Test func connectionRefusedFailsTheStep() async throws {
    // A port that was bound, then closed: nothing listens there now.
    let port = try await refusedPort()
    let result = try await runLive(
      fixturePath("errors.arazzo.yaml"), workflow: "status-default",
      servers: ["api": "http://127.0.0.1:\(port)"])
    #expect(result.status == .failed)
    let step = try #require(result.steps.first)
    #expect(step.statusCode == nil)
    #expect(step.reasons.joined().contains("connection refused"), "\(step.reasons)")
    #expect(step.reasons.joined().contains("\(port)"))
    #expect(step.failure?.code == .connectionRefused)
  }

  @Test func malformedJSONBodyIsText() async throws {
    try await withTestServer { server in
      server.route("/broken", respond: .json(#"{"a": tru"#))
      let result = try await runLive(
        fixturePath("errors.arazzo.yaml"), workflow: "broken", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(result.outputs["body"] == #"{"a": tru"#)
    }
  }

  @Test func nonJSONContentTypeIsText() async throws {
    try await withTestServer { server in
      server.route(
        "/text",
        respond: .text(#"hello {"not":"parsed"}"#, contentType: "text/plain; charset=utf-8"))
      let result = try await runLive(
        fixturePath("errors.arazzo.yaml"), workflow: "text", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(result.outputs["body"] == #"hello {"not":"parsed"}"#)
      #expect(result.outputs["type"] == "text/plain; charset=utf-8")
    }
  }

  @Test func oversizedBodyFailsTheStep() async throws {
    try await withTestServer { server in
      server.route("/big", respond: .text(String(repeating: "x", count: 4096)))
      let result = try await runLive(
        fixturePath("errors.arazzo.yaml"), workflow: "big", servers: ["api": server.baseURL],
        transport: { $0.maxResponseBytes = 1024 })
      #expect(result.status == .failed)
      let step = try #require(result.steps.first)
      #expect(step.statusCode == nil)
      #expect(step.reasons.joined().contains("limit"), "\(step.reasons)")
    }
  }

  @Test func crossOriginRedirectDropsAuthorization() async throws {
    let other = try await TestServer.start()
    try await withTestServer { server in
      other.route("/landing") { request in
        .json(
          #"{"landed":true,"auth":\#(request.header("Authorization") == nil ? "null" : "\"sent\"")}"#
        )
      }
      server.route("/hop", respond: .redirect(to: other.url("/landing"), status: 302))
      let result = try await runLive(
        fixturePath("errors.arazzo.yaml"), workflow: "hop", inputs: ["token": "s3cret"],
        servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(result.outputs["landed"] == true)
      #expect(server.requests.first?.header("Authorization") == "Bearer s3cret")
      let landed = try #require(other.requests.first)
      #expect(landed.header("Authorization") == nil)
    }
    await other.shutdown()
  }
}

/// Control flow and request shapes against 127.0.0.1.
@Suite struct LiveFlowTests {
  static let flows = fixturePath("flows.arazzo.yaml")

  /// Items answer `{"name": …}`: `abc` is a Widget, anything else echoes its id.
  static func scriptItems(_ server: TestServer) {
    for id in ["abc", "setup", "middle", "Widget", "Gadget"] {
      server.route("GET /items/\(id)") { _ in
        .json(#"{"name":"\#(id == "abc" ? "Widget" : id == "setup" ? "Gadget" : id)"}"#)
      }
    }
  }

  @Test func subWorkflowParametersBecomeInputsAndOutputsComeBack() async throws {
    try await withTestServer { server in
      Self.scriptItems(server)
      let result = try await runLive(
        Self.flows, workflow: "parent", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(result.outputs["childName"] == "Widget")
      #expect(server.requests.map(\.path) == ["/items/abc", "/items/Widget"])
      #expect(server.requests.first?.header("X-Trace") == "t-1")
      #expect(
        result.steps.map { "\($0.workflowId).\($0.stepId)" } == [
          "child.fetch", "parent.callChild", "parent.after",
        ])
    }
  }

  @Test func dependenciesRunFirstAndOnce() async throws {
    try await withTestServer { server in
      Self.scriptItems(server)
      let result = try await runLive(
        Self.flows, workflow: "dependent", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(server.requests.map(\.path) == ["/items/setup", "/items/middle", "/items/Gadget"])
      #expect(result.outputs["setupName"] == "Gadget")
      #expect(result.workflowId == "dependent")
    }
  }

  @Test func failedDependencyFailsTheRunBeforeTheDependent() async throws {
    // Nothing listens: setup's request fails, so the dependents never start.
    let port = try await refusedPort()
    let result = try await runLive(
      Self.flows, workflow: "dependent", servers: ["api": "http://127.0.0.1:\(port)"])
    #expect(result.status == .failed)
    #expect(result.steps.map(\.stepId) == ["prepare"])
    #expect(result.error?.code == .workflowDependencyFailed)
  }

  @Test func componentsParametersWithOverrideAndReusableActions() async throws {
    try await withTestServer { server in
      server.route("GET /items") { request in
        request.hit == 1 ? .json("{}", status: 503) : .json("[]")
      }
      let sleeps = SleepLog()
      let result = try await runLive(
        Self.flows, workflow: "components", inputs: ["limit": 5], servers: ["api": server.baseURL],
        sleeps: sleeps)
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(
        server.requests.map(\.uri) == ["/items?limit=20", "/items?limit=20", "/items?limit=5"])
      #expect(server.requests[0].header("X-Trace") == "trace-5")
      #expect(server.requests[2].header("X-Trace") == nil)
      #expect(sleeps.delays == [.milliseconds(1500)])
      #expect(result.endedBy == "done at listOverridden")
      #expect(!server.requests.contains { $0.path == "/text" })
    }
  }

  @Test func payloadReplacementsEditTheBody() async throws {
    try await withTestServer { server in
      server.route("POST /items", respond: .json(#"{"id":1}"#, status: 201))
      let result = try await runLive(
        Self.flows, workflow: "replacements", inputs: ["name": "Sprocket"],
        servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      let request = try #require(server.requests.first)
      #expect(request.header("Content-Type") == "application/json")
      #expect(
        json(request.text)
          == json(#"{"name":"Sprocket","tags":["a","z"],"meta":{"owner":"arazzo"}}"#))
      // $request.body is the body as sent, its replacements applied.
      #expect(
        result.outputs["sent"]
          == json(#"{"name":"Sprocket","tags":["a","z"],"meta":{"owner":"arazzo"}}"#))
    }
  }

  @Test func cookiesAndQueryArrays() async throws {
    try await withTestServer { server in
      server.route("GET /items", respond: .json("[]"))
      let result = try await runLive(
        Self.flows, workflow: "cookies-and-queries", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      let request = try #require(server.requests.first)
      #expect(request.header("Cookie") == "session=abc123; theme=dark")
      #expect(request.query == "tags=red&tags=green%20blue&ids=1,2,3")
    }
  }

  @Test func formURLEncodedBody() async throws {
    try await withTestServer { server in
      server.route("POST /login", respond: .json(#"{"token":"tok"}"#))
      let result = try await runLive(
        Self.flows, workflow: "form", inputs: ["user": "ann", "password": "p&ss w=rd"],
        servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(result.outputs["token"] == "tok")
      let request = try #require(server.requests.first)
      #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
      #expect(request.text == "username=ann&password=p%26ss+w%3Drd")
    }
  }

  @Test func loopGuardStopsAGotoLoop() async throws {
    try await withTestServer { server in
      server.route("/text", respond: .text("again"))
      let result = try await runLive(
        Self.flows, workflow: "forever", servers: ["api": server.baseURL],
        options: { $0.maxSteps = 5 })
      #expect(result.status == .failed)
      #expect(server.requests.count == 5)
      let error = try #require(result.error)
      #expect(error.message.contains("max-steps (5)"), "\(error.message)")
      #expect(error.message.contains("poll"), "\(error.message)")
      #expect(error.code == .maxSteps)
      // At the step it was entering, in the document.
      let span = try #require(error.span)
      #expect(span.file.path.hasSuffix(".arazzo.yaml") && span.start.line > 1, "\(span)")
    }
  }

  @Test func gotoWorkflowHandsTheRunOver() async throws {
    try await withTestServer { server in
      Self.scriptItems(server)
      server.route("/text", respond: .text("hi"))
      let result = try await runLive(
        Self.flows, workflow: "hand-off", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(server.requests.map(\.path) == ["/text", "/items/setup"])
      #expect(result.outputs["name"] == "Gadget")
      #expect(!server.requests.contains { $0.path == "/status" })
    }
  }

  @Test func endFromOnFailureFailsTheRun() async throws {
    try await withTestServer { server in
      server.route("/status", respond: .json("{}", status: 404))
      let result = try await runLive(
        Self.flows, workflow: "end-on-failure", servers: ["api": server.baseURL])
      #expect(result.status == .failed)
      #expect(result.endedBy == "stopHere at fetch")
      #expect(server.requests.map(\.path) == ["/status"])
    }
  }
}
