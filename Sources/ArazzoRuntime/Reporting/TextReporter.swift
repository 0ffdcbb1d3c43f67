import Foundation
import ArazzoHTTP
import ArazzoJSON

/// Prints a run as it happens: a line per step attempt (step, method, URL, status, duration,
/// criteria verdict, action taken), then the outcome and the outputs. Secrets are scrubbed
/// from everything it prints.
public final class TextReporter: RunObserver {
  private let redactor: ArazzoHTTP.Redactor
  private let write: (String) -> Void
  private var pending: [String: (request: String?, status: String?, verdict: String?)] = [:]
  private var visits: [String: Int] = [:]

  public init(redactor: ArazzoHTTP.Redactor, write: @escaping (String) -> Void) {
    self.redactor = redactor
    self.write = write
  }

  private func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth + 1) }

  public func handle(_ event: RunEvent) {
    switch event {
    case .workflowStarted(let workflowId, let depth):
      write("\(String(repeating: "  ", count: depth))workflow \(workflowId)\n")
    case .stepStarted(let stepId, let visit, _):
      visits[stepId] = visit
      pending[stepId] = (nil, nil, nil)
    case .requestSent(let stepId, let request):
      pending[stepId, default: (nil, nil, nil)].request =
        "\(request.method.rawValue) \(redactor.url(request.url))"
    case .responseReceived(let stepId, let response, let duration):
      pending[stepId, default: (nil, nil, nil)].status = "\(response.status)  \(Self.format(duration))"
    case .requestFailed(let stepId, let message):
      pending[stepId, default: (nil, nil, nil)].status = "no response: \(redactor.scrub(message))"
    case .checked(let stepId, let succeeded, let reasons):
      let why = reasons.isEmpty ? "" : " (\(redactor.scrub(reasons.joined(separator: "; "))))"
      pending[stepId, default: (nil, nil, nil)].verdict = succeeded ? "ok" : "failed\(why)"
    case .actionTaken(let stepId, let action, let effect):
      let line = pending[stepId] ?? (nil, nil, nil)
      let visit = visits[stepId] ?? 1
      let name = visit > 1 ? "\(stepId) #\(visit)" : stepId
      var parts = [Self.padded(name, to: 16)]
      if let request = line.request { parts.append(request) }
      if let status = line.status { parts.append(status) }
      if let verdict = line.verdict { parts.append(verdict) }
      parts.append("-> \(effect)" + (action.map { " (\($0))" } ?? ""))
      write(indent(0) + parts.joined(separator: "  ") + "\n")
    case .retrying(let stepId, let action, let attempt, let delay):
      write(indent(0) + "\(stepId): retry \(attempt) by \(action) after \(Self.format(delay))\n")
    case .warning(let message):
      write(indent(0) + "warning: \(redactor.scrub(message))\n")
    case .workflowFinished(let workflowId, let succeeded, _, let depth) where depth > 0:
      write(indent(depth - 1) + "\(workflowId) \(succeeded ? "succeeded" : "failed")\n")
    case .workflowFinished:
      break
    }
  }

  /// The closing lines: the outcome, what ended the run, the error, the outputs.
  public func summary(_ result: RunResult) -> String {
    var out = "\(result.status.rawValue)"
    if let endedBy = result.endedBy { out += ", ended by \(endedBy)" }
    out += "\n"
    if let error = result.error { out += "error: \(redactor.scrub(error))\n" }
    if !result.outputs.isEmpty {
      out += "outputs\n"
      let width = result.outputs.keys.map(\.count).max() ?? 0
      for (name, value) in result.outputs {
        out += "  \(Self.padded(name, to: width))  "
        out += redactor.scrub(JSONPrinter.compact(value)) + "\n"
      }
    }
    return out
  }

  static func format(_ d: Duration) -> String {
    let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    guard ms < 10 else { return "\(Int(ms.rounded())) ms" }
    let tenths = Int((ms * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) ms"
  }

  /// `text` followed by spaces up to `width` characters (never cut).
  static func padded(_ text: String, to width: Int) -> String {
    let count = text.count
    return count >= width ? text : text + String(repeating: " ", count: width - count)
  }
}
