import ArazzoDebugger
import ArazzoExpressions
import ArazzoJSON
import ArazzoRuntime
import Foundation

/// `evaluate` and `completions`: the debug console, watches, hovers and the clipboard.
extension Inspector {
  /// Evaluates an expression as `:eval` does, in a frame; in the console, a line starting with
  /// `:` runs the shell's command (`:explain`, `:request`, `:where`, `:ir`, …) and answers
  /// with what it printed.
  func evaluate(_ arguments: InspectionArguments) async throws(DAPError) -> JSONValue {
    let text = try arguments.requiredString("expression")
    let context = try arguments.string("context") ?? "repl"
    let frame = try frame(try arguments.int("frameId"))
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.hasPrefix(":") {
      guard context == "repl" else {
        throw DAPError("debugger commands (\(trimmed.prefix(12))…) run in the debug console only")
      }
      return try await consoleCommand(trimmed)
    }
    let expression = context == "hover" ? try Self.hovered(trimmed) : trimmed
    let (resolution, naming) = try evaluate(expression, in: frame)
    guard case .value(let value) = resolution else {
      throw DAPError("no value: \(redactor.scrub(resolution.missingReason ?? "unknown reason"))")
    }
    var o = JSONObject()
    if context == "clipboard" {
      o["result"] = .string(ValuePrinter.pretty(redactor.scrub(value)))
      o["variablesReference"] = 0
      return .object(o)
    }
    described(value, naming: naming, into: &o, valueKey: "result")
    return .object(o)
  }

  /// The runtime expression under the editor's cursor: `$…`, or `{$…}` as written in a
  /// template; anything else is no expression (the editor then shows no hover).
  static func hovered(_ text: String) throws(DAPError) -> String {
    var expression = Substring(text)
    if expression.hasPrefix("{") && expression.hasSuffix("}") {
      expression = expression.dropFirst().dropLast()
    }
    guard expression.hasPrefix("$") else {
      throw DAPError("'\(text.prefix(40))' is not a runtime expression")
    }
    return String(expression)
  }

  /// `text` evaluated against `frame` (a whole part of the context such as `$steps` as
  /// `:print` shows it), and how its children are named.
  func evaluate(
    _ text: String, in frame: InspectedFrame
  ) throws(DAPError) -> (Resolution, VariableNaming) {
    let code = engine.program.workflows[frame.workflowIndex]
    if let part = frame.context.part(
      text, stepOrder: code.steps.map(\.id), redactor: redactor)
    {
      return (part, .part(text))
    }
    switch Evaluable.parseTyped(text) {
    case .failure(let error):
      throw DAPError(error.message)
    case .success(let evaluable):
      let naming: VariableNaming
      if case .expression(let expression) = evaluable {
        naming = .expression(expression)
      } else {
        naming = .none
      }
      return (evaluable.evaluate(in: frame.context), naming)
    }
  }

  // MARK: Console commands

  /// Commands that move the run, change where inspection looks, or own what the editor shows
  /// (breakpoints, inputs): the editor's buttons, gutter and Variables view do these.
  static let refusedCommands: [CommandKind: String] = {
    var refused: [CommandKind: String] = [:]
    for kind in [CommandKind.step, .next, .finish, .stepi, .continue] {
      refused[kind] = "use the editor's Continue and Step buttons"
    }
    for kind in [CommandKind.back, .frame] {
      refused[kind] = "use the editor's Step Back and Reverse Continue buttons"
    }
    refused[.goto] = "use the editor's Jump to Cursor (gotoTargets)"
    refused[.retry] = "step back with the editor's buttons, or restart the session"
    refused[.restart] = "use the editor's Restart button"
    refused[.quit] = "use the editor's Stop button"
    for kind in [CommandKind.break, .tbreak, .delete] {
      refused[kind] = "set breakpoints in the editor's gutter or Breakpoints view"
    }
    refused[.set] = "edit the input in the Variables view's Inputs scope"
    return refused
  }()

  /// Runs a shell command and answers with what it printed; an error the command reports is
  /// the request's error.
  private func consoleCommand(_ line: String) async throws(DAPError) -> JSONValue {
    if case .command(let kind, _) = parseInput(line), let how = Self.refusedCommands[kind] {
      throw DAPError(
        "\(CommandTable.spec(kind).name) is not available in the debug console: \(how)")
    }
    var output = ""
    // The shell takes over the engine's event handler: keep the server's.
    let onEvent = engine.onEvent
    let shell = DebugShell(
      engine: engine, input: ScriptedLineSource(lines: []), write: { output += $0 })
    engine.onEvent = onEvent
    await shell.execute(line)
    if let error = shell.record.error {
      throw DAPError(redactor.scrub(error))
    }
    while output.hasSuffix("\n") { output.removeLast() }
    return ["result": .string(output), "variablesReference": 0]
  }

  // MARK: Completions

  /// The shell's Tab completion for the console line, as `CompletionItem`s replacing the
  /// word left of the cursor.
  func completions(_ arguments: InspectionArguments) throws(DAPError) -> JSONValue {
    let text = try arguments.requiredString("text")
    let column = try arguments.requiredInt("column") - columnBase - 1  // 0-based, in UTF-16
    let lineNumber = max(1, (try arguments.int("line")).map(documentLine) ?? 1)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lineNumber <= lines.count else { return ["targets": []] }
    let utf16 = Array(lines[lineNumber - 1].utf16)
    let cursor = min(max(0, column), utf16.count)
    let left = String(decoding: utf16[0..<cursor], as: UTF16.self)
    // Candidates replace the last whitespace-separated word whole.
    let wordLength = left.reversed().prefix { !$0.isWhitespace }.reduce(0) { $0 + $1.utf16.count }
    let completion = DebugCompletion(context: engine.completionContext())
    let targets: [JSONValue] = completion.completions(for: left).prefix(Self.maxPage).map {
      candidate in
      var item = JSONObject()
      item["label"] = .string(candidate)
      item["text"] = .string(candidate)
      item["start"] = .integer(cursor - wordLength + columnBase + 1)
      item["length"] = .integer(wordLength)
      item["type"] = .string(
        candidate.hasPrefix(":") ? "keyword" : candidate.contains("$") ? "variable" : "value")
      return .object(item)
    }
    return ["targets": .array(targets)]
  }
}
