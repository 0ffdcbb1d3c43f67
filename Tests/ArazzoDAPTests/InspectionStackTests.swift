import ArazzoDAP
import ArazzoDebugger
import ArazzoJSON
import Foundation
import Testing

/// `stackTrace`, `source`, `gotoTargets`/`goto` and `disassemble` over real runs.
@Suite struct InspectionStackTests {
  @Test func theSeedsFrameIsTheStepAtItsYAMLLine() async throws {
    let engine = try Runs.engine()
    try await engine.pauseForInspection(at: "pollRun")
    let inspector = Inspector(engine: engine, showSecrets: false)
    let stack = try await inspector.call("stackTrace", ["threadId": 1])
    #expect(stack["totalFrames"] == 1)
    let frame = try #require(stack["stackFrames"]?[0])
    #expect(frame["name"] == "trigger-run-and-poll · pollRun")
    #expect(frame["source"]?["path"]?.stringValue == Runs.seed)
    #expect(frame["source"]?["name"] == "dbt-cloud-trigger-run-and-poll.arazzo.yaml")
    #expect(frame["line"] == 69)
    #expect(frame["column"] == 17)  // the step's id
    let position = try #require(engine.position)
    #expect(
      frame["instructionPointerReference"]?.stringValue == "0x1" + inspectionHex8(position.pc))
  }

  @Test func aSubWorkflowIsAFrameAboveItsCaller() async throws {
    let engine = try Runs.petshopEngine()
    try await engine.pauseForInspection(at: "place-order.placeOrder")
    let inspector = Inspector(engine: engine, showSecrets: false)
    let stack = try await inspector.call("stackTrace", ["threadId": 1])
    let frames = try #require(stack["stackFrames"]?.arrayValue)
    #expect(
      frames.map { $0["name"]?.stringValue } == [
        "place-order · placeOrder", "adopt-a-pet · buyPet",
      ])
    #expect(stack["totalFrames"] == 2)
    // The caller stands at its call, `workflowId: place-order` of `buyPet` (as `:where` says).
    #expect(frames[1]["line"] == 116)
    let ids = frames.compactMap { $0["id"]?.intValue }
    #expect(Set(ids).count == 2)
    // Paged: the second frame alone.
    let page = try await inspector.call(
      "stackTrace", ["threadId": 1, "startFrame": 1, "levels": 1])
    #expect(page["stackFrames"]?.arrayValue?.map { $0["id"] } == [frames[1]["id"]])
    #expect(page["totalFrames"] == 2)
    // Expressions evaluate in the frame asked for.
    let username = try await inspector.call(
      "evaluate",
      ["expression": "$inputs.username", "frameId": frames[1]["id"] ?? nil, "context": "watch"])
    #expect(username["result"] == "\"alice\"")
    let inner = await inspector.failure(
      "evaluate", ["expression": "$inputs.username", "context": "watch"])
    #expect(inner?.hasPrefix("no value: ") == true)
    // The caller's scopes are the caller's: its inputs, its steps.
    let callerInputs = try #require(try await inspector.scopesByName(frame: 1)["Inputs"])
    let inputs = try await inspector.children(callerInputs["variablesReference"])
    #expect(inputs["username"]?["value"] == "\"alice\"")
    let steps = try #require(try await inspector.scopesByName(frame: 1)["Steps"])
    #expect(try await inspector.children(steps["variablesReference"])["login"] != nil)
  }

  @Test func aFinishedRunShowsItsFinalFrame() async throws {
    let engine = try Runs.engine()
    #expect(await engine.resume(.continue) == .finished)
    let inspector = Inspector(engine: engine, showSecrets: false)
    let stack = try await inspector.call("stackTrace", ["threadId": 1])
    #expect(stack["stackFrames"]?[0]?["name"] == "trigger-run-and-poll · finished")
    let runId = try await inspector.variable("Outputs", "runId")
    #expect(runId["value"] == "70000001")
    #expect(runId["evaluateName"] == "$outputs.runId")
    let refused = await inspector.failure(
      "gotoTargets", ["source": ["path": .string(Runs.seed)], "line": 69])
    #expect(refused?.hasPrefix("the run has finished") == true)
  }

  @Test func timeTravelShowsTheSelectedAttempt() async throws {
    let engine = try Runs.engine()
    try await engine.pauseForInspection(at: "listArtifacts")
    let entry = try engine.frame(1)
    let inspector = Inspector(engine: engine, showSecrets: false)
    let stack = try await inspector.call("stackTrace", ["threadId": 1])
    let frame = try #require(stack["stackFrames"]?[0])
    #expect(
      frame["name"]?.stringValue == "trigger-run-and-poll · triggerRun (back at #\(entry.number))")
    #expect(frame["line"] == 45)
    let status = try await inspector.variable("Response", "statusCode")
    #expect(status["value"] == "200")
  }

  @Test func sourceServesTheRunsDocumentsOnly() async throws {
    let engine = try Runs.engine()
    let inspector = Inspector(engine: engine, showSecrets: false)
    let answer = try await inspector.call("source", ["source": ["path": .string(Runs.seed)]])
    let text = try String(contentsOfFile: Runs.seed, encoding: .utf8)
    #expect(answer["content"]?.stringValue == text)
    let error = await inspector.failure("source", ["source": ["path": "/etc/passwd"]])
    #expect(error == "'/etc/passwd' is not a document of this run")
    #expect(
      await inspector.failure("source", ["sourceReference": 99])?.hasPrefix("no source 99") == true)
  }

  @Test func gotoTargetsFindTheStepAtALineAndGotoMovesThere() async throws {
    let engine = try Runs.engine()
    try await engine.pauseForInspection(at: "pollRun")
    let inspector = Inspector(engine: engine, showSecrets: false)
    let source: JSONValue = ["path": .string(Runs.seed)]
    // Line 125 is inside listArtifacts (its runId parameter).
    let answer = try await inspector.call("gotoTargets", ["source": source, "line": 125])
    let target = try #require(answer["targets"]?[0])
    #expect(target["label"] == "step listArtifacts")
    #expect(target["line"] == 113)
    let error = await inspector.failure("gotoTargets", ["source": source, "line": 3])
    #expect(error?.hasPrefix("line 3 is not in a step of workflow 'trigger-run-and-poll'") == true)
    _ = try await inspector.call("goto", ["threadId": 1, "targetId": try #require(target["id"])])
    #expect(engine.position?.stepId == "listArtifacts")
    #expect(engine.pausePoint == .beforeStep)
    // The target is spent: the run moved.
    let stale = await inspector.failure(
      "goto", ["threadId": 1, "targetId": try #require(target["id"])])
    #expect(stale?.contains("no longer valid") == true)
  }

  @Test func disassembleAnswersExactlyTheCountAskedForFillingBeyondTheEnds() async throws {
    let engine = try Runs.engine()
    try await engine.pauseForInspection(at: "triggerRun")
    let inspector = Inspector(engine: engine, showSecrets: false)
    let frame = try #require(try await inspector.call("stackTrace")["stackFrames"]?[0])
    let ip = try #require(frame["instructionPointerReference"])
    let pc = try #require(engine.position?.pc)
    let count = engine.program.workflows[0].instructions.count
    let answer = try await inspector.call(
      "disassemble",
      [
        "memoryReference": ip, "instructionOffset": .integer(-pc - 3),
        "instructionCount": .integer(count + 6),
      ])
    let instructions = try #require(answer["instructions"]?.arrayValue)
    #expect(instructions.count == count + 6)
    // Addresses count up by one, fillers included.
    let addresses = instructions.compactMap { $0["address"]?.stringValue }
      .compactMap { Int($0.dropFirst(2), radix: 16) }
    #expect(addresses.count == count + 6)
    #expect(zip(addresses, addresses.dropFirst()).allSatisfy { $1 == $0 + 1 })
    #expect(instructions.prefix(3).allSatisfy { $0["presentationHint"] == "invalid" })
    #expect(instructions.suffix(3).allSatisfy { $0["presentationHint"] == "invalid" })
    let first = instructions[3]
    #expect(first["address"]?.stringValue == "0x100000000")
    #expect(first["instruction"]?.stringValue?.contains("step") == true)
    #expect(first["symbol"] == "trigger-run-and-poll · triggerRun")
    #expect(first["line"] == 45)
    #expect(first["location"]?["path"]?.stringValue == Runs.seed)
    // A filler's address reads back: scrolling up from it goes on.
    let before = try await inspector.call(
      "disassemble",
      [
        "memoryReference": try #require(instructions[0]["address"]), "instructionOffset": -2,
        "instructionCount": 4,
      ])
    #expect(
      before["instructions"]?.arrayValue?.map { $0["address"]?.stringValue ?? "" } == [
        "0xFFFFFFFB", "0xFFFFFFFC", "0xFFFFFFFD", "0xFFFFFFFE",
      ])
    let bad = await inspector.failure(
      "disassemble", ["memoryReference": "main", "instructionCount": 1])
    #expect(bad?.contains("no instruction address of this run") == true)
  }

  @Test func frameIdsAndReferencesAreForgottenWhenTheRunMoves() async throws {
    let engine = try Runs.engine()
    try await engine.pauseForInspection(at: "pollRun", .afterResponse)
    let inspector = Inspector(engine: engine, showSecrets: false)
    let frame = try #require(try await inspector.call("stackTrace")["stackFrames"]?[0]?["id"])
    let scopes = try await inspector.scopesByName()
    let reference = try #require(scopes["Response"]?["variablesReference"])
    _ = await engine.resume(.step)
    inspector.runMoved()
    let staleFrame = await inspector.failure("scopes", ["frameId": frame])
    #expect(staleFrame?.contains("frame \(frame) is no longer valid") == true)
    let staleReference = await inspector.failure("variables", ["variablesReference": reference])
    #expect(staleReference?.contains("variablesReference \(reference) is no longer valid") == true)
    // New ones never reuse an old number.
    let fresh = try #require(try await inspector.call("stackTrace")["stackFrames"]?[0]?["id"])
    #expect(fresh != frame)
  }
}

/// `n` as eight upper-case hex digits.
func inspectionHex8(_ n: Int) -> String {
  let digits = String(n, radix: 16, uppercase: true)
  return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
