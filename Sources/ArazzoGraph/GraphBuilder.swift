import ArazzoExpressions
import ArazzoIR
import ArazzoJSON

extension WorkflowGraph {
  /// The error when a requested workflow is not in the program.
  public struct UnknownWorkflow: Error, Sendable, Equatable {
    public var name: String
    /// The program's workflow names, for the message.
    public var known: [String]
    public var message: String {
      "no workflow '\(name)' (workflows: \(known.joined(separator: ", ")))"
    }
  }

  /// The graph of workflow `name` (a program name, as `arazzo lower` prints it) and of every
  /// workflow it reaches; nil `name`: every workflow of the entry document and what they reach.
  public init(program: Program, workflow name: String? = nil) throws(UnknownWorkflow) {
    let roots: [Int]
    if let name {
      guard let index = program.index(ofWorkflow: name) else {
        throw UnknownWorkflow(name: name, known: program.workflows.map(\.name))
      }
      roots = [index]
    } else {
      roots = program.workflows.indices.filter { program.workflows[$0].document == program.entry }
    }
    self = GraphBuilder(program: program).build(roots: roots)
  }
}

/// Builds a `WorkflowGraph` from the IR: reads each workflow's instructions once, switching over
/// `Instruction`, and turns every jump a `dispatch` can take into an edge.
struct GraphBuilder {
  let program: Program
  /// Label lines are cut to this many characters (a hostile step id stays one short line).
  static let labelLimit = 60
  /// Output names on one line of the `return` node, and at most this many names in all.
  static let lineWidth = 40
  static let maxOutputs = 12

  private var nodes: [WorkflowGraph.Node] = []
  private var edges: [WorkflowGraph.Edge] = []
  /// Unresolved workflow references, each drawn once, by reference.
  private var unresolved: [String: String] = [:]
  /// Each drawn workflow's steps: their position by step id.
  private var stepPositions: [Int: [String: Int]] = [:]

  init(program: Program) { self.program = program }

  /// The roots first, then every workflow they reach (calls, gotos, retry targets, dependsOn),
  /// breadth first: a loop over indexes, so cycles and recursion end.
  func reachable(from roots: [Int]) -> [Int] {
    var order: [Int] = []
    var seen = Set<Int>()
    var queue = roots.filter { program.workflows.indices.contains($0) }
    var head = 0
    while head < queue.count {
      let index = queue[head]
      head += 1
      guard program.workflows.indices.contains(index), seen.insert(index).inserted else {
        continue
      }
      order.append(index)
      queue += references(of: program.workflows[index]).compactMap(\.index)
    }
    return order
  }

  /// Every workflow reference of a workflow's code.
  private func references(of code: WorkflowCode) -> [WorkflowRef] {
    var refs = code.dependsOn
    for instruction in code.instructions {
      switch instruction {
      case .step(let entry):
        for case .workflowStep(let ref, _) in entry.dependsOn { refs.append(ref) }
      case .call(let call):
        refs.append(call.target)
      case .dispatch(let dispatch):
        let effects =
          dispatch.onSuccess.map(\.effect) + dispatch.onFailure.map(\.effect)
          + [dispatch.successDefault, dispatch.failureDefault]
        for effect in effects {
          switch effect {
          case .gotoWorkflow(let ref, _): refs.append(ref)
          case .retry(let retry):
            if case .workflow(let ref, _)? = retry.target { refs.append(ref) }
          default: break
          }
        }
      case .request, .check, .outputs, .return, .fail:
        break
      }
    }
    return refs
  }

  func build(roots: [Int]) -> WorkflowGraph {
    var builder = self
    let drawn = reachable(from: roots)
    var clusters: [WorkflowGraph.Cluster] = []
    for index in drawn {
      clusters.append(builder.addNodes(of: index))
    }
    for index in drawn {
      builder.addEdges(of: index)
    }
    return WorkflowGraph(clusters: clusters, nodes: builder.nodes, edges: builder.edges)
  }

  // MARK: Nodes

  static func startId(_ workflow: Int) -> String { "w\(workflow)_start" }
  static func stepId(_ workflow: Int, _ step: Int) -> String { "w\(workflow)_s\(step)" }
  static func returnId(_ workflow: Int) -> String { "w\(workflow)_return" }
  static func failId(_ workflow: Int) -> String { "w\(workflow)_fail" }

  private mutating func addNodes(of index: Int) -> WorkflowGraph.Cluster {
    let code = program.workflows[index]
    let cluster = "wf\(index)"
    var positions: [String: Int] = [:]
    for (k, step) in code.steps.enumerated() where positions[step.id] == nil {
      positions[step.id] = k
    }
    stepPositions[index] = positions
    var ids = [Self.startId(index)]
    nodes.append(.init(id: ids[0], kind: .start, title: "start", details: [], cluster: cluster))
    for (k, step) in code.steps.enumerated() {
      let id = Self.stepId(index, k)
      ids.append(id)
      var kind = WorkflowGraph.NodeKind.operation
      var details: [String] = []
      if code.instructions.indices.contains(step.pc + 1) {
        switch code.instructions[step.pc + 1] {
        case .request(let request):
          switch request.operation {
          case .resolved(let op): details = [Self.short("\(op.method) \(op.pathTemplate)")]
          case .unresolved(let reference, _): details = [Self.short("unresolved \(reference)")]
          }
        case .call(let call):
          kind = .subWorkflow
          details = [Self.short("runs " + name(call.target))]
        case .step, .check, .outputs, .dispatch, .return, .fail:
          break
        }
      }
      nodes.append(
        .init(
          id: id, kind: kind, title: Self.short(step.id), details: details, cluster: cluster,
          workflowIndex: index, stepId: step.id))
    }
    var outputs: [String] = []
    if code.instructions.indices.contains(code.returnPC),
      case .return(let r) = code.instructions[code.returnPC]
    {
      outputs = r.outputs.map(\.name)
    }
    ids += [Self.returnId(index), Self.failId(index)]
    nodes.append(
      .init(
        id: Self.returnId(index), kind: .succeed, title: "return",
        details: Self.wrapped(outputs), cluster: cluster))
    nodes.append(
      .init(id: Self.failId(index), kind: .fail, title: "fail", details: [], cluster: cluster))
    return .init(id: cluster, workflowIndex: index, name: code.name, nodes: ids)
  }

  /// Output names as `outputs: a, b` lines of about `lineWidth` characters.
  static func wrapped(_ names: [String]) -> [String] {
    guard !names.isEmpty else { return [] }
    var shown = names.prefix(maxOutputs).map { short($0) }
    if names.count > maxOutputs { shown.append("… \(names.count - maxOutputs) more") }
    var lines: [String] = []
    var line = "outputs:"
    for (i, name) in shown.enumerated() {
      let piece = name + (i < shown.count - 1 ? "," : "")
      if line.count + 1 + piece.count > lineWidth, line != "outputs:" {
        lines.append(line)
        line = piece
      } else {
        line += " " + piece
      }
    }
    lines.append(line)
    return lines
  }

  static func short(_ text: String) -> String {
    guard text.count > labelLimit else { return text }
    var cut = text.prefix(labelLimit - 1)
    while cut.last?.isWhitespace == true { cut.removeLast() }
    return cut + "…"
  }

  /// A workflow's program name, or `unresolved <reference>`.
  private func name(_ ref: WorkflowRef) -> String {
    guard let index = ref.index, program.workflows.indices.contains(index) else {
      return "unresolved \(ref.reference)"
    }
    return program.workflows[index].name
  }

  // MARK: Edges

  private mutating func addEdges(of index: Int) {
    let code = program.workflows[index]
    for ref in code.dependsOn {
      let from = ref.index.map(Self.returnId) ?? unresolvedNode(ref)
      edges.append(.init(from: from, to: Self.startId(index), kind: .dependsOn))
    }
    let first = code.steps.first.map { _ in Self.stepId(index, 0) } ?? Self.returnId(index)
    edges.append(.init(from: Self.startId(index), to: first, kind: .entry))
    for instruction in code.instructions {
      guard let stepId = instruction.stepId, let from = node(ofStep: stepId, in: index) else {
        continue
      }
      switch instruction {
      case .step(let entry):
        for dependency in entry.dependsOn {
          let source: String
          switch dependency {
          case .step(let id): source = node(ofStep: id, in: index) ?? from
          case .workflowStep(let ref, let id):
            source = ref.index.flatMap { node(ofStep: id, in: $0) } ?? unresolvedNode(ref)
          }
          edges.append(.init(from: source, to: from, kind: .dependsOn))
        }
      case .call(let call):
        edges.append(.init(from: from, to: start(of: call.target), kind: .call))
      case .dispatch(let d):
        let named = !d.onSuccess.isEmpty
        for action in d.onSuccess {
          addEdge(from: from, action.effect, outcome: .success, action: action.name, in: index)
        }
        addEdge(from: from, d.successDefault, outcome: .success, fallback: named, in: index)
        for action in d.onFailure {
          addEdge(from: from, action.effect, outcome: .failure, action: action.name, in: index)
        }
        addEdge(from: from, d.failureDefault, outcome: .failure, in: index)
      case .request, .check, .outputs, .return, .fail:
        break
      }
    }
  }

  /// The edge of one action (or an outcome's default, `action` nil).
  private mutating func addEdge(
    from: String, _ effect: ActionEffect, outcome: WorkflowGraph.Outcome, action: String? = nil,
    fallback: Bool = false, in index: Int
  ) {
    var kind: WorkflowGraph.EdgeKind = outcome == .success ? .success : .failure
    var to: String
    var detail: String?
    switch effect {
    case .next(let pc):
      to = node(at: pc, in: index)
      if action == nil && outcome == .success { kind = .next }
    case .goto(_, let pc):
      to = node(at: pc, in: index)
    case .gotoWorkflow(let ref, _):
      to = start(of: ref)
      detail = "goto workflow"
    case .end(let pc):
      to = node(at: pc, in: index)
      detail = "end"
    case .fail(let pc):
      to = node(at: pc, in: index)
      if action == nil && outcome == .failure { kind = .failureDefault }
    case .retry(let retry):
      kind = .retry
      to = from
      var text = "retry ×\(retry.limit)"
      if let after = retry.after { text += " after \(Embedding.text(for: .number(after)))s" }
      switch retry.target {
      case .step(let id, let pc)?:
        to = node(at: pc, in: index)
        text += ", runs \(Self.short(id)) first"
      case .workflow(let ref, _)?:
        to = start(of: ref)
        text += ", runs \(Self.short(name(ref))) first"
      case nil:
        break
      }
      detail = text
    }
    edges.append(
      .init(
        from: from, to: to, kind: kind, outcome: outcome, action: action, detail: detail,
        isFallback: fallback))
  }

  private func node(ofStep id: String, in workflow: Int) -> String? {
    stepPositions[workflow]?[id].map { Self.stepId(workflow, $0) }
  }

  /// The node control reaches at `pc`: a step's, `return` or `fail`.
  private func node(at pc: Int, in workflow: Int) -> String {
    let code = program.workflows[workflow]
    if pc == code.returnPC { return Self.returnId(workflow) }
    if let id = code.stepId(at: pc), let node = node(ofStep: id, in: workflow) { return node }
    return Self.failId(workflow)
  }

  /// The start node of a referenced workflow, or the node of an unresolved reference.
  private mutating func start(of ref: WorkflowRef) -> String {
    guard let index = ref.index, program.workflows.indices.contains(index) else {
      return unresolvedNode(ref)
    }
    return Self.startId(index)
  }

  private mutating func unresolvedNode(_ ref: WorkflowRef) -> String {
    if let id = unresolved[ref.reference] { return id }
    let id = "u\(unresolved.count)"
    unresolved[ref.reference] = id
    nodes.append(
      .init(
        id: id, kind: .unresolved, title: "unresolved", details: [Self.short(ref.reference)],
        cluster: nil))
    return id
  }
}
