import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime
import ArazzoSyntax
import ArgumentParser
import Foundation
import Synchronization

/// The options `run` and `debug` share: which workflow, its inputs, where requests go (or which
/// recording answers them), limits and secrets; and the set-up both do with them.
struct RunArguments: ParsableArguments {
  @Option(help: "The workflow to run (default: the document's first).")
  var workflow: String?

  @Option(name: .customLong("input"), help: ArgumentHelp("An input value.", valueName: "NAME=VALUE"))
  var inputs: [String] = []

  @Option(name: .customLong("inputs"), help: ArgumentHelp("A JSON file of inputs.", valueName: "FILE.json"))
  var inputsFile: String?

  @Option(
    name: .customLong("server"),
    help: ArgumentHelp("Send a source description's requests to another server.", valueName: "SOURCE=URL"))
  var servers: [String] = []

  @OptionGroup var sourceOptions: SourceOptions

  @Option(help: ArgumentHelp("Record every exchange as HTTP Archive 1.2 (secrets redacted).", valueName: "FILE.har"))
  var record: String?

  @Option(help: ArgumentHelp("Serve responses from a HAR recording instead of the network.", valueName: "FILE.har"))
  var replay: String?

  @Flag(help: "With --replay: a request sent more often than it was recorded gets its last response again (with a warning) instead of failing.")
  var replayReuseLast = false

  @Option(help: "Stop after this many step entries (goto loops included).")
  var maxSteps = 10_000

  @Option(help: ArgumentHelp("Per-request timeout, e.g. 30s, 500ms (at most 24h).", valueName: "DURATION"))
  var timeout: String?

  @Option(help: ArgumentHelp("Whole-run deadline, e.g. 10m (at most 24h); no request or wait goes past it.", valueName: "DURATION"))
  var deadline: String?

  @Option(help: ArgumentHelp("Pause before re-entering a step (polling), e.g. 2s (at most 24h).", valueName: "DURATION"))
  var loopDelay: String?

  @Flag(help: "Read the document by the letter of the spec: quirks are errors, null outputs fail.")
  var strict = false

  @Flag(help: "Show secrets (tokens, Authorization and Cookie headers) instead of REDACTED.")
  var showSecrets = false

  func validate() throws {
    for (flag, values) in [("--server", servers), ("--input", inputs)] {
      for value in values where !value.contains("=") {
        throw ValidationError("\(flag) expects NAME=VALUE, got '\(value)'")
      }
    }
    for (name, url) in pairs(servers).sorted(by: { $0.key < $1.key }) {
      if let problem = ServerOverride.problem(with: url) {
        throw ValidationError("--server \(name)=\(url): \(problem)")
      }
    }
    for (flag, value) in [("--timeout", timeout), ("--deadline", deadline), ("--loop-delay", loopDelay)] {
      guard let value else { continue }
      guard let parsed = Self.parseDuration(value) else {
        throw ValidationError("\(flag): '\(value)' is not a duration (e.g. 500ms, 30s, 2m)")
      }
      if parsed.clamped {
        throw ValidationError("\(flag): '\(value)' is longer than 24h, the longest duration allowed")
      }
    }
    if record != nil && replay != nil { throw ValidationError("--record and --replay exclude each other") }
    if replayReuseLast && replay == nil { throw ValidationError("--replay-reuse-last needs --replay") }
    if maxSteps < 1 { throw ValidationError("--max-steps must be at least 1") }
  }

  /// Parses `500ms`, `30s`, `2m`, `1h` or a number of seconds, at most `Duration.maximumWait`
  /// (a day; `clamped`: it said more, `inf` and `1e300s` included); nil when it is not one.
  static func parseDuration(_ text: String) -> (duration: Duration, clamped: Bool)? {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    for (suffix, scale) in units where text.hasSuffix(suffix) {
      if let n = Double(text.dropLast(suffix.count)) {
        return Duration.seconds(n * scale, limit: .maximumWait)
      }
    }
    return Double(text).flatMap { Duration.seconds($0, limit: .maximumWait) }
  }

  /// A duration option's value (`validate()` refused any that is not one, or is too long).
  static func duration(_ text: String) -> Duration? { parseDuration(text)?.duration }

  /// The run's policies (`secrets`: the prepared run's learned secrets).
  func runOptions(_ prepared: Prepared) -> RunOptions {
    var options = RunOptions()
    options.maxSteps = maxSteps
    options.strict = strict
    options.timeout = timeout.flatMap(Self.duration)
    options.deadline = deadline.flatMap(Self.duration).map { .now + $0 }
    options.loopDelay = loopDelay.flatMap(Self.duration)
    options.serverOverrides = pairs(servers)
    options.secrets = prepared.learned
    return options
  }

  /// What a run starts from, once the document is valid and the inputs bound.
  struct Prepared {
    var program: Program
    var workflow: WorkflowCode
    var inputs: JSONValue
    /// `$sourceDescriptions.<name>.<field>`: the entry document's source description objects.
    var sources: [String: JSONObject]
    var redactor: Redactor
    /// Secrets found while running (nil with --show-secrets); the run's options take it.
    var learned: LearnedSecrets?
  }

  /// Validates and lowers `file` (an invalid one exits with `invalidDocument`, its diagnostics
  /// on stderr; warnings go there too), picks the workflow, checks `--server` names and binds
  /// the inputs (bad ones exit 2): nothing is sent before all of that passed.
  func prepare(file: String, invalidDocument: Int32) throws -> Prepared {
    let options = LoweringOptions(
      strict: strict, sourceOverrides: sourceOptions.overrides, root: sourceOptions.root,
      // A run without its description can only fail: refuse it before any request.
      requireLocalSources: true)
    let (lowered, diagnostics, report) = Lowering.lowerWithReport(path: file, options: options)
    var sourceFields: [String: JSONObject] = [:]
    for source in report.document?.sourceDescriptions ?? [] {
      var fields = JSONObject()
      fields["name"] = .string(source.name.value)
      fields["url"] = .string(source.url.value)
      if let type = source.type?.value { fields["type"] = .string(type.rawValue) }
      sourceFields[source.name.value] = fields
    }
    var fileInputs: JSONValue?
    if let inputsFile { fileInputs = try readJSON(inputsFile) }
    // Diagnostics never show the secrets given as inputs, whatever the document made arazzo read.
    let early = Redactor(
      secrets: knownSecrets(in: report, arguments: inputs, file: fileInputs),
      showSecrets: showSecrets)
    let renderer = DiagnosticRenderer(colored: Terminal.standardError.usesColor)
    guard let program = lowered else {
      Terminal.standardError.write(early.scrub(renderer.renderEach(diagnostics)))
      throw ExitCode(invalidDocument)
    }
    Terminal.standardError.write(
      early.scrub(renderer.renderBrief(diagnostics.filter { $0.severity == .warning })))
    let chosen = workflow.map { program.workflow(named: $0) } ?? program.workflows.first
    guard let selected = chosen else {
      Terminal.standardError.writeLine("error: no workflow '\(workflow ?? "")'; workflows: \(program.workflows.map(\.name).joined(separator: ", "))")
      throw ExitCode(2)
    }

    // A --server for a source no request uses is a typo that would send the run (and its
    // credentials) to the document's real servers: refuse it.
    var used: [String] = []
    for code in program.workflows {
      for case .request(let request) in code.instructions {
        if case .resolved(let operation) = request.operation, !used.contains(operation.source) {
          used.append(operation.source)
        }
      }
    }
    for name in pairs(servers).keys.sorted() where !used.contains(name) {
      Terminal.standardError.writeLine(
        "error: --server \(name)=…: no request uses a source description '\(name)'; sources: \(used.joined(separator: ", "))")
      throw ExitCode(2)
    }

    // Inputs: --input over ARAZZO_INPUT_* over --inputs; one error per problem, before any request.
    let binding = InputBinder(schema: selected.inputs).bind(
      arguments: inputs, file: fileInputs, environment: ProcessInfo.processInfo.environment)
    if !binding.errors.isEmpty {
      for error in binding.errors { Terminal.standardError.writeLine(early.scrub("error: \(error)")) }
      throw ExitCode(2)
    }
    // An input the schema does not declare is probably a typo: say so, but run.
    for warning in binding.warnings {
      Terminal.standardError.writeLine(early.scrub("warning: \(warning)"))
    }

    // Secrets: secret inputs' strings are scrubbed from everything printed or recorded.
    let secrets = Set(Redactor.secretValues(ofInputs: binding.inputs, schema: selected.inputs))
      .union(early.secrets)
    // Secrets found while running (a login's token, once sent as Authorization or kept in an
    // output named token) join them, in everything written from then on and in the recording.
    let learned = showSecrets ? nil : LearnedSecrets(known: secrets)
    return Prepared(
      program: program, workflow: selected, inputs: binding.inputs, sources: sourceFields,
      redactor: Redactor(secrets: secrets, showSecrets: showSecrets, learned: learned),
      learned: learned)
  }

  /// The transport under redirects and recording: a replay of `--replay`, else live HTTP with
  /// `--timeout` and `--deadline`. Each call makes a fresh one (a replay starts over).
  func baseTransport(redactor: Redactor) throws -> any HTTPTransport {
    if let replay {
      do {
        let warned = ReuseWarnings()
        return try ReplayTransport(
          path: replay, redactor: redactor, reuseLast: replayReuseLast,
          onReuse: { method, url, recorded in warned.first(method, url, recorded) })
      } catch {
        Terminal.standardError.writeLine("error: cannot replay '\(replay)': \(error)")
        throw ExitCode(2)
      }
    }
    var configuration = LiveTransport.Configuration()
    if let t = timeout.flatMap(Self.duration) { configuration.timeout = t }
    if let d = deadline.flatMap(Self.duration) { configuration.deadline = .now + d }
    return LiveTransport(configuration: configuration)
  }
}

/// `--replay-reuse-last`'s warning, said once per request: the first time a request is answered
/// again with its last recorded response.
private final class ReuseWarnings: Sendable {
  private let seen = Mutex<Set<String>>([])

  func first(_ method: String, _ url: String, _ recorded: Int) {
    let key = method + " " + url
    guard seen.withLock({ $0.insert(key).inserted }) else { return }
    let times = recorded == 1 ? "once" : "\(recorded) times"
    Terminal.standardError.write(
      "warning[\(DiagnosticCode.replayExhausted.rawValue)]: \(key) was recorded \(times); "
        + "--replay-reuse-last answers it again with the last recorded response\n")
  }
}
