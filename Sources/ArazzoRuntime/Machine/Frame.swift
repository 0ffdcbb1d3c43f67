import ArazzoHTTP
import ArazzoJSON

// Frames, step records and exchanges are values, but the machine copies them often (an
// expression context, a report line, a step record read out of a dictionary). Each keeps its
// fields in one copy-on-write box, so a copy costs one retain rather than one per string,
// array and dictionary inside; a write copies the box first when it is shared.

/// The shared storage of a copy-on-write value.
///
/// Release builds skip the run-time exclusivity check on `fields` (a thread-local bookkeeping
/// call on every field read or write, ~6 % of a replayed run): the box is only reached through
/// its value's accessors, whose accesses never overlap. Debug builds, the tests', keep it.
final class CopyOnWriteBox<Fields>: @unchecked Sendable {
  #if DEBUG
    var fields: Fields
  #else
    @exclusivity(unchecked) var fields: Fields
  #endif
  init(_ fields: Fields) { self.fields = fields }
}

/// One HTTP exchange of a step: what was sent and what came back (or why nothing did).
struct Exchange: Sendable {
  private struct Fields {
    var request: HTTPRequest?
    var query: [String: JSONValue] = [:]
    var path: [String: JSONValue] = [:]
    var requestBody: JSONValue?
    var response: HTTPResponse?
    var responseBody: JSONValue?
    var responseBodyProblem: String?
    var duration: Duration?
    var error: String?
    var errorCode: DiagnosticCode?
  }

  private var box: CopyOnWriteBox<Fields>

  init(error: String? = nil, code: DiagnosticCode? = nil) {
    box = CopyOnWriteBox(Fields(error: error, errorCode: code))
  }

  /// The box, copied first when another value shares it.
  private var unique: CopyOnWriteBox<Fields> {
    mutating get {
      if !isKnownUniquelyReferenced(&box) { box = CopyOnWriteBox(box.fields) }
      return box
    }
  }

  var request: HTTPRequest? {
    _read { yield box.fields.request }
    _modify { yield &unique.fields.request }
  }
  /// Parameter values as sent, for `$request.query.x` / `$request.path.x`.
  var query: [String: JSONValue] {
    _read { yield box.fields.query }
    _modify { yield &unique.fields.query }
  }
  var path: [String: JSONValue] {
    _read { yield box.fields.path }
    _modify { yield &unique.fields.path }
  }
  var requestBody: JSONValue? {
    _read { yield box.fields.requestBody }
    _modify { yield &unique.fields.requestBody }
  }
  var response: HTTPResponse? {
    _read { yield box.fields.response }
    _modify { yield &unique.fields.response }
  }
  /// The response body parsed (JSON → value, other text → string, empty → null;
  /// docs/semantics.md#response-bodies).
  var responseBody: JSONValue? {
    _read { yield box.fields.responseBody }
    _modify { yield &unique.fields.responseBody }
  }
  /// Why the response body is a string although declared JSON (`ParsedBody.problem`).
  var responseBodyProblem: String? {
    get { box.fields.responseBodyProblem }
    set { unique.fields.responseBodyProblem = newValue }
  }
  var duration: Duration? {
    get { box.fields.duration }
    set { unique.fields.duration = newValue }
  }
  /// Why there is no response (the request could not be built, or the transport failed).
  var error: String? {
    _read { yield box.fields.error }
    _modify { yield &unique.fields.error }
  }

  /// The code of `error`: a transport's (AZ41xx) or why the request was not sent (AZ5xxx).
  var errorCode: DiagnosticCode? {
    get { box.fields.errorCode }
    set { unique.fields.errorCode = newValue }
  }

  /// Whether a request was sent / a response came back (without copying either out).
  var hasRequest: Bool { if case .some = box.fields.request { return true } else { return false } }
  var hasResponse: Bool {
    if case .some = box.fields.response { return true } else { return false }
  }
}

/// What one run of a step left behind: `$steps.<id>`.
struct StepRecord: Sendable {
  private struct Fields {
    var outputs = JSONObject()
    var exchange: Exchange?
    var childOutputs: JSONObject?
    var childSucceeded: Bool?
    var reasons: [String] = []
    var failure: Diagnostic?
    var checks: [Diagnostic] = []
  }

  private var box = CopyOnWriteBox(Fields())

  init() {}

  private var unique: CopyOnWriteBox<Fields> {
    mutating get {
      if !isKnownUniquelyReferenced(&box) { box = CopyOnWriteBox(box.fields) }
      return box
    }
  }

  var outputs: JSONObject {
    _read { yield box.fields.outputs }
    _modify { yield &unique.fields.outputs }
  }
  var exchange: Exchange? {
    _read { yield box.fields.exchange }
    _modify { yield &unique.fields.exchange }
  }
  /// A sub-workflow step's child result (`$outputs` inside the step;
  /// docs/semantics.md#outputs-in-workflow-steps).
  var childOutputs: JSONObject? {
    _read { yield box.fields.childOutputs }
    _modify { yield &unique.fields.childOutputs }
  }
  var childSucceeded: Bool? {
    get { box.fields.childSucceeded }
    set { unique.fields.childSucceeded = newValue }
  }
  /// Why the success criteria failed.
  var reasons: [String] {
    _read { yield box.fields.reasons }
    _modify { yield &unique.fields.reasons }
  }

  /// Why the step failed, with its code and the step's location (nil: it succeeded).
  var failure: Diagnostic? {
    get { box.fields.failure }
    set { unique.fields.failure = newValue }
  }

  /// The contract checks the latest attempt's exchange failed (docs/semantics.md#contract-checks).
  var checks: [Diagnostic] {
    get { box.fields.checks }
    set { unique.fields.checks = newValue }
  }

  /// Starts a new visit of the step: everything is forgotten but the outputs, which a polling
  /// or paging step may send again (`$steps.<self>.outputs.next`) until it records new ones.
  mutating func restart() {
    let outputs = box.fields.outputs
    if isKnownUniquelyReferenced(&box) {
      box.fields = Fields(outputs: outputs)
    } else {
      box = CopyOnWriteBox(Fields(outputs: outputs))
    }
  }
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

/// A retry action of a step: what the retries it has spent are counted by.
struct RetryKey: Hashable, Sendable {
  var stepId: String
  var action: String
}

/// One workflow invocation on the machine's stack.
struct Frame: Sendable {
  private struct Fields {
    var workflow: Int
    var pc = 0
    var inputs: JSONValue
    var steps: [String: StepRecord] = [:]
    var succeeded = false
    var retries: [RetryKey: Int] = [:]
    var visits: [String: Int] = [:]
    var currentStep: String?
    var subroutine: (stepId: String, resume: Int)?
    var heldWarnings: [Diagnostic] = []
    var endedBy: String?
    var continuation: Continuation
    var depth: Int
  }

  private var box: CopyOnWriteBox<Fields>

  init(workflow: Int, inputs: JSONValue, continuation: Continuation, depth: Int) {
    box = CopyOnWriteBox(
      Fields(workflow: workflow, inputs: inputs, continuation: continuation, depth: depth))
  }

  private var unique: CopyOnWriteBox<Fields> {
    mutating get {
      if !isKnownUniquelyReferenced(&box) { box = CopyOnWriteBox(box.fields) }
      return box
    }
  }

  /// The workflow's index in the program.
  var workflow: Int {
    get { box.fields.workflow }
    set { unique.fields.workflow = newValue }
  }
  var pc: Int {
    get { box.fields.pc }
    set { unique.fields.pc = newValue }
  }
  var inputs: JSONValue {
    _read { yield box.fields.inputs }
    _modify { yield &unique.fields.inputs }
  }
  var steps: [String: StepRecord] {
    _read { yield box.fields.steps }
    _modify { yield &unique.fields.steps }
  }
  /// The outcome register `check` sets and `dispatch` reads.
  var succeeded: Bool {
    get { box.fields.succeeded }
    set { unique.fields.succeeded = newValue }
  }
  /// Retries spent, by step and action, reset when the step is entered afresh.
  var retries: [RetryKey: Int] {
    _read { yield box.fields.retries }
    _modify { yield &unique.fields.retries }
  }
  var visits: [String: Int] {
    _read { yield box.fields.visits }
    _modify { yield &unique.fields.visits }
  }
  /// The step whose instructions run now.
  var currentStep: String? {
    _read { yield box.fields.currentStep }
    _modify { yield &unique.fields.currentStep }
  }
  /// While a retry runs another step as a subroutine: stop before its dispatch, go to `resume`.
  var subroutine: (stepId: String, resume: Int)? {
    _read { yield box.fields.subroutine }
    _modify { yield &unique.fields.subroutine }
  }
  /// Warnings of the current step attempt (null outputs), given out when dispatch ends the
  /// attempt with anything but a retry, dropped when it retries.
  var heldWarnings: [Diagnostic] {
    _read { yield box.fields.heldWarnings }
    _modify { yield &unique.fields.heldWarnings }
  }
  /// The action that ended the workflow, for the report.
  var endedBy: String? {
    _read { yield box.fields.endedBy }
    _modify { yield &unique.fields.endedBy }
  }
  var continuation: Continuation {
    _read { yield box.fields.continuation }
    _modify { yield &unique.fields.continuation }
  }
  var depth: Int {
    get { box.fields.depth }
    set { unique.fields.depth = newValue }
  }
}
