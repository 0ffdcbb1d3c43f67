import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime

/// A success criterion's outcome in one step attempt.
public struct CriterionOutcome: Sendable {
  public var condition: String
  /// `simple`, `regex`, `jsonpath` or `xpath`.
  public var type: String
  public var passed: Bool
  /// Where the condition is written.
  public var file: String?
  public var line: Int?
  public var column: Int?
  /// A failed criterion explained part by part (`CriterionExplanation`); empty when it passed.
  public var explanation: [String] = []
}

/// One step attempt as the reports show it: the `StepAttempt` with what it called, its
/// request and response, and its criteria. Secrets are already redacted.
public struct StepReport: Sendable {
  public var attempt: StepAttempt
  /// `operationId`, `operationPath` or `workflowId`, and its value as written.
  public var target: (kind: String, value: String)?
  /// The operation's source description, method and path template (coverage).
  public var operation: (source: String, description: String, method: String, path: String)?
  public var request: HTTPRequest?
  public var responseStatus: Int?
  /// The start of the response body (at most `TestReports.excerptLength` characters).
  public var responseExcerpt: String?
  public var criteria: [CriterionOutcome]
  /// Where the step checks its outcome (its `stepId`).
  public var file: String?
  public var line: Int?
  public var column: Int?

  /// A contract check of this attempt failed with an error.
  public var hasFailedCheck: Bool { attempt.checks.contains { $0.severity == .error } }
}

/// One workflow's run: a test case's outcome.
public struct CaseReport: Sendable {
  /// The document's path, as found.
  public var document: String
  public var workflowId: String
  /// Where the workflow's `workflowId` is written.
  public var line: Int?
  public var column: Int?
  /// The inputs the workflow ran with, secrets redacted.
  public var inputs: JSONValue
  /// The run's outcome (outputs and messages redacted).
  public var result: RunResult
  public var steps: [StepReport]
  /// Seconds, from the first request to the last response.
  public var duration: Double
  /// The set-up's and the run's warnings.
  public var warnings: [Diagnostic]
  /// Why `--record`'s file could not be written, when it could not.
  public var recordingError: String?

  /// The workflow succeeded and no contract check failed with an error.
  public var passed: Bool {
    result.status == .succeeded && !steps.contains(where: \.hasFailedCheck)
  }

  /// The step attempt that failed the case: the last failed attempt, else the first with a
  /// failed contract check.
  public var failingStep: StepReport? {
    steps.last(where: { !$0.attempt.succeeded && $0.attempt.effect == .fail })
      ?? steps.last(where: { !$0.attempt.succeeded })
      ?? steps.first(where: \.hasFailedCheck)
  }

  /// Why the case failed: the failing step's failure (`step 'x' failed: …`), else the run's
  /// error, else the first contract check that failed.
  public var failure: Diagnostic? {
    guard !passed else { return nil }
    if let failure = failingStep?.attempt.failure { return failure }
    if result.status == .failed, let error = result.error { return error }
    return steps.lazy.flatMap(\.attempt.checks).first { $0.severity == .error }
  }

  /// Why the case failed, in one line.
  public var failureMessage: String? {
    guard !passed else { return nil }
    if let failure { return failure.message }
    if let check = steps.lazy.flatMap(\.attempt.checks).first(where: { $0.severity == .error }) {
      return check.message
    }
    return "the workflow failed"
  }
}

/// The whole run: every case in document order, and the coverage when asked for.
public struct TestRunReport: Sendable {
  /// The documents tested, in order.
  public var documents: [String]
  public var cases: [CaseReport]
  public var coverage: [CoverageReport]?
  /// Seconds, the whole run.
  public var duration: Double

  public init(
    documents: [String], cases: [CaseReport], coverage: [CoverageReport]?, duration: Double
  ) {
    self.documents = documents
    self.cases = cases
    self.coverage = coverage
    self.duration = duration
  }

  public var passedCount: Int { cases.filter(\.passed).count }
  public var failedCount: Int { cases.count - passedCount }
}

/// Shared formatting of the reports.
public enum TestReports {
  /// How much of a response body a failure shows.
  public static let excerptLength = 500

  /// `53 ms`, `1.20 s`.
  public static func duration(_ seconds: Double) -> String {
    seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : "\(rounded(seconds, 2)) s"
  }

  /// `x` rounded to `places` decimals, as text without trailing noise.
  static func rounded(_ x: Double, _ places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let v = (x * scale).rounded() / scale
    return "\(v)"
  }

  /// A file a diagnostic names, as the reports show it: the case's document as it was found
  /// when it is that file, else relative to the current folder when inside it.
  public static func displayPath(_ path: String, document: String) -> String {
    if path == document || path.hasSuffix("/" + document) { return document }
    return CoverageReport.relative(path)
  }

  /// The step's or the failing criterion's place, for annotations.
  public static func place(of c: CaseReport) -> (file: String, line: Int, column: Int) {
    if let step = c.failingStep {
      let file = step.file ?? c.document
      if let criterion = step.criteria.first(where: { !$0.passed }), let line = criterion.line,
        criterion.file == step.file
      {
        return (file, line, criterion.column ?? 1)
      }
      if let line = step.line { return (file, line, step.column ?? 1) }
    }
    return (c.document, c.line ?? 1, c.column ?? 1)
  }
}
