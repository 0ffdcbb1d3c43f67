import ArazzoTestServer
import ArazzoTestSupport
import Foundation
import Testing

/// `arazzo debug` itself in a real terminal (tmux), on the seed, as a person would use it: the
/// prompt, Tab completion from what the paused run knows, history across two sessions, Ctrl-C
/// at the prompt and during a running `:continue`, Ctrl-D.
///
/// Every session has a home folder of its own (`HOME`, `XDG_STATE_HOME`), so the history these
/// tests write and read is theirs. Waits have deadlines (`TerminalSession.waitFor`); sessions are
/// closed when a test ends, passed or not.
@Suite(.serialized) struct DebuggerTerminalTests {
  /// The prompt before the first step, as the screen shows it (trailing space trimmed).
  static let firstPrompt = "(trigger-run-and-poll · triggerRun)"
  static let pollRunPrompt = "(trigger-run-and-poll · pollRun)"

  @Test func thePromptNamesTheWorkflowAndTheStep() throws {
    let home = try TemporaryFolder(prefix: "arazzo-debug-term")
    let session = try Debugger.start(home: home)
    defer { session.close() }
    let screen = try session.screen()
    #expect(screen.contains("paused before step triggerRun"), "\(screen)")
    try session.type(":break pollRun")
    try session.press("Enter")
    try session.waitFor("breakpoint 1: step pollRun")
    try session.type(":continue")
    try session.press("Enter")
    try session.waitFor("paused before step pollRun · breakpoint 1")
    try Probe.waitForLine(session, Self.pollRunPrompt)
    try session.type(":back 1")
    try session.press("Enter")
    try Probe.waitForLine(session, "(trigger-run-and-poll · triggerRun · back at #1)")
  }

  /// An unclosed `(` in `:eval` goes on at a `...> ` prompt; the two lines run as one.
  @Test func anUnfinishedExpressionContinuesAtAContinuationPrompt() throws {
    let home = try TemporaryFolder(prefix: "arazzo-debug-term")
    let session = try Debugger.start(home: home)
    defer { session.close() }
    try session.type(":eval ($inputs.jobId == 251")
    try session.press("Enter")
    try Probe.waitForLine(session, "...>")
    try session.type("  && $inputs.accountId == 70403)")
    try session.press("Enter")
    try session.waitUntil("true on a line of its own, then the prompt again") {
      let lines = $0.split(separator: "\n")
      return lines.contains("true") && lines.last?.hasPrefix(Self.firstPrompt) == true
    }
  }

  @Test func tabCompletesACommandThenAStepId() throws {
    let home = try TemporaryFolder(prefix: "arazzo-debug-term")
    let session = try Debugger.start(home: home)
    defer { session.close() }
    try session.type(":bre")
    try session.press("Tab")
    try Probe.waitForLine(session, Self.firstPrompt + " :break")
    try session.press("Tab")
    try Debugger.waitForList(session, [":break", ":breakpoints"])
    try Probe.waitForLine(session, Self.firstPrompt + " :break")
    try session.type(" po")
    try session.press("Tab")
    try Probe.waitForLine(session, Self.firstPrompt + " :break pollRun")
    try session.press("Enter")
    try session.waitFor("breakpoint 1: step pollRun")
  }

  @Test func tabCompletesTheOutputsOfAStepThatRan() throws {
    let home = try TemporaryFolder(prefix: "arazzo-debug-term")
    let session = try Debugger.start(home: home)
    defer { session.close() }
    try Debugger.runTo(pollRun: session)
    try session.type(":eval $steps.tr")
    try session.press("Tab")
    try Probe.waitForLine(session, Self.pollRunPrompt + " :eval $steps.triggerRun.")
    try session.press("Tab")
    try Probe.waitForLine(session, Self.pollRunPrompt + " :eval $steps.triggerRun.outputs.")
    try session.press("Tab")
    try Debugger.waitForList(
      session, ["$steps.triggerRun.outputs.runId", "$steps.triggerRun.outputs.initialStatus"])
    try session.type("r")
    try session.press("Tab")
    try Probe.waitForLine(session, Self.pollRunPrompt + " :eval $steps.triggerRun.outputs.runId")
    try session.press("Enter")
    try session.waitUntil("the run id on a line of its own") {
      $0.split(separator: "\n").contains("70000001")
    }
  }

  /// `$response.body#/…` completes from the body of the response the run last received: the
  /// trigger's (which has `cause`) before the first poll, the poll's (which has not) after it.
  @Test func tabCompletesKeysOfTheLastResponseBody() throws {
    let home = try TemporaryFolder(prefix: "arazzo-debug-term")
    let session = try Debugger.start(home: home)
    defer { session.close() }
    try Debugger.runTo(pollRun: session)
    try session.type("$response.body#/data/ca")
    try session.press("Tab")
    try Probe.waitForLine(session, Self.pollRunPrompt + " $response.body#/data/cause")
    try session.press("C-u")
    try Probe.waitForLine(session, Self.pollRunPrompt)

    try session.type(":step")
    try session.press("Enter")
    try session.waitFor("paused after the response of pollRun")
    try Probe.waitForLine(session, Self.pollRunPrompt)
    try session.type("$response.body#/da")
    try session.press("Tab")
    try Probe.waitForLine(session, Self.pollRunPrompt + " $response.body#/data/")
    try session.type("st")
    try session.press("Tab")
    try Probe.waitForLine(session, Self.pollRunPrompt + " $response.body#/data/status")
    try session.press("Tab")
    try Debugger.waitForList(
      session, ["$response.body#/data/status", "$response.body#/data/status_humanized"])
    try Probe.waitForLine(session, Self.pollRunPrompt + " $response.body#/data/status")
    try session.press("Enter")
    try session.waitUntil("the status on a line of its own") {
      $0.split(separator: "\n").last(where: { !$0.hasPrefix("(") }) == "1"
    }
    try session.type("$response.body#/data/ca")
    try session.press("Tab")
    try session.type("!")
    try Probe.waitForLine(session, Self.pollRunPrompt + " $response.body#/data/ca!")
    try session.press("C-u")
    try session.type("$response.body#/data/cr")
    try session.press("Tab")
    try Probe.waitForLine(session, Self.pollRunPrompt + " $response.body#/data/created_at")
  }

  @Test func historyIsRecalledInTheNextSession() throws {
    let home = try TemporaryFolder(prefix: "arazzo-debug-term")
    let first = try Debugger.start(home: home)
    defer { first.close() }
    for (command, answer) in [
      (":break pollRun", "breakpoint 1: step pollRun"), ("$inputs.jobId", "\n251"),
    ] {
      try first.type(command)
      try first.press("Enter")
      try first.waitFor(answer)
    }
    try first.type(":quit")
    try first.press("Enter")
    #expect(try first.exitStatus() == 0)
    first.close()
    let file = home.appending(".local/state/arazzo/history")
    #expect(FileManager.default.fileExists(atPath: file.path), "the XDG default location")

    let second = try Debugger.start(home: home)
    defer { second.close() }
    try second.press("Up")
    try Probe.waitForLine(second, Self.firstPrompt + " :quit")
    try second.press("Up")
    try Probe.waitForLine(second, Self.firstPrompt + " $inputs.jobId")
    try second.press("Up")
    try Probe.waitForLine(second, Self.firstPrompt + " :break pollRun")
    try second.press("Enter")
    try second.waitFor("breakpoint 1: step pollRun")
  }

  @Test func ctrlCAtThePromptClearsTheLine() throws {
    let home = try TemporaryFolder(prefix: "arazzo-debug-term")
    let session = try Debugger.start(home: home)
    defer { session.close() }
    try session.type(":zzz half a line")
    try session.press("C-c")
    try Probe.waitForLine(session, Self.firstPrompt)
    try session.type(":where")
    try session.press("Enter")
    let screen = try session.waitFor("trigger-run-and-poll · triggerRun  pc 0")
    #expect(!screen.contains("unknown command"), "the abandoned line did not run:\n\(screen)")
    try Probe.waitForLine(session, Self.firstPrompt)
  }

  @Test func ctrlDQuits() throws {
    let home = try TemporaryFolder(prefix: "arazzo-debug-term")
    let session = try Debugger.start(home: home)
    defer { session.close() }
    try session.press("C-d")
    #expect(try session.exitStatus() == 0)
  }

  /// A live run against a dbt-like server that answers "queued" forever, a little slowly:
  /// `:continue` polls until Ctrl-C pauses it at the next instruction.
  @Test func ctrlCPausesARunningContinue() async throws {
    let server = try await TestServer.start()
    server.route("POST /api/v2/accounts/1/jobs/2/run/") { _ in
      .json(#"{"data":{"id":77,"status":1}}"#)
    }
    server.route("GET /api/v2/accounts/1/runs/77/") { _ in
      var queued = TestResponse.json(#"{"data":{"id":77,"status":1,"is_complete":false}}"#)
      queued.delay = .milliseconds(20)
      return queued
    }
    let baseURL = server.baseURL
    do {
      try await Debugger.offThePool { try Self.interrupt(live: baseURL) }
    } catch {
      await server.shutdown()
      throw error
    }
    await server.shutdown()
    #expect(server.requests.count >= 4, "it polled before Ctrl-C: \(server.requests.count)")
  }

  private static func interrupt(live baseURL: String) throws {
    let home = try TemporaryFolder(prefix: "arazzo-debug-term")
    let session = try Debugger.start(
      home: home,
      arguments: [
        TestPaths.seed.path, "--server", "dbtAdminApi=\(baseURL)", "--input", "accountId=1",
        "--input", "jobId=2", "--input", "token=live-token",
      ])
    defer { session.close() }
    try session.type(":continue")
    try session.press("Enter")
    try session.waitFor("pollRun #3 ")
    try session.press("C-c")
    try session.waitFor("· interrupted")
    try Probe.waitForLine(session, pollRunPrompt)
    try session.type(":where")
    try session.press("Enter")
    try session.waitFor("trigger-run-and-poll · pollRun  pc")
    try Probe.waitForLine(session, pollRunPrompt)
    try session.type(":quit")
    try session.press("Enter")
    #expect(try session.exitStatus() == 0)
  }
}

/// `arazzo run` on a terminal (issue 9 item 11): a poll's attempts share one line, rewritten in
/// place with the count and the time; `--verbose` keeps a line per attempt.
@Suite(.serialized) struct RunOnATerminalTests {
  static func run(_ extra: [String]) throws -> [String] {
    let home = try TemporaryFolder(prefix: "arazzo-run-term")
    let session = try TerminalSession(
      [CLI.binary.path, "run"] + Debugger.replayArguments + ["--loop-delay", "300ms"] + extra,
      home: home, directory: CLI.root, width: 200, height: 40)
    defer { session.close() }
    #expect(try session.exitStatus(timeout: 30) == 0)
    return try session.lines()
  }

  @Test func aPollIsOneLineOnATerminal() throws {
    let lines = try Self.run([])
    let polls = lines.filter { $0.hasPrefix("  pollRun") }
    #expect(polls.count == 1, "\(lines)")
    #expect(polls.first?.contains("pollRun #4 ") == true, "\(lines)")
    #expect(
      polls.first?.contains("-> goto listArtifacts (runSucceeded)  (4 attempts in ") == true,
      "\(lines)")
    #expect(lines.contains { $0.hasPrefix("  listArtifacts ") }, "\(lines)")
  }

  @Test func verboseKeepsEveryAttempt() throws {
    let lines = try Self.run(["--verbose"])
    #expect(lines.filter { $0.hasPrefix("  pollRun") }.count == 4, "\(lines)")
  }
}

/// Starting `arazzo debug` in tmux.
enum Debugger {
  /// The seed from its success recording, offline.
  static let replayArguments = [
    TestPaths.seed.path,
    "--replay", CLI.root.appendingPathComponent("examples/dbt-cloud/recordings/success.har").path,
    "--inputs",
    CLI.root.appendingPathComponent("examples/dbt-cloud/recordings/success.inputs.json").path,
  ]

  /// `arazzo debug ARGUMENTS` in a terminal with `home` as its home, once its first prompt shows.
  static func start(
    home: TemporaryFolder, arguments: [String] = replayArguments
  ) throws
    -> TerminalSession
  {
    let session = try TerminalSession(
      [CLI.binary.path, "debug"] + arguments, home: home, directory: CLI.root, width: 120,
      height: 40)
    try Probe.waitForLine(session, DebuggerTerminalTests.firstPrompt)
    return session
  }

  /// `:break pollRun` and `:continue`: paused before the first poll, after the trigger ran.
  static func runTo(pollRun session: TerminalSession) throws {
    try session.type(":break pollRun")
    try session.press("Enter")
    try session.waitFor("breakpoint 1: step pollRun")
    try session.type(":continue")
    try session.press("Enter")
    try session.waitFor("paused before step pollRun · breakpoint 1")
    try Probe.waitForLine(session, DebuggerTerminalTests.pollRunPrompt)
  }

  /// Waits until a line of the screen lists exactly `words` (Tab's candidates, in columns).
  static func waitForList(_ session: TerminalSession, _ words: [String]) throws {
    try session.waitUntil("a line listing \(words.joined(separator: ", "))") { screen in
      screen.split(separator: "\n").contains {
        $0.split(separator: " ").map(String.init) == words
      }
    }
  }

  /// Runs blocking work (a terminal session's waits) on a dispatch thread, not the test pool.
  static func offThePool(_ work: @escaping @Sendable () throws -> Void) async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
      DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
  }
}
