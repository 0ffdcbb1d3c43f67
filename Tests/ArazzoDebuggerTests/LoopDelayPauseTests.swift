import ArazzoDebugger
import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import Foundation
import Synchronization
import Testing

/// A pause (Ctrl-C, the editor's Pause) during a `--loop-delay` or a retry's delay stops the run
/// at once, before the request or the retry the delay was for; going on waits only the rest of
/// the delay, then goes on.
@Suite struct LoopDelayPauseTests {
  @Test func aPauseCutsALoopDelayShortAndTheRestIsWaitedAfter() async throws {
    var request = RunRequest(
      document: Seed.document, inputs: try JSONParser.parse(Seed.inputs))
    request.loopDelay = .seconds(2)
    let plan = try RunPlan(request)
    let slept = Mutex<[Duration]>([])
    var configuration = DebugConfiguration(
      plan: plan, makeTransport: { try ReplayTransport(path: Seed.recording) })
    configuration.sleep = { duration in slept.withLock { $0.append(duration) } }
    let engine = try DebugEngine(configuration)

    // Asked for a pause once 300 ms of the first loop delay (6 slices of 50 ms) have passed.
    let sliced = { slept.withLock { $0.count } }
    #expect(await engine.resume(.continue, interrupted: { sliced() >= 6 }) == .interrupted)
    #expect(engine.at == "pollRun/request", "stopped before the request, not after it")
    let position = try #require(engine.position)
    #expect(
      RunTrace(engine: engine).describe(position, visit: 2)
        == "before the request of pollRun (visit 2), its loop delay cut short")
    #expect(engine.history.count == 2, "triggerRun and pollRun's first visit; visit 2 not sent")

    #expect(await engine.resume(.continue) == .finished)
    #expect(engine.result?.status == .succeeded)
    // Three delays (pollRun's visits 2 to 4) of 2 s each, the cut one not waited twice.
    let total = slept.withLock { $0.reduce(Duration.zero, +) }
    #expect(total == .seconds(6), "\(total)")
  }

  /// The same for a retry's delay (`Retry-After: 1`): the pause stops the run before the retry
  /// jumps, the retry is chosen (and counted) once, and the rest of its delay is waited after.
  @Test func aPauseCutsARetryDelayShortAndTheRetryHappensOnce() async throws {
    let folder = repoPath("Tests/ArazzoCLITests/Fixtures/runs/retry-after-header")
    let plan = try RunPlan(RunRequest(document: folder + "/workflow.arazzo.yaml"))
    let slept = Mutex<[Duration]>([])
    var configuration = DebugConfiguration(
      plan: plan, makeTransport: { try ReplayTransport(path: folder + "/recording.har") })
    configuration.sleep = { duration in slept.withLock { $0.append(duration) } }
    let engine = try DebugEngine(configuration)

    let sliced = { slept.withLock { $0.count } }
    #expect(await engine.resume(.continue, interrupted: { sliced() >= 4 }) == .interrupted)
    #expect(engine.at == "fetch/beforeAction", "stopped at the dispatch that chose the retry")
    let position = try #require(engine.position)
    #expect(
      RunTrace(engine: engine).describe(position, visit: 1)
        == "before the retry of fetch, its delay cut short")
    #expect(await engine.resume(.continue) == .finished)
    let result = try #require(engine.result)
    #expect(result.status == .succeeded)
    #expect(result.steps.map(\.effect) == [.retry(attempt: 1), .return])
    let total = slept.withLock { $0.reduce(Duration.zero, +) }
    #expect(total == .seconds(1), "\(total)")
  }
}
