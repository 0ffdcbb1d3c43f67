import ArazzoDAP
import ArazzoDebugger
import ArazzoExpressions
import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import ArazzoTestSupport
import Foundation
import Testing

struct InspectionSetupError: Error, CustomStringConvertible {
  var description: String
}

/// The runs the inspection tests pause: the seed over its success recording, and the petshop
/// example (`buyPet` calls the sub-workflow `place-order`) over its recording.
enum Runs {
  /// A path in the repository.
  static func path(_ relative: String) -> String {
    TestPaths.root.appendingPathComponent(relative).path
  }

  static let seed = Runs.path(
    "examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml")
  static let seedRecording = Runs.path("examples/dbt-cloud/recordings/success.har")
  static let seedInputs = #"{"accountId":70403,"jobId":251,"token":"demo-token"}"#
  static let petshop = Runs.path("examples/petshop/arazzo/petshop.arazzo.yaml")

  /// The engine `arazzo debug` (and `arazzo dap`) starts: the run a `RunPlan` sets up, over a
  /// fresh transport per run; retry delays pass at once.
  static func engine(
    document: String = seed, workflow: String? = nil, inputs: String = seedInputs,
    recording: String = seedRecording
  ) throws -> DebugEngine {
    let request = RunRequest(
      document: document, workflow: workflow, inputs: try JSONParser.parse(inputs))
    let plan: RunPlan
    do { plan = try RunPlan(request) } catch {
      throw InspectionSetupError(
        description: DiagnosticRenderer().renderBrief(error.diagnostics))
    }
    var configuration = DebugConfiguration(
      plan: plan, makeTransport: { try ReplayTransport(path: recording) })
    configuration.sleep = { _ in }
    return try DebugEngine(configuration)
  }

  static func petshopEngine() throws -> DebugEngine {
    try engine(
      document: petshop, workflow: "adopt-a-pet",
      inputs: #"{"username":"alice","password":"wonderland"}"#,
      recording: Runs.path("examples/petshop/recordings/adopt.har"))
  }
}

extension DebugEngine {
  /// Runs on to `pausePoint` of step `stepId` (`workflow.stepId` for a sub-workflow's step).
  func pauseForInspection(at stepId: String, _ pausePoint: PausePoint = .beforeStep) async throws {
    let plain = stepId.split(separator: ".").last.map(String.init)
    if self.pausePoint == pausePoint && position?.stepId == plain { return }
    _ = try breakpoints.add(stepId, temporary: true, program: program, current: nil)
    _ = await resume(.continue)
    var steps = 0
    while self.pausePoint != pausePoint || position?.stepId != plain {
      steps += 1
      guard steps < 20, !isFinished else {
        throw InspectionSetupError(description: "never paused at \(stepId) \(pausePoint)")
      }
      _ = await resume(.step)
    }
  }
}

extension Inspector {
  /// Answers `command` with `arguments`, as the server would route it.
  func call(_ command: String, _ arguments: JSONValue = [:]) async throws -> JSONValue {
    try await handle(
      DAPRequest(seq: 1, command: command, arguments: arguments.objectValue ?? JSONObject()))
  }

  /// The error `command` is answered with (nil when it succeeded).
  func failure(_ command: String, _ arguments: JSONValue) async -> String? {
    do {
      _ = try await handle(
        DAPRequest(seq: 1, command: command, arguments: arguments.objectValue ?? JSONObject()))
      return nil
    } catch {
      return error.message
    }
  }

  /// The scopes of the innermost frame, by name.
  func scopesByName(frame: Int = 0) async throws -> [String: JSONValue] {
    let stack = try await call("stackTrace")
    let frames = try #require(stack["stackFrames"]?.arrayValue)
    let id = try #require(frames[frame]["id"])
    let scopes = try await call("scopes", ["frameId": id])
    var out: [String: JSONValue] = [:]
    for scope in scopes["scopes"]?.arrayValue ?? [] {
      if let name = scope["name"]?.stringValue { out[name] = scope }
    }
    return out
  }

  /// The children of `reference`, by name.
  func children(
    _ reference: JSONValue?, _ extra: JSONValue = [:]
  ) async throws
    -> [String: JSONValue]
  {
    var arguments = extra.objectValue ?? JSONObject()
    arguments["variablesReference"] = try #require(reference)
    let answer = try await call("variables", .object(arguments))
    var out: [String: JSONValue] = [:]
    for variable in answer["variables"]?.arrayValue ?? [] {
      if let name = variable["name"]?.stringValue { out[name] = variable }
    }
    return out
  }

  /// The variable at `path` under scope `scope` of the innermost frame.
  func variable(_ scope: String, _ path: String...) async throws -> JSONValue {
    var node = try #require(try await scopesByName()[scope])
    for name in path {
      node = try #require(try await children(node["variablesReference"])[name], "no \(name)")
    }
    return node
  }
}

extension DebugEngine {
  /// Evaluates `text` in the current context (nil when it has no value).
  func inspectedValue(_ text: String) throws -> JSONValue? {
    guard let context else { return nil }
    return try Evaluable.parse(text).evaluate(in: context).value
  }
}
