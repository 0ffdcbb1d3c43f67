/// A `WorkflowGraph` in Graphviz's DOT language (`dot -Tsvg` draws it; `arazzo graph --format
/// svg|png` runs that).
///
/// Node ids are the graph's own (`w0_s1`), quoted; labels are quoted strings in which `"` and
/// `\` are escaped (so a step id can neither end the string nor write one of DOT's `\N`, `\G`,
/// `\l` escapes) and `&` is written `&amp;` (Graphviz reads entities in plain labels too). The
/// styles match the Mermaid form: failure edges red, `dependsOn` dashed, calls bold; with marks,
/// the current step yellow, visited steps blue with their visit counts, edges taken thick blue.
public enum DOTRenderer {
  public static func render(_ graph: WorkflowGraph, marks: GraphMarks = .none) -> String {
    var lines = [
      "digraph arazzo {",
      "  graph [fontname=\"Helvetica\", fontsize=12, rankdir=TB, nodesep=0.4, ranksep=0.45, newrank=true];",
      "  node [fontname=\"Helvetica\", fontsize=11, shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#555555\"];",
      "  edge [fontname=\"Helvetica\", fontsize=10, color=\"#555555\", fontcolor=\"#333333\"];",
    ]
    let byCluster = Dictionary(grouping: graph.nodes, by: { $0.cluster ?? "" })
    for cluster in graph.clusters {
      lines.append("  subgraph \(quoted("cluster_" + cluster.id)) {")
      lines.append(
        "    graph [label=\(quoted("workflow " + cluster.name)), style=\"rounded\", margin=14, color=\"#9aa5b1\", fontcolor=\"#333333\"];"
      )
      for node in byCluster[cluster.id] ?? [] {
        lines.append("    " + declaration(node, marks: marks))
      }
      let exits = (byCluster[cluster.id] ?? []).filter { $0.kind == .succeed || $0.kind == .fail }
      if exits.count == 2 {
        lines.append("    { rank=same; \(exits.map { quoted($0.id) }.joined(separator: "; ")); }")
      }
      lines.append("  }")
    }
    for node in byCluster[""] ?? [] { lines.append("  " + declaration(node, marks: marks)) }
    for (i, edge) in graph.edges.enumerated() {
      var attributes: [String] = []
      var label = edge.label ?? ""
      if let count = marks.taken[i] { label += (label.isEmpty ? "" : " ") + "×\(count)" }
      if !label.isEmpty { attributes.append("label=\(quoted(" " + label + " "))") }
      switch edge.kind {
      case .dependsOn: attributes.append("style=dashed, color=\"#888888\"")
      case .call: attributes.append("style=bold, color=\"#5b6b8c\"")
      case .failure, .failureDefault, .retry:
        attributes.append("color=\"#c0392b\", fontcolor=\"#c0392b\"")
      case .entry, .next, .success: break
      }
      if marks.taken[i] != nil { attributes.append("color=\"#1f6feb\", penwidth=2.5") }
      let list = attributes.isEmpty ? "" : " [" + attributes.joined(separator: ", ") + "]"
      lines.append("  \(quoted(edge.from)) -> \(quoted(edge.to))\(list);")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func declaration(_ node: WorkflowGraph.Node, marks: GraphMarks) -> String {
    var title = node.title
    if node.id == marks.current { title = "▶ " + title }
    var lines = [title] + node.details
    if let visits = marks.visits[node.id] { lines.append("visits: \(visits)") }
    var attributes = ["label=" + quoted(lines: lines)]
    switch node.kind {
    case .start: attributes.append("shape=oval, fillcolor=\"#e8eefc\"")
    case .succeed: attributes.append("shape=oval, fillcolor=\"#dff3e3\"")
    case .fail: attributes.append("shape=oval, fillcolor=\"#fbe0e0\"")
    case .subWorkflow: attributes.append("peripheries=2")
    case .unresolved: attributes.append("style=\"dashed\", color=\"#999999\"")
    case .operation: break
    }
    if node.id == marks.current {
      attributes.append("fillcolor=\"#fff3b0\", color=\"#b58900\", penwidth=3")
    } else if marks.visits[node.id] != nil {
      attributes.append("fillcolor=\"#dbeafe\", color=\"#1f6feb\"")
    }
    return "\(quoted(node.id)) [\(attributes.joined(separator: ", "))];"
  }

  /// Several label lines in one quoted string, centred lines separated by DOT's `\n`.
  private static func quoted(lines: [String]) -> String {
    "\"" + lines.map(escape).joined(separator: "\\n") + "\""
  }

  static func quoted(_ text: String) -> String { "\"" + escape(text) + "\"" }

  /// Text for inside a quoted DOT string: visible, `"` and `\` escaped, `&` as an entity.
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in GraphText.visible(text).unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "&": out += "&amp;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
