/// Evaluates parsed queries and filter expressions against a JSON value.
struct JSONPathEvaluator {
  typealias Syntax = JSONPathSyntax
  /// What evaluation throws: a regex function gave up.
  typealias Failure = JSONPathEvaluationError

  /// A link in a node's location, shared between siblings to avoid copying paths.
  final class PathLink {
    let parent: PathLink?
    let key: JSONPathSegmentKey

    init(parent: PathLink?, key: JSONPathSegmentKey) {
      self.parent = parent
      self.key = key
    }

    /// The keys from the root to this link.
    var keys: [JSONPathSegmentKey] {
      var keys: [JSONPathSegmentKey] = []
      var link: PathLink? = self
      while let l = link {
        keys.append(l.key)
        link = l.parent
      }
      return keys.reversed()
    }
  }

  /// A node during evaluation; `path` is nil at the root or when paths are not tracked.
  struct Node {
    var value: JSONValue
    var path: PathLink?
  }

  /// The result of a function: a value (nil for Nothing), a logical, or a nodelist.
  enum FunctionResult {
    case value(JSONValue?)
    case logical(Bool)
    case nodes([JSONValue])
  }

  let root: JSONValue
  /// Whether node locations are recorded (only needed for the outermost query).
  let tracksPaths: Bool
  /// When regex functions stop (`--deadline`); nil: only their own budget bounds them.
  let deadline: ContinuousClock.Instant?

  // MARK: Queries

  /// The nodes that `query` selects, starting from `current` for `@` queries.
  func select(_ query: Syntax.Query, current: JSONValue) throws(Failure) -> [Node] {
    var nodes = [Node(value: query.isRelative ? current : root, path: nil)]
    for segment in query.segments {
      var next: [Node] = []
      next.reserveCapacity(nodes.count)
      for node in nodes {
        if segment.isDescendant {
          try descend(node, segment.selectors, into: &next)
        } else {
          try apply(segment.selectors, to: node, into: &next)
        }
      }
      nodes = next
      if nodes.isEmpty { break }
    }
    return nodes
  }

  /// The value a singular query selects, or nil (Nothing).
  func singularValue(_ query: Syntax.Query, current: JSONValue) -> JSONValue? {
    var value = query.isRelative ? current : root
    for segment in query.segments {
      switch segment.selectors.first {
      case .name(let name)?:
        guard case .object(let object) = value, let member = object[name] else { return .none }
        value = member
      case .index(let index)?:
        guard case .array(let array) = value else { return .none }
        let i = index < 0 ? array.count + index : index
        guard i >= 0, i < array.count else { return .none }
        value = array[i]
      default:
        return .none
      }
    }
    return value
  }

  private func child(_ node: Node, _ key: JSONPathSegmentKey, _ value: JSONValue) -> Node {
    Node(value: value, path: tracksPaths ? PathLink(parent: node.path, key: key) : nil)
  }

  private func descend(
    _ node: Node, _ selectors: [Syntax.Selector], into out: inout [Node]
  )
    throws(Failure)
  {
    try apply(selectors, to: node, into: &out)
    switch node.value {
    case .array(let array):
      for (i, element) in array.enumerated() {
        try descend(child(node, .index(i), element), selectors, into: &out)
      }
    case .object(let object):
      for (key, member) in object {
        try descend(child(node, .name(key), member), selectors, into: &out)
      }
    default:
      break
    }
  }

  private func apply(
    _ selectors: [Syntax.Selector], to node: Node, into out: inout [Node]
  )
    throws(Failure)
  {
    for selector in selectors {
      try apply(selector, to: node, into: &out)
    }
  }

  private func apply(
    _ selector: Syntax.Selector, to node: Node, into out: inout [Node]
  )
    throws(Failure)
  {
    switch selector {
    case .name(let name):
      if case .object(let object) = node.value, let member = object[name] {
        out.append(child(node, .name(name), member))
      }
    case .wildcard:
      switch node.value {
      case .array(let array):
        for (i, element) in array.enumerated() { out.append(child(node, .index(i), element)) }
      case .object(let object):
        for (key, member) in object { out.append(child(node, .name(key), member)) }
      default:
        break
      }
    case .index(let index):
      if case .array(let array) = node.value {
        let i = index < 0 ? array.count + index : index
        if i >= 0, i < array.count { out.append(child(node, .index(i), array[i])) }
      }
    case .slice(let start, let end, let step):
      if case .array(let array) = node.value {
        for i in Self.sliceIndices(count: array.count, start: start, end: end, step: step) {
          out.append(child(node, .index(i), array[i]))
        }
      }
    case .filter(let expression):
      switch node.value {
      case .array(let array):
        for (i, element) in array.enumerated() where try test(expression, current: element) {
          out.append(child(node, .index(i), element))
        }
      case .object(let object):
        for (key, member) in object where try test(expression, current: member) {
          out.append(child(node, .name(key), member))
        }
      default:
        break
      }
    }
  }

  /// The indices an array slice selects, by the normative algorithm of RFC 9535 section 2.3.4.2.
  static func sliceIndices(count length: Int, start: Int?, end: Int?, step: Int?) -> [Int] {
    let step = step ?? 1
    guard step != 0, length > 0 else { return [] }
    func normalize(_ i: Int) -> Int { i >= 0 ? i : length + i }
    var indices: [Int] = []
    if step > 0 {
      let lower = min(max(normalize(start ?? 0), 0), length)
      let upper = min(max(normalize(end ?? length), 0), length)
      var i = lower
      while i < upper {
        indices.append(i)
        i += step
      }
    } else {
      let upper = min(max(normalize(start ?? length - 1), -1), length - 1)
      let lower = min(max(normalize(end ?? -length - 1), -1), length - 1)
      var i = upper
      while lower < i {
        indices.append(i)
        i += step
      }
    }
    return indices
  }

  // MARK: Logical expressions

  /// Whether `expression` holds with `current` as `@`.
  func test(_ expression: Syntax.LogicalExpression, current: JSONValue) throws(Failure) -> Bool {
    switch expression {
    case .or(let operands):
      for operand in operands where try test(operand, current: current) { return true }
      return false
    case .and(let operands):
      for operand in operands where try !test(operand, current: current) { return false }
      return true
    case .not(let operand):
      return try !test(operand, current: current)
    case .exists(let query):
      if query.isSingular {
        return singularValue(query, current: current).map { _ in true } ?? false
      }
      return try !select(query, current: current).isEmpty
    case .function(let call):
      switch try evaluate(call, current: current) {
      case .logical(let b): return b
      case .nodes(let nodes): return !nodes.isEmpty
      case .value: return false
      }
    case .comparison(let lhs, let op, let rhs):
      let l = try value(of: lhs, current: current)
      let r = try value(of: rhs, current: current)
      return Self.compare(l, op, r)
    }
  }

  private func value(
    of comparable: Syntax.Comparable, current: JSONValue
  ) throws(Failure)
    -> JSONValue?
  {
    switch comparable {
    case .literal(let v): return v
    case .query(let q): return singularValue(q, current: current)
    case .function(let call):
      if case .value(let v) = try evaluate(call, current: current) { return v }
      return .none
    }
  }

  /// Compares two values (nil is Nothing) as RFC 9535 section 2.3.5.2.2 says.
  static func compare(_ l: JSONValue?, _ op: Syntax.ComparisonOperator, _ r: JSONValue?) -> Bool {
    switch op {
    case .equal: return equal(l, r)
    case .notEqual: return !equal(l, r)
    case .less: return less(l, r)
    case .lessOrEqual: return less(l, r) || equal(l, r)
    case .greater: return less(r, l)
    case .greaterOrEqual: return less(r, l) || equal(l, r)
    }
  }

  private static func equal(_ l: JSONValue?, _ r: JSONValue?) -> Bool {
    switch (l, r) {
    case (.none, .none): return true
    case (let a?, let b?): return a == b
    default: return false
    }
  }

  private static func less(_ l: JSONValue?, _ r: JSONValue?) -> Bool {
    switch (l, r) {
    case (.integer(let a)?, .integer(let b)?): return a < b
    case (.integer(let a)?, .number(let b)?): return Double(a) < b
    case (.number(let a)?, .integer(let b)?): return a < Double(b)
    case (.number(let a)?, .number(let b)?): return a < b
    case (.string(let a)?, .string(let b)?):
      return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    default: return false
    }
  }

  // MARK: Functions

  private func argumentValue(
    _ argument: Syntax.Argument, current: JSONValue
  ) throws(Failure)
    -> JSONValue?
  {
    switch argument {
    case .literal(let v): return v
    case .query(let q): return singularValue(q, current: current)
    case .function(let call):
      if case .value(let v) = try evaluate(call, current: current) { return v }
      return .none
    case .logical: return .none
    }
  }

  private func argumentNodes(
    _ argument: Syntax.Argument, current: JSONValue
  ) throws(Failure)
    -> [JSONValue]
  {
    switch argument {
    case .query(let q): return try select(q, current: current).map(\.value)
    case .function(let call):
      if case .nodes(let nodes) = try evaluate(call, current: current) { return nodes }
      return []
    default: return []
    }
  }

  private func evaluate(
    _ call: Syntax.FunctionCall, current: JSONValue
  ) throws(Failure)
    -> FunctionResult
  {
    switch call.function {
    case .length:
      switch try argumentValue(call.arguments[0], current: current) {
      case .string(let s)?: return .value(.integer(s.unicodeScalars.count))
      case .array(let a)?: return .value(.integer(a.count))
      case .object(let o)?: return .value(.integer(o.count))
      default: return .value(.none)
      }
    case .count:
      return .value(.integer(try argumentNodes(call.arguments[0], current: current).count))
    case .value:
      let nodes = try argumentNodes(call.arguments[0], current: current)
      return .value(nodes.count == 1 ? .some(nodes[0]) : .none)
    case .match, .search:
      guard case .string(let subject)? = try argumentValue(call.arguments[0], current: current)
      else {
        return .logical(false)
      }
      let regex: IRegexp?
      if let compiled = call.regex {
        regex = compiled
      } else if case .string(let pattern)? = try argumentValue(call.arguments[1], current: current)
      {
        regex = IRegexp.compile(pattern, anchored: call.function == .match)
      } else {
        regex = nil
      }
      guard let regex else { return .logical(false) }
      do {
        return .logical(try regex.matches(subject, deadline: deadline))
      } catch {
        throw Failure(message: "\(call.description): \(error.description)")
      }
    }
  }
}
