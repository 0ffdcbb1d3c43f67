import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import ArgumentParser
import Foundation
import Synchronization

/// The options `run` and `debug` share: which workflow, its inputs, where requests go (or which
/// recording answers them), limits and secrets: a `RunRequest` for `RunPlan`, and the transport.
/// `test` shares the inputs and the limits (`RunInputOptions`, `RunLimitOptions`).
struct RunArguments: ParsableArguments {
  @Option(help: "The workflow to run (default: the document's first).")
  var workflow: String?

  @OptionGroup var given: RunInputOptions

  @Option(
    help: ArgumentHelp(
      "Record every exchange as HTTP Archive 1.2 (secrets redacted).", valueName: "FILE.har"))
  var record: String?

  @Option(
    help: ArgumentHelp(
      "Serve responses from a HAR recording instead of the network.", valueName: "FILE.har"))
  var replay: String?

  @Flag(
    help:
      "With --replay: a request sent more often than it was recorded gets its last response again (with a warning) instead of failing."
  )
  var replayReuseLast = false

  @OptionGroup var limits: RunLimitOptions

  func validate() throws {
    if record != nil && replay != nil {
      throw ValidationError("--record and --replay exclude each other")
    }
    if replayReuseLast && replay == nil {
      throw ValidationError("--replay-reuse-last needs --replay")
    }
  }

  var showSecrets: Bool { limits.showSecrets }

  /// The run these options ask for, on `file` (an unreadable `--inputs` file exits 2).
  func request(file: String) throws -> RunRequest {
    var request = RunRequest(document: file, workflow: workflow)
    try given.apply(to: &request)
    limits.apply(to: &request)
    return request
  }

  /// Sets the run up (`RunPlan`) and prints its warnings on stderr, a line each. A refused run
  /// prints why and exits 2: an invalid document as `validate` shows it, a wrong set-up (no
  /// such workflow, a bad `--server`, bad inputs) a line per problem. Nothing has been sent.
  func plan(file: String) throws -> RunPlan {
    let request = try request(file: file)
    let renderer = DiagnosticRenderer(colored: Terminal.standardError.usesColor)
    do {
      let plan = try RunPlan(request)
      Terminal.standardError.write(
        plan.redactor.scrub(
          renderer.renderBrief(plan.warnings) + DiagnosticRenderer.meanings(plan.warnings)))
      return plan
    } catch {
      let diagnostics = error.diagnostics
      let shown =
        error.documentInvalid ? renderer.renderEach(diagnostics) : renderer.renderBrief(diagnostics)
      Terminal.standardError.write(error.redactor.scrub(shown))
      throw ExitCode(2)
    }
  }

  /// The transport under redirects and recording: a replay of `--replay`, else live HTTP with
  /// the plan's timeout and deadline. Each call makes a fresh one (a replay starts over).
  func baseTransport(_ plan: RunPlan) throws -> any HTTPTransport {
    try Self.baseTransport(plan, replay: replay, reuseLast: replayReuseLast)
  }

  /// A replay of the HAR file `replay`, else live HTTP with the plan's timeout and deadline; an
  /// unreadable recording is said on stderr and exits 2.
  static func baseTransport(
    _ plan: RunPlan, replay: String?, reuseLast: Bool
  ) throws -> any HTTPTransport {
    do {
      let warned = ReuseWarnings()
      return try plan.baseTransport(
        replay: replay, reuseLast: reuseLast,
        onReuse: { method, url, recorded in warned.first(method, url, recorded) })
    } catch {
      Terminal.standardError.writeLine("error: cannot replay '\(replay ?? "")': \(error)")
      throw ExitCode(2)
    }
  }
}

/// The inputs and servers of a run (`run`, `debug`, `test`): `--input`, `--inputs`, `--server`,
/// `--source` and `--root`.
struct RunInputOptions: ParsableArguments {
  @Option(
    name: .customLong("input"), help: ArgumentHelp("An input value.", valueName: "NAME=VALUE"))
  var inputs: [String] = []

  @Option(
    name: .customLong("inputs"),
    help: ArgumentHelp("A JSON file of inputs.", valueName: "FILE.json"))
  var inputsFile: String?

  @Option(
    name: .customLong("server"),
    help: ArgumentHelp(
      "Send a source description's requests to another server.", valueName: "SOURCE=URL"))
  var servers: [String] = []

  @OptionGroup var sourceOptions: SourceOptions

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
  }

  /// Sets the request's inputs, environment, servers and sources (an unreadable `--inputs`
  /// file exits 2).
  func apply(to request: inout RunRequest) throws {
    request.inputArguments = inputs
    if let inputsFile { request.inputs = try readJSON(inputsFile) }
    request.environment = ProcessInfo.processInfo.environment
    request.servers = pairs(servers)
    request.sources = sourceOptions.overrides
    request.root = sourceOptions.root
  }
}

/// The limits of a run and how it reads the document (`run`, `debug`, `test`): `--max-steps`,
/// `--timeout`, `--deadline`, `--loop-delay`, `--strict`, `--show-secrets`, `--check`.
struct RunLimitOptions: ParsableArguments {
  @Option(help: "Stop after this many step entries (goto loops included).")
  var maxSteps = 10_000

  @Option(
    help: ArgumentHelp("Per-request timeout, e.g. 30s, 500ms (at most 24h).", valueName: "DURATION")
  )
  var timeout: String?

  @Option(
    help: ArgumentHelp(
      "Whole-run deadline, e.g. 10m (at most 24h); no request or wait goes past it.",
      valueName: "DURATION"))
  var deadline: String?

  @Option(
    help: ArgumentHelp(
      "Pause before re-entering a step (polling), e.g. 2s (at most 24h).", valueName: "DURATION"))
  var loopDelay: String?

  @Flag(help: "Read the document by the letter of the spec: quirks are errors, null outputs fail.")
  var strict = false

  @Flag(help: "Show secrets (tokens, Authorization and Cookie headers) instead of REDACTED.")
  var showSecrets = false

  @OptionGroup var checkOptions: ContractCheckOptions

  func validate() throws {
    for (flag, value) in [
      ("--timeout", timeout), ("--deadline", deadline), ("--loop-delay", loopDelay),
    ] {
      guard let value else { continue }
      guard let parsed = Self.parseDuration(value) else {
        throw ValidationError("\(flag): '\(value)' is not a duration (e.g. 500ms, 30s, 2m)")
      }
      if parsed.clamped {
        throw ValidationError(
          "\(flag): '\(value)' is longer than 24h, the longest duration allowed")
      }
    }
    if maxSteps < 1 { throw ValidationError("--max-steps must be at least 1") }
  }

  /// Parses `500ms`, `30s`, `2m`, `1h` or a number of seconds, at most `Duration.maximumWait`
  /// (a day; `clamped`: it said more, `inf` and `1e300s` included); nil when it is not one.
  static func parseDuration(_ text: String) -> (duration: Duration, clamped: Bool)? {
    Duration.parse(text)
  }

  /// A duration option's value (`validate()` refused any that is not one, or is too long).
  static func duration(_ text: String) -> Duration? { parseDuration(text)?.duration }

  /// Sets the request's limits, strictness, secrecy and contract checks; the checks start from
  /// `defaults` (all off: `run`, `debug`; all errors: `test`).
  func apply(to request: inout RunRequest, checks defaults: ContractChecks = ContractChecks()) {
    request.strict = strict
    request.showSecrets = showSecrets
    request.maxSteps = maxSteps
    request.timeout = timeout.flatMap(Self.duration)
    request.deadline = deadline.flatMap(Self.duration)
    request.loopDelay = loopDelay.flatMap(Self.duration)
    request.checks = checkOptions.checks(from: defaults)
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
