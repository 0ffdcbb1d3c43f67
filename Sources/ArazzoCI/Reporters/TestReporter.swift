import ArazzoJSON

/// A report format of `arazzo test` (`--reporter NAME[=FILE]`).
public enum TestReporterKind: String, Sendable, CaseIterable {
  case text, json, junit, tap, github

  /// The reporter that renders this format.
  public var reporter: any TestReporter {
    switch self {
    case .text: TextTestReporter()
    case .json: JSONTestReporter()
    case .junit: JUnitReporter()
    case .tap: TAPReporter()
    case .github: GitHubReporter()
    }
  }
}

/// Turns a finished run into one format's text. Reporters only read the report: every value
/// in it is already redacted.
public protocol TestReporter: Sendable {
  func render(_ report: TestRunReport) -> String
}

extension TestReports {
  /// The step's name in the reports: `pollRun`, `pollRun #2` from its second visit, prefixed
  /// with the workflow when it ran in another (a sub-workflow or dependency).
  static func name(of step: StepReport, in c: CaseReport) -> String {
    let a = step.attempt
    let id = a.workflowId == c.workflowId ? a.stepId : "\(a.workflowId).\(a.stepId)"
    return a.visit > 1 ? "\(id) #\(a.visit)" : id
  }

  /// Whether an attempt counts as passed in the per-step reports: it succeeded, or its failure
  /// was handled by an action (a retry, a goto), and no contract check failed with an error.
  static func passed(_ step: StepReport) -> Bool {
    guard !step.hasFailedCheck else { return false }
    if step.attempt.succeeded { return true }
    switch step.attempt.effect {
    case .fail, .end(succeeded: false): return false
    default: return true
    }
  }

  /// What a failed case says about its failing step: the step, its request, the response
  /// status and an excerpt of the body, each failed criterion explained, and failed checks.
  static func failureDetail(_ c: CaseReport) -> [String] {
    var lines: [String] = []
    if let failure = c.failure {
      lines.append("\(failure.severity.rawValue)[\(failure.code.rawValue)]: \(failure.message)")
    }
    guard let step = c.failingStep else { return lines }
    var heading = "step \(name(of: step, in: c))"
    if let target = step.target { heading += " (\(target.kind) \(target.value))" }
    if let line = step.line {
      heading += " at \(step.file ?? c.document):\(line):\(step.column ?? 1)"
    }
    lines.append(heading)
    if let request = step.request {
      lines.append("  request   \(request.method.rawValue) \(request.url)")
    } else if let method = step.attempt.method, let url = step.attempt.url {
      lines.append("  request   \(method) \(url)")
    }
    if let status = step.responseStatus {
      var response = "  response  \(status)"
      if let excerpt = step.responseExcerpt, !excerpt.isEmpty {
        let oneLine = excerpt.split(whereSeparator: \.isNewline).joined(separator: " ")
        response += "  " + String(oneLine.prefix(200)) + (oneLine.count > 200 ? "…" : "")
      }
      lines.append(response)
    } else if let reason = step.attempt.reasons.first {
      lines.append("  no response: \(reason)")
    }
    for criterion in step.criteria where !criterion.passed {
      lines += criterion.explanation
    }
    for check in step.attempt.checks {
      lines.append("  \(check.severity.rawValue)[\(check.code.rawValue)]: \(check.message)")
    }
    return lines
  }
}
