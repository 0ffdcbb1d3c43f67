import ArazzoHTTP
import ArazzoJSON

// Frames, step records and exchanges are values, but the machine copies them often (an
// expression context, a report line, a step record read out of a dictionary). Each is a
// `CoW` of its fields: a copy costs one retain rather than one per string, array and
// dictionary inside; a write copies the box first when it is shared.

/// A value kept behind one copy-on-write reference; its fields read and write through it as
/// if they were its own (`frame.pc += 1`, `record.exchange?.error = …`).
///
/// Release builds skip the run-time exclusivity check on the box (a thread-local bookkeeping
/// call on every field read or write, ~6 % of a replayed run): the box is only reached through
/// these accessors, whose accesses never overlap. Debug builds, the tests', keep it.
@dynamicMemberLookup
struct CoW<Value> {
  private var box: CoWBox<Value>

  init(_ value: Value) { box = CoWBox(value) }

  /// The whole value; writing it copies the box first when another value shares it.
  var value: Value {
    @inline(__always) _read { yield box.value }
    @inline(__always) _modify {
      if !isKnownUniquelyReferenced(&box) { box = CoWBox(box.value) }
      yield &box.value
    }
  }

  /// Replaces the whole value (in place when no other value shares the box; never copying the
  /// old one first).
  mutating func replace(with newValue: Value) {
    if isKnownUniquelyReferenced(&box) {
      box.value = newValue
    } else {
      box = CoWBox(newValue)
    }
  }

  // Inlined always, so each key path is a literal at its use and compiles to a field access
  // (called through, it would be interpreted by the runtime on every read).
  subscript<Field>(dynamicMember field: WritableKeyPath<Value, Field>) -> Field {
    @inline(__always) _read { yield box.value[keyPath: field] }
    @inline(__always) _modify {
      if !isKnownUniquelyReferenced(&box) { box = CoWBox(box.value) }
      yield &box.value[keyPath: field]
    }
  }
}

/// The shared storage of a `CoW`.
final class CoWBox<Value>: @unchecked Sendable {
  #if DEBUG
    var value: Value
  #else
    @exclusivity(unchecked) var value: Value
  #endif
  init(_ value: Value) { self.value = value }
}

extension CoW: @unchecked Sendable where Value: Sendable {}

/// One HTTP exchange of a step: what was sent and what came back (or why nothing did).
typealias Exchange = CoW<ExchangeFields>

struct ExchangeFields: Sendable {
  var request: HTTPRequest?
  /// Parameter values as sent, for `$request.query.x` / `$request.path.x`.
  var query: [String: JSONValue] = [:]
  var path: [String: JSONValue] = [:]
  var requestBody: JSONValue?
  var response: HTTPResponse?
  /// The response body parsed (JSON → value, other text → string, empty → null;
  /// docs/semantics.md#response-bodies).
  var responseBody: JSONValue?
  /// Why the response body is a string although declared JSON (`ParsedBody.problem`).
  var responseBodyProblem: String?
  var duration: Duration?
  /// Why there is no response (the request could not be built, or the transport failed).
  var error: String?
  /// The code of `error`: a transport's (AZ41xx) or why the request was not sent (AZ5xxx).
  var errorCode: DiagnosticCode?
}

extension CoW where Value == ExchangeFields {
  init(error: String? = nil, code: DiagnosticCode? = nil) {
    self.init(ExchangeFields(error: error, errorCode: code))
  }

  // Computed here, not on the fields: a key path to a computed property is not compiled away,
  // the runtime would interpret it on every read.

  /// Whether a request was sent / a response came back (without copying either out).
  var hasRequest: Bool { if case .some = value.request { return true } else { return false } }
  var hasResponse: Bool { if case .some = value.response { return true } else { return false } }
}

/// What one run of a step left behind: `$steps.<id>`.
typealias StepRecord = CoW<StepRecordFields>

struct StepRecordFields: Sendable {
  var outputs = JSONObject()
  var exchange: Exchange?
  /// A sub-workflow step's child result (`$outputs` inside the step;
  /// docs/semantics.md#outputs-in-workflow-steps).
  var childOutputs: JSONObject?
  var childSucceeded: Bool?
  /// Why the success criteria failed.
  var reasons: [String] = []
  /// Why the step failed, with its code and the step's location (nil: it succeeded).
  var failure: Diagnostic?
  /// The contract checks the latest attempt's exchange failed (docs/semantics.md#contract-checks).
  var checks: [Diagnostic] = []
}

extension CoW where Value == StepRecordFields {
  init() { self.init(StepRecordFields()) }

  /// Starts a new visit of the step: everything is forgotten but the outputs, which a polling
  /// or paging step may send again (`$steps.<self>.outputs.next`) until it records new ones.
  mutating func restart() {
    let outputs = self.outputs
    replace(with: StepRecordFields(outputs: outputs))
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
///
/// A `CoWBox` with accessors written out rather than a `CoW`: the machine reads and writes
/// its frame's fields on every instruction, and a `CoW`'s key paths, not all compiled away,
/// made a replayed step ~15 % slower (bench/README.md, "One instruction form").
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

  private var box: CoWBox<Fields>

  init(workflow: Int, inputs: JSONValue, continuation: Continuation, depth: Int) {
    box = CoWBox(
      Fields(workflow: workflow, inputs: inputs, continuation: continuation, depth: depth))
  }

  private var unique: CoWBox<Fields> {
    mutating get {
      if !isKnownUniquelyReferenced(&box) { box = CoWBox(box.value) }
      return box
    }
  }

  /// The workflow's index in the program.
  var workflow: Int {
    get { box.value.workflow }
    set { unique.value.workflow = newValue }
  }
  var pc: Int {
    get { box.value.pc }
    set { unique.value.pc = newValue }
  }
  var inputs: JSONValue {
    _read { yield box.value.inputs }
    _modify { yield &unique.value.inputs }
  }
  var steps: [String: StepRecord] {
    _read { yield box.value.steps }
    _modify { yield &unique.value.steps }
  }
  /// The outcome register `check` sets and `dispatch` reads.
  var succeeded: Bool {
    get { box.value.succeeded }
    set { unique.value.succeeded = newValue }
  }
  /// Retries spent, by step and action, reset when the step is entered afresh.
  var retries: [RetryKey: Int] {
    _read { yield box.value.retries }
    _modify { yield &unique.value.retries }
  }
  var visits: [String: Int] {
    _read { yield box.value.visits }
    _modify { yield &unique.value.visits }
  }
  /// The step whose instructions run now.
  var currentStep: String? {
    _read { yield box.value.currentStep }
    _modify { yield &unique.value.currentStep }
  }
  /// While a retry runs another step as a subroutine: stop before its dispatch, go to `resume`.
  var subroutine: (stepId: String, resume: Int)? {
    _read { yield box.value.subroutine }
    _modify { yield &unique.value.subroutine }
  }
  /// Warnings of the current step attempt (null outputs), given out when dispatch ends the
  /// attempt with anything but a retry, dropped when it retries.
  var heldWarnings: [Diagnostic] {
    _read { yield box.value.heldWarnings }
    _modify { yield &unique.value.heldWarnings }
  }
  /// The action that ended the workflow, for the report.
  var endedBy: String? {
    _read { yield box.value.endedBy }
    _modify { yield &unique.value.endedBy }
  }
  var continuation: Continuation {
    _read { yield box.value.continuation }
    _modify { yield &unique.value.continuation }
  }
  var depth: Int {
    get { box.value.depth }
    set { unique.value.depth = newValue }
  }
}
