import ArazzoExpressions
import ArazzoHTTP
import ArazzoJSON

/// The expression context of the running frame: `$inputs`, `$steps`, the current step's
/// `$request`/`$response`, `$outputs`, `$workflows`, `$sourceDescriptions` and `$components`.
struct FrameContext: ExpressionContext {
  let frame: Frame
  let workflows: [String: (inputs: JSONValue, outputs: JSONObject)]
  let sources: [String: JSONObject]
  /// The `components` object of the document the frame's workflow is written in.
  let components: JSONObject
  /// The run's deadline, for regex work in criteria.
  let deadline: ContinuousClock.Instant?
  /// The current step's record and exchange, looked up once (not per expression part).
  private let record: StepRecord?
  private let exchange: Exchange?

  /// The context of `frame` (any frame on the stack, not only the running one). Frames, records
  /// and exchanges are copy-on-write boxes: building a context costs a few retains.
  init(
    frame: Frame, workflows: [String: (inputs: JSONValue, outputs: JSONObject)],
    sources: [String: JSONObject], components: JSONObject = JSONObject(),
    deadline: ContinuousClock.Instant? = nil
  ) {
    self.frame = frame
    self.workflows = workflows
    self.sources = sources
    self.components = components
    self.deadline = deadline
    record = frame.currentStep.flatMap { frame.steps[$0] }
    exchange = record?.exchange
  }

  var url: Resolution {
    (exchange?.request?.url).map { .value(.string($0)) } ?? .missing("no request has been sent yet")
  }
  var method: Resolution {
    (exchange?.request?.method.rawValue).map { .value(.string($0)) }
      ?? .missing("no request has been sent yet")
  }
  var statusCode: Resolution {
    guard let exchange else { return .missing("no request has been sent yet") }
    guard let status = exchange.response?.status else {
      return .missing("no response (\(exchange.error ?? "the request failed"))")
    }
    return .value(.integer(status))
  }

  func header(_ message: RuntimeExpression.Message, _ name: String) -> Resolution {
    switch message {
    case .request:
      guard let request = exchange?.request else { return .missing("no request has been sent yet") }
      return request.headers[name].map { .value(.string($0)) }
        ?? .missing("the request has no header '\(name)'")
    case .response:
      guard let response = exchange?.response else { return .missing("no response yet") }
      let values = response.headers.values(for: name)
      guard !values.isEmpty else { return .missing("the response has no header '\(name)'") }
      // Several values join with ", " (Set-Cookie: the first;
      // docs/semantics.md#multi-valued-headers).
      return .value(
        .string(name.lowercased() == "set-cookie" ? values[0] : values.joined(separator: ", ")))
    case .message:
      return .missing("no message has been received (AsyncAPI steps are not run)")
    }
  }

  func query(_ message: RuntimeExpression.Message, _ name: String) -> Resolution {
    guard message == .request else {
      return .missing("a \(message.rawValue) has no query parameters")
    }
    return exchange?.query[name].map(Resolution.value)
      ?? .missing("the request has no query parameter '\(name)'")
  }

  func pathParameter(_ message: RuntimeExpression.Message, _ name: String) -> Resolution {
    guard message == .request else {
      return .missing("a \(message.rawValue) has no path parameters")
    }
    return exchange?.path[name].map(Resolution.value)
      ?? .missing("the request has no path parameter '\(name)'")
  }

  func body(_ message: RuntimeExpression.Message) -> Resolution {
    switch message {
    case .request:
      guard exchange?.hasRequest == true else { return .missing("no request has been sent yet") }
      return .value(exchange?.requestBody ?? .null)
    case .response:
      guard let exchange else { return .missing("no request has been sent yet") }
      guard exchange.hasResponse else {
        return .missing("no response (\(exchange.error ?? "the request failed"))")
      }
      return .value(exchange.responseBody ?? .null)
    case .message:
      return .missing("no message has been received (AsyncAPI steps are not run)")
    }
  }

  func bodyProblem(_ message: RuntimeExpression.Message) -> String? {
    message == .response ? exchange?.responseBodyProblem : nil
  }

  var inputs: Resolution { .value(frame.inputs) }

  var outputs: Resolution {
    // Inside a sub-workflow step, `$outputs` is the child's
    // (docs/semantics.md#outputs-in-workflow-steps).
    if let child = record?.childOutputs { return .value(.object(child)) }
    return .missing("workflow outputs exist only when the workflow finishes")
  }

  func stepOutputs(_ stepId: String) -> Resolution {
    guard let record = frame.steps[stepId] else { return .missing("step '\(stepId)' has not run") }
    return .value(.object(record.outputs))
  }

  func stepField(_ stepId: String, _ field: String) -> Resolution {
    guard frame.steps[stepId] != nil else { return .missing("step '\(stepId)' has not run") }
    return .missing("steps have no field '\(field)'; use $steps.\(stepId).outputs.<name>")
  }

  func workflowInputs(_ workflowId: String) -> Resolution {
    workflows[workflowId].map { .value($0.inputs) }
      ?? .missing("workflow '\(workflowId)' has not run")
  }

  func workflowOutputs(_ workflowId: String) -> Resolution {
    workflows[workflowId].map { .value(.object($0.outputs)) }
      ?? .missing("workflow '\(workflowId)' has not run")
  }

  func sourceDescription(_ name: String, _ reference: String) -> Resolution {
    guard let source = sources[name] else { return .missing("no source description '\(name)'") }
    return source[reference].map(Resolution.value)
      ?? .missing("source description '\(name)' has no field '\(reference)'")
  }
}
