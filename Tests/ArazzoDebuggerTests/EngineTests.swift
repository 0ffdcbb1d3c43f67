import ArazzoDebugger
import ArazzoExpressions
import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import Foundation
import Testing

/// The engine on the seed, replayed from its success recording: where it pauses, breakpoints,
/// time travel and changes of course. No shell, no terminal.
@Suite struct EngineTests {
  @Test func startsPausedBeforeTheFirstStep() throws {
    let engine = try makeEngine()
    #expect(engine.at == "triggerRun/beforeStep")
    #expect(engine.position?.pc == 0)
    #expect(engine.history.isEmpty)
    #expect(engine.result == nil)
  }

  @Test func stepVisitsFourPausePointsPerAttempt() async throws {
    let engine = try makeEngine()
    var seen = [engine.at]
    while await engine.resume(.step) != .finished { seen.append(engine.at) }
    let attempt = ["beforeStep", "afterResponse", "afterCriteria", "beforeAction"]
    let expected = ["triggerRun", "pollRun", "pollRun", "pollRun", "pollRun", "listArtifacts"]
      .flatMap { step in attempt.map { "\(step)/\($0)" } }
    #expect(seen == expected)
    #expect(engine.result?.status == .succeeded)
    #expect(engine.at == "finished")
    #expect(engine.history.count == 6)
  }

  @Test func stepiExecutesOneInstruction() async throws {
    let engine = try makeEngine()
    #expect(await engine.resume(.stepi) == .stepped)
    #expect(engine.position?.pc == 1)
    #expect(engine.position?.instruction.mnemonic == "request")
    #expect(await engine.resume(.stepi) == .stepped)
    #expect(engine.at == "triggerRun/afterResponse")
  }

  @Test func theRequestIsShownBeforeItIsSent() async throws {
    let engine = try makeEngine()
    let preview = try #require(engine.machine.previewRequest())
    #expect(preview.request?.method.rawValue == "POST")
    #expect(preview.request?.url == "https://cloud.getdbt.com/api/v2/accounts/70403/jobs/251/run/")
    #expect(preview.request?.headers["Authorization"] == "Bearer demo-token")
    #expect(
      preview.body == .object(JSONObject([("cause", .string("Triggered via Arazzo workflow"))])))
    #expect(try engine.value("$response.body") == nil)
    _ = await engine.resume(.step)
    #expect(engine.machine.previewRequest() == nil)
  }

  @Test func beforeAStepItHasNoResponseYetAfterwardsItHas() async throws {
    let engine = try makeEngine()
    _ = try engine.breakpoints.add("pollRun", temporary: false, program: engine.program, current: 0)
    #expect(await engine.resume(.continue) == .breakpoint(1))
    #expect(engine.at == "pollRun/beforeStep")
    let context = try #require(engine.context)
    let missing = try Evaluable.parse("$response.body#/data/status").evaluate(in: context)
      .missingReason
    #expect(missing == "no response yet: step 'pollRun' has not sent its request")
    #expect(await engine.resume(.step) == .stepped)
    #expect(try engine.value("$response.body#/data/status") == .integer(1))
  }

  @Test func stepBreakpointsCountHits() async throws {
    let engine = try makeEngine()
    _ = try engine.breakpoints.add("pollRun", temporary: false, program: engine.program, current: 0)
    var visits: [Int] = []
    while case .breakpoint = await engine.resume(.continue) {
      visits.append(engine.context?.visit ?? 0)
    }
    #expect(visits == [1, 2, 3, 4])
    #expect(engine.breakpoints.all.first?.hits == 4)
    #expect(engine.result?.status == .succeeded)
  }

  @Test func conditionalBreakpointStopsOnlyWhenItHolds() async throws {
    let engine = try makeEngine()
    let b = try engine.breakpoints.add(
      "pollRun if $steps.pollRun.outputs.status == 3", temporary: false, program: engine.program,
      current: 0)
    #expect(b.conditionText == "$steps.pollRun.outputs.status == 3")
    #expect(await engine.resume(.continue) == .breakpoint(1))
    #expect(engine.context?.visit == 4)
    #expect(await engine.resume(.continue) == .finished)
  }

  @Test func conditionParseErrorsNameTheColumn() throws {
    let engine = try makeEngine()
    #expect(throws: BreakpointError.self) {
      try engine.breakpoints.add(
        "pollRun if $statusCode == ", temporary: false, program: engine.program, current: 0)
    }
    do {
      _ = try engine.breakpoints.add(
        "pollRun if $statusCode == ", temporary: false, program: engine.program, current: 0)
    } catch {
      #expect(error.message.contains("column"))
    }
    #expect(engine.breakpoints.all.isEmpty)
  }

  @Test func fileLineBreakpointsResolveToTheInstructionOfThatLine() async throws {
    let engine = try makeEngine()
    let check = try engine.breakpoints.add(
      "dbt-cloud-trigger-run-and-poll.arazzo.yaml:87", temporary: false, program: engine.program,
      current: 0)
    #expect(check.target == .instruction(workflow: 0, pc: 7))
    // A line inside the action list belongs to the dispatch; a bare LINE means this document.
    let dispatch = try engine.breakpoints.add(
      "98", temporary: true, program: engine.program, current: 0)
    #expect(dispatch.target == .instruction(workflow: 0, pc: 9))
    #expect(await engine.resume(.continue) == .breakpoint(1))
    #expect(engine.at == "pollRun/afterResponse")
    #expect(await engine.resume(.continue) == .breakpoint(2))
    #expect(engine.at == "pollRun/beforeAction")
    #expect(engine.breakpoints.all.count == 1)  // the temporary one is gone
    #expect(throws: BreakpointError.self) {
      try engine.breakpoints.add("30", temporary: false, program: engine.program, current: 0)
    }
    #expect(throws: BreakpointError.self) {
      try engine.breakpoints.add(
        "other.yaml:87", temporary: false, program: engine.program, current: 0)
    }
    // Past the end of the file (135 lines) or before its start: an error, not the last instruction.
    for line in ["9999", "136", "0"] {
      do {
        _ = try engine.breakpoints.add(line, temporary: false, program: engine.program, current: 0)
        Issue.record("line \(line) was accepted")
      } catch {
        #expect(error.message.contains("has no line \(line) (it has 135)"))
      }
    }
    #expect(throws: BreakpointError.self) {
      try engine.breakpoints.add("pollRn", temporary: false, program: engine.program, current: 0)
    }
  }

  @Test func finishRunsTheEntryWorkflowToItsEnd() async throws {
    let engine = try makeEngine()
    #expect(await engine.resume(.finish) == .finished)
    #expect(engine.result?.outputs["finalStatus"] == .integer(10))
    #expect(try engine.value("$outputs.runId") == .integer(70_000_001))
    #expect(
      try engine.value("$steps.listArtifacts.outputs.artifacts#/0") == .string("manifest.json"))
  }

  @Test func interruptPausesAContinue() async throws {
    let engine = try makeEngine()
    var polls = 0
    let reason = await engine.resume(.continue) {
      polls += 1
      return polls == 12
    }
    #expect(reason == .interrupted)
    #expect(engine.result == nil)
  }

  @Test func historyKeepsASnapshotPerAttempt() async throws {
    let engine = try makeEngine()
    #expect(await engine.resume(.continue) == .finished)
    #expect(
      engine.history.map(\.stepId) == [
        "triggerRun", "pollRun", "pollRun", "pollRun", "pollRun", "listArtifacts",
      ])
    #expect(engine.history.map(\.visit) == [1, 1, 2, 3, 4, 1])
    #expect(engine.history[1].action == "keepPolling")
    #expect(engine.history[4].action == "runSucceeded")
    let latest = try engine.back()
    #expect(latest.stepId == "listArtifacts")
    #expect(latest.number == 6)
    #expect(try engine.value("$statusCode") == .integer(200))
    // Back again: from #6 to #5, the poll that saw status 10.
    #expect(try engine.back().number == 5)
    #expect(try engine.value("$response.body#/data/status") == .integer(10))
    _ = try engine.frame(2)
    #expect(try engine.value("$response.body#/data/status") == .integer(1))
    #expect(try engine.value("$steps.triggerRun.outputs.runId") == .integer(70_000_001))
    #expect(try engine.back().number == 1)
    #expect(throws: MachineControlError.self) { try engine.back() }
    #expect(throws: MachineControlError.self) { try engine.frame(7) }
    // The engine's words name no shell command (the shell adds `:history lists 1…6`).
    do {
      _ = try engine.frame(7)
      Issue.record("frame 7 of 6 was selected")
    } catch {
      #expect(error.message == "no attempt #7")
    }
    engine.returnToPresent()
    #expect(try engine.value("$outputs.finalStatus") == .integer(10))
  }

  @Test func setChangesAnInputBeforeItIsUsed() async throws {
    let engine = try makeEngine()
    try engine.setInput(name: "cause", value: .string("debugging"))
    let preview = try #require(engine.machine.previewRequest())
    #expect(preview.body == .object(JSONObject([("cause", .string("debugging"))])))
    #expect(try engine.value("$inputs.cause") == .string("debugging"))
  }

  @Test func gotoJumpsToAStep() async throws {
    let engine = try makeEngine()
    try engine.goto(stepId: "listArtifacts")
    #expect(engine.at == "listArtifacts/beforeStep")
    // triggerRun never ran, so the request cannot be built.
    #expect(
      engine.machine.previewRequest()?.error?.contains("step 'triggerRun' has not run") == true)
    #expect(throws: MachineControlError.self) { try engine.goto(stepId: "nope") }
  }

  @Test func retrySendsTheRequestAgain() async throws {
    let engine = try makeEngine()
    #expect(throws: MachineControlError.self) { try engine.retry() }
    _ = await engine.resume(.step)  // triggerRun's response
    #expect(try engine.retry() == "triggerRun")
    #expect(engine.position?.instruction.mnemonic == "request")
    _ = await engine.resume(.step)
    #expect(engine.at == "triggerRun/afterResponse")
    #expect(engine.exchanges.entries.count == 2)
    #expect(engine.context?.visit == 1)
  }

  @Test func restartReplaysFromTheStart() async throws {
    let engine = try makeEngine()
    #expect(await engine.resume(.continue) == .finished)
    try await engine.restart(inputs: nil)
    #expect(engine.runNumber == 2)
    #expect(engine.at == "triggerRun/beforeStep")
    #expect(engine.history.isEmpty)
    #expect(await engine.resume(.continue) == .finished)
    #expect(engine.result?.status == .succeeded)
    #expect(engine.history.map(\.visit) == [1, 1, 2, 3, 4, 1])
    #expect(engine.exchanges.entries.count == 12)
  }

  @Test func saveWritesTheSessionRedacted() async throws {
    let engine = try makeEngine()
    #expect(await engine.resume(.continue) == .finished)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("engine-\(UUID()).har")
      .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try engine.save(to: path) == 6)
    let log = try HARLog.read(path: path)
    #expect(log.entries.count == 6)
    #expect(log.entries.allSatisfy { $0.request.headers["Authorization"] == "REDACTED" })
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(!text.contains("demo-token"))
  }
}
