/// One workflow of a `WorkflowGraph` as lines a terminal can show: the debugger's `:graph`.
///
/// A line per node of the workflow (start, each step, return, fail) with its outgoing edges,
/// `label -> target`; with marks, `▶` before the current step, `[N]` after a step entered N
/// times and `×N` after an edge taken N times. A step's `dependsOn` shows on its own line, as
/// `needs STEP`. Labels are made visible (control and invisible characters escaped).
public enum GraphTextRenderer {
  public static func render(
    _ graph: WorkflowGraph, cluster id: String, marks: GraphMarks = .none
  ) -> String {
    guard let cluster = graph.clusters.first(where: { $0.id == id }) else { return "" }
    var lines = ["workflow \(GraphText.visible(cluster.name))"]
    if marks != .none {
      lines[0] += "  (▶ current step, [N] times entered, ×N times taken)"
    }
    // The edges of the cluster's nodes, by node: what leaves it, and the dependsOn it waits for.
    var outgoing: [String: [Int]] = [:]
    var needs: [String: [Int]] = [:]
    for (i, edge) in graph.edges.enumerated() {
      if edge.kind == .dependsOn {
        needs[edge.to, default: []].append(i)
      } else {
        outgoing[edge.from, default: []].append(i)
      }
    }
    let rows = cluster.nodes.compactMap { graph.node($0) }.map { node -> (String, String) in
      let visits = marks.visits[node.id].map { " [\($0)]" } ?? ""
      var parts = (outgoing[node.id] ?? []).map { i -> String in
        let edge = graph.edges[i]
        let taken = marks.taken[i].map { " ×\($0)" } ?? ""
        return "\(edge.label ?? "next") -> \(target(edge.to, in: graph, from: cluster))\(taken)"
      }
      parts += (needs[node.id] ?? []).map {
        "needs " + target(graph.edges[$0].from, in: graph, from: cluster)
      }
      if node.kind == .succeed, !node.details.isEmpty {
        parts.insert(node.details.joined(separator: " "), at: 0)
      }
      let head = (node.id == marks.current ? "▶ " : "  ") + GraphText.visible(node.title) + visits
      return (head, parts.map(GraphText.visible).joined(separator: " · "))
    }
    let width = min(40, rows.map(\.0.count).max() ?? 0)
    for (head, text) in rows {
      let pad = String(repeating: " ", count: max(1, width - head.count + 2))
      lines.append("  " + head + (text.isEmpty ? "" : pad + text))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// How an edge's end reads from inside `cluster`: a node's title there, `workflow NAME` for
  /// another workflow's start or return, `NAME.node` for its other nodes.
  private static func target(
    _ id: String, in graph: WorkflowGraph, from cluster: WorkflowGraph.Cluster
  ) -> String {
    guard let node = graph.node(id) else { return id }
    if node.cluster == cluster.id { return node.title }
    guard let other = graph.clusters.first(where: { $0.id == node.cluster }) else {
      return ([node.title] + node.details).joined(separator: " ")
    }
    // Another workflow's start or return stands for that workflow (a call, a goto, dependsOn).
    let whole = node.kind == .start || node.kind == .succeed
    return whole ? "workflow \(other.name)" : "\(other.name).\(node.title)"
  }
}
