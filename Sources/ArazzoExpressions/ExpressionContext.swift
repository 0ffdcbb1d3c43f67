import ArazzoJSON

/// The outcome of reading a value: the value, or why there is none.
///
/// Missing is not an error of the program: the step has not run, there is no response yet, a
/// pointer finds nothing. Criteria turn it into "false"; parameters turn it into a failed step
/// (docs/semantics.md#unresolvable). The reason is for people ("step 'listArtifacts' has not run").
public enum Resolution: Sendable, Equatable, CustomStringConvertible {
  case value(JSONValue)
  case missing(String)

  public var value: JSONValue? { if case .value(let v) = self { return v } else { return nil } }
  public var missingReason: String? {
    if case .missing(let r) = self { return r } else { return nil }
  }

  public var description: String {
    switch self {
    case .value(let v): return JSONPrinter.compact(v)
    case .missing(let r): return "missing (\(r))"
    }
  }
}

/// What evaluation needs from the runtime: the raw containers an expression reads.
///
/// The evaluator does the rest the same way for every implementation: the name lookup (exact key
/// first, then a walk along the dots), JSON Pointers, header case-insensitivity is the
/// implementation's job (`header` gets the name as written). Every member has a default that says
/// "not available here", so a context implements only what it has.
public protocol ExpressionContext {
  /// `$url`: the URL of the request the current step sent.
  var url: Resolution { get }
  /// `$method`.
  var method: Resolution { get }
  /// `$statusCode`, a number.
  var statusCode: Resolution { get }
  /// A header of the request or response; names compare case-insensitively.
  func header(_ message: RuntimeExpression.Message, _ name: String) -> Resolution
  /// A query parameter the request sent (for `.response`: unresolvable).
  func query(_ message: RuntimeExpression.Message, _ name: String) -> Resolution
  /// A path parameter the request sent (for `.response`: unresolvable).
  func pathParameter(_ message: RuntimeExpression.Message, _ name: String) -> Resolution
  /// The whole body (a parsed JSON value, or a string for non-JSON bodies).
  func body(_ message: RuntimeExpression.Message) -> Resolution
  /// Why the body is a string although its Content-Type says JSON ("the response body is not
  /// JSON (…): starts with '<html>…'"), or nil: what a pointer or query into it reports.
  func bodyProblem(_ message: RuntimeExpression.Message) -> String?
  /// The current workflow's inputs object.
  var inputs: Resolution { get }
  /// The current workflow's outputs object (the child's, inside a workflowId step:
  /// docs/semantics.md#outputs-in-workflow-steps).
  var outputs: Resolution { get }
  /// The outputs object of step `stepId` ("step 'x' has not run" when it has not).
  func stepOutputs(_ stepId: String) -> Resolution
  /// Another field of a step record (`$steps.x.<field>`); the field path is as written.
  func stepField(_ stepId: String, _ field: String) -> Resolution
  /// The inputs object of the latest run of workflow `workflowId`.
  func workflowInputs(_ workflowId: String) -> Resolution
  /// The outputs object of the latest run of workflow `workflowId`.
  func workflowOutputs(_ workflowId: String) -> Resolution
  /// `$sourceDescriptions.<name>.<reference>`.
  func sourceDescription(_ name: String, _ reference: String) -> Resolution
  /// `$components.<kind>.<key>`.
  func component(_ kind: RuntimeExpression.ComponentKind, _ key: String) -> Resolution
  /// When regex work stops (`--deadline`): a regex criterion or JSONPath `match()` still running
  /// then gives up with an error. Default nil: only each match's own budget bounds it.
  var deadline: ContinuousClock.Instant? { get }
}

extension ExpressionContext {
  public var url: Resolution { .missing("no request has been sent yet") }
  public var method: Resolution { .missing("no request has been sent yet") }
  public var statusCode: Resolution { .missing("no response yet") }
  public func header(_ message: RuntimeExpression.Message, _ name: String) -> Resolution {
    .missing("no \(message.rawValue) yet")
  }
  public func query(_ message: RuntimeExpression.Message, _ name: String) -> Resolution {
    .missing(message == .response ? "a response has no query parameters" : "no request yet")
  }
  public func pathParameter(_ message: RuntimeExpression.Message, _ name: String) -> Resolution {
    .missing(message == .response ? "a response has no path parameters" : "no request yet")
  }
  public func body(_ message: RuntimeExpression.Message) -> Resolution {
    .missing("no \(message.rawValue) yet")
  }
  public func bodyProblem(_ message: RuntimeExpression.Message) -> String? { nil }
  public var inputs: Resolution { .missing("no workflow inputs here") }
  public var outputs: Resolution { .missing("no workflow outputs here") }
  public func stepOutputs(_ stepId: String) -> Resolution {
    .missing("step '\(stepId)' has not run")
  }
  public func stepField(_ stepId: String, _ field: String) -> Resolution {
    .missing("step '\(stepId)' has not run")
  }
  public func workflowInputs(_ workflowId: String) -> Resolution {
    .missing("workflow '\(workflowId)' has not run")
  }
  public func workflowOutputs(_ workflowId: String) -> Resolution {
    .missing("workflow '\(workflowId)' has not run")
  }
  public func sourceDescription(_ name: String, _ reference: String) -> Resolution {
    .missing("source descriptions are not available here")
  }
  public func component(_ kind: RuntimeExpression.ComponentKind, _ key: String) -> Resolution {
    .missing("components are not available here")
  }
  public var deadline: ContinuousClock.Instant? { nil }
}

// MARK: - Evaluation

extension RuntimeExpression {
  /// Evaluates the expression. Never throws: a value that is not there is `.missing(reason)`.
  public func evaluate(in context: some ExpressionContext) -> Resolution {
    switch source {
    case .url: return context.url
    case .method: return context.method
    case .statusCode: return context.statusCode
    case .request(let ref): return Self.message(.request, ref, context)
    case .response(let ref): return Self.message(.response, ref, context)
    case .message(let ref): return Self.message(.message, ref, context)
    case .inputs(let name, let pointer):
      return Self.member(name, pointer, of: context.inputs, what: "input")
    case .outputs(let name, let pointer):
      return Self.member(name, pointer, of: context.outputs, what: "output")
    case .stepOutput(let id, let name, let pointer):
      return Self.member(
        name, pointer, of: context.stepOutputs(id), what: "output", owner: "step '\(id)'")
    case .stepField(let id, let field, let pointer):
      return Self.apply(pointer, to: context.stepField(id, field))
    case .workflowInput(let id, let name, let pointer):
      return Self.member(
        name, pointer, of: context.workflowInputs(id), what: "input", owner: "workflow '\(id)'")
    case .workflowOutput(let id, let name, let pointer):
      return Self.member(
        name, pointer, of: context.workflowOutputs(id), what: "output", owner: "workflow '\(id)'")
    case .sourceDescription(let name, let reference):
      return context.sourceDescription(name, reference)
    case .component(let kind, let key):
      return context.component(kind, key)
    }
  }

  private static func message(
    _ m: Message, _ ref: MessageReference, _ context: some ExpressionContext
  ) -> Resolution {
    switch ref {
    case .header(let h): return context.header(m, h)
    case .query(let q): return context.query(m, q)
    case .path(let p): return context.pathParameter(m, p)
    case .body(let pointer):
      let body = context.body(m)
      let resolved = apply(pointer, to: body)
      // A pointer into a JSON body that did not parse: say so, not "the root is string".
      guard resolved.value == nil, body.value != nil, let problem = context.bodyProblem(m) else {
        return resolved
      }
      return .missing(problem)
    }
  }

  /// Why the body this expression reads is not the JSON its Content-Type declares (see
  /// `ExpressionContext.bodyProblem`); nil when it reads no body or the body is fine.
  public func bodyProblem(in context: some ExpressionContext) -> String? {
    switch source {
    case .request(.body): return context.bodyProblem(.request)
    case .response(.body): return context.bodyProblem(.response)
    case .message(.body): return context.bodyProblem(.message)
    default: return nil
    }
  }

  /// Applies an optional pointer; a pointer into a string body that holds JSON text is not parsed
  /// here (the runtime parses JSON bodies, docs/semantics.md#response-bodies).
  static func apply(_ pointer: JSONPointer?, to base: Resolution) -> Resolution {
    guard let pointer, case .value(let v) = base else { return base }
    do {
      return .value(try pointer.resolve(in: v))
    } catch {
      return .missing("pointer \(pointer): \(error)")
    }
  }

  /// docs/semantics.md#dotted-names: the exact key first; otherwise walk the dots (`a.b.c` → a,
  /// then b, then c), trying the longest dotted key at each level so `a.b` as a key still wins over
  /// `a` then `b`.
  static func member(
    _ name: String, _ pointer: JSONPointer?, of container: Resolution, what: String,
    owner: @autoclosure () -> String? = nil
  ) -> Resolution {
    guard case .value(let base) = container else { return container }
    if let v = base[name] { return apply(pointer, to: .value(v)) }
    if name.contains("."), let v = walk(Substring(name), in: base) {
      return apply(pointer, to: .value(v))
    }
    // Only a missing member needs the owner's name (built here, not on every evaluation).
    let where_ = owner().map { " of \($0)" } ?? ""
    if case .object(let o) = base {
      let near = closest(to: name, in: o.keys).map { "; did you mean '\($0)'?" } ?? ""
      return .missing("no \(what) '\(name)'\(where_)\(near)")
    }
    return .missing(
      "no \(what) '\(name)'\(where_) (the \(what)s are \(base.typeName), not an object)")
  }

  private static func walk(_ path: Substring, in value: JSONValue) -> JSONValue? {
    if let v = value[String(path)] { return v }
    // Try prefixes from the longest, so keys containing dots are found.
    var end = path.endIndex
    while let dot = path[..<end].lastIndex(of: ".") {
      let head = path[..<dot]
      if let v = value[String(head)] {
        let tail = path[path.index(after: dot)...]
        if let found = walk(tail, in: v) { return found }
        if case .array(let a) = v, let i = Int(tail), i >= 0, i < a.count { return a[i] }
      }
      end = dot
    }
    if case .array(let a) = value, let i = Int(path), i >= 0, i < a.count { return a[i] }
    return nil
  }
}

// MARK: - JSONContext

/// An `ExpressionContext` over one JSON object (what `arazzo eval --context FILE.json` reads):
///
/// ```json
/// {"inputs": {…}, "outputs": {…}, "steps": {"<id>": {"outputs": {…}}},
///  "workflows": {"<id>": {"inputs": {…}, "outputs": {…}}},
///  "url": "…", "method": "GET", "statusCode": 200,
///  "request":  {"headers": {…}, "query": {…}, "path": {…}, "body": …},
///  "response": {"statusCode": 200, "headers": {…}, "body": …},
///  "sourceDescriptions": {"<name>": {"<reference>": …}}, "components": {"parameters": {…}, …}}
/// ```
/// `statusCode` may also come from `response.statusCode`. Header names compare case-insensitively;
/// a header whose value is an array is joined with ", " (docs/semantics.md#multi-valued-headers).
public struct JSONContext: ExpressionContext, Sendable {
  public var root: JSONValue
  /// When regex work stops (`ExpressionContext.deadline`); nil by default.
  public var deadline: ContinuousClock.Instant?

  public init(_ root: JSONValue) { self.root = root }

  private func field(_ key: String, _ reason: String) -> Resolution {
    if let v = root[key] { return .value(v) }
    return .missing(reason)
  }

  public var url: Resolution {
    field("url", "no request has been sent yet (the context has no 'url')")
  }
  public var method: Resolution {
    field("method", "no request has been sent yet (the context has no 'method')")
  }
  public var statusCode: Resolution {
    if let v = root["statusCode"] { return .value(v) }
    if let v = root["response"]?["statusCode"] { return .value(v) }
    return .missing("no response yet (the context has no 'statusCode')")
  }

  private func message(_ m: RuntimeExpression.Message) -> JSONValue? { root[m.rawValue] }

  public func header(_ m: RuntimeExpression.Message, _ name: String) -> Resolution {
    guard let msg = message(m) else { return .missing("no \(m.rawValue) yet") }
    guard case .object(let headers)? = msg["headers"] else {
      return .missing("the \(m.rawValue) has no headers")
    }
    let lower = name.lowercased()
    for (key, value) in headers where key.lowercased() == lower {
      if case .array(let parts) = value {
        return .value(
          .string(parts.map { $0.stringValue ?? JSONPrinter.compact($0) }.joined(separator: ", ")))
      }
      return .value(value)
    }
    return .missing("the \(m.rawValue) has no header '\(name)'")
  }

  private func parameter(
    _ m: RuntimeExpression.Message, _ key: String, _ name: String, _ kind: String
  ) -> Resolution {
    if m == .response { return .missing("a response has no \(kind) parameters") }
    guard let msg = message(m) else { return .missing("no request yet") }
    if let v = msg[key]?[name] { return .value(v) }
    return .missing("the request has no \(kind) parameter '\(name)'")
  }

  public func query(_ m: RuntimeExpression.Message, _ name: String) -> Resolution {
    parameter(m, "query", name, "query")
  }
  public func pathParameter(_ m: RuntimeExpression.Message, _ name: String) -> Resolution {
    parameter(m, "path", name, "path")
  }

  public func body(_ m: RuntimeExpression.Message) -> Resolution {
    guard let msg = message(m) else { return .missing("no \(m.rawValue) yet") }
    if let b = msg["body"] { return .value(b) }
    return .missing("the \(m.rawValue) has no body")
  }

  public var inputs: Resolution { field("inputs", "the context has no 'inputs'") }
  public var outputs: Resolution { field("outputs", "the context has no 'outputs'") }

  public func stepOutputs(_ stepId: String) -> Resolution {
    guard let step = root["steps"]?[stepId] else { return .missing("step '\(stepId)' has not run") }
    if let o = step["outputs"] { return .value(o) }
    return .missing("step '\(stepId)' has no outputs")
  }

  public func stepField(_ stepId: String, _ field: String) -> Resolution {
    guard let step = root["steps"]?[stepId] else { return .missing("step '\(stepId)' has not run") }
    return RuntimeExpression.member(
      field, nil, of: .value(step), what: "field", owner: "step '\(stepId)'")
  }

  private func workflow(_ id: String, _ key: String) -> Resolution {
    guard let wf = root["workflows"]?[id] else { return .missing("workflow '\(id)' has not run") }
    if let v = wf[key] { return .value(v) }
    return .missing("workflow '\(id)' has no \(key)")
  }

  public func workflowInputs(_ workflowId: String) -> Resolution { workflow(workflowId, "inputs") }
  public func workflowOutputs(_ workflowId: String) -> Resolution {
    workflow(workflowId, "outputs")
  }

  public func sourceDescription(_ name: String, _ reference: String) -> Resolution {
    guard let sd = root["sourceDescriptions"]?[name] else {
      return .missing("no source description '\(name)'")
    }
    if let v = sd[reference] { return .value(v) }
    return .missing("source description '\(name)' has no '\(reference)'")
  }

  public func component(_ kind: RuntimeExpression.ComponentKind, _ key: String) -> Resolution {
    if let v = root["components"]?[kind.rawValue]?[key] { return .value(v) }
    return .missing("no component \(kind.rawValue).\(key)")
  }
}
