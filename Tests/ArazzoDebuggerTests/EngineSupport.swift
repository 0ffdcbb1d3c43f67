import ArazzoDebugger
import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime
import ArazzoTestSupport
import Foundation

struct SetupError: Error, CustomStringConvertible {
  var description: String
}

/// A path in the repository.
func repoPath(_ relative: String) -> String {
  TestPaths.root.appendingPathComponent(relative).path
}

/// The seed and its success recording, replayed.
enum Seed {
  static let document = repoPath(
    "examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml")
  static let recording = repoPath("examples/dbt-cloud/recordings/success.har")
  static let inputs = #"{"accountId":70403,"jobId":251,"token":"demo-token"}"#
}

/// The engine `arazzo debug` starts on `document`: the run set up by a `RunPlan` (`servers` as
/// `--server`), over a fresh transport per run. Retry delays pass at once.
func makeEngine(
  document: String = Seed.document, workflow: String? = nil, inputs: String = Seed.inputs,
  servers: [String: String] = [:],
  transport: @escaping () throws -> any HTTPTransport = {
    try ReplayTransport(path: Seed.recording)
  }
) throws -> DebugEngine {
  var request = RunRequest(
    document: document, workflow: workflow, inputs: try JSONParser.parse(inputs))
  request.servers = servers
  let plan: RunPlan
  do { plan = try RunPlan(request) } catch {
    throw SetupError(description: DiagnosticRenderer().renderBrief(error.diagnostics))
  }
  var configuration = DebugConfiguration(plan: plan, makeTransport: transport)
  configuration.sleep = { _ in }  // retry delays pass at once
  return try DebugEngine(configuration)
}

extension DebugEngine {
  /// `stepId/pausePoint` of where the engine stands, or `finished`.
  var at: String {
    guard let position else { return "finished" }
    let point = pausePoint?.rawValue ?? position.instruction.mnemonic
    return "\(position.stepId ?? "-")/\(point)"
  }

  /// Evaluates `text` in the current context (nil when it has no value).
  func value(_ text: String) throws -> JSONValue? {
    guard let context else { return nil }
    return try Evaluable.parse(text).evaluate(in: context).value
  }
}
