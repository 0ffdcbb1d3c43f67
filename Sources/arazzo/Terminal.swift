import ArazzoJSON
import Foundation

/// Output streams and the colour decision (colour only on a TTY and never with NO_COLOR).
struct Terminal: Sendable {
  let fd: Int32

  static let standardOutput = Terminal(fd: STDOUT_FILENO)
  static let standardError = Terminal(fd: STDERR_FILENO)

  /// Whether ANSI colour may be used on this stream.
  var usesColor: Bool {
    if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty {
      return false
    }
    return isatty(fd) == 1
  }

  /// The width of the terminal this stream writes to; nil when it is not a terminal (or one
  /// that cannot move its cursor: `TERM=dumb`).
  var columns: Int? {
    guard isatty(fd) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
    var size = winsize()
    guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  /// Writes `line` and a newline, its control characters (line breaks too) escaped: for
  /// messages that quote a document, a server or the command line (`TerminalText`).
  func writeLine(_ line: String) {
    write(TerminalText.escaped(line) + "\n")
  }

  /// Writes text as-is (no newline added): text whose input-derived parts are escaped already.
  func write(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes { buffer in
        Foundation.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written <= 0 { return }
      offset += written
    }
  }
}
