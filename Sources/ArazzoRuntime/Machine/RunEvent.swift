import ArazzoHTTP
import ArazzoJSON

/// What the machine reports while it runs; reporters, recordings and the debugger consume it.
public enum RunEvent: Sendable {
  /// A workflow invocation began (the entry, a dependency, a sub-workflow or a goto target).
  case workflowStarted(workflowId: String, depth: Int)
  /// A step was entered afresh; `visit` counts entries in this invocation (1 = first).
  case stepStarted(stepId: String, visit: Int, depth: Int)
  /// A request was sent (secrets already redacted by the reporter, not here).
  case requestSent(stepId: String, request: HTTPRequest)
  /// A response arrived for the step's request.
  case responseReceived(stepId: String, response: HTTPResponse, duration: Duration)
  /// The request could not be built or sent; the step has no response.
  case requestFailed(stepId: String, message: String)
  /// The success criteria were evaluated: the outcome and, for a failure, why.
  case checked(stepId: String, succeeded: Bool, reasons: [String])
  /// The action dispatch chose `action` (nil: the list's default) with this effect.
  case actionTaken(stepId: String, action: String?, effect: Effect)
  /// A retry waits before the next attempt.
  case retrying(stepId: String, action: String, attempt: Int, delay: Duration)
  /// The step waits `delay` before its next request (`--loop-delay` or a retry's delay).
  case waiting(stepId: String, delay: Duration)
  /// Something worth a warning (an output that resolved to null, a request warning), with its
  /// code and the step's location.
  case warning(Diagnostic)
  /// A workflow invocation finished.
  case workflowFinished(workflowId: String, succeeded: Bool, outputs: JSONObject, depth: Int)
}

/// Receives events as the machine produces them.
public protocol RunObserver: AnyObject {
  func handle(_ event: RunEvent)
}
