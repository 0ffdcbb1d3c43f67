import ArazzoHTTP
import ArazzoJSON

/// One HTTP exchange of a step: what was sent and what came back (or why nothing did).
struct Exchange: Sendable {
  var request: HTTPRequest?
  /// Parameter values as sent, for `$request.query.x` / `$request.path.x`.
  var query: [String: JSONValue] = [:]
  var path: [String: JSONValue] = [:]
  var requestBody: JSONValue?
  var response: HTTPResponse?
  /// The response body parsed per OP-44 (JSON → value, other text → string, empty → null).
  var responseBody: JSONValue?
  var duration: Duration?
  /// Why there is no response (the request could not be built, or the transport failed).
  var error: String?
}

/// What one run of a step left behind: `$steps.<id>`.
struct StepRecord: Sendable {
  var outputs = JSONObject()
  var exchange: Exchange?
  /// A sub-workflow step's child result (OP-22: `$outputs` inside the step).
  var childOutputs: JSONObject?
  var childSucceeded: Bool?
  /// Why the success criteria failed.
  var reasons: [String] = []
}

/// How a workflow invocation returns to its caller.
enum Continuation: Sendable {
  /// The run's entry (or a dependency run before it).
  case root
  /// A sub-workflow step of the frame below: continue there at `pc`.
  case call(stepId: String, resume: Int)
  /// A retry target: continue at `resume` (the retried step's request) on success.
  case retryTarget(stepId: String, resume: Int, failPC: Int)
}

/// One workflow invocation on the machine's stack.
struct Frame: Sendable {
  var workflow: Int
  var pc = 0
  var inputs: JSONValue
  var steps: [String: StepRecord] = [:]
  /// The outcome register `check` sets and `dispatch` reads.
  var succeeded = false
  /// Retries spent, by "stepId|actionName", reset when the step is entered afresh.
  var retries: [String: Int] = [:]
  var visits: [String: Int] = [:]
  /// The step whose instructions run now.
  var currentStep: String?
  /// While a retry runs another step as a subroutine: stop before its dispatch, go to `resume`.
  var subroutine: (stepId: String, resume: Int)?
  /// Warnings of the current step attempt (null outputs), given out when dispatch ends the
  /// attempt with anything but a retry, dropped when it retries.
  var heldWarnings: [String] = []
  /// The action that ended the workflow, for the report.
  var endedBy: String?
  var continuation: Continuation
  var depth: Int
}
