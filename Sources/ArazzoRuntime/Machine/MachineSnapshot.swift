import ArazzoExpressions
import ArazzoHTTP
import ArazzoJSON

/// One HTTP exchange of a step as the debugger shows it: what was sent, what came back (or why
/// nothing did), and how long it took.
public struct ExchangeView: Sendable {
  public var request: HTTPRequest?
  /// The request body as a value (the evaluated payload), when the step has one.
  public var requestBody: JSONValue?
  public var response: HTTPResponse?
  /// The response body parsed as the machine parsed it (JSON → value, other text → string).
  public var responseBody: JSONValue?
  public var duration: Duration?
  /// Why there is no response.
  public var error: String?
  /// The contract checks the exchange failed (docs/semantics.md#contract-checks).
  public var checks: [Diagnostic] = []

  init(_ exchange: Exchange, checks: [Diagnostic] = []) {
    self.checks = checks
    request = exchange.request
    requestBody = exchange.requestBody
    response = exchange.response
    responseBody = exchange.responseBody
    duration = exchange.duration
    error = exchange.error
  }
}

/// A frozen view of the machine between two instructions: the current frame's `$inputs`,
/// `$steps` and current step (`$request`, `$response`, `$statusCode`), plus `$workflows` and
/// `$sourceDescriptions` and `$components`. It is an `ExpressionContext`, so anything a workflow can evaluate, a
/// debugger can evaluate against it.
///
/// Frames are values, so a snapshot costs a few reference-count increments: the debugger keeps
/// one per completed step attempt for `:history` and `:back`.
public struct MachineSnapshot: ExpressionContext, Sendable {
  let frame: Frame
  let completed: [String: (inputs: JSONValue, outputs: JSONObject)]
  let context: FrameContext
  /// The workflow's outputs once it finished (the run's last snapshot), for `$outputs`.
  public internal(set) var workflowOutputs: JSONObject?
  /// The index of the frame's workflow in `Program.workflows`, and its id.
  public let workflowIndex: Int
  public let workflowId: String
  /// The frame's program counter when the snapshot was taken.
  public let pc: Int
  /// Sub-workflow nesting: 0 for the run's entry workflow.
  public let depth: Int

  init(
    frame: Frame, workflowId: String, completed: [String: (inputs: JSONValue, outputs: JSONObject)],
    sources: [String: JSONObject], components: JSONObject = JSONObject()
  ) {
    self.frame = frame
    self.completed = completed
    self.context = FrameContext(
      frame: frame, workflows: completed, sources: sources, components: components)
    self.workflowIndex = frame.workflow
    self.workflowId = workflowId
    self.pc = frame.pc
    self.depth = frame.depth
  }

  /// The step the snapshot is about: the one running, or about to start.
  public var stepId: String? { frame.currentStep }

  /// How many times the current step has been entered in this invocation (1 = first).
  public var visit: Int { frame.currentStep.flatMap { frame.visits[$0] } ?? 0 }

  /// `$inputs` as a value.
  public var inputValues: JSONValue { frame.inputs }

  /// The ids of the steps that have run in this invocation.
  public var stepsRun: [String] { frame.steps.keys.sorted() }

  /// `$steps` as a value: `{"<stepId>": {"outputs": {…}}}` for every step that has run, in
  /// the order of `order` (the workflow's step order) then any others.
  public func stepValues(order: [String]) -> JSONValue {
    var out = JSONObject()
    for id in order + frame.steps.keys.sorted() where out[id] == nil {
      guard let record = frame.steps[id] else { continue }
      var step = JSONObject()
      step["outputs"] = .object(record.outputs)
      out[id] = .object(step)
    }
    return .object(out)
  }

  /// `$workflows` as a value: `{"<workflowId>": {"inputs": …, "outputs": {…}}}`.
  public var workflowValues: JSONValue {
    var out = JSONObject()
    for id in completed.keys.sorted() {
      guard let run = completed[id] else { continue }
      var entry = JSONObject()
      entry["inputs"] = run.inputs
      entry["outputs"] = .object(run.outputs)
      out[id] = .object(entry)
    }
    return .object(out)
  }

  /// The current step's exchange, if it sent a request (or failed to).
  public var exchange: ExchangeView? {
    guard let stepId = frame.currentStep, let record = frame.steps[stepId],
      let exchange = record.exchange
    else { return nil }
    return ExchangeView(exchange, checks: record.checks)
  }

  /// Why the current step's criteria failed (empty when they passed or have not run).
  public var failureReasons: [String] {
    frame.currentStep.flatMap { frame.steps[$0]?.reasons } ?? []
  }

  /// The outcome register: whether the current step's criteria passed (meaningful after `check`).
  public var succeeded: Bool { frame.succeeded }

  // MARK: ExpressionContext

  /// The reason `$response…` has no value before the step sent anything.
  private var noResponse: String {
    "no response yet" + (frame.currentStep.map { ": step '\($0)' has not sent its request" } ?? "")
  }

  private var hasExchange: Bool { frame.currentStep.flatMap { frame.steps[$0]?.exchange } != nil }

  public var url: Resolution { context.url }
  public var method: Resolution { context.method }
  public var statusCode: Resolution { hasExchange ? context.statusCode : .missing(noResponse) }
  public func header(_ message: RuntimeExpression.Message, _ name: String) -> Resolution {
    message == .response && !hasExchange ? .missing(noResponse) : context.header(message, name)
  }
  public func query(_ message: RuntimeExpression.Message, _ name: String) -> Resolution {
    context.query(message, name)
  }
  public func pathParameter(_ message: RuntimeExpression.Message, _ name: String) -> Resolution {
    context.pathParameter(message, name)
  }
  public func body(_ message: RuntimeExpression.Message) -> Resolution {
    message == .response && !hasExchange ? .missing(noResponse) : context.body(message)
  }
  public func bodyProblem(_ message: RuntimeExpression.Message) -> String? {
    message == .response && !hasExchange ? nil : context.bodyProblem(message)
  }
  public var inputs: Resolution { context.inputs }
  public var outputs: Resolution {
    if let workflowOutputs { return .value(.object(workflowOutputs)) }
    return context.outputs
  }
  public func stepOutputs(_ stepId: String) -> Resolution { context.stepOutputs(stepId) }
  public func stepField(_ stepId: String, _ field: String) -> Resolution {
    context.stepField(stepId, field)
  }
  public func workflowInputs(_ workflowId: String) -> Resolution {
    context.workflowInputs(workflowId)
  }
  public func workflowOutputs(_ workflowId: String) -> Resolution {
    context.workflowOutputs(workflowId)
  }
  public func sourceDescription(_ name: String, _ reference: String) -> Resolution {
    context.sourceDescription(name, reference)
  }
  public func component(_ kind: RuntimeExpression.ComponentKind, _ key: String) -> Resolution {
    context.component(kind, key)
  }

  /// `$components` as a value: the components of the document the frame's workflow is in.
  public var componentValues: JSONValue { .object(context.components) }

  /// `$sourceDescriptions` as a value: `{"<name>": {"name", "url", "type"}}`.
  public var sourceValues: JSONValue {
    .object(
      JSONObject(
        context.sources.keys.sorted().map { ($0, .object(context.sources[$0] ?? JSONObject())) }))
  }
}
