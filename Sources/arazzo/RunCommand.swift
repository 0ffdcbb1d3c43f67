import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import ArgumentParser
import Foundation

/// `arazzo run`: validate, lower and run a workflow over HTTP (or from a HAR recording).
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run an Arazzo workflow over real HTTP, or offline from a HAR recording.",
    discussion: """
      Inputs come from --input NAME=VALUE (typed by the input schema), ARAZZO_INPUT_<NAME> \
      environment variables (keep tokens out of shell history) and --inputs FILE.json, in that \
      order of precedence.

      Exit status: 0 succeeded, 1 the workflow failed (or a contract check set to error \
      failed), 2 an invalid document, bad inputs or a usage error, 130/143 interrupted (Ctrl-C/SIGTERM; the report and --record are still \
      written).

      With --format json, stdout is one JSON object:
        {"workflowId","status","outputs","steps","warnings","error"?,"endedBy"?,
         "diagnostics"}.
      """)

  @Argument(help: "The Arazzo document (YAML or JSON).")
  var file: String

  @OptionGroup var arguments: RunArguments

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @Flag(help: "On a terminal too, print every step attempt on a line of its own.")
  var verbose = false

  func run() async throws {
    // Validate, lower, bind: an invalid document or set-up never sends a request.
    let plan = try arguments.plan(file: file)
    // The run, its report and its recording in a task of their own, which Ctrl-C or SIGTERM
    // cancels: the run stops at once, and what it did is still reported and recorded.
    let command = self
    let running = Task { try await command.execute(plan) }
    let interrupts = RunInterrupts { running.cancel() }
    let succeeded = try await running.value
    interrupts.remove()
    if let signal = interrupts.signal { throw ExitCode(128 + signal) }
    if !succeeded { throw ExitCode(1) }
  }

  /// Runs the planned workflow, prints the report and writes `--record`; whether it succeeded.
  func execute(_ plan: RunPlan) async throws -> Bool {
    let redactor = plan.redactor

    // The transport stack, outermost first: redirects over recording/replay over live HTTP.
    var base = try arguments.baseTransport(plan)
    var recorder: RecordingTransport?
    if let record = arguments.record {
      let r = RecordingTransport(base, path: record, redactor: redactor)
      recorder = r
      base = r
    }
    let transport = RedirectingTransport(base, maxRedirects: 5)

    let reporter = makeReporter(redactor)
    let machine = plan.machine(transport: transport, observer: format == .text ? reporter : nil)
    let result = await machine.run(workflow: plan.workflow.name, inputs: plan.inputs)
    await transport.shutdown()
    if let recorder {
      do { try recorder.save() } catch {
        Terminal.standardError.writeLine(
          "error: cannot write '\(arguments.record ?? "")': \(error)")
      }
    }
    switch format {
    case .text:
      let summary = reporter.summary(result)
      Terminal.standardOutput.write(summary)
    case .json:
      var shown = result
      // Secret-named query parameters are masked as in recordings.
      for i in shown.steps.indices { shown.steps[i].url = shown.steps[i].url.map(redactor.url) }
      var json = shown.json
      if case .object(var o) = json, !arguments.showSecrets {
        o["outputs"] = .object(
          JSONObject(
            o["outputs"]?.objectValue?.members.map { ($0.key, redactor.scrub($0.value)) } ?? []))
        json = .object(o)
      }
      Terminal.standardOutput.write(redactor.scrub(JSONPrinter.pretty(json)) + "\n")
    }
    // A failed contract check never changes the run; one set to error fails the command.
    return result.status == .succeeded && !result.hasFailedChecks
  }

  /// The text report: on a terminal (unless `--verbose`) a step's consecutive attempts share
  /// one line that is rewritten in place, so a long poll stays one line.
  func makeReporter(_ redactor: Redactor) -> TextReporter {
    let terminal = Terminal.standardOutput
    if format == .text, !verbose, let columns = terminal.columns {
      return TextReporter(
        redactor: redactor, live: LiveLine(columns: columns) { terminal.write($0) })
    }
    return TextReporter(redactor: redactor) { terminal.write($0) }
  }
}
