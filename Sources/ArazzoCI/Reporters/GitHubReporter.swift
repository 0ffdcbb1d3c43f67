import ArazzoJSON

/// `--reporter github`: GitHub Actions workflow commands, an `::error` at the failing step's
/// (or failed criterion's) line for each failed workflow and a `::warning` or `::error` for
/// each contract check; `markdownSummary` is what `arazzo test` appends to
/// `$GITHUB_STEP_SUMMARY` when that variable is set.
public struct GitHubReporter: TestReporter {
  public init() {}

  public func render(_ report: TestRunReport) -> String {
    var lines: [String] = []
    for c in report.cases {
      if let message = c.failureMessage {
        let place = TestReports.place(of: c)
        lines.append(
          Self.command(
            "error", file: place.file, line: place.line, column: place.column,
            title: "\(c.workflowId) failed",
            message: ([message] + TestReports.failureDetail(c).dropFirst()).joined(
              separator: "\n")))
      }
      for step in c.steps {
        for check in step.attempt.checks {
          let start = check.span?.start
          let file = start.map { TestReports.displayPath($0.file.path, document: c.document) }
          lines.append(
            Self.command(
              check.severity == .error ? "error" : "warning", file: file ?? step.file ?? c.document,
              line: start?.line ?? step.line ?? 1, column: start?.column ?? step.column ?? 1,
              title: "\(check.code.rawValue) \(TestReports.name(of: step, in: c))",
              message: check.message))
        }
      }
    }
    return lines.map { $0 + "\n" }.joined()
  }

  /// `::error file=…,line=…,col=…,title=…::message`, escaped as the runner expects.
  static func command(
    _ kind: String, file: String, line: Int, column: Int, title: String, message: String
  ) -> String {
    "::\(kind) file=\(property(file)),line=\(line),col=\(column),title=\(property(title))::"
      + data(message)
  }

  static func data(_ text: String) -> String {
    TerminalText.escaped(text, keepingNewlines: true)
      .replacingOccurrences(of: "%", with: "%25")
      .replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  static func property(_ text: String) -> String {
    data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }

  /// The job summary: a table of the workflows, then each failure's detail.
  public func markdownSummary(_ report: TestRunReport) -> String {
    var lines = [
      "### arazzo test: \(report.passedCount) passed, \(report.failedCount) failed", "",
      "| | workflow | document | time | steps |", "|---|---|---|---|---|",
    ]
    for c in report.cases {
      lines.append(
        "| \(c.passed ? "✅" : "❌") | `\(cell(c.workflowId))` | `\(cell(c.document))` | "
          + "\(TestReports.duration(c.duration)) | \(c.steps.count) |")
    }
    for c in report.cases where !c.passed {
      lines += ["", "<details><summary>\(html(c.workflowId)) failed</summary>", "", "```"]
      lines += TestReports.failureDetail(c).map { $0.replacingOccurrences(of: "```", with: "ʼʼʼ") }
      lines += ["```", "", "</details>"]
    }
    return lines.map { TerminalText.escaped($0) + "\n" }.joined()
  }

  func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "'")
  }

  func html(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}
