import ArazzoExpressions
import ArazzoJSON
import ArazzoSyntax

/// The state of one `Lowering.lower`: the workflows registered so far (entry document first,
/// then referenced workflows of Arazzo sources) and the diagnostics.
final class LoweringSession {
  /// One Arazzo document as lowering sees it: its components and its own sources.
  struct Scope {
    var source: ArazzoSource
    var sources: [String: LoadedSource]
    /// Prepended to workflow ids to make program names (`""` for the entry document).
    var namePrefix: String
    var isEntry: Bool
    var location: String { source.location }
    var document: ArazzoDocument { source.document }
    var loaded: LoadedDocument { source.loaded }
  }

  let sourceSet: SourceSet
  let options: LoweringOptions
  private let entry: ArazzoSource
  private(set) var diagnostics: [Diagnostic] = []
  private var scopes: [String: Scope] = [:]
  private var codes: [WorkflowCode?] = []
  private var pending: [(index: Int, workflow: Workflow, scope: Scope)] = []
  private var indexByKey: [String: Int] = [:]
  private var names: Set<String> = []
  private var seen: Set<String> = []

  init(entry: ArazzoSource, sourceSet: SourceSet, options: LoweringOptions) {
    self.entry = entry
    self.sourceSet = sourceSet
    self.options = options
  }

  func run() -> Program? {
    let scope = Scope(
      source: entry, sources: sourceSet.sources(ofDocumentAt: entry.location), namePrefix: "",
      isEntry: true)
    scopes[entry.location] = scope
    for workflow in entry.document.workflows where !workflow.workflowId.isMissing {
      _ = register(workflow, in: scope)
    }
    var next = 0
    while next < pending.count {
      let item = pending[next]
      next += 1
      codes[item.index] = lowerWorkflow(item.workflow, in: item.scope, index: item.index)
    }
    let workflows = codes.compactMap { $0 }
    guard workflows.count == codes.count else { return nil }
    var components: [String: JSONObject] = [:]
    for (location, scope) in scopes {
      if let pointer = scope.document.components?.pointer,
        case .object(let object)? = pointer.value(in: scope.loaded.root)
      {
        components[location] = object
      }
    }
    return Program(entry: entry.location, workflows: workflows, components: components)
  }

  // MARK: Workflows

  /// The program index of `workflow` of `scope`, registering it (to be lowered) on first sight.
  private func register(_ workflow: Workflow, in scope: Scope) -> Int {
    let id = workflow.workflowId.value
    let key = scope.location + "\u{0}" + id
    if let index = indexByKey[key] { return index }
    var name = scope.namePrefix + id
    var n = 2
    while names.contains(name) {
      name = scope.namePrefix + id + "#\(n)"
      n += 1
    }
    names.insert(name)
    let index = codes.count
    indexByKey[key] = index
    codes.append(nil)
    pending.append((index, workflow, scope))
    programNames[index] = name
    return index
  }

  /// The stepIds of registered workflow `index`.
  func registeredSteps(_ index: Int) -> [String]? {
    pending.first { $0.index == index }.map { $0.workflow.steps.map(\.stepId.value) }
  }

  /// The program name chosen for each registered workflow.
  private(set) var programNames: [Int: String] = [:]

  /// Resolves a `workflowId`, `dependsOn` entry or action target written in `scope`.
  func resolveWorkflow(_ reference: Located<String>, in scope: Scope) -> WorkflowRef {
    let text = reference.value
    switch TargetReference.parseId(text) {
    case .bare(let id):
      if let workflow = scope.document.workflow(id: id) {
        return WorkflowRef(reference: text, index: register(workflow, in: scope))
      }
      unresolved("no workflow '\(id)' in this document", reference: reference, severity: .error)
    case .qualified(let sourceName, let id):
      switch scope.sources[sourceName] {
      case .arazzo(let source)?:
        let target = self.scope(for: source, via: sourceName, from: scope)
        if let workflow = source.workflow(id: id) {
          return WorkflowRef(reference: text, index: register(workflow, in: target))
        }
        unresolved(
          "source '\(sourceName)' has no workflow '\(id)'", reference: reference, severity: .error)
      case .unavailable(let why)?:
        unresolved(
          "workflow '\(text)' is not resolved: source '\(sourceName)' was not loaded from \(why.location); the step fails when it runs",
          reference: reference)
      case .openapi?:
        unresolved(
          "source '\(sourceName)' is an OpenAPI description, not an Arazzo document",
          reference: reference, severity: .error)
      case nil:
        unresolved(
          "no source description named '\(sourceName)'", reference: reference, severity: .error)
      }
    case .operationPath:
      break
    }
    return WorkflowRef(reference: text, index: nil)
  }

  /// The scope of an Arazzo source document, created on first use.
  private func scope(for source: ArazzoSource, via sourceName: String, from parent: Scope) -> Scope
  {
    if let existing = scopes[source.location] { return existing }
    let scope = Scope(
      source: source, sources: sourceSet.sources(ofDocumentAt: source.location),
      namePrefix: parent.namePrefix + sourceName + ".", isEntry: false)
    scopes[source.location] = scope
    return scope
  }

  // MARK: Diagnostics

  /// Reports an operation or workflow lowering cannot resolve.
  func unresolved(
    _ message: String, reference: Located<String>, severity: Severity = .warning
  ) {
    add(Diagnostic(.unresolvedTarget, severity, message, at: reference.span))
  }

  /// Keeps what the compilers found: only errors for the entry document (the validator has
  /// already reported its warnings), everything for the documents the validator did not read.
  func absorb(_ found: [Diagnostic], in scope: Scope) {
    for diagnostic in found where !scope.isEntry || diagnostic.severity == .error {
      add(diagnostic)
    }
  }

  private func add(_ diagnostic: Diagnostic) {
    let key =
      "\(diagnostic.code.rawValue)|\(diagnostic.span?.description ?? "")|\(diagnostic.message)"
    if seen.insert(key).inserted { diagnostics.append(diagnostic) }
  }
}
