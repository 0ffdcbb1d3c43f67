import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoSyntax
import Foundation

/// The `request` and `call` instructions: evaluating arguments, building and sending the request
/// (reusing the last build when nothing changed), parsing the response; starting sub-workflows.
extension Machine {
  /// Sends the request; `loopDelay` is the rest of a loop delay a pause cut short.
  func send(_ request: Request, loopDelay rest: Duration? = nil) async {
    let stepId = request.stepId
    let pc = top.pc
    // The first request of this visit (a retry re-sends after the step's record has an exchange).
    let firstAttempt = top.steps[stepId]?.exchange.map { _ in false } ?? true
    let visit = top.visits[stepId] ?? 0
    if let delay = options.loopDelay, visit > 1, firstAttempt {
      let waited = await pausableWait(
        rest ?? delay, stepId: stepId,
        while: "step '\(stepId)' waited \(delay.readable) (--loop-delay) before visit \(visit)")
      switch waited {
      case .waited: break
      case .stopped: return
      case .paused(let remaining):
        // The instruction runs again to wait the rest, then send.
        pendingWait = (frames.count, pc, .loopDelay(remaining))
        return
      }
    } else if deadline != nil {
      guard await wait(.zero, while: "step '\(stepId)' was about to send its request") else {
        return
      }
    }
    var exchange = Exchange()
    var checks: [Diagnostic] = []
    if let (http, cacheKey) = prepare(request, firstAttempt: firstAttempt, into: &exchange) {
      let contract = contractChecker == nil ? nil : request.operation.resolved?.contract
      if let contract, let checker = contractChecker {
        checks = checker.check(http, against: contract, step: stepId, at: location)
      }
      let clock = ContinuousClock()
      let started = clock.now
      // A step's timeout is the document's: longer than any wait may be, it is that long.
      let timeout = (request.timeout ?? options.timeout).map { min($0, .maximumWait) }
      do {
        let response = try await transport.send(http, timeout: timeout)
        received(response, after: clock.now - started, stepId: stepId, cacheKey, into: &exchange)
        if let contract, let checker = contractChecker {
          checks += checker.check(
            response, body: exchange.responseBody ?? .null,
            bodyProblem: exchange.responseBodyProblem,
            against: contract, step: stepId, at: location)
        }
      } catch {
        exchange.duration = clock.now - started
        exchange.error = error.description
        exchange.errorCode = DiagnosticCode(rawValue: error.code)
        emit(.requestFailed(stepId: stepId, message: error.description))
        if endRun(after: error, stepId: stepId) { return }
      }
    }
    if frames.indices.contains(frames.count - 1), top.pc == pc {
      top.steps[stepId, default: StepRecord()].exchange = exchange
      if contractChecker != nil { top.steps[stepId, default: StepRecord()].checks = checks }
      top.pc += 1
    }
  }

  /// The request to send: arguments evaluated, built (or the last build reused when nothing
  /// changed), recorded in `exchange` and reported; nil, with the reason in `exchange`, when
  /// it cannot be built.
  func prepare(
    _ request: Request, firstAttempt: Bool, into exchange: inout Exchange
  ) -> (HTTPRequest, RequestCache.Key)? {
    let stepId = request.stepId
    guard case .resolved(let operation) = request.operation else {
      if case .unresolved(let reference, let reason) = request.operation {
        exchange.error = "operation '\(reference)' is not available: \(reason)"
        exchange.errorCode = .unresolvedOperation
      }
      emit(.requestFailed(stepId: stepId, message: exchange.error ?? "unresolved operation"))
      return nil
    }
    // A parameter or body that cannot be evaluated stops the request before sending
    // (docs/semantics.md#unresolvable).
    guard let (parameters, body) = evaluateArguments(of: request, into: &exchange) else {
      return nil
    }
    // RequestBuilder.build is pure: the same instruction with the same evaluated parameters and
    // body builds the same request (a polling step, every time round the loop).
    let cacheKey = RequestCache.Key(workflow: top.workflow, pc: top.pc)
    let http: HTTPRequest
    let requestWarnings: [String]
    if let cached = cache.request(at: cacheKey, builtFrom: parameters, body) {
      http = cached.request
      requestWarnings = cached.warnings
    } else {
      do {
        (http, requestWarnings) = try Self.build(
          operation, parameters: parameters, body: body,
          serverOverride: options.serverOverrides[operation.source])
      } catch {
        exchange.error = error.description
        exchange.errorCode = .requestInvalid
        emit(.requestFailed(stepId: stepId, message: error.description))
        return nil
      }
      cache.requests[cacheKey] = CachedRequest(
        parameters: parameters, body: body, request: http, warnings: requestWarnings)
      learnSecrets(sentIn: http, parameters: parameters)
    }
    for warning in requestWarnings where (top.visits[stepId] ?? 0) <= 1 && firstAttempt {
      warn(.requestWarning, "step '\(stepId)': \(warning)")
    }
    exchange.request = http
    if let body { exchange.requestBody = Self.sentPayload(body, of: http) }
    emit(.requestSent(stepId: stepId, request: http))
    return (http, cacheKey)
  }

  /// Records a response in `exchange` (its body parsed, or the last parse reused) and reports it.
  func received(
    _ response: HTTPResponse, after duration: Duration, stepId: String, _ key: RequestCache.Key,
    into exchange: inout Exchange
  ) {
    exchange.duration = duration
    exchange.response = response
    let body = cache.body(of: response, at: key, parse: Self.parseBody)
    exchange.responseBody = body.value
    exchange.responseBodyProblem = body.problem
    emit(.responseReceived(stepId: stepId, response: response, duration: duration))
  }

  /// The request's parameters and body, evaluated in one context (nothing they read changes
  /// meanwhile), recorded in `exchange`; nil, with the reason in `exchange`, when one has no
  /// value. The context ends here, before the step's record is written.
  func evaluateArguments(
    of request: Request, into exchange: inout Exchange
  )
    -> (parameters: [RequestParameter], body: EvaluatedBody?)?
  {
    switch Self.evaluateArguments(of: request, in: context, into: &exchange) {
    case .success(let evaluated): return evaluated
    case .failure(let f):
      exchange.error = f.message
      exchange.errorCode = .requestInvalid
      emit(.requestFailed(stepId: request.stepId, message: f.message))
      return nil
    }
  }

  /// What `send` evaluates before building a request (docs/semantics.md#unresolvable: the first
  /// parameter, body or replacement without a value stops it), in any context: the running frame's,
  /// or a debugger snapshot's for a preview. The values `$request` reads are recorded in
  /// `exchange`.
  static func evaluateArguments<Context: ExpressionContext>(
    of request: Request, in context: Context,
    into exchange: inout Exchange
  ) -> Result<(parameters: [RequestParameter], body: EvaluatedBody?), MachineFailure> {
    func value(
      _ template: ValueTemplate, _ what: @autoclosure () -> String
    ) -> Result<JSONValue, MachineFailure> {
      switch template.evaluate(in: context) {
      case .value(let v): return .success(v)
      case .missing(let reason): return .failure(MachineFailure("\(what()): \(reason)"))
      }
    }
    var parameters: [RequestParameter] = []
    parameters.reserveCapacity(request.arguments.count)
    for argument in request.arguments {
      guard let location = argument.location else { continue }
      let name = argument.name
      switch value(argument.value, "parameter '\(name)'") {
      case .success(let v):
        parameters.append(RequestParameter(name: name, location: location, value: v))
        if location == .query { exchange.query[name] = v }
        if location == .path { exchange.path[name] = v }
      case .failure(let f): return .failure(f)
      }
    }
    guard let template = request.body else { return .success((parameters, nil)) }
    var payload: JSONValue = .null
    if let p = template.payload {
      switch value(p, "the request body") {
      case .success(let v): payload = v
      case .failure(let f): return .failure(f)
      }
    }
    var replacements: [EvaluatedReplacement] = []
    for edit in template.replacements {
      switch value(edit.value, "replacement '\(edit.target)'") {
      case .success(let v): replacements.append(EvaluatedReplacement(target: edit.target, value: v))
      case .failure(let f): return .failure(f)
      }
    }
    exchange.requestBody = payload
    let body = EvaluatedBody(
      contentType: template.contentType, payload: payload, replacements: replacements)
    return .success((parameters, body))
  }

  /// The HTTP request for evaluated arguments (pure: the same inputs build the same request).
  /// `$request.body`: the payload as it was sent, its replacements applied (the payload as
  /// written when there are none).
  static func sentPayload(_ body: EvaluatedBody, of request: HTTPRequest) -> JSONValue {
    guard !body.replacements.isEmpty else { return body.payload }
    let contentType = request.headers["Content-Type"] ?? "application/json"
    return (try? BodySerializer.applyingReplacements(body, contentType: contentType))
      ?? body.payload
  }

  static func build(
    _ operation: ResolvedOperation, parameters: [RequestParameter], body: EvaluatedBody?,
    serverOverride: String?
  ) throws(RequestBuildError) -> (request: HTTPRequest, warnings: [String]) {
    let prepared = try RequestBuilder.build(
      operation: RequestOperation(
        method: operation.method, pathTemplate: operation.pathTemplate,
        servers: operation.servers, parameters: operation.parameters,
        requestContentTypes: operation.requestContentTypes,
        documentURL: operation.documentLocation, sourceName: operation.source),
      parameters: parameters, body: body, serverOverride: serverOverride)
    let request = HTTPRequest(
      method: HTTPMethod(prepared.method), url: prepared.url,
      headers: HeaderFields(prepared.headers.map { ($0.name, $0.value) }), body: prepared.body)
    return (request, prepared.warnings)
  }

  /// docs/semantics.md#response-bodies: JSON (and `+json`) bodies parse into values; other text
  /// stays a string; empty → null. A body declared JSON that does not parse stays a string, with
  /// the problem.
  static func parseBody(_ response: HTTPResponse) -> ParsedBody {
    guard !response.body.isEmpty else { return ParsedBody(value: .null) }
    let type = response.mediaType ?? ""
    if type == "application/json" || type.hasSuffix("+json") || type.hasSuffix("/json") {
      do {
        return ParsedBody(value: try JSONParser.parse(bytes: response.body))
      } catch {
        let text = response.text
        return ParsedBody(value: .string(text), problem: ParsedBody.notJSON(text, error))
      }
    }
    return ParsedBody(value: .string(response.text))
  }

  /// A sub-workflow call's inputs, evaluated in any context (the running frame's, or a debugger
  /// snapshot's for a preview): the ones that have a value, and the first that has none (which
  /// stops the call).
  static func callInputs<Context: ExpressionContext>(
    _ arguments: [ParameterBinding], in context: Context
  ) -> (inputs: JSONObject, failure: MachineFailure?) {
    var inputs = JSONObject()
    var failure: MachineFailure?
    for argument in arguments {
      switch argument.value.evaluate(in: context) {
      case .value(let v): inputs[argument.name] = v
      case .missing(let reason):
        failure = failure ?? MachineFailure("input '\(argument.name)': \(reason)")
      }
    }
    return (inputs, failure)
  }

  func invoke(_ call: Call) {
    guard let target = call.target.index else {
      top.steps[call.stepId, default: StepRecord()].childSucceeded = false
      top.steps[call.stepId, default: StepRecord()].exchange = Exchange(
        error: "workflow '\(call.target.reference)' is not available", code: .unresolvedOperation)
      emit(
        .requestFailed(
          stepId: call.stepId, message: "workflow '\(call.target.reference)' is not available"))
      top.pc += 1
      return
    }
    let (inputs, failure) = Self.callInputs(call.arguments, in: context)
    if let f = failure {
      top.steps[call.stepId, default: StepRecord()].childSucceeded = false
      top.steps[call.stepId, default: StepRecord()].exchange = Exchange(
        error: f.message, code: .requestInvalid)
      emit(.requestFailed(stepId: call.stepId, message: f.message))
      top.pc += 1
      return
    }
    if frames.count > 64 {
      abort(.nestingTooDeep, "sub-workflows nest deeper than 64 levels at step '\(call.stepId)'")
      return
    }
    start(
      workflow: target, inputs: .object(inputs),
      continuation: .call(stepId: call.stepId, resume: top.pc + 1), depth: top.depth + 1)
  }
}

/// A response body as the machine reads it (docs/semantics.md#response-bodies), and why it is text
/// when its Content-Type declares JSON.
struct ParsedBody: Sendable {
  var value: JSONValue
  var problem: String?

  /// How much of a body that is not JSON the problem quotes.
  static let quoted = 40

  /// `the response body is not JSON (unexpected character '<' at line 1, column 1): starts
  /// with '<html><head>…'`.
  static func notJSON(_ text: String, _ error: JSONParseError) -> String {
    let scalars = text.unicodeScalars
    let end =
      scalars.index(scalars.startIndex, offsetBy: quoted, limitedBy: scalars.endIndex)
      ?? scalars.endIndex
    let more = end < scalars.endIndex ? "…" : ""
    return
      "the response body is not JSON (\(error)): starts with '\(String(scalars[..<end]))\(more)'"
  }
}
