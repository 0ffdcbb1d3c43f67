import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import Foundation
import Testing

/// Issue 9 item 11: on a terminal, consecutive attempts of one step share one line rewritten in
/// place (visit count, status, elapsed time, the wait's countdown); other lines stay whole.
@Suite struct LiveLineTests {
  /// What a terminal was sent, gathered from any thread.
  final class Screen: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = ""
    var text: String { lock.withLock { bytes } }
    func write(_ s: String) { lock.withLock { bytes += s } }
    /// The lines a terminal would show: `\r` plus erase-line rewrites the current line.
    var lines: [String] {
      var lines: [String] = []
      var current = ""
      var rest = Substring(text)
      while let c = rest.first {
        if rest.hasPrefix("\r\u{1B}[2K") {
          current = ""
          rest = rest.dropFirst(5)
          continue
        }
        if c == "\n" { lines.append(current); current = "" } else { current.append(c) }
        rest = rest.dropFirst()
      }
      if !current.isEmpty { lines.append(current) }
      return lines
    }
  }

  static func attempt(_ reporter: TextReporter, _ step: String, visit: Int, ok: Bool) {
    reporter.handle(.stepStarted(stepId: step, visit: visit, depth: 0))
    reporter.handle(
      .checked(stepId: step, succeeded: ok, reasons: ok ? [] : ["$statusCode == 10: false"]))
    reporter.handle(
      .actionTaken(stepId: step, action: ok ? nil : "poll", effect: ok ? .next : .goto(step: step)))
  }

  @Test func consecutiveAttemptsOfOneStepShareOneLine() {
    let screen = Screen()
    let reporter = TextReporter(
      redactor: Redactor(), live: LiveLine(columns: 200) { screen.write($0) })
    reporter.handle(.workflowStarted(workflowId: "flow", depth: 0))
    Self.attempt(reporter, "trigger", visit: 1, ok: true)
    for visit in 1...4 { Self.attempt(reporter, "pollRun", visit: visit, ok: false) }
    Self.attempt(reporter, "pollRun", visit: 5, ok: true)
    Self.attempt(reporter, "list", visit: 1, ok: true)
    reporter.finish()
    let lines = screen.lines
    #expect(lines.count == 4, "\(lines)")
    #expect(lines[0] == "workflow flow")
    #expect(lines[1].hasPrefix("  trigger ") && lines[1].hasSuffix("-> next"), "\(lines)")
    #expect(lines[2].hasPrefix("  pollRun #5"), "\(lines)")
    #expect(lines[2].contains("ok  -> next  (5 attempts in "), "\(lines)")
    #expect(lines[3].hasPrefix("  list "), "\(lines)")
    // Every attempt was drawn: the earlier ones were rewritten, not kept.
    #expect(screen.text.contains("pollRun #4"))
  }

  @Test func aWaitCountsDownOnTheOpenLine() async throws {
    let screen = Screen()
    let reporter = TextReporter(
      redactor: Redactor(), live: LiveLine(columns: 200) { screen.write($0) })
    Self.attempt(reporter, "pollRun", visit: 1, ok: false)
    reporter.handle(.waiting(stepId: "pollRun", delay: .seconds(3)))
    #expect(screen.lines.last?.hasSuffix("· next visit in 3 s") == true, "\(screen.lines)")
    try await Task.sleep(for: .milliseconds(1300))
    // The countdown went down (how far depends on how late this task woke on a busy machine).
    #expect(
      ["2", "1", "0"].contains { screen.text.contains("· next visit in \($0) s") }, "\(screen.text)"
    )
    Self.attempt(reporter, "pollRun", visit: 2, ok: true)
    reporter.finish()
    #expect(screen.lines.count == 1, "\(screen.lines)")
    #expect(screen.lines[0].contains("(2 attempts in "), "\(screen.lines)")
    #expect(!screen.lines[0].contains("next visit"), "\(screen.lines)")
  }

  @Test func aRetryIsCountedDownOnItsStepsLine() {
    let screen = Screen()
    let reporter = TextReporter(
      redactor: Redactor(), live: LiveLine(columns: 200) { screen.write($0) })
    Self.attempt(reporter, "create", visit: 1, ok: false)
    reporter.handle(.retrying(stepId: "create", action: "again", attempt: 1, delay: .seconds(5)))
    reporter.handle(.waiting(stepId: "create", delay: .seconds(5)))
    #expect(screen.lines.last?.hasSuffix("· retry 1 by again in 5 s") == true, "\(screen.lines)")
    reporter.handle(.warning(Diagnostic(.outputNull, "something", at: nil)))
    #expect(screen.lines.count == 2, "\(screen.lines)")
    #expect(screen.lines[1] == "  warning[AZ5004]: something")
  }

  @Test func theOpenLineIsCutToTheTerminalWidthAndClosedWhole() {
    let screen = Screen()
    let reporter = TextReporter(
      redactor: Redactor(), live: LiveLine(columns: 30) { screen.write($0) })
    Self.attempt(reporter, "aVeryLongStepIdentifierIndeed", visit: 1, ok: false)
    #expect(screen.lines.last?.count == 29, "\(screen.lines)")
    #expect(screen.lines.last?.hasSuffix("…") == true)
    reporter.finish()
    #expect(
      screen.lines[0].hasSuffix("-> goto aVeryLongStepIdentifierIndeed (poll)"), "\(screen.lines)")
  }

  /// Without a terminal every attempt keeps its line (the full trace).
  @Test func offATerminalEveryAttemptHasItsLine() {
    var out = ""
    let reporter = TextReporter(redactor: Redactor()) { out += $0 }
    for visit in 1...3 { Self.attempt(reporter, "pollRun", visit: visit, ok: visit == 3) }
    #expect(out.split(separator: "\n").count == 3)
    #expect(!out.contains("\u{1B}"))
  }
}
