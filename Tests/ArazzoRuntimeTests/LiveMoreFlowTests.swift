import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime
import ArazzoTestServer
import Foundation
import Testing

/// Retry targets, failing sub-workflows, tail calls from a child, workflow-level actions,
/// strict outputs, loop delays — against 127.0.0.1.
@Suite struct LiveMoreFlowTests {
  static let more = fixturePath("more.arazzo.yaml")

  @Test func retryTargetStepRunsBeforeTheRetriedRequest() async throws {
    try await withTestServer { server in
      server.route("POST /login") { request in .json(#"{"token":"tok-\#(request.hit)"}"#) }
      server.route("GET /items/secret") { request in
        request.header("X-Trace") == "tok-2"
          ? .json(#"{"name":"Secret"}"#) : .json(#"{"error":"expired"}"#, status: 401)
      }
      let result = try await runLive(
        Self.more, workflow: "refresh-and-retry", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(result.outputs["name"] == "Secret")
      #expect(
        server.requests.map { "\($0.method) \($0.path) \($0.header("X-Trace") ?? "-")" } == [
          "POST /login -", "GET /items/secret tok-1", "POST /login -", "GET /items/secret tok-2",
        ])
      #expect(server.requests[0].text == "grant=client")
    }
  }

  @Test func failedSubWorkflowFailsTheCallingStep() async throws {
    try await withTestServer { server in
      server.route("/status", respond: .json("{}", status: 500))
      server.route("/text", respond: .text("recovered"))
      let result = try await runLive(
        Self.more, workflow: "failing-child-parent", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(result.outputs["text"] == "recovered")
      #expect(server.requests.map(\.path) == ["/status", "/text"])
      let call = try #require(result.steps.first { $0.stepId == "callChild" })
      #expect(call.succeeded == false)
      #expect(call.failure?.code == .subWorkflowFailed)
      #expect(call.effect == .goto(step: "recovered"))
    }
  }

  @Test func gotoWorkflowInsideAChildAnswersTheCaller() async throws {
    try await withTestServer { server in
      server.route("/text", respond: .text("hi"))
      server.route("/items/named", respond: .json(#"{"name":"Named"}"#))
      let result = try await runLive(
        Self.more, workflow: "child-hands-off-parent", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(result.outputs["got"] == "Named")
      #expect(server.requests.map(\.path) == ["/text", "/items/named"])
    }
  }

  @Test func workflowLevelActionsApplyToSteps() async throws {
    try await withTestServer { server in
      server.route("/status") { request in
        request.hit == 1 ? .json("{}", status: 503) : .json("{}", status: 202)
      }
      let sleeps = SleepLog()
      let result = try await runLive(
        Self.more, workflow: "workflow-actions", servers: ["api": server.baseURL], sleeps: sleeps)
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(sleeps.delays == [.seconds(3)])
      #expect(result.endedBy == "wfEnd at first")
      #expect(server.requests.map(\.path) == ["/status", "/status"])
    }
  }

  @Test func outputOfAStepThatNeverRanIsNullWithAWarning() async throws {
    try await withTestServer { server in
      server.route("/status", respond: .json("{}"))
      server.route("/big", respond: .json("{}"))
      let result = try await runLive(
        Self.more, workflow: "unresolved-output", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(result.outputs["text"] == .null)
      #expect(result.warnings.contains { $0.message.contains("'skipped'") }, "\(result.warnings)")
    }
  }

  @Test func strictMakesAnUnresolvedOutputAnError() async throws {
    try await withTestServer { server in
      server.route("/status", respond: .json("{}"))
      server.route("/big", respond: .json("{}"))
      let result = try await runLive(
        Self.more, workflow: "unresolved-output", servers: ["api": server.baseURL], strict: true,
        options: { $0.strict = true })
      #expect(result.status == .failed)
      #expect(result.error?.message.contains("skipped") == true, "\(result.error?.message ?? "")")
      // Under --strict a null workflow output is the run's error, with the warning's code.
      #expect(result.error?.code == .outputNull && result.error?.severity == .error)
    }
  }

  @Test func loopDelayPausesBeforeEachRepoll() async throws {
    try await withTestServer { server in
      scriptDbt(server, statuses: [1, 2, 3, 10])
      let sleeps = SleepLog()
      let result = try await runLive(
        seedPath, inputs: DbtLiveTests.inputs, servers: ["dbtAdminApi": server.baseURL],
        options: { $0.loopDelay = .seconds(2) }, sleeps: sleeps)
      #expect(result.status == .succeeded)
      // Polls 2, 3 and 4 re-enter pollRun; the first entry and the other steps do not wait.
      #expect(sleeps.delays == [.seconds(2), .seconds(2), .seconds(2)])
    }
  }

  /// The loop delay is for re-entering a step, not for retrying its request.
  @Test func loopDelayIsNotAddedToRetries() async throws {
    try await withTestServer { server in
      server.route("/flaky") { request in
        switch request.hit {
        case 1: .json(#"{"done":false}"#)
        case 2: .json("{}", status: 503)
        default: .json(#"{"done":true}"#)
        }
      }
      let sleeps = SleepLog()
      let result = try await runLive(
        Self.more, workflow: "poll-with-retry", servers: ["api": server.baseURL],
        options: { $0.loopDelay = .seconds(5) }, sleeps: sleeps)
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(server.requests.count == 3)
      #expect(sleeps.delays == [.seconds(5), .seconds(1)])
      #expect(result.steps.map(\.effect) == [.goto(step: "poll"), .retry(attempt: 1), .return])
    }
  }

  @Test func retryingASubWorkflowStepRunsTheChildAgain() async throws {
    try await withTestServer { server in
      server.route("/status") { request in
        request.hit == 1 ? .json("{}", status: 500) : .json("{}")
      }
      let result = try await runLive(
        Self.more, workflow: "retry-child", servers: ["api": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(server.requests.count == 2)
      #expect(
        result.steps.map { "\($0.workflowId).\($0.stepId)" } == [
          "failing-child.boom", "retry-child.callChild", "failing-child.boom",
          "retry-child.callChild",
        ])
      #expect(result.steps.map(\.effect) == [.fail, .retry(attempt: 1), .return, .return])
    }
  }

  @Test func retryAfterAsAnHTTPDate() async throws {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    // Four minutes ahead (under the 300 s cap): a loaded machine may take a while to get there.
    let date = formatter.string(from: Date().addingTimeInterval(240))
    try await withTestServer { server in
      server.route("/flaky") { request in
        request.hit == 1 ? .json("{}", status: 503, headers: [("Retry-After", date)]) : .json("{}")
      }
      server.route("/text", respond: .text("hello"))
      let sleeps = SleepLog()
      let result = try await runLive(
        fixturePath("retry.arazzo.yaml"), workflow: "retry", servers: ["api": server.baseURL],
        sleeps: sleeps)
      #expect(result.status == .succeeded)
      let delay = try #require(sleeps.delays.first)
      #expect(delay > .seconds(60) && delay <= .seconds(240), "\(delay) for \(date)")
    }
  }
}
