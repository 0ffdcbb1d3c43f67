import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoSyntax

/// What a run is asked to be, in plain values: what `arazzo run` and `arazzo debug` take from
/// their command line, and what a test or another front end gives.
public struct RunRequest: Sendable {
  /// The Arazzo document's path.
  public var document: String
  /// The workflow to run (its id, or its program name); nil: the document's first.
  public var workflow: String?
  /// `--input NAME=VALUE` texts, in command-line order.
  public var inputArguments: [String] = []
  /// An inputs object (`--inputs FILE.json`), the weakest source of inputs.
  public var inputs: JSONValue?
  /// Where `ARAZZO_INPUT_<NAME>` variables are read (the CLI passes the process's environment).
  public var environment: [String: String] = [:]
  /// `--server SOURCE=URL`: server URLs by source description name.
  public var servers: [String: String] = [:]
  /// `--source NAME=FILE|URL`: source description locations by name.
  public var sources: [String: String] = [:]
  /// `--root DIR`: the folder the document may read files in (nil: its git repository).
  public var root: String?
  /// `--strict`: the document by the letter of the spec, and null outputs fail.
  public var strict = false
  /// `--show-secrets`: nothing is redacted and no secret is learned.
  public var showSecrets = false
  /// `--max-steps`.
  public var maxSteps = 10_000
  /// `--timeout`, per request.
  public var timeout: Duration?
  /// `--deadline`, counted from when the plan is made.
  public var deadline: Duration?
  /// `--loop-delay`.
  public var loopDelay: Duration?
  /// `--check`: the contract checks and how a failure counts.
  public var checks = ContractChecks()

  public init(document: String, workflow: String? = nil, inputs: JSONValue? = nil) {
    self.document = document
    self.workflow = workflow
    self.inputs = inputs
  }
}

/// A document validated and lowered the way a run needs it (a missing local source is an
/// error): what `RunPlan` starts from.
public struct LoweredDocument: Sendable {
  /// The program; nil when the document is invalid.
  public var program: Program?
  /// The document's diagnostics, validation's and lowering's.
  public var diagnostics: [Diagnostic]
  /// The validation report: the model and the loaded source descriptions.
  public var report: ValidationReport

  /// Validates and lowers `request.document` with the request's strictness and sources.
  public init(_ request: RunRequest) {
    let lowering = LoweringOptions(
      strict: request.strict, sourceOverrides: request.sources, root: request.root,
      // A run without its description can only fail: refuse it before any request.
      requireLocalSources: true)
    (program, diagnostics, report) = Lowering.lowerWithReport(
      path: request.document, options: lowering)
  }
}

/// Why a run cannot start: every diagnostic found, in order (the document's warnings first).
public struct RunRefusal: Error {
  public var diagnostics: [Diagnostic]
  /// The document itself is invalid (validation or lowering refused it), so `diagnostics` are
  /// the document's, shown as `validate` shows them; else the run's set-up is wrong.
  public var documentInvalid: Bool
  /// What is printed of `diagnostics` is scrubbed by it: secrets given as inputs never show,
  /// whatever the document made arazzo read.
  public var redactor: Redactor
}

/// A run ready to start: the one way `run`, `debug` and the tests set a run up.
///
/// Made from a `RunRequest`, it validates and lowers the document (a missing local source is
/// an error), picks the workflow, checks the server overrides and binds the inputs, and learns
/// which values are secret. It prints nothing and sends nothing: what is wrong comes back as a
/// `RunRefusal`, what is only worth saying as `warnings`.
public struct RunPlan: Sendable {
  public var program: Program
  public var workflow: WorkflowCode
  /// The bound inputs (typed, schema defaults applied).
  public var inputs: JSONValue
  /// `$sourceDescriptions.<name>.<field>`: the entry document's source description objects.
  public var sources: [String: JSONObject]
  /// Hides the secrets (secret inputs, and those learned while running) in everything shown or
  /// recorded; it shares `options.secrets` with the machine.
  public var redactor: Redactor
  /// The run's policies, `secrets` included (nil with `showSecrets`).
  public var options: RunOptions
  /// The document's warnings and the set-up's (an undeclared input, say), in order.
  public var warnings: [Diagnostic]

  /// Sets the run up; nothing is sent before all of it passed.
  public init(_ request: RunRequest) throws(RunRefusal) {
    try self.init(request, lowered: LoweredDocument(request))
  }

  /// Sets the run up on a document already lowered for `request` (its document, strictness,
  /// sources and root): several workflows of one document share one lowering.
  public init(_ request: RunRequest, lowered document: LoweredDocument) throws(RunRefusal) {
    let (lowered, diagnostics, report) = (document.program, document.diagnostics, document.report)
    // Diagnostics never show the secrets given as inputs, whatever the document made arazzo read.
    let early = Redactor(
      secrets: InputBinder.knownSecrets(
        in: report, arguments: request.inputArguments, file: request.inputs,
        environment: request.environment),
      showSecrets: request.showSecrets)
    guard let program = lowered else {
      throw RunRefusal(diagnostics: diagnostics, documentInvalid: true, redactor: early)
    }
    var said = diagnostics.filter { $0.severity == .warning }
    func refusal(_ more: [Diagnostic]) -> RunRefusal {
      RunRefusal(diagnostics: said + more, documentInvalid: false, redactor: early)
    }

    let chosen = request.workflow.map { program.workflow(named: $0) } ?? program.workflows.first
    guard let workflow = chosen else {
      let names = program.workflows.map(\.name).joined(separator: ", ")
      throw refusal([
        Diagnostic(
          .noSuchWorkflow, "no workflow '\(request.workflow ?? "")'; workflows: \(names)", at: nil)
      ])
    }
    var errors = Self.serverProblems(request.servers, program: program)

    // Inputs: --input over ARAZZO_INPUT_* over the inputs object; one error per problem.
    let binding = InputBinder(schema: workflow.inputs).bind(
      arguments: request.inputArguments, file: request.inputs, environment: request.environment)
    errors += binding.errors.map { Diagnostic(.invalidInput, "\($0)", at: nil) }
    // An input the schema does not declare is probably a typo: say so, but run.
    said += binding.warnings.map { Diagnostic(.undeclaredInput, $0, at: nil) }
    guard errors.isEmpty else { throw refusal(errors) }

    // Secrets: secret inputs' strings are scrubbed from everything printed or recorded. Secrets
    // found while running (a login's token, once sent as Authorization or kept in an output
    // named token) join them, in everything written from then on and in the recording.
    let secrets = Set(Redactor.secretValues(ofInputs: binding.inputs, schema: workflow.inputs))
      .union(early.secrets)
    let learned = request.showSecrets ? nil : LearnedSecrets(known: secrets)
    var options = RunOptions()
    options.maxSteps = request.maxSteps
    options.strict = request.strict
    options.timeout = request.timeout
    options.deadline = request.deadline.map { .now + $0 }
    options.loopDelay = request.loopDelay
    options.serverOverrides = request.servers
    options.checks = request.checks
    options.secrets = learned
    self.program = program
    self.workflow = workflow
    self.inputs = binding.inputs
    self.sources = Self.sourceFields(report)
    self.redactor = Redactor(secrets: secrets, showSecrets: request.showSecrets, learned: learned)
    self.options = options
    self.warnings = said
  }

  /// A machine for the plan, over `transport`.
  public func machine(
    transport: any HTTPTransport, observer: RunObserver? = nil,
    sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
  ) -> Machine {
    Machine(
      program: program, transport: transport, options: options, sources: sources,
      observer: observer, sleep: sleep)
  }

  /// What is wrong with the server overrides: a URL that is not one, and a source no request
  /// uses (a typo that would send the run, and its credentials, to the document's real servers).
  static func serverProblems(_ servers: [String: String], program: Program) -> [Diagnostic] {
    var used: [String] = []
    for code in program.workflows {
      for case .request(let request) in code.instructions {
        if case .resolved(let operation) = request.operation, !used.contains(operation.source) {
          used.append(operation.source)
        }
      }
    }
    var problems: [Diagnostic] = []
    for (name, url) in servers.sorted(by: { $0.key < $1.key }) {
      if let problem = ServerOverride.problem(with: url) {
        problems.append(Diagnostic(.invalidServer, "--server \(name)=\(url): \(problem)", at: nil))
      } else if !used.contains(name) {
        problems.append(
          Diagnostic(
            .unusedServer,
            "--server \(name)=…: no request uses a source description '\(name)'; sources: \(used.joined(separator: ", "))",
            at: nil))
      }
    }
    return problems
  }

  /// `$sourceDescriptions.<name>.<field>` values: each source description's name, url and type.
  static func sourceFields(_ report: ValidationReport) -> [String: JSONObject] {
    var fields: [String: JSONObject] = [:]
    for source in report.document?.sourceDescriptions ?? [] {
      var object = JSONObject()
      object["name"] = .string(source.name.value)
      object["url"] = .string(source.url.value)
      if let type = source.type?.value { object["type"] = .string(type.rawValue) }
      fields[source.name.value] = object
    }
    return fields
  }
}
