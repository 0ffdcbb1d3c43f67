import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime
import Foundation

/// Runs a suite's cases, at most `jobs` at once, each in a machine of its own: a case starts
/// once the cases it depends on have finished (docs/semantics.md#test-dependencies), and the
/// reports come back in document order, whatever ran first.
public enum TestRunner {
  /// Runs every case; `finished` is called with each case's report in document order, as soon
  /// as it and all before it have finished.
  public static func run(
    _ suite: TestSuite, finished: @Sendable (CaseReport) -> Void = { _ in }
  ) async -> [CaseReport] {
    let cases = suite.cases
    let jobs = max(1, suite.configuration.jobs)
    var reports = [CaseReport?](repeating: nil, count: cases.count)
    var started = [Bool](repeating: false, count: cases.count)
    var emitted = 0
    await withTaskGroup(of: (Int, CaseReport).self) { group in
      var running = 0
      /// Starts the first cases whose dependencies have finished, up to `jobs`; when none is
      /// ready and nothing runs (a dependency cycle), the first not started.
      func startReady() {
        for i in cases.indices where running < jobs && !started[i] {
          guard cases[i].dependencies.allSatisfy({ reports[$0] != nil }) else { continue }
          start(i)
        }
        if running == 0, let i = started.firstIndex(of: false) { start(i) }
      }
      func start(_ i: Int) {
        started[i] = true
        running += 1
        let testCase = cases[i]
        let document = suite.documents[testCase.document].path
        group.addTask { (i, await runCase(testCase, document: document)) }
      }
      startReady()
      while let (i, report) = await group.next() {
        running -= 1
        reports[i] = report
        while emitted < reports.count, let next = reports[emitted] {
          finished(next)
          emitted += 1
        }
        startReady()
      }
    }
    return reports.compactMap { $0 }
  }

  /// Runs one case in a machine of its own (its workflow's `dependsOn` first, as `arazzo run`
  /// does), with a fresh transport: its replay, else live HTTP, recorded when asked.
  static func runCase(_ testCase: TestCase, document: String) async -> CaseReport {
    let plan = testCase.plan
    let redactor = plan.redactor
    var base: any HTTPTransport
    var setupError: String?
    if let replay = testCase.replayPath {
      do {
        base = try ReplayTransport(path: replay, redactor: redactor)
      } catch {
        setupError = "cannot replay '\(replay)': \(error)"
        base = ReplayTransport(log: HARLog(), redactor: redactor)  // answers nothing
      }
    } else {
      var configuration = LiveTransport.Configuration()
      if let timeout = plan.options.timeout { configuration.timeout = timeout }
      configuration.deadline = plan.options.deadline
      base = LiveTransport(configuration: configuration)
    }
    var recorder: RecordingTransport?
    if let path = testCase.recordPath {
      let r = RecordingTransport(base, path: path, redactor: redactor)
      recorder = r
      base = r
    }
    let transport = RedirectingTransport(base, maxRedirects: 5)
    let observer = CaseObserver()
    let machine = plan.machine(transport: transport, observer: observer)
    observer.machine = machine
    let clock = ContinuousClock()
    let start = clock.now
    var result = await machine.run(workflow: plan.workflow.name, inputs: plan.inputs)
    let elapsed = clock.now - start
    await transport.shutdown()
    var recordingError: String?
    if let recorder {
      do { try recorder.save() } catch {
        recordingError = "cannot write '\(testCase.recordPath ?? "")': \(error)"
      }
    }
    if let setupError {
      result.status = .failed
      result.error = Diagnostic(.workflowFailed, setupError, at: nil)
    }
    var report = report(
      testCase, document: document, result: result, details: observer.details,
      seconds: seconds(elapsed))
    report.recordingError = recordingError
    return report
  }

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }

  /// The case's report: the result with what the observer kept, secrets redacted.
  static func report(
    _ testCase: TestCase, document: String, result: RunResult,
    details: [CaseObserver.AttemptDetail], seconds: Double
  ) -> CaseReport {
    let plan = testCase.plan
    let redactor = plan.redactor
    let program = plan.program
    var shown = result
    for i in shown.steps.indices { shown.steps[i].url = shown.steps[i].url.map(redactor.url) }
    shown.outputs = redactor.scrub(.object(result.outputs)).objectValue ?? JSONObject()
    shown.warnings = result.warnings.map { scrubbed($0, redactor) }
    shown.error = result.error.map { scrubbed($0, redactor) }
    let aligned = details.count == result.steps.count
    let steps = shown.steps.enumerated().map { i, attempt in
      var step = StepReport(attempt: attempt, criteria: [])
      step.attempt.reasons = attempt.reasons.map(redactor.scrub)
      step.attempt.checks = attempt.checks.map { scrubbed($0, redactor) }
      step.attempt.failure = attempt.failure.map { scrubbed($0, redactor) }
      describe(&step, in: program, document: document)
      if aligned {
        let detail = details[i]
        step.request = detail.request.map(redactor.request)
        if let response = detail.response {
          step.responseStatus = response.status
          step.responseExcerpt = redactor.scrub(
            String(
              String(decoding: redactor.body(response.body), as: UTF8.self)
                .prefix(TestReports.excerptLength)))
        }
        step.criteria = detail.criteria.map { c in
          var c = c
          c.condition = redactor.scrub(c.condition)
          c.explanation = c.explanation.map(redactor.scrub)
          c.file = c.file.map { $0 == program.entry ? document : $0 }
          return c
        }
      }
      return step
    }
    let start = plan.workflow.span.start
    return CaseReport(
      document: document, workflowId: testCase.workflowId, line: start.line,
      column: start.column, inputs: redactor.scrub(plan.inputs), result: shown, steps: steps,
      duration: seconds, warnings: testCase.warnings.map { scrubbed($0, redactor) } + shown.warnings
    )
  }

  /// What the step calls and where it is written, from the program.
  static func describe(_ step: inout StepReport, in program: Program, document: String) {
    let attempt = step.attempt
    guard let code = program.workflows.first(where: { $0.workflowId == attempt.workflowId })
    else { return }
    for instruction in code.instructions {
      switch instruction {
      case .request(let request) where request.stepId == attempt.stepId:
        if let operation = request.operation.resolved {
          let kind = operation.reference.contains("#/") ? "operationPath" : "operationId"
          step.target = (kind, operation.reference)
          step.operation = (
            operation.source, operation.documentLocation, operation.method, operation.pathTemplate
          )
        }
      case .call(let call) where call.stepId == attempt.stepId:
        step.target = ("workflowId", call.target.reference)
      case .step(let entry) where entry.stepId == attempt.stepId:
        let start = entry.span.start
        step.file = start.file.path == program.entry ? document : start.file.path
        step.line = start.line
        step.column = start.column
      default: continue
      }
    }
  }

  static func scrubbed(_ d: Diagnostic, _ redactor: Redactor) -> Diagnostic {
    var d = d
    d.message = redactor.scrub(d.message)
    return d
  }
}
