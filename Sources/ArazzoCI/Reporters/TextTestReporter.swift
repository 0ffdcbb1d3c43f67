import ArazzoJSON

/// `--reporter text`: a line per workflow (✓/✗, time, steps); then, for each failure, the
/// failing step with its request, response and every failed criterion explained part by part;
/// the coverage when asked for; a summary line. Nothing more when every workflow passed.
public struct TextTestReporter: TestReporter {
  public init() {}

  public func render(_ report: TestRunReport) -> String {
    report.cases.map(line).joined() + details(report)
  }

  /// The workflow's line: `✓ petshop.arazzo.yaml  adopt-pet  53 ms  4 steps`.
  public func line(_ c: CaseReport) -> String {
    let steps = c.steps.count == 1 ? "1 step" : "\(c.steps.count) steps"
    let text =
      "\(c.passed ? "✓" : "✗") \(c.document)  \(c.workflowId)  "
      + "\(TestReports.duration(c.duration))  \(steps)"
    return TerminalText.escaped(text) + "\n"
  }

  /// Everything after the workflow lines: failures, coverage, the summary.
  public func details(_ report: TestRunReport) -> String {
    var lines: [String] = []
    for c in report.cases where !c.passed {
      lines.append("")
      lines.append("✗ \(c.document) › \(c.workflowId)")
      lines += TestReports.failureDetail(c).map { "  " + $0 }
    }
    if let coverage = report.coverage {
      lines.append("")
      lines += Self.coverage(coverage)
    }
    if !lines.isEmpty { lines.append("") }
    let total = report.cases.count == 1 ? "1 workflow" : "\(report.cases.count) workflows"
    lines.append(
      "\(total): \(report.passedCount) passed, \(report.failedCount) failed "
        + "(\(TestReports.duration(report.duration)))")
    return lines.map { TerminalText.escaped($0) + "\n" }.joined()
  }

  /// Per description: operations called of those declared, then each operation's codes.
  static func coverage(_ reports: [CoverageReport]) -> [String] {
    var lines: [String] = []
    for r in reports {
      lines.append(
        "coverage \(r.description) (\(r.sources.joined(separator: ", "))): "
          + "\(r.calledCount)/\(r.operations.count) operations called")
      let width = r.operations.map { $0.method.count + 1 + $0.path.count }.max() ?? 0
      for op in r.operations {
        let name = op.method + " " + op.path
        let pad = String(repeating: " ", count: max(0, width - name.count))
        var line = "  \(op.called ? "✓" : "·") \(name)\(pad)  "
        line +=
          op.called ? "seen \(op.seen.map(String.init).joined(separator: ", "))" : "not called"
        line += "; declared \(op.declared.isEmpty ? "none" : op.declared.joined(separator: ", "))"
        if !op.undeclared.isEmpty {
          line += "; undeclared \(op.undeclared.map(String.init).joined(separator: ", "))"
        }
        lines.append(line)
      }
    }
    return lines
  }
}
