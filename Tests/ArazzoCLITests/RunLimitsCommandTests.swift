import ArazzoJSON
import ArazzoTestServer
import ArazzoTestSupport
import Foundation
import Testing

/// `arazzo run`: durations out of range are usage errors, and a run that ends badly (deadline,
/// failure, --max-steps, Ctrl-C, SIGTERM) still writes its `--record` file.
@Suite struct RunLimitsCommandTests {
  static let fixtures = TestPaths.root.appendingPathComponent("Tests/ArazzoRuntimeTests/Fixtures")
  static let retry = fixtures.appendingPathComponent("retry.arazzo.yaml").path
  static let waits = fixtures.appendingPathComponent("waits.arazzo.yaml").path

  @Test(arguments: [
    ("--timeout", "inf", "is longer than 24h, the longest duration allowed"),
    ("--deadline", "1e300s", "is longer than 24h, the longest duration allowed"),
    ("--loop-delay", "99999999999999999999", "is longer than 24h, the longest duration allowed"),
    ("--deadline", "25h", "is longer than 24h, the longest duration allowed"),
    ("--timeout", "1e308h", "is longer than 24h, the longest duration allowed"),
    ("--deadline", "nan", "is not a duration"),
    ("--loop-delay", "-1s", "is not a duration"),
    ("--timeout", "-inf", "is not a duration"),
  ])
  func outOfRangeDurationsAreUsageErrors(flag: String, value: String, message: String) async throws
  {
    let r = try await RunCommandTests.arazzo(
      ["run", Self.retry, "--server", "api=http://127.0.0.1:9/", "\(flag)=\(value)"])
    #expect(r.status == 2, "\(r.stdout)\n\(r.stderr)")
    #expect(r.stderr.contains("\(flag): '\(value)' \(message)"), "\(r.stderr)")
  }

  /// The document asks `retryAfter: 1e300` (which used to crash the run and lose the
  /// recording): the retry waits the 300 s cap, `--deadline 1s` cuts it, the recording is kept.
  @Test(.timeLimit(.minutes(1))) func deadlineCutsTheDocumentsRetryAndTheRecordIsWritten()
    async throws
  {
    let folder = try TemporaryFolder()
    let har = folder.appending("deadline.har").path
    let server = try await TestServer.start()
    server.route("/flaky", respond: .json(#"{"busy":true}"#, status: 503))
    let started = Date()
    let r = try await RunCommandTests.arazzo(
      [
        "run", Self.waits, "--workflow", "long-retry-after", "--server", "api=\(server.baseURL)",
        "--deadline", "1s", "--timeout", "24h", "--record", har,
      ])
    let elapsed = Date().timeIntervalSince(started)
    await server.shutdown()
    #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
    // Far below the 300 s wait, with room for a loaded machine.
    #expect(elapsed < 10, "took \(elapsed) s")
    #expect(
      r.stdout.contains(
        "warning[AZ5012]: step 'fetch': action 'later' asks retryAfter 1e+300 s; a retry waits at most 300 s"
      ),
      "\(r.stdout)")
    #expect(
      r.stdout.contains(
        "the run's deadline (--deadline) passed while step 'fetch' waited 300 s to retry"),
      "\(r.stdout)")
    #expect(try Self.recordedStatuses(har) == [503])
  }

  /// A failed run and one stopped by --max-steps keep their recordings too.
  @Test func failedAndRunawayRunsWriteTheirRecordings() async throws {
    let folder = try TemporaryFolder()
    let server = try await TestServer.start()
    server.route("/flaky", respond: .json("{}", status: 500))
    server.route("/status", respond: .json("{}"))
    let failedHAR = folder.appending("failed.har").path
    let loopHAR = folder.appending("loop.har").path
    let failed = try await RunCommandTests.arazzo(
      [
        "run", Self.retry, "--workflow", "retry-then-end", "--server", "api=\(server.baseURL)",
        "--record", failedHAR,
      ])
    let loop = try await RunCommandTests.arazzo(
      [
        "run", Self.waits, "--workflow", "poll-forever", "--server", "api=\(server.baseURL)",
        "--max-steps", "3", "--record", loopHAR,
      ])
    await server.shutdown()
    #expect(failed.status == 1, "\(failed.stdout)\n\(failed.stderr)")
    #expect(try Self.recordedStatuses(failedHAR) == [500, 500])
    #expect(loop.status == 1, "\(loop.stdout)\n\(loop.stderr)")
    #expect(loop.stdout.contains("--max-steps (3)"), "\(loop.stdout)")
    #expect(try Self.recordedStatuses(loopHAR) == [200, 200, 200])
  }

  /// Ctrl-C (SIGINT) or SIGTERM during a retry's wait: the run stops at once, says so, exits
  /// 128 + the signal, and the recording is written.
  @Test(.timeLimit(.minutes(1)), arguments: [SIGINT, SIGTERM])
  func anInterruptedRunWritesItsRecording(signal: Int32) async throws {
    let folder = try TemporaryFolder()
    let har = folder.appending("interrupted.har").path
    let server = try await TestServer.start()
    server.route("/flaky", respond: .json("{}", status: 503, headers: [("Retry-After", "100")]))
    let process = Process()
    process.executableURL = CLI.binary
    process.arguments = ["run", Self.retry, "--server", "api=\(server.baseURL)", "--record", har]
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait for the first request, then a little: the run is in the retry's 100 s wait.
    let clock = ContinuousClock()
    let limit = clock.now + .seconds(20)
    while server.requests.isEmpty, clock.now < limit {
      try await Task.sleep(for: .milliseconds(20))
    }
    try await Task.sleep(for: .milliseconds(300))
    let interrupted = clock.now
    kill(process.processIdentifier, signal)
    let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let elapsed = clock.now - interrupted
    await server.shutdown()
    #expect(process.terminationReason == .exit, "killed by the signal")
    #expect(process.terminationStatus == 128 + signal, "\(stdout)")
    #expect(elapsed < .seconds(5), "\(elapsed)")
    #expect(stdout.contains("error[AZ5003]: the run was interrupted"), "\(stdout)")
    #expect(try Self.recordedStatuses(har) == [503])
  }

  /// The response statuses of a HAR file's entries (0 for a failed exchange).
  static func recordedStatuses(_ path: String) throws -> [Int] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let entries = try JSONParser.parse(text)["log"]?["entries"]?.arrayValue ?? []
    return entries.map { $0["response"]?["status"]?.intValue ?? -1 }
  }
}
