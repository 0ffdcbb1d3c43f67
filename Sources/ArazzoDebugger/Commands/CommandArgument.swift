import ArazzoExpressions
import ArazzoJSON

/// What a command takes after its name, as a parser (cmd.Cmd's `do_` methods each slice their
/// own line; here the table says it once). Every kind turns the argument text into a typed
/// `CommandArgument` or a one-line error, says whether the text is unfinished (so the shell
/// reads a continuation line), and names its production in `grammar/repl.ebnf`.
public enum ArgumentKind: Sendable, Equatable {
  /// Nothing; text after the name is ignored (`:step` … `:where`).
  case none
  /// An optional repeat count, 1 or more (`:step 3`).
  case count
  /// An optional number of lines around the current one; anything else means `default`
  /// (`:list 2`, `:ir`).
  case window(default: Int)
  /// An optional number; `usage` is the error for anything else (`:unwatch`, `:back`, `:frame`).
  case number(usage: String)
  /// Numbers separated by blanks, none meaning all; `usage` is the error otherwise (`:delete`).
  case numbers(usage: String)
  /// `STEP | FILE:LINE [if CONDITION]`, resolved by the engine's breakpoints (`:break`).
  case breakpointSpec
  /// A runtime expression, template or condition; `missing` is the error when it is required
  /// and absent (`:eval`, `:watch`, `:explain`).
  case expression(missing: String?)
  /// One of `printTargets` or an expression (`:print`).
  case printTarget
  /// `$inputs.NAME = VALUE` (`:set`).
  case assignment
  /// A step id; `missing` is the error when it is absent (`:goto`).
  case stepId(missing: String)
  /// `NAME=VALUE` words split as a shell would, quotes kept together (`:restart`).
  case shellWords
  /// A file path; `missing` is the error when it is required and absent (`:save`), nil when
  /// it is optional (`:graph`).
  case file(missing: String?)
  /// A command name, with or without its colon, or a concept of the spec (`:help`): see
  /// `HelpText.help(topic:)` for which wins when a word is both.
  case topic
}

/// A parsed argument, as the handlers receive it.
public enum CommandArgument: Equatable, Sendable {
  case none
  case count(Int)
  case number(Int?)
  case numbers([Int])
  /// Text the command reads whole (an expression, step id, file, topic); `""` when absent.
  case text(String)
  case assignment(name: String, value: String)
  case words([String])
}

/// A command as typed: its spec, the argument text, and the argument parsed.
public struct Invocation: Sendable {
  public let spec: CommandSpec
  /// The argument text, trimmed.
  public let text: String
  public let argument: CommandArgument

  /// The count of a stepping command (1 when not given), or the window of `:list` and `:ir`.
  var count: Int { if case .count(let n) = argument { n } else { 1 } }
  /// The optional number of a `.number` kind.
  var number: Int? { if case .number(let n) = argument { n } else { nil } }
  var numbers: [Int] { if case .numbers(let n) = argument { n } else { [] } }
  var words: [String] { if case .words(let w) = argument { w } else { [] } }
}

extension ArgumentKind {
  /// `:print`'s whole parts of the context (completion offers the same list).
  public static let printTargets = [
    "$steps", "$inputs", "$response", "$request", "$outputs", "$workflows", "$components",
    "$sourceDescriptions",
  ]

  /// Parses the trimmed argument text of command `name`.
  func parse(_ text: String, command name: String) -> Result<CommandArgument, ShellError> {
    switch self {
    case .none:
      return .success(.none)
    case .count:
      if text.isEmpty { return .success(.count(1)) }
      guard let n = Int(text), n >= 1 else {
        return .failure(ShellError("\(name) takes an optional count, not '\(text)'"))
      }
      return .success(.count(n))
    case .window(let fallback):
      let lines: Int = Int(text) ?? fallback
      return .success(CommandArgument.count(lines))
    case .number(let usage):
      if text.isEmpty { return .success(.number(nil)) }
      guard let n = Int(text) else { return .failure(ShellError(usage)) }
      return .success(.number(n))
    case .numbers(let usage):
      var numbers: [Int] = []
      for word in text.split(whereSeparator: \.isWhitespace) {
        guard let n = Int(word) else { return .failure(ShellError(usage)) }
        numbers.append(n)
      }
      return .success(.numbers(numbers))
    case .expression(let missing?), .stepId(let missing), .file(let missing?):
      return text.isEmpty ? .failure(ShellError(missing)) : .success(.text(text))
    case .expression(nil), .file(nil), .breakpointSpec, .printTarget, .topic:
      return .success(.text(text))
    case .assignment:
      return Self.assignment(text)
    case .shellWords:
      switch Self.words(text) {
      case .failure(let f): return .failure(ShellError("\(name): \(f.message)"))
      case .success(let words):
        if let bad = words.first(where: { !$0.contains("=") }) {
          return .failure(ShellError("\(name) takes NAME=VALUE inputs, got '\(bad)'"))
        }
        return .success(.words(words))
      }
    }
  }

  /// Whether `text` stops inside a construct that the next line may finish: an expression's
  /// unterminated string or unclosed `(` (asked of the expression parser, as LispKit's REPL
  /// asks its reader), or an unclosed quote among shell words.
  func isIncomplete(_ text: String) -> Bool {
    switch self {
    case .expression: return !text.isEmpty && Self.expressionIsIncomplete(text)
    case .shellWords:
      if case .failure(let f) = Self.words(text) { return f.message.hasPrefix("unclosed") }
      return false
    default: return false
    }
  }

  /// True when the expression parser stopped in an unterminated string, or ran out of input
  /// (its error is at the end) while a `(` is still open.
  static func expressionIsIncomplete(_ text: String) -> Bool {
    do {
      _ = try Evaluable.parse(text)
      return false
    } catch {
      if error.message.hasPrefix("unterminated string literal") { return true }
      guard let span = error.span else { return false }
      // Where the parser gave up: nothing but blanks from there on means it wanted more.
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      guard span.start.line == lines.count, let last = lines.last else { return false }
      let rest: Substring = last.dropFirst(max(0, span.start.column - 1))
      guard rest.allSatisfy(\.isWhitespace) else { return false }
      var open = 0
      for c: Character in text {
        if c == "(" { open += 1 } else if c == ")" { open -= 1 }
      }
      return open > 0
    }
  }

  /// `$inputs.NAME = VALUE`: VALUE is the text after `=`, trimmed.
  static func assignment(_ text: String) -> Result<CommandArgument, ShellError> {
    guard let equals = text.firstIndex(of: "=") else {
      return .failure(ShellError(":set needs $inputs.NAME = VALUE (:set $inputs.jobId = 42)"))
    }
    let target = text[..<equals].trimmingWhitespace()
    let value = text[text.index(after: equals)...].trimmingWhitespace()
    guard target.hasPrefix("$inputs."), target.count > "$inputs.".count else {
      return .failure(
        ShellError(":set changes workflow inputs only: :set $inputs.NAME = VALUE (got '\(target)')")
      )
    }
    return .success(.assignment(name: String(target.dropFirst("$inputs.".count)), value: value))
  }

  /// Splits `text` into words at blanks, as a shell would: single quotes keep everything,
  /// double quotes keep blanks (and `\"`), a backslash outside quotes escapes the next character
  /// (`:restart cause="two words"`).
  static func words(_ text: String) -> Result<[String], ShellError> {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for c in text {
      if escaped {
        word.append(c)
        escaped = false
      } else if let q = quote {
        if c == q {
          quote = nil
        } else if c == "\\", q == "\"" {
          escaped = true
        } else {
          word.append(c)
        }
      } else if c == "'" || c == "\"" {
        quote = c
        inWord = true
      } else if c == "\\" {
        escaped = true
        inWord = true
      } else if c == " " || c == "\t" || c == "\n" {
        if inWord { words.append(word) }
        word = ""
        inWord = false
      } else {
        word.append(c)
        inWord = true
      }
    }
    if let quote { return .failure(ShellError("unclosed \(quote) quote")) }
    if escaped { return .failure(ShellError("a backslash ends the line")) }
    if inWord { words.append(word) }
    return .success(words)
  }
}
