import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// Inspection: `:eval`, `:print`, `:request`, `:response`, `:watch`, `:where`, `:list`, `:ir`,
/// and time travel (`:history`, `:back`, `:frame`). All of them read `engine.context`: the
/// present, or the history entry `:back` selected.
extension DebugShell {
  /// `:eval EXPR` and bare `$…`: a runtime expression, a condition or a `{$…}` template.
  func evaluate(_ text: String) {
    guard let context = engine.context else {
      fail("nothing to evaluate against: the run has not started")
      return
    }
    // A whole part of the context (`$inputs`, `$steps`, …) is no runtime expression: print it.
    if ArgumentKind.printTargets.contains(text) { return printTarget(text) }
    switch parse(text) {
    case .success(let evaluable):
      let resolution = evaluable.evaluate(in: context)
      record.value = resolution
      say(valueText(resolution))
    case .failure(let error): fail(error.message)
    }
  }

  /// Parses what the user typed, or says where it stopped making sense.
  func parse(_ text: String) -> Result<Evaluable, ShellError> {
    Evaluable.parseTyped(text).mapError { ShellError($0.message) }
  }

  /// `:print $steps|$inputs|$response|$request|$outputs|$workflows|$components|
  /// $sourceDescriptions`, pretty; anything else is evaluated and printed pretty.
  func printTarget(_ argument: String) {
    guard let context = engine.context else {
      fail("nothing to print: the run has not started")
      return
    }
    guard !argument.isEmpty else {
      return fail(
        ":print needs a target: \(ArgumentKind.printTargets.joined(separator: ", ")) or an expression"
      )
    }
    let code = engine.program.workflows[context.workflowIndex]
    guard
      let part = context.part(argument, stepOrder: code.steps.map(\.id), redactor: redactor)
    else { return evaluate(argument) }
    say(valueText(part))
  }

  /// `:request`: the current step's request as sent, or the one it is about to send.
  func showRequest() {
    guard let context = engine.context else { return fail("the run has not started") }
    if let exchange = context.exchange, let request = exchange.request {
      say(exchangePrinter.request(request, body: exchange.requestBody))
    } else if engine.selectedEntry == nil, let preview = engine.machine.previewRequest() {
      if let request = preview.request {
        say("not sent yet:\n" + exchangePrinter.request(request, body: preview.body))
      } else {
        say("the request cannot be built: \(preview.error ?? "unknown reason")")
      }
    } else if let error = context.exchange?.error {
      say("no request was sent: \(error)")
    } else {
      say(
        "no request: \(context.stepId.map { "step '\($0)' has not built one yet" } ?? "no step has started")"
      )
    }
  }

  /// `:response`: the current step's response, headers and body.
  func showResponse() {
    guard let context = engine.context else { return fail("the run has not started") }
    guard let exchange = context.exchange, let response = exchange.response else {
      if let error = context.exchange?.error {
        say("no response: \(error)")
      } else {
        say(context.body(.response).missingReason ?? "no response yet")
      }
      return
    }
    say(
      exchangePrinter.response(
        response, body: exchange.responseBody,
        duration: options.showDurations ? exchange.duration : nil))
    showChecks(exchange)
  }

  /// The contract checks an exchange failed, a line each (`error[AZ6003]: …`).
  func showChecks(_ exchange: ExchangeView) {
    for check in exchange.checks {
      say(DiagnosticRenderer.headline(check, message: redactor.scrub(check.message)))
    }
  }

  // MARK: Watches

  func addWatch(_ argument: String) {
    guard !argument.isEmpty else {
      if engine.watches.isEmpty { say("no watches; :watch EXPR adds one") } else { showWatches() }
      return
    }
    do {
      let watch = try engine.watch(argument)
      let value =
        engine.context.map { valueText(watch.expression.evaluate(in: $0)) } ?? "not evaluated yet"
      say("watch \(watch.number): \(watch.text) = \(value)")
    } catch {
      fail(error.message + (error.span.map { " (column \($0.start.column))" } ?? ""))
    }
  }

  /// `:unwatch [N]`: one watch, or every watch.
  func removeWatch(_ number: Int?) {
    guard let n = number else {
      let count = engine.watches.count
      engine.unwatchAll()
      say(
        count == 0 ? "no watches" : "removed \(count == 1 ? "the watch" : "all \(count) watches")")
      return
    }
    if engine.unwatch(n) { say("watch \(n) removed") } else { fail("no watch \(n)") }
  }

  // MARK: Where am I

  /// `:where`: the stack (entry first), each frame's step and pc, and the YAML location.
  func showWhere() {
    if let entry = engine.selectedEntry {
      say(
        "back at #\(entry.number): \(historyLine(entry)) (:history lists the attempts; a stepping command returns to the present)"
      )
      return
    }
    let stack = engine.machine.stack
    guard let top = stack.last else {
      say("the run has finished")
      return
    }
    for (i, frame) in stack.enumerated().reversed() {
      let span = frame.instruction.span
      say(
        "\(i == stack.count - 1 ? "→" : " ") #\(stack.count - 1 - i)  \(frame.workflowId) · \(frame.stepId ?? "-")  pc \(frame.pc) \(frame.instruction.mnemonic)  \(span.start)"
      )
    }
    say(SourceListing.location(top.instruction.span, in: top.instruction.span.file))
  }

  /// `:list [N]`: the YAML around the current instruction.
  func showList(context: Int) {
    guard let span = currentSpan() else {
      return fail("the run has finished; :restart runs it again")
    }
    say(SourceListing.lines(around: span, in: span.file, context: max(0, context)))
  }

  /// `:ir [N]`: the IR around the pc, the current instruction marked.
  func showIR(around: Int) {
    // Where the program counter is: in the attempt `:back` selected, else in the present.
    let here: (workflowIndex: Int, pc: Int)
    if let entry = engine.selectedEntry {
      here = (entry.snapshot.workflowIndex, entry.snapshot.pc)
    } else if let position = engine.position {
      here = (position.workflowIndex, position.pc)
    } else {
      return fail("the run has finished; :restart runs it again")
    }
    let program = engine.program
    let code = program.workflows[here.workflowIndex]
    guard !code.instructions.isEmpty else {
      return fail("workflow \(code.name) has no instructions")
    }
    let printer = IRPrinter()
    let pcNow = min(max(0, here.pc), code.instructions.count - 1)
    let low = max(0, pcNow - max(0, min(around, 1_000)))
    let high = min(code.instructions.count - 1, pcNow + max(0, min(around, 1_000)))
    say("workflow \(code.name)" + (engine.selectedEntry.map { " (back at #\($0.number))" } ?? ""))
    for pc in low...high {
      let text = printer.instruction(at: pc, of: code, in: program)
      let marker = pc == pcNow ? "→ " : "  "
      say(
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
          .map { ($0.offset == 0 ? marker : "  ") + $0.element }.joined(separator: "\n"))
    }
  }

  func currentSpan() -> SourceSpan? { engine.inspectedSpan }

  // MARK: Time travel

  /// `:history`: every completed step attempt; the selected one marked.
  func showHistory() {
    guard !engine.history.isEmpty else {
      say("no step attempt has completed yet")
      return
    }
    let selected = engine.selectedEntry?.number
    for entry in engine.history {
      say((entry.number == selected ? ">" : " ") + historyLine(entry, numbered: true))
    }
  }

  /// `:back [N]` / `:frame N`: select an earlier attempt; inspection then reads it. One
  /// numbering, `:history`'s: N is an attempt number; a bare `:back` is the attempt before the
  /// one in view (so repeating it walks backwards).
  func timeTravel(_ invocation: Invocation, back: Bool) {
    let entry: HistoryEntry
    do {
      if let number = invocation.number {
        entry = try engine.frame(number)
      } else if back {
        entry = try engine.back()
      } else {
        return fail(":frame takes an attempt number as :history lists them (:frame 2)")
      }
    } catch {
      // The engine names no command; the shell says where the numbers come from.
      let count = engine.history.count
      return fail(count == 0 ? error.message : "\(error.message); :history lists 1…\(count)")
    }
    say("back at #\(entry.number) of \(engine.history.count): \(historyLine(entry))")
    say(
      "inspect it with :eval, :print, :request, :response; any stepping command returns to the present"
    )
    showWatches()
  }
}

/// A message for the user, from a command that could not do what was asked.
struct ShellError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
