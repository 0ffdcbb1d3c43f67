import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoSyntax
import Foundation

/// The `dispatch` instruction: choosing the first matching action, retries with their delays and
/// targets, jumps, ends and tail calls, and the step attempt the report records.
extension Machine {
  /// A retry the dispatch chose, to perform after its delay.
  struct PendingRetry {
    var retry: Retry
    var action: String
    var attempt: Int
    var stepId: String
    /// The rest of its delay, when a pause cut the wait short (nil: not begun).
    var delay: Duration?
  }

  /// Chooses and applies the first matching action; a retry is returned to be performed (it
  /// may have to wait).
  func choose(_ dispatch: Dispatch) -> PendingRetry? {
    let stepId = dispatch.stepId
    if let subroutine = top.subroutine, subroutine.stepId == stepId {
      // A retry target ran as a subroutine: its own actions are ignored
      // (docs/semantics.md#retry-target).
      releaseHeldWarnings()
      top.subroutine = nil
      top.currentStep = program.workflows[top.workflow].stepId(at: subroutine.resume)
      top.pc = subroutine.resume
      return nil
    }
    let succeeded = top.succeeded
    let actions = succeeded ? dispatch.onSuccess : dispatch.onFailure
    let criteriaContext = actions.isEmpty ? nil : context  // nothing changes until one is chosen
    for action in actions {
      guard let criteriaContext, Self.allPass(action.criteria, in: criteriaContext) else {
        continue
      }
      if case .retry(let retry) = action.effect {
        let key = RetryKey(stepId: stepId, action: action.name)
        let spent = top.retries[key] ?? 0
        guard spent < retry.limit else { continue }  // spent: the following actions get a turn
        top.retries[key] = spent + 1
        top.heldWarnings.removeAll()  // the step runs again: only its last attempt warns
        finishAttempt(stepId: stepId, action: action.name, effect: .retry(attempt: spent + 1))
        return PendingRetry(retry: retry, action: action.name, attempt: spent + 1, stepId: stepId)
      }
      apply(action.effect, action: action.name, stepId: stepId)
      return nil
    }
    apply(
      succeeded ? dispatch.successDefault : dispatch.failureDefault, action: nil, stepId: stepId)
    return nil
  }

  /// Whether every criterion passes.
  static func allPass(_ criteria: [CompiledCriterion], in context: FrameContext) -> Bool {
    for criterion in criteria where !criterion.passes(in: context) { return false }
    return true
  }

  /// Waits the retry's delay (the rest of it, when a pause cut it short before), then jumps.
  func perform(_ pending: PendingRetry) async {
    let (retry, stepId) = (pending.retry, pending.stepId)
    let delay: Duration
    if let rest = pending.delay {
      delay = rest
    } else {
      delay = retryDelay(retry, action: pending.action, attempt: pending.attempt, stepId: stepId)
      emit(
        .retrying(stepId: stepId, action: pending.action, attempt: pending.attempt, delay: delay))
    }
    let pc = top.pc
    switch await pausableWait(
      delay, stepId: stepId, while: "step '\(stepId)' waited \(delay.readable) to retry")
    {
    case .waited: break
    case .stopped: return
    case .paused(let remaining):
      // The dispatch runs again to wait the rest, then retry (nothing is chosen again).
      var rest = pending
      rest.delay = remaining
      pendingWait = (frames.count, pc, .retry(rest))
      return
    }
    switch retry.target {
    case nil:
      top.pc = retry.resume
    case .step(let targetStep, let pc)?:
      top.subroutine = (targetStep, retry.resume)
      top.pc = pc
    case .workflow(let ref, let arguments)?:
      guard let index = ref.index else {
        warn(
          .targetUnavailable,
          "retry target workflow '\(ref.reference)' is not available (its source description was "
            + "not loaded: AZ3001); retrying without it")
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

  /// How long a retry waits: the action's `retryAfter` or the response's `Retry-After`, whichever
  /// is longer, at most `options.maxRetryDelay` (docs/semantics.md#retry-delay). A longer request
  /// is cut to that, and a `Retry-After` that is no delay is ignored, each with a warning.
  func retryDelay(_ retry: Retry, action: String, attempt: Int, stepId: String) -> Duration {
    let cap = options.maxRetryDelay
    var delay = Duration.zero
    if let after = retry.after, let asked = Duration.seconds(after, limit: cap) {
      delay = asked.duration
      if asked.clamped, attempt == 1 {  // the document's value: once per visit is enough
        warn(
          .retryDelayCapped,
          "step '\(stepId)': action '\(action)' asks retryAfter \(after) s; a retry waits at most \(cap.readable)"
        )
      }
    }
    guard let header = top.steps[stepId]?.exchange?.response?.headers["Retry-After"] else {
      return delay
    }
    let shown = header.count > 40 ? String(header.prefix(40)) + "…" : header
    guard let asked = Self.retryAfter(header, limit: cap) else {
      warn(
        .invalidRetryAfter,
        "step '\(stepId)': Retry-After '\(shown)' is neither a number of seconds nor an HTTP date; it is ignored"
      )
      return delay
    }
    if asked.clamped {
      warn(
        .retryDelayCapped,
        "step '\(stepId)': the server asked to retry after '\(shown)'; a retry waits at most \(cap.readable)"
      )
    }
    return max(delay, asked.duration)
  }

  /// `Retry-After`: delta-seconds or an HTTP date, as a delay of at most `limit` (`clamped`
  /// when it asked for longer: a date years away, `1e300`, `inf`); nil when it is neither, or
  /// negative.
  static func retryAfter(_ text: String, limit: Duration) -> (duration: Duration, clamped: Bool)? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let seconds = Double(trimmed) { return Duration.seconds(seconds, limit: limit) }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: trimmed) else { return nil }
    return Duration.seconds(max(0, date.timeIntervalSinceNow), limit: limit)
  }

  /// Gives out the warnings the attempt held back (see `Frame.heldWarnings`).
  func releaseHeldWarnings() {
    guard !top.heldWarnings.isEmpty else { return }
    let held = top.heldWarnings
    top.heldWarnings.removeAll()
    for diagnostic in held { warn(diagnostic) }
  }

  func apply(_ effect: ActionEffect, action: String?, stepId: String) {
    releaseHeldWarnings()
    let code = program.workflows[top.workflow]
    switch effect {
    case .next(let pc):
      top.pc = pc
      finishAttempt(stepId: stepId, action: action, effect: pc == code.returnPC ? .return : .next)
    case .goto(let target, let pc):
      top.pc = pc
      finishAttempt(stepId: stepId, action: action, effect: .goto(step: target))
    case .end(let pc):
      top.endedBy = "\(action ?? "end") at \(stepId)"
      top.pc = pc
      finishAttempt(stepId: stepId, action: action, effect: .end(succeeded: pc != code.failPC))
    case .fail(let pc):
      top.pc = pc
      finishAttempt(stepId: stepId, action: action, effect: .fail)
    case .retry:
      top.pc = code.failPC  // unreachable: retries are handled by `choose`
    case .gotoWorkflow(let ref, let arguments):
      finishAttempt(stepId: stepId, action: action, effect: .gotoWorkflow(ref.reference))
      guard let index = ref.index else {
        warn(
          .targetUnavailable,
          "goto workflow '\(ref.reference)' is not available: its source description was not "
            + "loaded (AZ3001)")
        top.pc = code.failPC
        return
      }
      let inputs = bestEffortInputs(arguments)
      // A tail call (docs/semantics.md#goto-workflow): the target replaces this invocation and
      // answers its caller.
      let replaced = frames.removeLast()
      start(
        workflow: index, inputs: .object(inputs), continuation: replaced.continuation,
        depth: replaced.depth)
    }
  }

  /// Records the finished attempt of `stepId` for the report.
  func finishAttempt(stepId: String, action: String?, effect: Effect) {
    let record = top.steps[stepId]
    let exchange = record?.exchange
    let checks = record?.checks ?? []
    attempts.append(
      StepAttempt(
        workflowId: program.workflows[top.workflow].workflowId, stepId: stepId,
        visit: top.visits[stepId] ?? 1, method: exchange?.request?.method.rawValue,
        url: exchange?.request?.url, statusCode: exchange?.response?.status,
        durationMilliseconds: exchange?.duration.map {
          Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1000
        },
        succeeded: top.succeeded, reasons: record?.reasons ?? [],
        failure: top.succeeded ? nil : record?.failure, action: action, effect: effect,
        checks: checks))
    emit(.actionTaken(stepId: stepId, action: action, effect: effect))
    // Failed contract checks are shown under the step's line; they are not run warnings.
    for check in checks { emit(.warning(check)) }
  }
}
