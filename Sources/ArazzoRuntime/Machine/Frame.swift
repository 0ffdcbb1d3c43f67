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
  private final class Box {
    #if DEBUG
      var value: Value
    #else
      @exclusivity(unchecked) var value: Value
    #endif
    init(_ value: Value) { self.value = value }
  }

  private var box: Box

  init(_ value: Value) { box = Box(value) }

  /// The whole value; writing it copies the box first when another value shares it.
  var value: Value {
    @inline(__always) _read { yield box.value }
    @inline(__always) _modify {
      if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
      yield &box.value
    }
  }

  /// Replaces the whole value (in place when no other value shares the box; never copying the
  /// old one first).
  mutating func replace(with newValue: Value) {
    if isKnownUniquelyReferenced(&box) {
      box.value = newValue
    } else {
      box = Box(newValue)
    }
  }

  // Inlined always, so each key path is a literal at its use and compiles to a field access
  // (called through, it would be interpreted by the runtime on every read).
  subscript<Field>(dynamicMember field: WritableKeyPath<Value, Field>) -> Field {
    @inline(__always) _read { yield box.value[keyPath: field] }
    @inline(__always) _modify { yield &value[keyPath: field] }
  }

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
typealias Frame = CoW<FrameFields>

struct FrameFields: Sendable {
  /// The workflow's index in the program.
  var workflow: Int
  var pc = 0
  var inputs: JSONValue
  var steps: [String: StepRecord] = [:]
  /// The outcome register `check` sets and `dispatch` reads.
  var succeeded = false
  /// Retries spent, by step and action, reset when the step is entered afresh.
  var retries: [RetryKey: Int] = [:]
  var visits: [String: Int] = [:]
  /// The step whose instructions run now.
  var currentStep: String?
  /// While a retry runs another step as a subroutine: stop before its dispatch, go to `resume`.
  var subroutine: (stepId: String, resume: Int)?
  /// Warnings of the current step attempt (null outputs), given out when dispatch ends the
  /// attempt with anything but a retry, dropped when it retries.
  var heldWarnings: [Diagnostic] = []
  /// The action that ended the workflow, for the report.
  var endedBy: String?
  var continuation: Continuation
  var depth: Int
}

extension CoW where Value == FrameFields {
  init(workflow: Int, inputs: JSONValue, continuation: Continuation, depth: Int) {
    self.init(
      FrameFields(workflow: workflow, inputs: inputs, continuation: continuation, depth: depth))
  }
}
