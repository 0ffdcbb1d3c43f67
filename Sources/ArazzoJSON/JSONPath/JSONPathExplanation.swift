/// How a JSONPath query came out, said for a person reading a `jsonpath` criterion: each node it
/// selected with its value, or why it selected nothing, and the rule an Arazzo criterion applies
/// (it holds when anything is selected, whatever the value). When a selected value is null,
/// false or empty (the trap of `$.next` on `{"next": null}`), it names the filter the author
/// probably meant; when a filter held for nothing, it says for how many candidates and why `@`
/// may not be what was meant. `arazzo eval --jsonpath … --explain` and the debugger's
/// `:explain` print these lines.
public struct JSONPathExplanation: Sendable, Equatable {
  /// At most this many selected nodes are listed; the rest are counted.
  public static let shownNodes = 5
  /// Values are cut to this many characters.
  public static let valueWidth = 60

  /// The lines, without indentation or newlines.
  public var lines: [String]
  /// A query that probably means what the author wanted, when the result suggests a trap.
  public var suggestion: String?

  /// Explains `query` (written as `text`) selecting `nodes` from `root`.
  public init(query: JSONPath, text: String, root: JSONValue, nodes: [JSONPathNode]) {
    var lines: [String] = []
    if nodes.isEmpty {
      lines.append("\(text) selected nothing: " + query.whyNothing(root))
      lines += query.filterNotes(root)
      lines.append("a jsonpath criterion holds when the query selects anything: this one does not")
      self.lines = lines
      return
    }
    lines.append("\(text) selected \(nodes.count) node\(nodes.count == 1 ? "" : "s"):")
    for node in nodes.prefix(Self.shownNodes) {
      lines.append("  \(node.normalizedPath)  →  \(Self.clipped(JSONPrinter.compact(node.value)))")
    }
    if nodes.count > Self.shownNodes {
      lines.append("  … and \(nodes.count - Self.shownNodes) more")
    }
    lines.append(
      "a jsonpath criterion holds when anything is selected, whatever its value: this one holds")
    if let falsy = nodes.first(where: { Self.looksFalse($0.value) })?.value {
      let shown = JSONPrinter.compact(falsy)
      if let suggestion = query.meantFilter(text: text, for: falsy) {
        lines.append(
          "it selected \(shown), which still counts; if you meant \(Self.meaning(of: falsy, text)), write \(suggestion)"
        )
        self.suggestion = suggestion
      } else {
        lines.append("it selected \(shown), which still counts: test the value in a filter ([?…])")
      }
    }
    self.lines = lines
  }

  /// Compact JSON cut to `valueWidth` characters, with `…` where it was cut.
  static func clipped(_ text: String) -> String {
    text.count <= valueWidth ? text : String(text.prefix(valueWidth - 1)) + "…"
  }

  /// null, false, or an empty string, array or object: values an author rarely means to count.
  static func looksFalse(_ value: JSONValue) -> Bool {
    switch value {
    case .null, .bool(false): return true
    case .string(let s): return s.isEmpty
    case .array(let a): return a.isEmpty
    case .object(let o): return o.isEmpty
    default: return false
    }
  }

  private static func meaning(of value: JSONValue, _ text: String) -> String {
    switch value {
    case .null: return "\"\(text) is not null\""
    case .bool: return "\"\(text) is true\""
    default: return "\"\(text) is not empty\""
    }
  }
}

extension JSONPath {
  /// Why the query selects nothing from `root`: the first segment after which no node is left,
  /// and what the nodes before it hold ("$['data'] has no member 'next' (members: status, id)").
  func whyNothing(_ root: JSONValue) -> String {
    let evaluator = JSONPathEvaluator(root: root, tracksPaths: false, deadline: nil)
    var nodes = [JSONPathEvaluator.Node(value: root, path: nil)]
    for (i, segment) in query.segments.enumerated() {
      let prefix = JSONPathSyntax.Query(isRelative: false, segments: Array(query.segments[..<i]))
      var next: [JSONPathEvaluator.Node] = []
      for node in nodes {
        let one = JSONPathSyntax.Query(isRelative: true, segments: [segment])
        next += (try? evaluator.select(one, current: node.value)) ?? []
      }
      if next.isEmpty {
        return Self.why(segment, over: nodes.map(\.value), at: prefix.description)
      }
      nodes = next
    }
    return "nothing matched"
  }

  /// Why one segment selected nothing from `values` (the nodes `at` selected).
  private static func why(
    _ segment: JSONPathSyntax.Segment, over values: [JSONValue], at prefix: String
  ) -> String {
    let many = values.count != 1
    let subject = many ? "none of the \(values.count) nodes of \(prefix)" : prefix
    if segment.isDescendant { return "no descendant of \(subject) matches \(segment)" }
    guard segment.selectors.count == 1, let value = values.first else {
      return "\(segment) matches nothing in \(subject)"
    }
    switch segment.selectors[0] {
    case .name(let name):
      if many { return "\(subject) has a member '\(name)'" }
      guard let object = value.objectValue else {
        return "\(prefix) is \(article(value.typeName)), which has no member '\(name)'"
      }
      let keys = object.keys.prefix(8).map { clipped($0, to: 40) }.joined(separator: ", ")
      return
        "\(prefix) has no member '\(name)' (members: \(keys.isEmpty ? "none" : keys)\(object.count > 8 ? ", …" : ""))"
    case .index(let index):
      if many { return "\(subject) has an element \(index)" }
      guard let array = value.arrayValue else {
        return "\(prefix) is \(article(value.typeName)), not an array"
      }
      return
        "\(prefix) has \(array.count) element\(array.count == 1 ? "" : "s"): index \(index) is out of range"
    case .wildcard, .slice:
      return many
        ? "\(subject) has children" : "\(prefix) is \(emptyOrScalar(value)): it has no children"
    case .filter(let expression):
      let children = values.reduce(0) { $0 + childCount($1) }
      if children == 0 {
        return "\(prefix) has no children for the filter [?\(expression)] to test"
      }
      return
        "the filter [?\(expression)] held for none of the \(children) children of \(many ? "the \(values.count) nodes of " : "")\(prefix)\(many ? "" : " (\(article(value.typeName)))")"
    }
  }

  /// Notes on the filters of the query that held for nothing: `@` is each child in turn (when
  /// the filter would hold with `@` = the node itself), and `count()` counts nodes, not elements.
  func filterNotes(_ root: JSONValue) -> [String] {
    guard let (i, expression) = firstEmptyFilter(root) else { return [] }
    var notes: [String] = []
    let prefix = JSONPathSyntax.Query(isRelative: false, segments: Array(query.segments[..<i]))
    let evaluator = JSONPathEvaluator(root: root, tracksPaths: false, deadline: nil)
    let parents = (try? evaluator.select(prefix, current: root)) ?? []
    if parents.contains(where: { (try? evaluator.test(expression, current: $0.value)) == true }) {
      notes.append(
        "@ is each child of \(prefix.description) in turn, not \(prefix.description) itself; with @ = \(prefix.description) the filter would hold"
      )
    }
    for call in Self.countCalls(expression, depth: 0) {
      guard case .query(let q)? = call.arguments.first, q.isSingular else { continue }
      notes.append(
        "count(\(q)) counts the nodes \(q) selects (at most one: the value itself), not the elements of an array; for those write length(\(q))"
      )
    }
    return notes
  }

  /// The first filter segment after which nothing is left, with its index.
  private func firstEmptyFilter(_ root: JSONValue) -> (Int, JSONPathSyntax.LogicalExpression)? {
    for i in query.segments.indices {
      let upTo = JSONPathSyntax.Query(isRelative: false, segments: Array(query.segments[...i]))
      let evaluator = JSONPathEvaluator(root: root, tracksPaths: false, deadline: nil)
      guard ((try? evaluator.select(upTo, current: root)) ?? []).isEmpty else { continue }
      let segment = query.segments[i]
      if segment.selectors.count == 1, case .filter(let e) = segment.selectors[0] { return (i, e) }
      return nil
    }
    return nil
  }

  /// The `count(…)` calls in a filter expression (depth-bounded, as the parser's nesting is).
  private static func countCalls(
    _ e: JSONPathSyntax.LogicalExpression, depth: Int
  ) -> [JSONPathSyntax.FunctionCall] {
    guard depth < 32 else { return [] }
    func calls(_ c: JSONPathSyntax.Comparable) -> [JSONPathSyntax.FunctionCall] {
      if case .function(let call) = c, call.function == .count { return [call] }
      return []
    }
    switch e {
    case .or(let parts), .and(let parts):
      return parts.flatMap { countCalls($0, depth: depth + 1) }
    case .not(let inner): return countCalls(inner, depth: depth + 1)
    case .comparison(let l, _, let r): return calls(l) + calls(r)
    case .exists, .function: return []
    }
  }

  /// The filter that tests what a selected `value` (null, false or empty) probably should have
  /// been tested for; only for a singular query, whose text can stand in a comparison.
  func meantFilter(text: String, for value: JSONValue) -> String? {
    guard isSingular, !query.segments.isEmpty, !query.isRelative else { return nil }
    switch value {
    case .null: return "$[?\(text) != null]"
    case .bool: return "$[?\(text) == true]"
    default: return "$[?length(\(text)) > 0]"
    }
  }

  /// `text` cut to `width` characters, with `…` where it was cut (a hostile key can be long).
  private static func clipped(_ text: String, to width: Int) -> String {
    text.count <= width ? text : String(text.prefix(width - 1)) + "…"
  }

  private static func childCount(_ value: JSONValue) -> Int {
    value.arrayValue?.count ?? value.objectValue?.count ?? 0
  }

  private static func emptyOrScalar(_ value: JSONValue) -> String {
    childCount(value) == 0 && (value.arrayValue != nil || value.objectValue != nil)
      ? "empty" : article(value.typeName)
  }

  private static func article(_ typeName: String) -> String {
    (typeName.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + typeName
  }
}
