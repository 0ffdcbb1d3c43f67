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
  static let document = repoPath("examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml")
  static let recording = repoPath("examples/dbt-cloud/recordings/success.har")
  static let inputs = #"{"accountId":70403,"jobId":251,"token":"demo-token"}"#
}

/// Lowers `document` and makes an engine over a fresh transport per run; `learned` is the
/// store of secrets found at run time the machine and the redactor share (as the CLI's).
func makeEngine(
  document: String = Seed.document, workflow: String? = nil, inputs: String = Seed.inputs,
  options: RunOptions = RunOptions(), learned: LearnedSecrets? = nil,
  transport: @escaping () throws -> any HTTPTransport = { try ReplayTransport(path: Seed.recording) }
) throws -> DebugEngine {
  let (lowered, diagnostics, _) = Lowering.lowerWithReport(path: document)
  guard let program = lowered else {
    throw SetupError(description: diagnostics.map(\.message).joined(separator: "\n"))
  }
  let name = workflow ?? program.workflows[0].name
  guard let code = program.workflow(named: name) else { throw SetupError(description: "no workflow \(name)") }
  let binding = InputBinder(schema: code.inputs).bind(file: try JSONParser.parse(inputs))
  guard binding.errors.isEmpty else { throw SetupError(description: "\(binding.errors)") }
  var options = options
  if let learned { options.secrets = learned }
  var configuration = DebugConfiguration(
    program: program, workflow: name, inputs: binding.inputs, options: options,
    redactor: Redactor(secrets: ["demo-token"], learned: learned), makeTransport: transport)
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
