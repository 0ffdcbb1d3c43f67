import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoSyntax
import Foundation

/// Executes a lowered `Program`: an explicit program counter per frame and a stack of frames
/// (sub-workflows, retry targets), talking to the world only through an `HTTPTransport` and a
/// sleep function.
///
/// `run` drives it to the end; `stepInstruction` executes exactly one instruction, so a
/// debugger can pause between any two.
public final class Machine {
  public let program: Program
  let transport: any HTTPTransport
  let options: RunOptions
  let sleep: @Sendable (Duration) async -> Void
  weak var observer: RunObserver?

  var frames: [Frame] = []
  /// `$workflows.<id>`: the latest completed run of each workflow.
  var completed: [String: (inputs: JSONValue, outputs: JSONObject)] = [:]
  /// `$sourceDescriptions.<name>` fields (`name`, `url`, `type`).
  let sources: [String: JSONObject]
  var totalSteps = 0
  var attempts: [StepAttempt] = []
  var warnings: [String] = []
  var runError: String?
  var result: (succeeded: Bool, outputs: JSONObject, endedBy: String?)?
  /// The last request each `request` instruction built, by workflow and pc.
  var requestCache: [CachedRequest.Key: CachedRequest] = [:]
  /// The last response body each `request` instruction parsed.
  var bodyCache: [CachedRequest.Key: (contentType: String?, bytes: [UInt8], value: JSONValue)] = [:]

  public init(
    program: Program, transport: any HTTPTransport, options: RunOptions = RunOptions(),
    sources: [String: JSONObject] = [:], observer: RunObserver? = nil,
    sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
  ) {
    self.program = program
    self.transport = transport
    self.options = options
    self.sources = sources
    self.observer = observer
    self.sleep = sleep
  }

  // MARK: Running

  /// Runs workflow `name` (its dependencies first, depth-first, once each; OP-34) to the end.
  public func run(workflow name: String, inputs: JSONValue) async -> RunResult {
    guard let index = program.index(ofWorkflow: name) else {
      return RunResult(
        workflowId: name, status: .failed, outputs: JSONObject(), steps: [], warnings: [],
        error: "no workflow '\(name)'")
    }
    var done = Set<Int>()
    var order: [Int] = []
    var visiting = Set<Int>()
    func schedule(_ i: Int) {
      guard !done.contains(i), !visiting.contains(i) else { return }
      visiting.insert(i)
      for dep in program.workflows[i].dependsOn { if let d = dep.index { schedule(d) } }
      visiting.remove(i)
      done.insert(i)
      order.append(i)
    }
    schedule(index)
    for i in order {
      start(workflow: i, inputs: inputs, continuation: .root, depth: 0)
      await runToCompletion()
      let workflowId = program.workflows[i].workflowId
      if i != index, result?.succeeded != true {
        result = (false, JSONObject(), nil)  // the dependency's outputs are not the run's
        return finish(workflowId: program.workflows[index].workflowId,
          error: runError ?? "dependency '\(workflowId)' failed")
      }
    }
    return finish(workflowId: program.workflows[index].workflowId, error: runError)
  }

  private func finish(workflowId: String, error: String?) -> RunResult {
    let succeeded = result?.succeeded == true && error == nil
    return RunResult(
      workflowId: workflowId, status: succeeded ? .succeeded : .failed,
      outputs: result?.outputs ?? JSONObject(), steps: attempts, warnings: warnings,
      error: succeeded ? nil : (error ?? "the workflow failed"), endedBy: result?.endedBy)
  }

  /// Pushes a frame for workflow `index` with `inputs` (schema defaults applied).
  func start(workflow index: Int, inputs: JSONValue, continuation: Continuation, depth: Int) {
    let code = program.workflows[index]
    var bound = inputs
    if let schema = code.inputs {
      let binding = InputBinder(schema: schema).bind(file: inputs)
      bound = binding.inputs
      for error in binding.errors { warn("inputs of workflow '\(code.workflowId)': \(error)") }
    }
    frames.append(Frame(workflow: index, inputs: bound, continuation: continuation, depth: depth))
    emit(.workflowStarted(workflowId: code.workflowId, depth: depth))
  }

  /// Executes instructions until the stack is empty.
  func runToCompletion() async {
    while !frames.isEmpty { await stepInstruction() }
  }

  /// Executes the instruction at the top frame's pc.
  public func stepInstruction() async {
    guard let frame = frames.last else { return }
    let code = program.workflows[frame.workflow]
    guard code.instructions.indices.contains(frame.pc) else {
      abort("internal error: pc \(frame.pc) outside workflow '\(code.workflowId)'")
      return
    }
    switch code.instructions[frame.pc] {
    case .step(let entry): enter(entry)
    case .request(let request): await send(request)
    case .call(let call): await invoke(call)
    case .check(let check): evaluate(check)
    case .outputs(let outputs): record(outputs)
    case .dispatch(let dispatch): await choose(dispatch)
    case .return(let r): complete(outputs: r.outputs, succeeded: true)
    case .fail(let f): complete(outputs: f.outputs, succeeded: false)
    }
  }

  // MARK: Helpers

  var top: Frame {
    get { frames[frames.count - 1] }
    // In place: a get-modify-set would copy the frame's dictionaries on every mutation.
    _modify { yield &frames[frames.count - 1] }
    set { frames[frames.count - 1] = newValue }
  }

  var context: FrameContext {
    FrameContext(frame: top, workflows: completed, sources: sources)
  }

  func emit(_ event: RunEvent) { observer?.handle(event) }

  func warn(_ message: String) {
    warnings.append(message)
    emit(.warning(message))
  }

  /// Stops the whole run with an error (every frame fails).
  func abort(_ message: String) {
    runError = message
    result = (false, JSONObject(), nil)
    frames.removeAll()
  }

  // MARK: Instructions

  private func enter(_ entry: StepEntry) {
    totalSteps += 1
    if totalSteps > options.maxSteps {
      let visits = (top.visits[entry.stepId] ?? 0)
      abort(
        "the run exceeded --max-steps (\(options.maxSteps)) entering step '\(entry.stepId)' (entered \(visits) times); a goto loop that never ends?"
      )
      return
    }
    let visit = (top.visits[entry.stepId] ?? 0) + 1
    top.visits[entry.stepId] = visit
    // A re-entered step keeps its previous outputs until it records new ones, so a polling or
    // paging step can send what its last visit returned (`$steps.<self>.outputs.next`).
    var fresh = StepRecord()
    fresh.outputs = top.steps[entry.stepId]?.outputs ?? JSONObject()
    top.steps[entry.stepId] = fresh
    if !top.retries.isEmpty {
      let prefix = entry.stepId + "|"
      top.retries = top.retries.filter { !$0.key.hasPrefix(prefix) }
    }
    top.currentStep = entry.stepId
    top.pc += 1
    emit(.stepStarted(stepId: entry.stepId, visit: visit, depth: top.depth))
  }

  /// The arguments that evaluate, by name (for goto and retry targets, whose missing inputs
  /// the target's own input schema reports).
  func bestEffortInputs(_ arguments: [ParameterBinding]) -> JSONObject {
    var inputs = JSONObject()
    for argument in arguments {
      if case .success(let v) = value(of: argument.value, "input '\(argument.name)'") {
        inputs[argument.name] = v
      }
    }
    return inputs
  }

  /// Evaluates a value template, or says why it cannot be.
  func value(of template: ValueTemplate, _ what: String) -> Result<JSONValue, MachineFailure> {
    switch template.evaluate(in: context) {
    case .value(let v): return .success(v)
    case .missing(let reason): return .failure(MachineFailure("\(what): \(reason)"))
    }
  }

  private func send(_ request: Request) async {
    let stepId = request.stepId
    let pc = top.pc
    var exchange = Exchange()
    defer {
      if frames.indices.contains(frames.count - 1), top.pc == pc {
        top.steps[stepId, default: StepRecord()].exchange = exchange
        top.pc += 1
      }
    }
    // The first request of this visit (a retry re-sends after the step's record has an exchange).
    let firstAttempt = top.steps[stepId]?.exchange == nil
    if let delay = options.loopDelay, (top.visits[stepId] ?? 0) > 1, firstAttempt {
      await sleep(delay)
    }
    guard case .resolved(let operation) = request.operation else {
      if case .unresolved(let reference, let reason) = request.operation {
        exchange.error = "operation '\(reference)' is not available: \(reason)"
      }
      emit(.requestFailed(stepId: stepId, message: exchange.error ?? "unresolved operation"))
      return
    }
    // OP-20: a parameter or body that cannot be evaluated stops the request before sending.
    var parameters: [RequestParameter] = []
    for argument in request.arguments {
      guard let location = argument.location else { continue }
      switch value(of: argument.value, "parameter '\(argument.name)'") {
      case .success(let v):
        parameters.append(RequestParameter(name: argument.name, location: location, value: v))
        if location == .query { exchange.query[argument.name] = v }
        if location == .path { exchange.path[argument.name] = v }
      case .failure(let f):
        exchange.error = f.message
        emit(.requestFailed(stepId: stepId, message: f.message))
        return
      }
    }
    var body: EvaluatedBody?
    if let template = request.body {
      var payload: JSONValue = .null
      if let p = template.payload {
        switch value(of: p, "the request body") {
        case .success(let v): payload = v
        case .failure(let f):
          exchange.error = f.message
          emit(.requestFailed(stepId: stepId, message: f.message))
          return
        }
      }
      var replacements: [EvaluatedReplacement] = []
      for edit in template.replacements {
        switch value(of: edit.value, "replacement '\(edit.target)'") {
        case .success(let v): replacements.append(EvaluatedReplacement(target: edit.target, value: v))
        case .failure(let f):
          exchange.error = f.message
          emit(.requestFailed(stepId: stepId, message: f.message))
          return
        }
      }
      body = EvaluatedBody(contentType: template.contentType, payload: payload, replacements: replacements)
      exchange.requestBody = payload
    }
    // RequestBuilder.build is pure: the same instruction with the same evaluated parameters and
    // body builds the same request (a polling step, every time round the loop).
    let cacheKey = CachedRequest.Key(workflow: top.workflow, pc: pc)
    let http: HTTPRequest
    let requestWarnings: [String]
    if let cached = requestCache[cacheKey], cached.matches(parameters, body) {
      http = cached.request
      requestWarnings = cached.warnings
    } else {
      let prepared: PreparedRequest
      do {
        prepared = try RequestBuilder.build(
          operation: RequestOperation(
            method: operation.method, pathTemplate: operation.pathTemplate,
            servers: operation.servers, parameters: operation.parameters,
            requestContentTypes: operation.requestContentTypes,
            documentURL: operation.documentLocation, sourceName: operation.source),
          parameters: parameters, body: body,
          serverOverride: options.serverOverrides[operation.source])
      } catch {
        exchange.error = error.description
        emit(.requestFailed(stepId: stepId, message: error.description))
        return
      }
      http = HTTPRequest(
        method: HTTPMethod(prepared.method), url: prepared.url,
        headers: HeaderFields(prepared.headers.map { ($0.name, $0.value) }), body: prepared.body)
      requestWarnings = prepared.warnings
      requestCache[cacheKey] = CachedRequest(
        parameters: parameters, body: body, request: http, warnings: prepared.warnings)
    }
    for warning in requestWarnings where (top.visits[stepId] ?? 0) <= 1 && firstAttempt {
      warn("step '\(stepId)': \(warning)")
    }
    exchange.request = http
    emit(.requestSent(stepId: stepId, request: http))
    let clock = ContinuousClock()
    let started = clock.now
    do {
      let response = try await transport.send(http, timeout: options.timeout)
      exchange.duration = clock.now - started
      exchange.response = response
      exchange.responseBody = parsedBody(response, cacheKey)
      emit(.responseReceived(stepId: stepId, response: response, duration: clock.now - started))
    } catch {
      exchange.duration = clock.now - started
      exchange.error = error.description
      emit(.requestFailed(stepId: stepId, message: error.description))
    }
  }

  /// `parseBody`, reusing the last body this instruction parsed when the bytes and the
  /// Content-Type are the same (a poll that keeps getting the same answer).
  private func parsedBody(_ response: HTTPResponse, _ key: CachedRequest.Key) -> JSONValue {
    let contentType = response.headers["Content-Type"]
    if let cached = bodyCache[key], cached.contentType == contentType, cached.bytes == response.body {
      return cached.value
    }
    let value = Self.parseBody(response)
    bodyCache[key] = (contentType, response.body, value)
    return value
  }

  /// OP-44: JSON (and `+json`) bodies parse into values; other text stays a string; empty → null.
  static func parseBody(_ response: HTTPResponse) -> JSONValue {
    guard !response.body.isEmpty else { return .null }
    let type = response.mediaType ?? ""
    if type == "application/json" || type.hasSuffix("+json") || type.hasSuffix("/json") {
      if let value = try? JSONParser.parse(bytes: response.body) { return value }
    }
    return .string(response.text)
  }

  private func invoke(_ call: Call) async {
    guard let target = call.target.index else {
      top.steps[call.stepId, default: StepRecord()].childSucceeded = false
      top.steps[call.stepId, default: StepRecord()].exchange = Exchange(
        error: "workflow '\(call.target.reference)' is not available")
      emit(.requestFailed(stepId: call.stepId, message: "workflow '\(call.target.reference)' is not available"))
      top.pc += 1
      return
    }
    var inputs = JSONObject()
    for argument in call.arguments {
      switch value(of: argument.value, "input '\(argument.name)'") {
      case .success(let v): inputs[argument.name] = v
      case .failure(let f):
        top.steps[call.stepId, default: StepRecord()].childSucceeded = false
        top.steps[call.stepId, default: StepRecord()].exchange = Exchange(error: f.message)
        emit(.requestFailed(stepId: call.stepId, message: f.message))
        top.pc += 1
        return
      }
    }
    if frames.count > 64 {
      abort("sub-workflows nest deeper than 64 levels at step '\(call.stepId)'")
      return
    }
    start(
      workflow: target, inputs: .object(inputs),
      continuation: .call(stepId: call.stepId, resume: top.pc + 1), depth: top.depth + 1)
  }

  private func evaluate(_ check: Check) {
    let stepId = check.stepId
    let record = top.steps[stepId] ?? StepRecord()
    var reasons: [String] = []
    var succeeded: Bool
    if let childSucceeded = record.childSucceeded {
      succeeded = childSucceeded
      if !childSucceeded { reasons.append("the sub-workflow failed") }
    } else if let exchange = record.exchange, exchange.response == nil {
      succeeded = false
      reasons.append(exchange.error ?? "no response")
    } else {
      succeeded = true
    }
    if succeeded || check.criteria.isEmpty == false {
      for criterion in check.criteria {
        let outcome = criterion.evaluate(in: context)
        if !outcome.passed {
          succeeded = false
          reasons.append("\(criterion.criterion.condition): \(outcome.reason ?? "false")")
        }
      }
    }
    top.succeeded = succeeded
    top.steps[stepId, default: StepRecord()].reasons = reasons
    top.pc += 1
    emit(.checked(stepId: stepId, succeeded: succeeded, reasons: reasons))
  }

  private func record(_ outputs: StepOutputs) {
    var values = JSONObject()
    let outputsContext = context
    for output in outputs.outputs {
      switch resolve(output, in: outputsContext) {
      case .success(let v): values[output.name] = v
      case .failure(let f):
        warn("output '\(output.name)' of step '\(outputs.stepId)' is null: \(f.message)")
        values[output.name] = .null
      }
    }
    top.steps[outputs.stepId, default: StepRecord()].outputs = values
    top.pc += 1
  }

  func resolve(_ output: OutputBinding) -> Result<JSONValue, MachineFailure> {
    resolve(output, in: context)
  }

  func resolve(_ output: OutputBinding, in context: FrameContext) -> Result<JSONValue, MachineFailure> {
    switch output.value {
    case .constant(let v): return .success(v)
    case .expression(let e):
      switch e.evaluate(in: context) {
      case .value(let v): return .success(v)
      case .missing(let reason): return .failure(MachineFailure(reason))
      }
    case .selector(let contextExpression, let query):
      guard case .value(let root) = contextExpression.evaluate(in: context) else {
        return .failure(MachineFailure("\(contextExpression.text) has no value"))
      }
      switch query {
      case .jsonpointer(let pointer):
        return pointer.value(in: root).map { .success($0) }
          ?? .failure(MachineFailure("nothing at \(pointer)"))
      case .jsonpath(let path, _):
        let values = path.values(root)
        return .success(values.count == 1 ? values[0] : .array(values))
      case .xpath(let text):
        return .failure(MachineFailure("XPath selectors ('\(text)') are not evaluated yet"))
      }
    }
  }

  private func choose(_ dispatch: Dispatch) async {
    let stepId = dispatch.stepId
    if let subroutine = top.subroutine, subroutine.stepId == stepId {
      // A retry target ran as a subroutine: its own actions are ignored (OP-15).
      top.subroutine = nil
      top.currentStep = program.workflows[top.workflow].stepId(at: subroutine.resume)
      top.pc = subroutine.resume
      return
    }
    let succeeded = top.succeeded
    let actions = succeeded ? dispatch.onSuccess : dispatch.onFailure
    let criteriaContext = context  // nothing changes until an action is chosen
    for action in actions {
      guard action.criteria.allSatisfy({ $0.evaluate(in: criteriaContext).passed }) else { continue }
      if case .retry(let retry) = action.effect {
        let key = "\(stepId)|\(action.name)"
        let spent = top.retries[key] ?? 0
        guard spent < retry.limit else { continue }  // spent: the following actions get a turn
        top.retries[key] = spent + 1
        finishAttempt(stepId: stepId, action: action.name, effect: "retry")
        await performRetry(retry, action: action.name, attempt: spent + 1, stepId: stepId)
        return
      }
      apply(action.effect, action: action.name, stepId: stepId)
      return
    }
    apply(succeeded ? dispatch.successDefault : dispatch.failureDefault, action: nil, stepId: stepId)
  }

  private func performRetry(_ retry: Retry, action: String, attempt: Int, stepId: String) async {
    var delay = Duration.milliseconds(Int((retry.after ?? 0) * 1000))
    if let header = top.steps[stepId]?.exchange?.response?.headers["Retry-After"],
      let asked = Self.retryAfter(header), asked > delay
    {
      delay = asked
    }
    delay = min(delay, options.maxRetryDelay)
    emit(.retrying(stepId: stepId, action: action, attempt: attempt, delay: delay))
    if delay > .zero { await sleep(delay) }
    switch retry.target {
    case nil:
      top.pc = retry.resume
    case .step(let targetStep, let pc)?:
      top.subroutine = (targetStep, retry.resume)
      top.pc = pc
    case .workflow(let ref, let arguments)?:
      guard let index = ref.index else {
        warn("retry target workflow '\(ref.reference)' is not available; retrying without it")
        top.pc = retry.resume
        return
      }
      let inputs = bestEffortInputs(arguments)
      start(
        workflow: index, inputs: .object(inputs),
        continuation: .retryTarget(
          stepId: stepId, resume: retry.resume, failPC: program.workflows[top.workflow].failPC),
        depth: top.depth + 1)
    }
  }

  /// `Retry-After`: delta-seconds or an HTTP date.
  static func retryAfter(_ text: String) -> Duration? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let seconds = Double(trimmed), seconds >= 0 { return .milliseconds(Int(seconds * 1000)) }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: trimmed) else { return nil }
    return .milliseconds(max(0, Int(date.timeIntervalSinceNow * 1000)))
  }

  private func apply(_ effect: ActionEffect, action: String?, stepId: String) {
    let code = program.workflows[top.workflow]
    switch effect {
    case .next(let pc):
      top.pc = pc
      finishAttempt(stepId: stepId, action: action, effect: pc == code.returnPC ? "next (end of workflow)" : "next")
    case .goto(let target, let pc):
      top.pc = pc
      finishAttempt(stepId: stepId, action: action, effect: "goto \(target)")
    case .end(let pc):
      top.endedBy = "\(action ?? "end") at \(stepId)"
      top.pc = pc
      finishAttempt(stepId: stepId, action: action, effect: "end")
    case .fail(let pc):
      top.pc = pc
      finishAttempt(stepId: stepId, action: action, effect: "fail")
    case .retry:
      top.pc = code.failPC  // unreachable: retries are handled by `choose`
    case .gotoWorkflow(let ref, let arguments):
      finishAttempt(stepId: stepId, action: action, effect: "goto workflow \(ref.reference)")
      guard let index = ref.index else {
        warn("goto workflow '\(ref.reference)' is not available")
        top.pc = code.failPC
        return
      }
      let inputs = bestEffortInputs(arguments)
      // A tail call (OP-13): the target replaces this invocation and answers its caller.
      let replaced = frames.removeLast()
      start(workflow: index, inputs: .object(inputs), continuation: replaced.continuation, depth: replaced.depth)
    }
  }

  /// Records the finished attempt of `stepId` for the report.
  private func finishAttempt(stepId: String, action: String?, effect: String) {
    let frame = top
    let record = frame.steps[stepId]
    let exchange = record?.exchange
    attempts.append(
      StepAttempt(
        workflowId: program.workflows[frame.workflow].workflowId, stepId: stepId,
        visit: frame.visits[stepId] ?? 1, method: exchange?.request?.method.rawValue,
        url: exchange?.request?.url, statusCode: exchange?.response?.status,
        durationMilliseconds: exchange?.duration.map { Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1000 },
        succeeded: frame.succeeded, reasons: record?.reasons ?? [], action: action, effect: effect))
    emit(.actionTaken(stepId: stepId, action: action, effect: effect))
  }

  private func complete(outputs bindings: [OutputBinding], succeeded: Bool) {
    let code = program.workflows[top.workflow]
    var outputs = JSONObject()
    var ok = succeeded
    for binding in bindings {
      switch resolve(binding) {
      case .success(let v): outputs[binding.name] = v
      case .failure(let f):
        if options.strict && succeeded {
          runError = "output '\(binding.name)' of workflow '\(code.workflowId)': \(f.message)"
          ok = false
        }
        warn("output '\(binding.name)' of workflow '\(code.workflowId)' is null: \(f.message)")
        outputs[binding.name] = .null
      }
    }
    let frame = frames.removeLast()
    completed[code.workflowId] = (frame.inputs, outputs)
    emit(.workflowFinished(workflowId: code.workflowId, succeeded: ok, outputs: outputs, depth: frame.depth))
    switch frame.continuation {
    case .root:
      result = (ok, outputs, frame.endedBy)
    case .call(let stepId, let resume):
      guard !frames.isEmpty else { return }
      top.steps[stepId, default: StepRecord()].childOutputs = outputs
      top.steps[stepId, default: StepRecord()].childSucceeded = ok
      top.pc = resume
    case .retryTarget(_, let resume, let failPC):
      guard !frames.isEmpty else { return }
      top.pc = ok ? resume : failPC
    }
  }
}

/// Why a value could not be computed.
struct MachineFailure: Error, Sendable {
  var message: String
  init(_ message: String) { self.message = message }
}

/// A request built for a `request` instruction, with the inputs it was built from.
struct CachedRequest {
  struct Key: Hashable {
    var workflow: Int
    var pc: Int
  }
  var parameters: [RequestParameter]
  var body: EvaluatedBody?
  var request: HTTPRequest
  var warnings: [String]
}

extension CachedRequest {
  /// Whether the request was built from exactly these values. Stricter than `==` (which takes
  /// 1 and 1.0 as equal, ignores key order and compares strings by canonical equivalence):
  /// anything that could serialise differently counts as different.
  func matches(_ parameters: [RequestParameter], _ body: EvaluatedBody?) -> Bool {
    guard self.parameters.count == parameters.count else { return false }
    for (a, b) in zip(self.parameters, parameters) {
      guard Self.same(a.name, b.name), a.location == b.location, Self.same(a.value, b.value)
      else { return false }
    }
    switch (self.body, body) {
    case (nil, nil): return true
    case (let a?, let b?):
      guard Self.same(a.contentType ?? "\u{0}nil", b.contentType ?? "\u{0}nil"),
        Self.same(a.payload, b.payload), a.replacements.count == b.replacements.count
      else { return false }
      return zip(a.replacements, b.replacements).allSatisfy {
        Self.same($0.target, $1.target) && Self.same($0.value, $1.value)
      }
    default: return false
    }
  }

  static func same(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

  static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.integer(let x), .integer(let y)): return x == y
    case (.number(let x), .number(let y)): return x.bitPattern == y.bitPattern
    case (.string(let x), .string(let y)): return same(x, y)
    case (.array(let x), .array(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case (.object(let x), .object(let y)):
      return x.count == y.count
        && zip(x.members, y.members).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
    default: return false
    }
  }
}
