import ArazzoJSON
import Foundation

/// `--reporter junit`: JUnit XML as Jenkins' junit-10.xsd defines it (what GitLab and GitHub
/// test reporters read): a `testsuite` per document, a `testcase` per workflow, a `failure`
/// with a message and the detail `text` shows, and the step attempts in `system-out`.
public struct JUnitReporter: TestReporter {
  public init() {}

  public func render(_ report: TestRunReport) -> String {
    var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    xml +=
      "<testsuites name=\"arazzo test\" tests=\"\(report.cases.count)\" "
      + "failures=\"\(report.failedCount)\" errors=\"0\" time=\"\(Self.time(report.duration))\">\n"
    for document in report.documents {
      let cases = report.cases.filter { $0.document == document }
      guard !cases.isEmpty else { continue }
      let failures = cases.filter { !$0.passed }.count
      let time = cases.reduce(0) { $0 + $1.duration }
      xml +=
        "  <testsuite name=\"\(Self.escape(document))\" tests=\"\(cases.count)\" "
        + "failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"\(Self.time(time))\" "
        + "file=\"\(Self.escape(document))\">\n"
      for c in cases {
        xml +=
          "    <testcase name=\"\(Self.escape(c.workflowId))\" "
          + "classname=\"\(Self.escape(document))\" time=\"\(Self.time(c.duration))\">\n"
        if let message = c.failureMessage {
          xml +=
            "      <failure message=\"\(Self.escape(message))\" type=\"\(c.failure?.code.rawValue ?? "failure")\">"
            + Self.escape(TestReports.failureDetail(c).joined(separator: "\n")) + "</failure>\n"
        }
        let steps = c.steps.map { s in
          let a = s.attempt
          let status = a.statusCode.map(String.init) ?? "-"
          return "\(TestReports.passed(s) ? "ok" : "FAILED") \(TestReports.name(of: s, in: c))  "
            + "\(a.method ?? "") \(a.url ?? "")  \(status)  -> \(a.effect.description)"
        }
        if !steps.isEmpty {
          xml +=
            "      <system-out>" + Self.escape(steps.joined(separator: "\n")) + "</system-out>\n"
        }
        xml += "    </testcase>\n"
      }
      xml += "  </testsuite>\n"
    }
    return xml + "</testsuites>\n"
  }

  /// Seconds with 3 decimals (the schema's SUREFIRE_TIME).
  static func time(_ seconds: Double) -> String { String(format: "%.3f", max(0, seconds)) }

  /// Text for an attribute or element: control characters (which XML 1.0 cannot carry)
  /// written visibly, then `& < > " '` as entities.
  static func escape(_ text: String) -> String {
    var out = ""
    for c in TerminalText.escaped(text, keepingNewlines: true) {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(c)
      }
    }
    return out
  }
}
