/// What one line typed at the debugger's prompt asks for.
public enum ParsedInput: Equatable, Sendable {
  /// A command with its argument text, trimmed (`""` when there is none). Aliases are
  /// already expanded: `:b pollRun` is `.command(.break, argument: "pollRun")`.
  case command(CommandKind, argument: String)
  /// Bare input starting with `$`, evaluated as `:eval` would (pdb's default).
  case evaluate(String)
  /// An empty or blank line: repeat the last stepping command, if any.
  case repeatLast
  /// A first word that is no command, with the command probably meant (`:stp` → `:step`;
  /// `step` → `:step`, since names need their colon).
  case unknown(word: String, suggestion: String?)
}

/// Reads one line of the debugger's input: `:command argument`, `$expression`, or nothing.
///
/// The command word ends at the first space or tab; the rest, trimmed, is the argument and is
/// left to the command (an expression keeps its inner spacing). A trailing `\r` from a file
/// with CRLF line ends counts as blank.
public func parseInput(_ line: String) -> ParsedInput {
  let text = line.trimmingWhitespace()
  if text.isEmpty { return .repeatLast }
  if text.hasPrefix("$") { return .evaluate(text) }
  let word: String
  let argument: String
  if let gap = text.firstIndex(where: \.isWhitespace) {
    word = String(text[..<gap])
    argument = String(text[gap...]).trimmingWhitespace()
  } else {
    word = text
    argument = ""
  }
  if let spec = CommandTable.lookup(word) { return .command(spec.kind, argument: argument) }
  return .unknown(word: word, suggestion: CommandTable.suggestion(for: word))
}

/// Whether `text` is unfinished input that the next line continues: its command's argument
/// parser (or, for bare `$…` input, the expression parser) ran out of input inside a string,
/// a parenthesis or a quote. The shell then reads on with a continuation prompt.
public func inputIsIncomplete(_ text: String) -> Bool {
  switch parseInput(text) {
  case .evaluate(let expression):
    return ArgumentKind.expression(missing: nil).isIncomplete(expression)
  case .command(let kind, let argument):
    return CommandTable.spec(kind).argument.isIncomplete(argument)
  case .repeatLast, .unknown:
    return false
  }
}

extension StringProtocol {
  /// The text without leading and trailing whitespace (spaces, tabs, line ends).
  func trimmingWhitespace() -> String {
    guard let first = firstIndex(where: { !$0.isWhitespace }),
      let last = lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(self[first...last])
  }
}
