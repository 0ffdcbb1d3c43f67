import ArazzoHTTP
import ArazzoJSON

/// One HTTP exchange of a step: what was sent and what came back (or why nothing did).
///
/// The fields live in one shared, copy-on-write box: step records and expression contexts copy
/// an exchange at the cost of one retain, not one per field.
struct Exchange: Sendable {
  private final class Storage: @unchecked Sendable {
    var request: HTTPRequest?
    var query: [String: JSONValue] = [:]
    var path: [String: JSONValue] = [:]
    var requestBody: JSONValue?
    var response: HTTPResponse?
    var responseBody: JSONValue?
    var duration: Duration?
    var error: String?

    init() {}

    init(copying other: Storage) {
      request = other.request
      query = other.query
      path = other.path
      requestBody = other.requestBody
      response = other.response
      responseBody = other.responseBody
      duration = other.duration
      error = other.error
    }
  }

  private var storage = Storage()

  init(error: String? = nil) {
    if let error { storage.error = error }
  }

  /// The box, made unique before a write.
  private var unique: Storage {
    mutating get {
      if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
      return storage
    }
  }

  var request: HTTPRequest? {
    _read { yield storage.request }
    set { unique.request = newValue }
  }
  /// Parameter values as sent, for `$request.query.x` / `$request.path.x`.
  var query: [String: JSONValue] {
    _read { yield storage.query }
    _modify { yield &unique.query }
  }
  var path: [String: JSONValue] {
    _read { yield storage.path }
    _modify { yield &unique.path }
  }
  var requestBody: JSONValue? {
    _read { yield storage.requestBody }
    set { unique.requestBody = newValue }
  }
  var response: HTTPResponse? {
    _read { yield storage.response }
    set { unique.response = newValue }
  }
  /// The response body parsed per OP-44 (JSON → value, other text → string, empty → null).
  var responseBody: JSONValue? {
    _read { yield storage.responseBody }
    set { unique.responseBody = newValue }
  }
  /// Whether a request was sent / a response came back (without copying either out).
  var hasRequest: Bool { if case .some = storage.request { return true } else { return false } }
  var hasResponse: Bool { if case .some = storage.response { return true } else { return false } }
  var duration: Duration? {
    get { storage.duration }
    set { unique.duration = newValue }
  }
  /// Why there is no response (the request could not be built, or the transport failed).
  var error: String? {
    _read { yield storage.error }
    set { unique.error = newValue }
  }
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
  /// The action that ended the workflow, for the report.
  var endedBy: String?
  var continuation: Continuation
  var depth: Int
}
