/// A `WorkflowGraph` as a Mermaid flowchart (GitHub and most Markdown viewers draw it).
///
/// Every label is a quoted string in which the characters Mermaid reads specially are written
/// as its entity codes (`#quot;`, `#35;`, …): a step id cannot end the string, start an
/// entity, write HTML, or become a line break (Mermaid reads a literal `\n` as one, so the
/// backslash is escaped too). Failure edges are red, `dependsOn` edges dashed, sub-workflow
/// calls thick; with marks, the current step is yellow, visited steps blue with their visit
/// counts, and the edges taken blue and thick with how often.
public enum MermaidRenderer {
  public static func render(_ graph: WorkflowGraph, marks: GraphMarks = .none) -> String {
    var lines = ["flowchart TD"]
    let byCluster = Dictionary(grouping: graph.nodes, by: { $0.cluster ?? "" })
    for cluster in graph.clusters {
      lines.append("  subgraph \(cluster.id) [\"\(escape("workflow " + cluster.name))\"]")
      lines.append("    direction TB")
      for node in byCluster[cluster.id] ?? [] {
        lines.append("    " + declaration(node, marks: marks))
      }
      lines.append("  end")
    }
    for node in byCluster[""] ?? [] { lines.append("  " + declaration(node, marks: marks)) }
    for (i, edge) in graph.edges.enumerated() {
      var label = edge.label ?? ""
      if let count = marks.taken[i] { label += (label.isEmpty ? "" : " ") + "×\(count)" }
      let arrow: String
      switch edge.kind {
      case .dependsOn: arrow = "-.->"
      case .call: arrow = "==>"
      default: arrow = "-->"
      }
      let text = label.isEmpty ? "" : "|\"\(escape(label))\"|"
      lines.append("  \(edge.from) \(arrow)\(text) \(edge.to)")
    }
    // Each class used: its style, then its members (a marked node takes its mark's class).
    let marked = { (id: String) in id == marks.current || marks.visits[id] != nil }
    var classes: [(String, [String])] = [
      WorkflowGraph.NodeKind.start, .succeed, .fail, .unresolved,
    ]
    .map { kind in
      (className(kind), graph.nodes.filter { $0.kind == kind && !marked($0.id) }.map(\.id))
    }
    classes.append(
      ("visited", graph.nodes.map(\.id).filter { marks.visits[$0] != nil && $0 != marks.current }))
    classes.append(("current", marks.current.map { [$0] } ?? []))
    for (name, ids) in classes where !ids.isEmpty {
      lines.append("  classDef \(name) \(style(name))")
      lines.append("  class \(ids.joined(separator: ",")) \(name)")
    }
    let red = graph.edges.indices.filter {
      [.failure, .failureDefault, .retry].contains(graph.edges[$0].kind) && marks.taken[$0] == nil
    }
    if !red.isEmpty { lines.append("  linkStyle \(list(red)) stroke:#c0392b,color:#c0392b") }
    let taken = graph.edges.indices.filter { marks.taken[$0] != nil }
    if !taken.isEmpty { lines.append("  linkStyle \(list(taken)) stroke:#1f6feb,stroke-width:3px") }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func list(_ indices: [Int]) -> String {
    indices.map(String.init).joined(separator: ",")
  }

  /// The Mermaid style of a node class.
  private static func style(_ name: String) -> String {
    switch name {
    case "start": return "fill:#e8eefc,stroke:#5b6b8c"
    case "succeed": return "fill:#dff3e3,stroke:#2e7d32"
    case "fail": return "fill:#fbe0e0,stroke:#c0392b"
    case "unresolved": return "fill:#eeeeee,stroke:#999999,stroke-dasharray:4 3"
    case "visited": return "fill:#dbeafe,stroke:#1f6feb"
    case "current": return "fill:#fff3b0,stroke:#b58900,stroke-width:3px"
    default: return "fill:#ffffff"
    }
  }

  private static func className(_ kind: WorkflowGraph.NodeKind) -> String {
    switch kind {
    case .start: return "start"
    case .succeed: return "succeed"
    case .fail: return "fail"
    case .unresolved: return "unresolved"
    case .operation, .subWorkflow: return "step"
    }
  }

  /// `id["label"]` in the node's shape.
  private static func declaration(_ node: WorkflowGraph.Node, marks: GraphMarks) -> String {
    var title = node.title
    if node.id == marks.current { title = "▶ " + title }
    var lines = [title] + node.details
    if let visits = marks.visits[node.id] { lines.append("visits: \(visits)") }
    let label = "\"" + lines.map(escape).joined(separator: "<br>") + "\""
    switch node.kind {
    case .start, .succeed: return "\(node.id)([\(label)])"
    case .fail: return "\(node.id){{\(label)}}"
    case .subWorkflow: return "\(node.id)[[\(label)]]"
    case .unresolved: return "\(node.id)[/\(label)/]"
    case .operation: return "\(node.id)[\(label)]"
    }
  }

  /// Text for inside a quoted Mermaid string: visible, with every character Mermaid reads
  /// specially written as an entity code.
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in GraphText.visible(text).unicodeScalars {
      switch scalar {
      case "\"": out += "#quot;"
      case "&": out += "#amp;"
      case "<": out += "#lt;"
      case ">": out += "#gt;"
      case "#", "\\", "`", "|", ";":
        out += "#\(scalar.value);"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
