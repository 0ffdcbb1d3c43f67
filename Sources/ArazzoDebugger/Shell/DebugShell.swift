import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// How the shell prints.
public struct ShellOptions: Sendable {
  /// Print each command after its prompt (scripted sessions read like typed ones).
  public var echo = false
  /// Show request durations. Off when scripted, so transcripts are the same on every run.
  public var showDurations = false
  /// Array elements shown per array in bodies (nil: all).
  public var maxItems: Int?

  public init(echo: Bool = false, showDurations: Bool = false, maxItems: Int? = nil) {
    self.echo = echo
    self.showDurations = showDurations
    self.maxItems = maxItems
  }
}

/// The debugger's front end (pdb's `cmd`): read a line, parse it with `parseInput`, dispatch on
/// the command, print. It decides nothing about where to pause; `DebugEngine` does. Everything
/// goes to one stream, `write`, so a transcript keeps its order. An error is one line and never
/// ends the session; only `:quit` and the end of input do.
public final class DebugShell {
  public let engine: DebugEngine
  let input: any LineSource
  let write: (String) -> Void
  let options: ShellOptions
  let redactor: Redactor
  let exchangePrinter: ExchangePrinter
  let completion: DebugCompletion?
  /// The last stepping command, which an empty line repeats.
  var lastStepping: (CommandKind, String)?
  /// Set by `:quit`: the loop ends after the command.
  var quitting = false
  /// What the commands run since it was last reset did (`arazzo tour` checks it).
  public var record = ShellRecord()

  public init(
    engine: DebugEngine, input: any LineSource, options: ShellOptions = ShellOptions(),
    completion: DebugCompletion? = nil, write: @escaping (String) -> Void
  ) {
    self.engine = engine
    self.input = input
    self.options = options
    self.write = write
    self.completion = completion
    self.redactor = engine.configuration.redactor
    self.exchangePrinter = ExchangePrinter(
      redactor: engine.configuration.redactor, maxItems: options.maxItems)
    engine.onEvent = { [weak self] event in self?.trace(event) }
  }

  // MARK: The loop

  /// Prints where the run starts, then reads and runs commands until `:quit` or the end of input.
  public func run() async {
    start()
    while true {
      let prompt = self.prompt
      switch input.readLine(prompt: prompt) {
      case .end:
        if input.isInteractive { write("\n") }
        return
      case .interrupted:
        continue
      case .line(let first):
        if options.echo { write(prompt + TerminalText.escaped(first) + "\n") }
        guard let line = continued(first) else { continue }
        if !line.trimmingCharacters(in: .whitespaces).isEmpty { input.addHistory(line) }
        if await execute(line) == false { return }
      }
    }
  }

  /// Prints the banner and where the run stands (the start of `run`, for a front end that
  /// reads the lines itself and passes them to `continued` and `execute`).
  public func start() {
    say(banner())
    showPause(nil)
  }

  /// The prompt for a line that continues unfinished input.
  public static let continuationPrompt = "...> "
  /// At most this many lines make one input…
  static let maxInputLines = 32
  /// …and at most this many bytes.
  static let maxInputBytes = 16_384

  /// The input that starts with `first`, read on while `inputIsIncomplete` says it is
  /// unfinished (an `:eval` string or parenthesis, a `:restart` quote), within
  /// `maxInputLines` and `maxInputBytes`. Nil when Ctrl-C abandoned it or it grew too long
  /// (said as an error). At the end of input it is returned as it is, for its command to say
  /// what is missing.
  public func continued(_ first: String) -> String? {
    var text = first
    var lines = 1
    while inputIsIncomplete(text) {
      guard lines < Self.maxInputLines, text.utf8.count <= Self.maxInputBytes else {
        fail(
          "input still unfinished after \(lines) lines (\(text.utf8.count) bytes); dropped it: "
            + "close the string or parenthesis within \(Self.maxInputLines) lines")
        return nil
      }
      switch input.readLine(prompt: Self.continuationPrompt) {
      case .line(let next):
        if options.echo { write(Self.continuationPrompt + TerminalText.escaped(next) + "\n") }
        text += "\n" + next
        lines += 1
      case .interrupted:
        return nil
      case .end:
        return text
      }
    }
    return text
  }

  /// Runs one line; false when the session should end (`:quit`).
  @discardableResult
  public func execute(_ line: String) async -> Bool {
    switch parseInput(line) {
    case .repeatLast:
      guard let (kind, argument) = lastStepping else { return true }
      return await command(kind, argument)
    case .evaluate(let text):
      evaluate(text)
    case .unknown(let word, let suggestion):
      var message = "unknown command '\(word)'"
      if let suggestion { message += "; did you mean \(suggestion)?" }
      fail(message + " (:help lists the commands)")
    case .command(let kind, let argument):
      return await command(kind, argument)
    }
    return true
  }

  /// Runs a command through its table entry: the argument parser, then the handler.
  private func command(_ kind: CommandKind, _ text: String) async -> Bool {
    let spec = CommandTable.spec(kind)
    if spec.isStepping { lastStepping = (kind, text) }
    switch spec.argument.parse(text, command: spec.name) {
    case .success(let argument):
      await spec.run(self, Invocation(spec: spec, text: text, argument: argument))
    case .failure(let error):
      fail(error.message)
    }
    return !quitting
  }

  // MARK: Stepping

  /// `:step [N]` … `:continue [N]`: resume `count` times, stopping early at anything but a
  /// plain step.
  func resume(_ mode: StepMode, count: Int) async {
    guard !engine.isFinished else {
      fail("the run has finished; :restart runs it again")
      return
    }
    var reason = PauseReason.stepped
    for _ in 0..<count {
      reason = await engine.resume(mode, interrupted: { [input] in input.takeInterrupt() })
      if reason != .stepped { break }
    }
    showPause(reason)
  }

  // MARK: Output

  /// The prompt: `(workflow · step) `, or where the past is being inspected (ids escaped as
  /// everything the shell prints).
  public var prompt: String { TerminalText.escaped(unescapedPrompt) }

  private var unescapedPrompt: String {
    if let entry = engine.selectedEntry {
      return "(\(entry.workflowId) · \(entry.stepId) · back at #\(entry.number)) "
    }
    guard let position = engine.position else {
      let id = engine.program.workflows[engine.run.workflowIndex].workflowId
      return "(\(id) · finished) "
    }
    return "(\(position.workflowId) · \(position.stepId ?? "end")) "
  }

  /// Writes `text` and a newline, secrets scrubbed and control characters other than line
  /// breaks and tabs escaped (`TerminalText`): whatever a document or server holds.
  func say(_ text: String) {
    write(TerminalText.escaped(redactor.scrub(text), keepingNewlines: true) + "\n")
  }

  /// Writes a one-line error (control characters, line breaks too, escaped).
  func fail(_ message: String) {
    record.error = message
    write("error: " + TerminalText.escaped(redactor.scrub(message)) + "\n")
  }

  /// The first line of a session.
  func banner() -> String {
    let code = engine.program.workflows[engine.run.workflowIndex]
    let steps = code.steps.count
    var text =
      "arazzo debug · workflow \(code.workflowId) · \(steps) step\(steps == 1 ? "" : "s") · :help for commands and concepts"
    if !dependencies.isEmpty {
      text +=
        "\nit depends on \(dependencies.joined(separator: ", ")) (dependsOn): running "
        + (dependencies.count == 1 ? "it" : "them") + " first"
    }
    return text
  }

  /// Indents every line of `text` by `by` spaces.
  func indented(_ text: String, by: Int = 2) -> String {
    let pad = String(repeating: " ", count: by)
    return text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
  }

  /// Refreshes what Tab completion knows (step ids, inputs, the last response body).
  func updateCompletion() {
    guard let completion else { return }
    completion.context = engine.completionContext(fallbackBody: lastBody)
    if let body = completion.context.lastResponseBody { lastBody = body }
  }

  /// The last response body completion knew, for when the current step has none yet.
  var lastBody: JSONValue?
}

/// What the shell's commands did, for a front end that checks a session against the engine
/// (`arazzo tour`): the value an `:eval` printed, what `:explain` explained, why the run paused.
public struct ShellRecord: Sendable {
  /// The value of the last expression evaluated (`:eval`, a bare `$…`).
  public var value: Resolution?
  /// What the last `:explain` explained.
  public var explained: Explained?
  /// Why the run last paused (nil: no command moved it).
  public var pause: PauseReason?
  /// The last error said.
  public var error: String?

  public init() {}
}

/// What an `:explain` explained.
public enum Explained: Sendable, Equatable {
  /// An action, by name, of a step.
  case action(name: String, stepId: String)
  /// A step's success criteria.
  case criteria(stepId: String)
  /// An expression or condition.
  case expression(String)
}
