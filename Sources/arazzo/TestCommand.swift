import ArazzoCI
import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import ArgumentParser
import Foundation

/// `arazzo test`: every workflow of the documents found is a test case, run in parallel and
/// reported in document order (README "arazzo test (CI)").
struct TestCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run every workflow of Arazzo documents as a test suite (CI).",
    discussion: """
      Each PATH is a document or a folder searched for *.arazzo.yaml, *.arazzo.yml and \
      *.arazzo.json (default: the current folder). Inputs come from --input, \
      ARAZZO_INPUT_<NAME>, --inputs FILE.json, then the sidecar <stem>.arazzo-test.json \
      beside each document (inputs and servers per workflowId). Every document is checked \
      and every workflow set up before any request is sent.

      Reporters (--reporter NAME[=FILE], repeatable; default: text on stdout): text, json, \
      junit, tap, github.

      Exit status: 0 every workflow passed, 1 one failed, 2 an invalid document, bad \
      inputs or a usage error, 130/143 interrupted.
      """)

  @Argument(help: "Documents or folders (default: .).")
  var paths: [String] = []

  @Option(
    name: .customLong("workflow"),
    help: ArgumentHelp("Test only this workflow (repeatable).", valueName: "ID"))
  var workflows: [String] = []

  @Option(
    name: .customLong("skip"),
    help: ArgumentHelp("Skip this workflow (repeatable).", valueName: "ID"))
  var skip: [String] = []

  @OptionGroup var given: RunInputOptions

  @Option(
    help: ArgumentHelp(
      "Record each workflow as DIR/<stem>.<workflowId>.har (secrets redacted).", valueName: "DIR"))
  var record: String?

  @Option(
    help: ArgumentHelp(
      "Answer each workflow from DIR/<stem>.<workflowId>.har instead of the network.",
      valueName: "DIR"))
  var replay: String?

  @OptionGroup var limits: RunLimitOptions

  @Option(
    help: ArgumentHelp(
      "How many workflows run at once (default: the number of cores).", valueName: "N"))
  var jobs: Int?

  @Option(
    name: .customLong("reporter"),
    help: ArgumentHelp(
      "text, json, junit, tap or github, on stdout or into FILE (repeatable).",
      valueName: "NAME[=FILE]"))
  var reporters: [String] = []

  @Flag(help: "Per OpenAPI description: operations called, response codes seen and declared.")
  var coverage = false

  func validate() throws {
    if record != nil && replay != nil {
      throw ValidationError("--record and --replay exclude each other")
    }
    if let jobs, !(1...256).contains(jobs) {
      throw ValidationError("--jobs must be between 1 and 256")
    }
    _ = try outputs()
  }

  /// The reporters asked for, each with its file (nil: stdout).
  func outputs() throws -> [(kind: TestReporterKind, path: String?)] {
    guard !reporters.isEmpty else { return [(.text, nil)] }
    return try reporters.map { value in
      let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
      guard let name = parts.first, let kind = TestReporterKind(rawValue: name) else {
        let names = TestReporterKind.allCases.map(\.rawValue).joined(separator: ", ")
        throw ValidationError(
          "--reporter \(value): no reporter '\(parts.first ?? "")'; reporters: \(names)")
      }
      if parts.count > 1, parts[1].isEmpty {
        throw ValidationError("--reporter \(value): the file name is empty")
      }
      return (kind, parts.count > 1 ? parts[1] : nil)
    }
  }

  func run() async throws {
    let outputs = try outputs()
    // Report files and the recording folder first: one that cannot be written stops the run
    // before anything is sent.
    for case (_, let path?) in outputs { try Self.prepareFile(path) }
    if let record { try Self.prepareFolder(record) }

    var request = RunRequest(document: "")
    try given.apply(to: &request)
    // Contract checks are errors in a test unless --check says otherwise.
    limits.apply(to: &request, checks: ContractChecks(.error))
    var configuration = TestConfiguration(request: request)
    configuration.paths = paths.isEmpty ? ["."] : paths
    configuration.workflows = workflows
    configuration.skip = skip
    configuration.record = record
    configuration.replay = replay
    configuration.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount

    let suite: TestSuite
    switch TestSuite.prepare(configuration) {
    case .failure(let failure):
      Self.show(failure)
      throw ExitCode(2)
    case .success(let ready): suite = ready
    }
    Self.showWarnings(suite)

    let streamText = outputs.contains { $0.kind == .text && $0.path == nil }
    let clock = ContinuousClock()
    let start = clock.now
    let running = Task {
      await TestRunner.run(suite) { report in
        if streamText { Terminal.standardOutput.write(TextTestReporter().line(report)) }
      }
    }
    let interrupts = RunInterrupts { running.cancel() }
    let cases = await running.value
    interrupts.remove()
    let elapsed = clock.now - start
    let report = TestRunReport(
      documents: suite.documents.map(\.path), cases: cases,
      coverage: coverage ? CoverageReport.make(suite, cases) : nil,
      duration: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    Self.showOutcomeNotes(cases)
    try write(report, to: outputs)
    if let signal = interrupts.signal { throw ExitCode(128 + signal) }
    if report.failedCount > 0 { throw ExitCode(1) }
  }

  /// Writes each reporter's text; `github` also appends its summary to `$GITHUB_STEP_SUMMARY`.
  func write(_ report: TestRunReport, to outputs: [(kind: TestReporterKind, path: String?)]) throws
  {
    for (kind, path) in outputs {
      let text =
        kind == .text && path == nil
        ? TextTestReporter().details(report) : kind.reporter.render(report)
      if let path {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
          Terminal.standardError.writeLine("error: cannot write '\(path)'")
          throw ExitCode(2)
        }
      } else {
        Terminal.standardOutput.write(text)
      }
      if kind == .github, let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"],
        !summary.isEmpty
      {
        Self.append(GitHubReporter().markdownSummary(report), to: summary)
      }
    }
  }

  /// Creates `path` (and its folder) empty, or says why it cannot be written and exits 2.
  static func prepareFile(_ path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty {
      try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
        || !FileManager.default.isWritableFile(atPath: path)
    {
      Terminal.standardError.writeLine("error: cannot write the report '\(path)'")
      throw ExitCode(2)
    }
    guard FileManager.default.createFile(atPath: path, contents: Data()) else {
      Terminal.standardError.writeLine("error: cannot write the report '\(path)'")
      throw ExitCode(2)
    }
  }

  /// Creates the `--record` folder, or says why it cannot and exits 2.
  static func prepareFolder(_ path: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      Terminal.standardError.writeLine(
        "error: cannot create the folder '\(path)': \(error.localizedDescription)")
      throw ExitCode(2)
    }
    guard FileManager.default.isWritableFile(atPath: path) else {
      Terminal.standardError.writeLine("error: cannot write in the folder '\(path)'")
      throw ExitCode(2)
    }
  }

  static func append(_ text: String, to path: String) {
    if !FileManager.default.fileExists(atPath: path) {
      FileManager.default.createFile(atPath: path, contents: nil)
    }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      Terminal.standardError.writeLine("warning: cannot write the summary '\(path)'")
      return
    }
    defer { try? handle.close() }
    _ = try? handle.seekToEnd()
    try? handle.write(contentsOf: Data(text.utf8))
  }

  /// Every problem: an invalid document as `validate` shows it, a refused workflow a line per
  /// problem under a line naming it.
  static func show(_ failure: TestFailure) {
    let renderer = DiagnosticRenderer(colored: Terminal.standardError.usesColor)
    for problem in failure.problems {
      switch problem {
      case .invalidDocument(_, let diagnostics):
        Terminal.standardError.write(renderer.renderEach(diagnostics))
      case .refused(let path, let workflowId, let diagnostics, let redactor):
        Terminal.standardError.writeLine("\(path): workflow '\(workflowId)' cannot run:")
        Terminal.standardError.write(
          redactor.scrub(renderer.renderBrief(diagnostics.filter { $0.severity == .error }))
            .split(separator: "\n").map { "  " + $0 + "\n" }.joined())
      case .setup(let message):
        Terminal.standardError.writeLine("error: \(message)")
      }
    }
  }

  /// What the runs warned about (a null output, say) and recordings that could not be
  /// written, on stderr, in document order; already redacted.
  static func showOutcomeNotes(_ cases: [CaseReport]) {
    let renderer = DiagnosticRenderer(colored: Terminal.standardError.usesColor)
    for c in cases {
      Terminal.standardError.write(renderer.renderBrief(prefixed(c.result.warnings, c.workflowId)))
      if let error = c.recordingError { Terminal.standardError.writeLine("error: \(error)") }
    }
  }

  /// The diagnostics with `workflow '<id>': ` before their messages.
  static func prefixed(_ diagnostics: [Diagnostic], _ workflowId: String) -> [Diagnostic] {
    diagnostics.map { d in
      var d = d
      d.message = "workflow '\(workflowId)': " + d.message
      return d
    }
  }

  /// Each document's warnings once, each workflow's own set-up warnings, and the notes.
  static func showWarnings(_ suite: TestSuite) {
    let renderer = DiagnosticRenderer(colored: Terminal.standardError.usesColor)
    for (i, document) in suite.documents.enumerated() {
      let redactor = suite.cases.first { $0.document == i }?.plan.redactor ?? Redactor()
      Terminal.standardError.write(redactor.scrub(renderer.renderBrief(document.warnings)))
    }
    for c in suite.cases where !c.warnings.isEmpty {
      Terminal.standardError.write(
        c.plan.redactor.scrub(renderer.renderBrief(prefixed(c.warnings, c.workflowId))))
    }
    for note in suite.notes { Terminal.standardError.writeLine("warning: \(note)") }
  }
}
