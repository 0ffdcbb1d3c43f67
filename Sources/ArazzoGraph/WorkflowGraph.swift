/// The control flow of a lowered program as a graph: what `arazzo graph` draws and the
/// debugger's `:graph` prints. It is built once from the IR (`WorkflowGraph.init(program:…)`),
/// so the picture is what runs; Mermaid, DOT and the debugger's text form are renderers of it.
///
/// Every drawn workflow is a cluster holding a start node, one node per step, and its two exits
/// (`return` with the workflow's outputs, `fail`). Node ids are made from indexes
/// (`w0_s2`), never from step ids, so a document's names cannot reach a renderer's syntax; the
/// names are label text, which each renderer escapes for its own language.
public struct WorkflowGraph: Sendable, Equatable {
  /// One workflow drawn as a box of its own.
  public struct Cluster: Sendable, Equatable {
    /// `wf0`: the workflow's index in `Program.workflows`, never its name.
    public var id: String
    public var workflowIndex: Int
    /// The program name of the workflow (its workflowId, or `<source>.<workflowId>`).
    public var name: String
    /// The ids of the cluster's nodes: start, the steps in document order, return, fail.
    public var nodes: [String]
  }

  /// What a node stands for.
  public enum NodeKind: Sendable, Equatable {
    /// Where the workflow starts.
    case start
    /// A step that sends a request (`operationId`/`operationPath`).
    case operation
    /// A step that runs another workflow (`workflowId`).
    case subWorkflow
    /// `return`: the workflow succeeds with its outputs.
    case succeed
    /// `fail`: the workflow fails.
    case fail
    /// A workflow the program could not resolve (its source was not loaded).
    case unresolved
  }

  public struct Node: Sendable, Equatable {
    public var id: String
    public var kind: NodeKind
    /// The first label line: the step id, `start`, `return`, `fail`, or the reference.
    public var title: String
    /// Further label lines: the operation (`GET /runs/{id}/`), the called workflow, outputs.
    public var details: [String]
    /// The cluster the node belongs to (nil for unresolved workflows, drawn outside).
    public var cluster: String?
    /// For step nodes: the workflow and step it stands for.
    public var workflowIndex: Int?
    public var stepId: String?
  }

  /// What an edge stands for.
  public enum EdgeKind: Sendable, Equatable {
    /// From a workflow's start to its first step (or straight to `return`).
    case entry
    /// The success default: the next step, or `return` after the last.
    case next
    /// A named success action (goto a step or workflow, end).
    case success
    /// A named failure action (goto, end), not a retry.
    case failure
    /// A named retry action: back to the same step (or to what it runs first).
    case retry
    /// The failure default: the workflow fails.
    case failureDefault
    /// A step runs another workflow (nested; its outputs come back).
    case call
    /// `dependsOn`: the source must have completed first (drawn dashed).
    case dependsOn
  }

  /// Which outcome of a step an edge belongs to.
  public enum Outcome: Sendable, Equatable { case success, failure }

  public struct Edge: Sendable, Equatable {
    public var from: String
    public var to: String
    public var kind: EdgeKind
    /// For the edges of a step's `dispatch`: the outcome whose list it is in.
    public var outcome: Outcome?
    /// The action's name; nil for an outcome's default (and for edges that are no action).
    public var action: String?
    /// What the label says besides the name (`end`, `retry ×3 after 1s`, …); nil: nothing.
    public var detail: String?
    /// Whether the step has named success actions (its `next` edge then reads `otherwise`).
    public var isFallback = false

    /// The label a picture shows; nil for a plain `next` or `entry`.
    public var label: String? {
      switch kind {
      case .entry: return nil
      case .next: return isFallback ? "otherwise" : nil
      case .failureDefault: return "failure"
      case .call: return "calls"
      case .dependsOn: return "dependsOn"
      case .success, .failure, .retry:
        let name = action.map(GraphBuilder.short) ?? "otherwise"
        return detail.map { "\(name): \($0)" } ?? name
      }
    }
  }

  /// The clusters, the requested workflows first, then the ones they reach.
  public let clusters: [Cluster]
  public let nodes: [Node]
  public let edges: [Edge]

  /// Lookups, built once: a node's index by id, a step node's index by workflow and step id,
  /// a dispatch edge's index by its step node, outcome and action (nil: the default).
  private let nodeIndex: [String: Int]
  private let stepIndex: [StepKey: Int]
  private let dispatchIndex: [DispatchKey: Int]

  private struct StepKey: Hashable, Sendable {
    var workflow: Int
    var step: String
  }

  private struct DispatchKey: Hashable, Sendable {
    var from: String
    var outcome: Outcome
    var action: String?
  }

  public init(clusters: [Cluster], nodes: [Node], edges: [Edge]) {
    self.clusters = clusters
    self.nodes = nodes
    self.edges = edges
    var nodeIndex: [String: Int] = [:]
    var stepIndex: [StepKey: Int] = [:]
    for (i, node) in nodes.enumerated() {
      if nodeIndex[node.id] == nil { nodeIndex[node.id] = i }
      if let workflow = node.workflowIndex, let step = node.stepId {
        let key = StepKey(workflow: workflow, step: step)
        if stepIndex[key] == nil { stepIndex[key] = i }
      }
    }
    var dispatchIndex: [DispatchKey: Int] = [:]
    for (i, edge) in edges.enumerated() {
      guard let outcome = edge.outcome else { continue }
      let key = DispatchKey(from: edge.from, outcome: outcome, action: edge.action)
      if dispatchIndex[key] == nil { dispatchIndex[key] = i }
    }
    self.nodeIndex = nodeIndex
    self.stepIndex = stepIndex
    self.dispatchIndex = dispatchIndex
  }

  /// The node with this id.
  public func node(_ id: String) -> Node? { nodeIndex[id].map { nodes[$0] } }

  /// The node of step `stepId` in workflow `workflowIndex`.
  public func stepNode(workflow workflowIndex: Int, step stepId: String) -> Node? {
    stepIndex[StepKey(workflow: workflowIndex, step: stepId)].map { nodes[$0] }
  }

  /// The edge a completed step attempt took: the named action it chose, else its outcome's
  /// default (a spent retry falls through to the default too).
  public func edgeIndex(
    workflow workflowIndex: Int, step stepId: String, succeeded: Bool, action: String?
  ) -> Int? {
    guard let from = stepNode(workflow: workflowIndex, step: stepId)?.id else { return nil }
    return dispatchIndex[
      DispatchKey(from: from, outcome: succeeded ? .success : .failure, action: action)]
  }
}

/// Where a run stands, drawn over a graph: the debugger's `:graph` marks.
public struct GraphMarks: Sendable, Equatable {
  /// The node of the step the run is at (nil: none, e.g. once finished).
  public var current: String?
  /// How many times each step node was entered, by node id.
  public var visits: [String: Int]
  /// How many times each edge was taken, by index into `WorkflowGraph.edges`.
  public var taken: [Int: Int]

  public init(current: String? = nil, visits: [String: Int] = [:], taken: [Int: Int] = [:]) {
    self.current = current
    self.visits = visits
    self.taken = taken
  }

  /// No marks: the plain picture.
  public static let none = GraphMarks()

  /// One completed step attempt, as a run records it.
  public struct Attempt: Sendable, Equatable {
    public var stepId: String
    /// The step's visit the attempt belongs to (1 = first; retries share their visit).
    public var visit: Int
    public var succeeded: Bool
    /// The action chosen; nil: the outcome's default.
    public var action: String?

    public init(stepId: String, visit: Int, succeeded: Bool, action: String?) {
      self.stepId = stepId
      self.visit = visit
      self.succeeded = succeeded
      self.action = action
    }
  }

  /// The marks of one invocation of workflow `workflowIndex`: its completed `attempts`, oldest
  /// first, and the step it stands at with that step's visit (nil: none).
  public init(
    on graph: WorkflowGraph, workflow workflowIndex: Int, attempts: [Attempt],
    current: (stepId: String, visit: Int)?
  ) {
    self.init()
    for attempt in attempts {
      if let node = graph.stepNode(workflow: workflowIndex, step: attempt.stepId) {
        visits[node.id] = max(visits[node.id] ?? 0, attempt.visit)
      }
      if let edge = graph.edgeIndex(
        workflow: workflowIndex, step: attempt.stepId, succeeded: attempt.succeeded,
        action: attempt.action)
      {
        taken[edge, default: 0] += 1
      }
    }
    if let current, let node = graph.stepNode(workflow: workflowIndex, step: current.stepId) {
      self.current = node.id
      visits[node.id] = max(visits[node.id] ?? 0, current.visit)
    }
    // The way in was taken once the invocation entered a step.
    let start = graph.clusters.first { $0.workflowIndex == workflowIndex }?.nodes.first
    if !visits.isEmpty, let start,
      let entry = graph.edges.indices.first(where: {
        graph.edges[$0].from == start && graph.edges[$0].kind == .entry
      })
    {
      taken[entry] = 1
    }
  }
}
