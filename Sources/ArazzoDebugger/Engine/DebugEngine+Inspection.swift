import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// One frame of the stack as inspection shows it: the workflow, the step, the instruction it
/// stands at and the YAML of that pause point, and what expressions read there.
public struct InspectedFrame: Sendable {
  public var workflowIndex: Int
  public var workflowId: String
  /// The step the frame is in (nil at the workflow's `return` or `fail`, or once finished).
  public var stepId: String?
  /// The instruction the frame stands at, within the workflow's instructions.
  public var pc: Int
  /// Where in the document the frame stands (what `:where` and `:list` show).
  public var span: SourceSpan
  /// What expressions evaluate against in this frame.
  public var context: MachineSnapshot
  /// Set when the frame is not the live present: `back at #3` (time travel) or `finished`.
  public var note: String?
}

/// What inspection reads, for every front end (the shell's commands, the Debug Adapter
/// Protocol's inspector): the frames in view, the request and response as values, and what
/// completion knows.
extension DebugEngine {
  /// The frames in view, innermost first: the live stack; or the one attempt that time travel
  /// selected (its full stack is not kept); or, once the run has finished, its final frame.
  /// Empty only before a run that has no frame at all.
  public var inspectedFrames: [InspectedFrame] {
    if let entry = selectedEntry {
      let snapshot = entry.snapshot
      let code = program.workflows[snapshot.workflowIndex]
      let pc = Self.clamped(snapshot.pc, in: code)
      let span = code.pc(ofStep: entry.stepId).map { code.instructions[$0].span } ?? code.span
      return [
        InspectedFrame(
          workflowIndex: snapshot.workflowIndex, workflowId: entry.workflowId,
          stepId: entry.stepId, pc: pc, span: span, context: snapshot,
          note: "back at #\(entry.number)")
      ]
    }
    let stack = machine.stackSnapshots
    if !stack.isEmpty {
      return stack.enumerated().reversed().map { i, frame in
        // The top frame reads as the shell shows it: a step about to start as entered.
        let context = i == stack.count - 1 ? (machine.snapshot() ?? frame.snapshot) : frame.snapshot
        return InspectedFrame(
          workflowIndex: frame.position.workflowIndex, workflowId: frame.position.workflowId,
          stepId: frame.position.stepId, pc: frame.position.pc,
          span: frame.position.instruction.span, context: context, note: nil)
      }
    }
    guard let final = context else { return [] }
    let code = program.workflows[final.workflowIndex]
    let pc = Self.clamped(final.pc, in: code)
    return [
      InspectedFrame(
        workflowIndex: final.workflowIndex, workflowId: final.workflowId, stepId: nil, pc: pc,
        span: code.instructions.isEmpty ? code.span : code.instructions[pc].span,
        context: final, note: "finished")
    ]
  }

  /// The YAML of the place in view (`:list`): the selected attempt's step, else the present
  /// instruction; nil once the run has finished.
  public var inspectedSpan: SourceSpan? {
    if selectedEntry == nil && position == nil { return nil }
    return inspectedFrames.first?.span
  }

  private static func clamped(_ pc: Int, in code: WorkflowCode) -> Int {
    min(max(0, pc), max(0, code.instructions.count - 1))
  }

  /// What completion knows about the run in view: the current workflow's step ids first, then
  /// the others'; its inputs and declared outputs; the body in view, else the last one the run
  /// received, else `fallbackBody` (the last one the front end knew).
  public func completionContext(fallbackBody: JSONValue? = nil) -> CompletionContext {
    let current = position?.workflowIndex ?? run.workflowIndex
    let code = program.workflows[current]
    var stepIds = code.steps.map(\.id)
    for (i, other) in program.workflows.enumerated() where i != current {
      stepIds += other.steps.map(\.id).filter { !stepIds.contains($0) }
    }
    var outputs: [String: [String]] = [:]
    for case .outputs(let o) in code.instructions { outputs[o.stepId] = o.outputs.map(\.name) }
    var inputs: [String] = []
    if case .object(let schema)? = code.inputs, case .object(let properties)? = schema["properties"]
    {
      inputs = properties.keys
    }
    let context = self.context
    let exchange = context?.exchange
    let body =
      exchange?.responseBody ?? history.last?.snapshot.exchange?.responseBody ?? fallbackBody
    return CompletionContext(
      stepIds: stepIds, workflowIds: program.workflows.map(\.workflowId), inputNames: inputs,
      stepOutputs: outputs, lastResponseBody: body,
      responseHeaders: exchange?.response?.headers.fields.map(\.name) ?? [],
      requestHeaders: exchange?.request?.headers.fields.map(\.name) ?? [],
      componentKeys: Self.keys(context?.componentValues),
      sourceNames: context?.sourceValues.objectValue?.keys ?? [])
  }

  /// `{"kind": {"key": …}}` → kind → keys.
  private static func keys(_ components: JSONValue?) -> [String: [String]] {
    var out: [String: [String]] = [:]
    for (kind, group) in components?.objectValue ?? JSONObject() {
      out[kind] = group.objectValue?.keys ?? []
    }
    return out
  }
}

extension MachineSnapshot {
  /// `$response` as a value, `{"statusCode", "headers", "body"}`, secret headers masked by
  /// `redactor` (`:print $response`); nil when the step has no response.
  public func responseValue(redactor: Redactor) -> JSONValue? {
    guard let response = exchange?.response else { return nil }
    var o = JSONObject()
    o["statusCode"] = .integer(response.status)
    o["headers"] = Self.headerValues(redactor.headers(response.headers))
    o["body"] = exchange?.responseBody ?? .null
    return .object(o)
  }

  /// `$request` as a value, `{"method", "url", "headers", "body"}`, secrets masked by
  /// `redactor` (`:print $request`); nil when the step sent none.
  public func requestValue(redactor: Redactor) -> JSONValue? {
    guard let request = exchange?.request else { return nil }
    var o = JSONObject()
    o["method"] = .string(request.method.rawValue)
    o["url"] = .string(redactor.url(request.url))
    o["headers"] = Self.headerValues(redactor.headers(request.headers))
    o["body"] = exchange?.requestBody ?? .null
    return .object(o)
  }

  private static func headerValues(_ headers: HeaderFields) -> JSONValue {
    .object(JSONObject(headers.fields.map { ($0.name, .string($0.value)) }))
  }
}

extension MachineSnapshot {
  /// One of `:print`'s whole parts of the context (`ArgumentKind.printTargets`: `$steps`,
  /// `$inputs`, `$response`, …) as a value; `$steps` lists steps in `stepOrder` first. Nil when
  /// `name` is no such part (then it is an expression).
  public func part(_ name: String, stepOrder: [String], redactor: Redactor) -> Resolution? {
    switch name {
    case "$steps": return .value(stepValues(order: stepOrder))
    case "$inputs": return .value(inputValues)
    case "$workflows": return .value(workflowValues)
    case "$components": return .value(componentValues)
    case "$sourceDescriptions": return .value(sourceValues)
    case "$outputs": return outputs
    case "$response":
      return responseValue(redactor: redactor).map(Resolution.value)
        ?? .missing(body(.response).missingReason ?? "no response yet")
    case "$request":
      return requestValue(redactor: redactor).map(Resolution.value)
        ?? .missing(url.missingReason ?? "no request yet")
    default: return nil
    }
  }
}

/// Why what the user typed is no expression: the parser's message and the column it stopped
/// at.
public struct TypedExpressionError: Error, Sendable {
  public var message: String
}

extension Evaluable {
  /// What the user typed at a debugger prompt (`:eval`, a DAP client's console or watch),
  /// parsed: a runtime expression, a condition or a `{$…}` template. The error says where it
  /// stopped making sense (`… (column 9)`).
  public static func parseTyped(_ text: String) -> Result<Evaluable, TypedExpressionError> {
    let file = SourceFile(path: "<input>", text: text)
    do {
      return .success(
        try Evaluable.parse(text, origin: SourceLocation(file: file, line: 1, column: 1)))
    } catch {
      let column = error.span.map { " (column \($0.start.column))" } ?? ""
      return .failure(TypedExpressionError(message: "\(error.message)\(column)"))
    }
  }
}
