import ArazzoHTTP
import ArazzoJSON
import Foundation

/// Prints a run as it happens: a line per step attempt (step, method, URL, status, duration,
/// criteria verdict, action taken), then the outcome and the outputs. Secrets are scrubbed
/// from everything it prints, and control characters escaped (`TerminalText`): step ids,
/// reasons and messages come from the document and the server.
///
/// On a terminal (`live`), consecutive attempts of one step share one line that is rewritten in
/// place (the latest attempt, then how many there were and for how long), and a wait counts
/// down on it; elsewhere every attempt has its line.
public final class TextReporter: RunObserver {
  private let redactor: Redactor
  private let write: (String) -> Void
  /// What the step attempt's line will say, gathered from its events until the action ends it.
  private struct Line {
    var visit = 1
    var request: String?
    var status: String?
    /// Why the request got no response (the status says it; the verdict leaves it out).
    var failure: String?
    var verdict: String?
    /// When the attempt began (kept on a terminal only: the open line says how long a poll took).
    var started: ContinuousClock.Instant?
  }
  /// On a terminal, the open line and the step whose attempts it gathers.
  private let live: LiveLine?
  private var group:
    (stepId: String, started: ContinuousClock.Instant, attempts: Int, text: String)?
  /// What the next wait is for ("retry 2 by waitAndRetry"; else the next visit of a poll).
  private var nextWait: String?
  private var pending: [String: Line] = [:]
  /// The line of the step the latest event was about, kept out of `pending`: an attempt's
  /// events come one after another, and each would otherwise hash the step id.
  private var latestStep: String?
  private var latest = Line()
  /// The last request shown and its text (`GET` and the redacted URL): a polling step sends
  /// the same request every time.
  private var lastMethod = ""
  private var lastURL = ""
  private var lastRequest = ""

  public init(redactor: Redactor, write: @escaping (String) -> Void) {
    self.redactor = redactor
    self.write = write
    self.live = nil
  }

  /// A report for a terminal: everything is written through `live`, and a step's consecutive
  /// attempts share its open line.
  public init(redactor: Redactor, live: LiveLine) {
    self.redactor = redactor
    self.write = { _ in }
    self.live = live
  }

  private func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth + 1) }

  public func handle(_ event: RunEvent) {
    switch event {
    case .workflowStarted(let workflowId, let depth):
      writeLine("\(String(repeating: "  ", count: depth))workflow \(workflowId)")
    case .stepStarted(let stepId, let visit, _):
      self[line: stepId] = Line(visit: visit, started: live == nil ? nil : .now)
    case .requestSent(let stepId, let request):
      if request.url != lastURL || request.method.rawValue != lastMethod {
        lastMethod = request.method.rawValue
        lastURL = request.url
        lastRequest = request.method.rawValue + " " + redactor.url(request.url)
      }
      self[line: stepId].request = lastRequest
    case .responseReceived(let stepId, let response, let duration):
      var status = String(response.status)
      status += "  "
      Self.append(duration, to: &status)
      self[line: stepId].status = status
    case .requestFailed(let stepId, let message):
      self[line: stepId].status = "no response: \(redactor.scrub(message))"
      self[line: stepId].failure = message
    case .checked(let stepId, let succeeded, var reasons):
      // The line says why there was no response already; the verdict gives the rest.
      if let failure = self[line: stepId].failure { reasons.removeAll { $0 == failure } }
      let why = reasons.isEmpty ? "" : " (\(redactor.scrub(reasons.joined(separator: "; "))))"
      self[line: stepId].verdict = succeeded ? "ok" : "failed\(why)"
    case .actionTaken(let stepId, let action, let effect):
      let line = self[line: stepId]
      var text = "  "
      text.reserveCapacity(160)
      text += TerminalText.escaped(stepId)
      if line.visit > 1 {
        text += " #"
        text += String(line.visit)
      }
      // The name column is 16 characters wide (never cut).
      let width = Self.width(of: text) - 2
      if width < 16 { text += String(repeating: " ", count: 16 - width) }
      if let request = line.request {
        text += "  "
        text += request
      }
      if let status = line.status {
        text += "  "
        text += status
      }
      if let verdict = line.verdict {
        text += "  "
        text += verdict
      }
      text += "  -> "
      text += effect.description
      if let action {
        text += " ("
        text += action
        text += ")"
      }
      if let live {
        show(TerminalText.escaped(text), of: stepId, started: line.started, on: live)
      } else {
        writeLine(text)
      }
    case .retrying(let stepId, let action, let attempt, let delay):
      if live != nil, group?.stepId == stepId {
        nextWait = TerminalText.escaped("retry \(attempt) by \(action)")
      } else {
        writeLine(
          indent(0) + "\(stepId): retry \(attempt) by \(action) after \(Self.format(delay))")
      }
    case .waiting(let stepId, let delay):
      if let live, group?.stepId == stepId {
        live.count((nextWait ?? "next visit") + " in", until: .now + delay)
      }
      nextWait = nil
    case .warning(let diagnostic):
      writeLine(
        indent(0)
          + DiagnosticRenderer.headline(diagnostic, message: redactor.scrub(diagnostic.message)))
    case .workflowFinished(let workflowId, let succeeded, _, let depth) where depth > 0:
      writeLine(indent(depth - 1) + "\(workflowId) \(succeeded ? "succeeded" : "failed")")
    case .workflowFinished:
      break
    }
  }

  /// Writes one line of the report, its control characters (line breaks too) escaped.
  private func writeLine(_ text: String) {
    if let live {
      closeGroup()
      live.permanent(TerminalText.escaped(text))
    } else {
      write(TerminalText.escaped(text) + "\n")
    }
  }

  /// On a terminal: shows a step attempt's line (`text`) on the open line, in place of the
  /// previous attempt's when that was the same step's; with two attempts or more it says how
  /// many, over how long.
  private func show(
    _ text: String, of stepId: String, started: ContinuousClock.Instant?, on live: LiveLine
  ) {
    if var group, group.stepId == stepId {
      group.attempts += 1
      group.text = text
      self.group = group
    } else {
      closeGroup()
      group = (stepId, started ?? .now, 1, text)
    }
    live.show(groupText)
  }

  /// The open line's text: the latest attempt, and how many attempts it stands for.
  private var groupText: String {
    guard let group else { return "" }
    guard group.attempts > 1 else { return group.text }
    return group.text
      + "  (\(group.attempts) attempts in \(Self.seconds(group.started.duration(to: .now))))"
  }

  /// Ends the open line (its final text: the last attempt and the count).
  private func closeGroup() {
    guard let live, group != nil else { return }
    live.close(groupText)
    group = nil
  }

  /// Ends the report's open line on a terminal (the summary does it too); call before writing
  /// anything else to the terminal.
  public func finish() {
    closeGroup()
    live?.close()
  }

  /// `12.3 s`, for a terminal's poll line.
  static func seconds(_ d: Duration) -> String {
    let tenths = Int(
      (Double(d.components.seconds) * 10 + Double(d.components.attoseconds) / 1e17).rounded())
    return "\(tenths / 10).\(tenths % 10) s"
  }

  /// The line being gathered for `stepId` (a new one if it has none).
  private subscript(line stepId: String) -> Line {
    get { stepId == latestStep ? latest : pending[stepId] ?? Line() }
    _modify {
      if stepId != latestStep {
        if let previous = latestStep { pending[previous] = latest }
        latest = pending.removeValue(forKey: stepId) ?? Line()
        latestStep = stepId
      }
      yield &latest
    }
  }

  /// The closing lines: the outcome, what ended the run, the error, the outputs.
  public func summary(_ result: RunResult) -> String {
    finish()
    var out = "\(result.status.rawValue)"
    if let endedBy = result.endedBy { out += ", ended by \(TerminalText.escaped(endedBy))" }
    out += "\n"
    // Why `run` exits 1 although the workflow succeeded (the checks are listed under the steps).
    let failedChecks = result.steps.reduce(0) {
      $0 + $1.checks.filter { $0.severity == .error }.count
    }
    if failedChecks > 0 {
      out += "\(failedChecks) contract check\(failedChecks == 1 ? "" : "s") failed\n"
    }
    if let error = result.error {
      out +=
        TerminalText.escaped(
          DiagnosticRenderer.headline(error, message: redactor.scrub(error.message))) + "\n"
    }
    if !result.outputs.isEmpty {
      out += "outputs\n"
      let names = result.outputs.keys.map { TerminalText.escaped($0) }
      let width = names.map(\.count).max() ?? 0
      for (name, value) in zip(names, result.outputs.values) {
        out += "  \(Self.padded(name, to: width))  "
        out += redactor.scrub(JSONPrinter.compact(value)) + "\n"
      }
    }
    return out
  }

  static func format(_ d: Duration) -> String {
    var text = ""
    append(d, to: &text)
    return text
  }

  /// Appends `12 ms`, or `1.5 ms` under 10 ms, with integer arithmetic (no `String(format:)`).
  static func append(_ d: Duration, to text: inout String) {
    let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    if ms < 10 {
      let tenths = Int((ms * 10).rounded())
      text += String(tenths / 10)
      text += "."
      text += String(tenths % 10)
    } else {
      text += String(Int(ms.rounded()))
    }
    text += " ms"
  }

  /// `text` followed by spaces up to `width` characters (never cut).
  static func padded(_ text: String, to width: Int) -> String {
    let count = Self.width(of: text)
    return count >= width ? text : text + String(repeating: " ", count: width - count)
  }

  /// The number of characters in `text`; counted by bytes when it is ASCII without a CR (the
  /// usual case: there, every byte is a character).
  static func width(of text: String) -> Int {
    let utf8 = text.utf8
    return utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? utf8.count : text.count
  }
}
