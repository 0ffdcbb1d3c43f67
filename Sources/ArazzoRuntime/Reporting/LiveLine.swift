import Foundation

/// The last line of a report on a terminal, kept open so that it can be rewritten in place: a
/// step polled a thousand times updates one line instead of printing a thousand, and a wait
/// counts down on it. Everything the report writes goes through here (under one lock: the
/// countdown redraws from a timer), so a permanent line always closes the open one first.
///
/// The open line is cut to the terminal's width while it is open (a wrapped line could not be
/// redrawn in place with `\r`); when it closes it is written whole.
public final class LiveLine: @unchecked Sendable {
  private let lock = NSLock()
  private let output: @Sendable (String) -> Void
  private let columns: Int
  /// The open line's text (escaped), when one is open.
  private var base: String?
  /// What the open line shows after `base` while a wait counts down.
  private var countdown: (label: String, until: ContinuousClock.Instant)?
  /// The countdown text last drawn (the timer redraws only when it changes).
  private var drawn = ""
  private var timer: (any DispatchSourceTimer)?

  /// Erases the terminal's current line and returns the cursor to its start.
  static let eraseLine = "\r\u{1B}[2K"

  /// A line for a terminal `columns` wide (at least 20), written through `output`.
  public init(columns: Int, output: @escaping @Sendable (String) -> Void) {
    self.columns = max(columns, 20)
    self.output = output
  }

  /// Shows `text` as the open line, in place of the one open now (which is dropped, not kept).
  func show(_ text: String) {
    lock.withLock {
      stopCountdown()
      output((base == nil ? "" : Self.eraseLine) + fitted(text))
      base = text
    }
  }

  /// Counts down to `until` after the open line: "… · `label` 3 s", redrawn as it changes.
  func count(_ label: String, until: ContinuousClock.Instant) {
    lock.withLock {
      guard base != nil else { return }
      stopCountdown()
      countdown = (label, until)
      redraw()
      let timer = DispatchSource.makeTimerSource(queue: .global())
      timer.schedule(deadline: .now() + .milliseconds(200), repeating: .milliseconds(200))
      timer.setEventHandler { [weak self] in self?.tick() }
      timer.resume()
      self.timer = timer
    }
  }

  /// Closes the open line for good with `final` (else the text it shows, without a countdown).
  func close(_ final: String? = nil) {
    lock.withLock { closeLocked(final) }
  }

  /// Writes `line` (escaped already) as a line of its own, after closing the open line.
  func permanent(_ line: String) {
    lock.withLock {
      closeLocked(nil)
      output(line + "\n")
    }
  }

  private func closeLocked(_ final: String?) {
    stopCountdown()
    guard let base else { return }
    output(Self.eraseLine + (final ?? base) + "\n")
    self.base = nil
  }

  private func tick() {
    lock.withLock {
      guard countdown != nil else { return }
      redraw()
    }
  }

  /// Draws the open line with the countdown, when its text changed.
  private func redraw() {
    guard let base, let countdown else { return }
    let left = ContinuousClock.now.duration(to: countdown.until)
    let text = base + "  · " + countdown.label + " " + Self.seconds(left)
    guard text != drawn else { return }
    drawn = text
    output(Self.eraseLine + fitted(text))
  }

  private func stopCountdown() {
    timer?.cancel()
    timer = nil
    countdown = nil
    drawn = ""
  }

  /// `text` cut to one character less than the terminal's width (the cursor stays on the line).
  private func fitted(_ text: String) -> String {
    guard TextReporter.width(of: text) >= columns else { return text }
    return String(text.prefix(columns - 2)) + "…"
  }

  /// Whole seconds left, rounded up (`3 s`; `0 s` once due).
  static func seconds(_ d: Duration) -> String {
    guard d > .zero else { return "0 s" }
    let (seconds, attoseconds) = d.components
    return String(seconds &+ (attoseconds > 0 ? 1 : 0)) + " s"
  }
}
