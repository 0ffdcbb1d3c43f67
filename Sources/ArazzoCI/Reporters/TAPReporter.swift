import ArazzoJSON

/// `--reporter tap`: TAP version 14, a test point per workflow with a subtest per step attempt;
/// a failed point carries a YAML diagnostics block.
public struct TAPReporter: TestReporter {
  public init() {}

  public func render(_ report: TestRunReport) -> String {
    var lines = ["TAP version 14", "1..\(report.cases.count)"]
    for (i, c) in report.cases.enumerated() {
      let name = Self.description("\(c.document) \(c.workflowId)")
      lines.append("# Subtest: \(name)")
      lines.append("    1..\(c.steps.count)")
      for (j, step) in c.steps.enumerated() {
        let ok = TestReports.passed(step)
        lines.append(
          "    \(ok ? "ok" : "not ok") \(j + 1) - \(Self.description(TestReports.name(of: step, in: c)))"
        )
        if !ok { lines += Self.yaml(Self.stepDiagnostics(step), indent: 6) }
      }
      lines.append("\(c.passed ? "ok" : "not ok") \(i + 1) - \(name)")
      var fields: [(String, String)] = [("duration_ms", "\(Int((c.duration * 1000).rounded()))")]
      if let message = c.failureMessage {
        fields.insert(("message", message), at: 0)
        fields.append(("detail", TestReports.failureDetail(c).joined(separator: "\n")))
        lines += Self.yaml(fields, indent: 2)
      }
    }
    return lines.map { TerminalText.escaped($0) + "\n" }.joined()
  }

  /// A description: `#` would start a directive and a line break would end the line.
  static func description(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "#", with: "\\#")
      .split(whereSeparator: \.isNewline).joined(separator: " ")
  }

  static func stepDiagnostics(_ step: StepReport) -> [(String, String)] {
    let a = step.attempt
    var fields: [(String, String)] = []
    fields.append(("message", a.failure?.message ?? a.checks.first?.message ?? "the step failed"))
    if let m = a.method, let u = a.url { fields.append(("request", "\(m) \(u)")) }
    if let status = a.statusCode { fields.append(("status", "\(status)")) }
    let failed = step.criteria.filter { !$0.passed }
    if !failed.isEmpty {
      fields.append(("criteria", failed.flatMap(\.explanation).joined(separator: "\n")))
    }
    if !a.checks.isEmpty {
      fields.append(
        ("checks", a.checks.map { "\($0.code.rawValue): \($0.message)" }.joined(separator: "\n")))
    }
    return fields
  }

  /// A YAML diagnostics block (`---` … `...`) `indent` spaces in; every value a quoted
  /// scalar, or a literal block when it has several lines.
  static func yaml(_ fields: [(String, String)], indent: Int) -> [String] {
    let pad = String(repeating: " ", count: indent)
    var lines = [pad + "---"]
    for (key, value) in fields {
      if value.contains("\n") {
        lines.append("\(pad)\(key): |-")
        lines += value.split(separator: "\n", omittingEmptySubsequences: false).map {
          "\(pad)  \($0)"
        }
      } else {
        lines.append("\(pad)\(key): \(JSONPrinter.compact(.string(value)))")
      }
    }
    lines.append(pad + "...")
    return lines
  }
}
