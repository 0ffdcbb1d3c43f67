import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime
import ArazzoTestServer
import Foundation
import Testing

/// Waits a server or a document asks for: never a trap, at most the retry cap, and never past
/// the run's deadline.
@Suite struct WaitLimitTests {
  /// `Retry-After` values that used to trap (`inf`, `1e300`), or ask for far too long.
  @Test(arguments: [
    "inf", "1e300", "99999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT", "86400",
  ])
  func hugeRetryAfterWaitsTheCapWithAWarning(header: String) async throws {
    try await withTestServer { server in
      server.route("/flaky") { request in
        request.hit == 1
          ? .json("{}", status: 503, headers: [("Retry-After", header)]) : .json("{}")
      }
      server.route("/text", respond: .text("hello"))
      let sleeps = SleepLog()
      let result = try await runLive(
        fixturePath("retry.arazzo.yaml"), workflow: "retry", servers: ["api": server.baseURL],
        sleeps: sleeps)
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(sleeps.delays == [.seconds(300)])
      #expect(
        result.warnings.map(\.message) == [
          "step 'fetch': the server asked to retry after '\(header)'; a retry waits at most 300 s"
        ])
      #expect(result.warnings.map(\.code) == [.retryDelayCapped])
    }
  }

  /// `Retry-After` values that are no delay: the action's `retryAfter` (0.25 s) is used.
  @Test(arguments: ["-5", "soon", "nan", "-inf", "Fri, 31 Dec 9999 25:61:61 GMT"])
  func retryAfterThatIsNoDelayIsIgnoredWithAWarning(header: String) async throws {
    try await withTestServer { server in
      server.route("/flaky") { request in
        request.hit == 1
          ? .json("{}", status: 503, headers: [("Retry-After", header)]) : .json("{}")
      }
      server.route("/text", respond: .text("hello"))
      let sleeps = SleepLog()
      let result = try await runLive(
        fixturePath("retry.arazzo.yaml"), workflow: "retry", servers: ["api": server.baseURL],
        sleeps: sleeps)
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(sleeps.delays == [.milliseconds(250)])
      #expect(
        result.warnings.map(\.message) == [
          "step 'fetch': Retry-After '\(header)' is neither a number of seconds nor an HTTP date; it is ignored"
        ])
      #expect(result.warnings.map(\.code) == [.invalidRetryAfter])
    }
  }

  /// A document's `retryAfter: 1e300` (it used to trap): the cap, with one warning per visit.
  @Test func documentRetryAfterAboveTheCapWaitsTheCap() async throws {
    try await withTestServer { server in
      server.route("/flaky", respond: .json("{}", status: 503))
      let sleeps = SleepLog()
      let result = try await runLive(
        fixturePath("waits.arazzo.yaml"), workflow: "long-retry-after",
        servers: ["api": server.baseURL], sleeps: sleeps)
      #expect(result.status == .failed)
      #expect(server.requests.count == 3)
      #expect(sleeps.delays == [.seconds(300), .seconds(300)])
      #expect(
        result.warnings.map(\.message) == [
          "step 'fetch': action 'later' asks retryAfter 1e+300 s; a retry waits at most 300 s"
        ])
      #expect(result.warnings.map(\.code) == [.retryDelayCapped])
    }
  }

  /// `--deadline` cuts a `Retry-After` wait: the run ends at the deadline, not 60 s later.
  @Test(.timeLimit(.minutes(1))) func deadlineCutsARetryAfterWait() async throws {
    try await withTestServer { server in
      server.route("/flaky", respond: .json("{}", status: 503, headers: [("Retry-After", "60")]))
      let (result, elapsed) = try await Self.timed {
        try await runLive(
          fixturePath("retry.arazzo.yaml"), workflow: "retry", servers: ["api": server.baseURL],
          options: { $0.deadline = .now + .seconds(1) },
          transport: { $0.deadline = .now + .seconds(1) }, sleeps: SleepLog(sleeping: true))
      }
      #expect(result.status == .failed)
      #expect(
        result.error?.message
          == "the run's deadline (--deadline) passed while step 'fetch' waited 60 s to retry",
        "\(result.error?.message ?? "")")
      #expect(result.error?.code == .runDeadline)
      // Located at the step whose retry waited: its dispatch (onFailure) in the document.
      #expect(result.error?.span?.file.path.hasSuffix("retry.arazzo.yaml") == true)
      #expect(server.requests.count == 1)
      #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(20), "\(elapsed)")
    }
  }

  /// `--deadline` cuts a `--loop-delay` pause between polls.
  @Test(.timeLimit(.minutes(1))) func deadlineCutsALoopDelay() async throws {
    try await withTestServer { server in
      server.route("/status", respond: .json("{}"))
      let (result, elapsed) = try await Self.timed {
        try await runLive(
          fixturePath("waits.arazzo.yaml"), workflow: "poll-forever",
          servers: ["api": server.baseURL],
          options: {
            $0.deadline = .now + .seconds(1)
            $0.loopDelay = .seconds(60)
          },
          transport: { $0.deadline = .now + .seconds(1) }, sleeps: SleepLog(sleeping: true))
      }
      #expect(result.status == .failed)
      #expect(
        result.error?.message
          == "the run's deadline (--deadline) passed while step 'poll' waited 60 s (--loop-delay) before visit 2",
        "\(result.error?.message ?? "")")
      #expect(result.error?.code == .runDeadline)
      #expect(server.requests.count == 1)
      #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(20), "\(elapsed)")
    }
  }

  /// A request that meets the deadline ends the run: no failure action runs after it.
  @Test(.timeLimit(.minutes(1))) func aRequestMeetingTheDeadlineEndsTheRun() async throws {
    try await withTestServer { server in
      server.route("/flaky", respond: .never)
      server.route("/status", respond: .json("{}"))
      let (result, elapsed) = try await Self.timed {
        try await runLive(
          fixturePath("retry.arazzo.yaml"), workflow: "retry", servers: ["api": server.baseURL],
          options: { $0.deadline = .now + .seconds(1) },
          transport: { $0.deadline = .now + .seconds(1) })
      }
      #expect(result.status == .failed)
      #expect(
        result.error?.message
          == "step 'fetch': the run's deadline passed while waiting for 127.0.0.1:\(server.port)",
        "\(result.error?.message ?? "")")
      #expect(result.error?.code == .deadlineExceeded)
      // Not the fallback step that giveUp's goto would have sent to.
      #expect(server.requests.map(\.path) == ["/flaky"])
      #expect(elapsed < .seconds(20), "\(elapsed)")
    }
  }

  /// Cancelling the run's task (Ctrl-C in `arazzo run`) ends a wait and the run at once.
  @Test(.timeLimit(.minutes(1))) func cancellingTheRunEndsAWait() async throws {
    try await withTestServer { server in
      server.route("/flaky", respond: .json("{}", status: 503, headers: [("Retry-After", "60")]))
      let (result, elapsed) = try await Self.timed {
        let running = Task {
          try await runLive(
            fixturePath("retry.arazzo.yaml"), workflow: "retry", servers: ["api": server.baseURL],
            sleeps: SleepLog(sleeping: true))
        }
        try await Task.sleep(for: .milliseconds(500))
        running.cancel()
        return try await running.value
      }
      #expect(result.status == .failed)
      #expect(result.error?.message == "the run was interrupted")
      #expect(result.error?.code == .interrupted)
      #expect(server.requests.count == 1)
      #expect(elapsed < .seconds(20), "\(elapsed)")
    }
  }

  /// What `body` returns and how long it took.
  static func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
    let clock = ContinuousClock()
    let started = clock.now
    let value = try await body()
    return (value, clock.now - started)
  }
}
