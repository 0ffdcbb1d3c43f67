/// What one read from a `LineSource` produced.
public enum LineRead: Sendable, Equatable {
  /// A line, without its newline.
  case line(String)
  /// Ctrl-C at the prompt: abandon the line and prompt again.
  case interrupted
  /// End of input (Ctrl-D on an empty line, or the end of piped stdin).
  case end
}

/// Where the debugger's shell reads commands from: libedit on a terminal (`LineEditor`), plain
/// stdin when scripted, or an array of lines in tests. The shell only reads and prints.
public protocol LineSource: AnyObject {
  /// Reads one line; `prompt` is shown only by interactive sources (and `continuation` is the
  /// prompt for a line that continues an unfinished expression).
  func readLine(prompt: String) -> LineRead
  /// Remembers an accepted, non-empty command (interactive sources persist it).
  func addHistory(_ line: String)
  /// True once after Ctrl-C was pressed while the debugger was running (not at the prompt):
  /// the engine polls it between instructions to pause a `:continue`.
  func takeInterrupt() -> Bool
  /// True when a person is typing (a terminal): the shell may colour and shows prompts.
  var isInteractive: Bool { get }
}

/// Completes the text left of the cursor: the debugger knows commands, step and workflow ids
/// and the paths into `$steps`, `$inputs` and the last response body; the line editor only
/// adapts this to libedit's Tab.
public protocol CompletionProvider: AnyObject {
  /// Full replacement words for the last word of `textLeftOfCursor` (for `:eval $st` →
  /// `["$statusCode", "$steps."]`); a candidate ending in `.`, `/` or `#` is a prefix to go on from,
  /// so the editor adds no space after it.
  func completions(for textLeftOfCursor: String) -> [String]
}

/// A `LineSource` over a fixed list of lines (tests and `--commands FILE`).
public final class ScriptedLineSource: LineSource {
  private var lines: [String]
  private var next = 0
  public init(lines: [String]) { self.lines = lines }
  public func readLine(prompt: String) -> LineRead {
    guard next < lines.count else { return .end }
    defer { next += 1 }
    return .line(lines[next])
  }
  public func addHistory(_ line: String) {}
  public func takeInterrupt() -> Bool { false }
  public var isInteractive: Bool { false }
}

/// A `LineSource` over standard input without editing: no prompt, no history, no completion
/// (scripted sessions: `arazzo debug FILE < commands`).
public final class PlainLineSource: LineSource {
  public init() {}
  public func readLine(prompt: String) -> LineRead {
    Swift.readLine(strippingNewline: true).map(LineRead.line) ?? .end
  }
  public func addHistory(_ line: String) {}
  public func takeInterrupt() -> Bool { false }
  public var isInteractive: Bool { false }
}
