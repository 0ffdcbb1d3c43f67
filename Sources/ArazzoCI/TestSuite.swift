import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime
import Foundation

/// What `arazzo test` is asked to do, in plain values.
public struct TestConfiguration: Sendable {
  /// Documents and folders (searched recursively); default: the current folder.
  public var paths: [String] = ["."]
  /// `--workflow`: only these workflowIds (empty: every workflow).
  public var workflows: [String] = []
  /// `--skip`: not these workflowIds.
  public var skip: [String] = []
  /// Every workflow's settings: `--input`, `ARAZZO_INPUT_*`, `--inputs`, `--server`,
  /// `--source`, `--root`, strictness, secrets and limits. Its document and workflow are
  /// each case's own.
  public var request: RunRequest
  /// `--record DIR` / `--replay DIR`: one HAR per workflow, `<stem>.<workflowId>.har`.
  public var record: String?
  public var replay: String?
  /// How many workflows run at once.
  public var jobs = 1

  public init(request: RunRequest) { self.request = request }
}

/// A document of the suite: its path as found, the name recordings use, and its lowering.
public struct TestDocument: Sendable {
  public var path: String
  /// `petshop` for `…/petshop.arazzo.yaml`.
  public var stem: String
  public var lowered: LoweredDocument
  /// The document's own warnings (validation and lowering), said once for all its workflows.
  public var warnings: [Diagnostic]
}

/// One test case: a workflow of a document, set up and ready to run.
public struct TestCase: Sendable {
  /// The index of its document in `TestSuite.documents`.
  public var document: Int
  public var workflowId: String
  public var plan: RunPlan
  /// The cases that must finish before this one starts: those of the workflows it depends
  /// on (`dependsOn`, or a step's `dependsOn` naming another workflow's step).
  public var dependencies: [Int]
  /// `--record DIR/<stem>.<workflowId>.har`, `--replay DIR/<stem>.<workflowId>.har`.
  public var recordPath: String?
  public var replayPath: String?
  /// The set-up's warnings for this workflow (an undeclared input, say).
  public var warnings: [Diagnostic]
}

/// Why a document or a workflow cannot be tested; the suite does not start.
public enum TestProblem: Sendable {
  /// The document is invalid: its diagnostics, as `validate` shows them.
  case invalidDocument(path: String, diagnostics: [Diagnostic])
  /// The workflow's run cannot be set up (missing or bad inputs, a bad server): its refusal.
  case refused(path: String, workflowId: String, diagnostics: [Diagnostic], redactor: Redactor)
  /// Anything else, a line.
  case setup(String)
}

/// Every case of a run of `arazzo test`, set up before anything is sent.
public struct TestSuite: Sendable {
  public var configuration: TestConfiguration
  public var documents: [TestDocument]
  public var cases: [TestCase]
  /// What is worth saying but does not stop the suite (an `--input` no workflow declares).
  public var notes: [String]

  /// Finds the documents, validates and lowers each, and sets every chosen workflow up. Every
  /// document is checked, one invalid document does not hide another's diagnostics: the
  /// problems come back together, and the suite only exists when there are none.
  public static func prepare(_ configuration: TestConfiguration) -> Result<TestSuite, TestFailure> {
    var problems: [TestProblem] = []
    let paths: [String]
    do {
      paths = try TestDiscovery.documents(in: configuration.paths)
    } catch {
      return .failure(TestFailure(problems: [.setup(error.message)]))
    }
    var suite = TestSuite(configuration: configuration, documents: [], cases: [], notes: [])
    var known = Set<String>()
    var declared = Set<String>()
    for path in paths {
      var request = configuration.request
      request.document = path
      let lowered = LoweredDocument(request)
      guard let program = lowered.program else {
        problems.append(.invalidDocument(path: path, diagnostics: lowered.diagnostics))
        continue
      }
      let warnings = lowered.diagnostics.filter { $0.severity == .warning }
      let documentIndex = suite.documents.count
      suite.documents.append(
        TestDocument(
          path: path, stem: TestDiscovery.stem(of: path), lowered: lowered, warnings: warnings))
      let sidecar: TestSidecar
      do {
        sidecar = try TestSidecar.load(for: path)
      } catch {
        problems.append(.setup(error.message))
        continue
      }
      let own = program.workflows.filter { $0.document == program.entry }
      for id in sidecar.workflows.keys.sorted() where !own.contains(where: { $0.workflowId == id })
      {
        problems.append(
          .setup(
            "\(TestSidecar.path(for: path)): no workflow '\(id)' in \(path); workflows: "
              + own.map(\.workflowId).joined(separator: ", ")))
      }
      known.formUnion(own.map(\.workflowId))
      for code in own where chosen(code.workflowId, configuration) {
        declared.formUnion(Self.declaredInputs(code.inputs) ?? [])
        let setting = sidecar.workflows[code.workflowId]
        var each = request
        each.workflow = code.name
        each.inputArguments = filtered(request.inputArguments, declared: code.inputs)
        each.inputs = merged(
          setting?.inputs ?? JSONObject(), under: request.inputs?.objectValue, declared: code.inputs
        )
        each.servers = sidecar.servers.merging(setting?.servers ?? [:]) { $1 }
          .merging(request.servers) { $1 }
        do {
          let plan = try RunPlan(each, lowered: lowered)
          let file = "\(suite.documents[documentIndex].stem).\(code.workflowId).har"
          let replay = configuration.replay.map { ($0 as NSString).appendingPathComponent(file) }
          if let replay {
            if !FileManager.default.fileExists(atPath: replay) {
              problems.append(
                .setup("\(path): workflow '\(code.workflowId)': no recording '\(replay)'"))
            } else {
              do { _ = try HARLog.read(path: replay) } catch {
                problems.append(.setup("cannot replay '\(replay)': \(error)"))
              }
            }
          }
          suite.cases.append(
            TestCase(
              document: documentIndex, workflowId: code.workflowId, plan: plan, dependencies: [],
              recordPath: configuration.record.map {
                ($0 as NSString).appendingPathComponent(file)
              },
              replayPath: replay, warnings: Array(plan.warnings.dropFirst(warnings.count))))
        } catch {
          problems.append(
            .refused(
              path: path, workflowId: code.workflowId, diagnostics: error.diagnostics,
              redactor: error.redactor))
        }
      }
    }
    // An invalid document's workflows are unknown: a name may be one of them.
    let someInvalid = suite.documents.count < paths.count
    for id in configuration.workflows + configuration.skip where !known.contains(id) && !someInvalid
    {
      problems.append(.setup("no workflow '\(id)' in the documents tested"))
    }
    guard problems.isEmpty else { return .failure(TestFailure(problems: problems)) }
    if suite.cases.isEmpty {
      return .failure(TestFailure(problems: [.setup("no workflow to test (all skipped)")]))
    }
    for name in inputNames(configuration.request) where !declared.contains(name) {
      suite.notes.append("input '\(name)' is declared by no workflow tested")
    }
    suite.linkDependencies()
    return .success(suite)
  }

  /// Whether the configuration's `--workflow` and `--skip` choose `workflowId`.
  static func chosen(_ workflowId: String, _ configuration: TestConfiguration) -> Bool {
    (configuration.workflows.isEmpty || configuration.workflows.contains(workflowId))
      && !configuration.skip.contains(workflowId)
  }

  /// The property names an inputs schema declares; nil when it declares none (then every
  /// input is passed, and the run warns about those it does not know).
  static func declaredInputs(_ schema: JSONValue?) -> Set<String>? {
    guard let properties = schema?["properties"]?.objectValue, !properties.members.isEmpty else {
      return nil
    }
    return Set(properties.members.map(\.key))
  }

  /// The `NAME=VALUE` arguments whose name the workflow declares: one `--input` serves every
  /// workflow tested, each takes what it knows.
  static func filtered(_ arguments: [String], declared schema: JSONValue?) -> [String] {
    guard let names = declaredInputs(schema) else { return arguments }
    return arguments.filter { names.contains(String($0.prefix { $0 != "=" })) }
  }

  /// The sidecar's inputs with the `--inputs` file's members the workflow declares over them.
  static func merged(
    _ sidecar: JSONObject, under file: JSONObject?, declared schema: JSONValue?
  )
    -> JSONValue?
  {
    var inputs = sidecar
    let names = declaredInputs(schema)
    for (key, value) in file?.members ?? [] where names?.contains(key) ?? true {
      inputs[key] = value
    }
    return inputs.members.isEmpty ? nil : .object(inputs)
  }

  /// The input names given on the command line and in the `--inputs` file.
  static func inputNames(_ request: RunRequest) -> [String] {
    var names = request.inputArguments.map { String($0.prefix { $0 != "=" }) }
    names += request.inputs?.objectValue?.members.map(\.key) ?? []
    var seen = Set<String>()
    return names.filter { seen.insert($0).inserted }
  }

  /// Sets each case's `dependencies`: the cases of the same document whose workflow it names
  /// in `dependsOn` or in a step's `dependsOn`.
  mutating func linkDependencies() {
    for i in cases.indices {
      let document = cases[i].document
      let program = cases[i].plan.program
      let code = cases[i].plan.workflow
      var targets = code.dependsOn.compactMap(\.index)
      for case .step(let entry) in code.instructions {
        for case .workflowStep(let ref, _) in entry.dependsOn {
          if let index = ref.index { targets.append(index) }
        }
      }
      var dependencies: [Int] = []
      for target in targets where program.workflows.indices.contains(target) {
        let name = program.workflows[target].workflowId
        guard program.workflows[target].document == program.entry,
          let j = cases.firstIndex(where: { $0.document == document && $0.workflowId == name }),
          j != i, !dependencies.contains(j)
        else { continue }
        dependencies.append(j)
      }
      cases[i].dependencies = dependencies
    }
  }
}

/// Why the suite does not start: every problem found (exit 2).
public struct TestFailure: Error, Sendable {
  public var problems: [TestProblem]
}
