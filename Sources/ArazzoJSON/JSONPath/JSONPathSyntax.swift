/// The syntax tree of RFC 9535 queries and filter expressions, built once by the parser.
enum JSONPathSyntax {
  /// A query: `$` or `@` followed by segments.
  struct Query: Sendable {
    /// Whether the query starts at the current node `@` rather than the root `$`.
    var isRelative: Bool
    var segments: [Segment]

    /// Whether the query selects at most one node (only single name or index child segments).
    var isSingular: Bool {
      segments.allSatisfy { segment in
        guard !segment.isDescendant, segment.selectors.count == 1 else { return false }
        switch segment.selectors[0] {
        case .name, .index: return true
        default: return false
        }
      }
    }

    /// Whether the text matches the grammar's `singular-query`, which comparisons and ValueType
    /// arguments require: singular, and no blanks inside the brackets (`@[ 'a' ]` is not).
    var isSingularQuerySyntax: Bool {
      isSingular && segments.allSatisfy(\.isCompact)
    }
  }

  /// A child (`[…]`) or descendant (`..[…]`) segment.
  struct Segment: Sendable {
    var isDescendant: Bool
    var selectors: [Selector]
    /// Whether it was written without blanks just inside its brackets (or in dot form).
    var isCompact: Bool = true
  }

  /// One selector inside a segment.
  enum Selector: Sendable {
    case name(String)
    case wildcard
    case index(Int)
    case slice(start: Int?, end: Int?, step: Int?)
    case filter(LogicalExpression)
  }

  /// A logical expression (the grammar inside `?…`).
  indirect enum LogicalExpression: Sendable {
    case or([LogicalExpression])
    case and([LogicalExpression])
    case not(LogicalExpression)
    case comparison(Comparable, ComparisonOperator, Comparable)
    /// An existence test on a query.
    case exists(Query)
    /// A function whose result is a LogicalType or a NodesType.
    case function(FunctionCall)
  }

  /// One side of a comparison.
  enum Comparable: Sendable {
    case literal(JSONValue)
    /// A singular query.
    case query(Query)
    /// A function whose result is a ValueType.
    case function(FunctionCall)
  }

  /// A comparison operator.
  enum ComparisonOperator: String, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
  }

  /// A function argument, kept in the form that the parameter type calls for.
  enum Argument: Sendable {
    case literal(JSONValue)
    case query(Query)
    case logical(LogicalExpression)
    case function(FunctionCall)
  }

  /// A call to one of the function extensions.
  struct FunctionCall: Sendable {
    var function: JSONPathFunction
    var arguments: [Argument]
    /// The compiled regular expression when the pattern argument of `match`/`search` is a literal.
    var regex: IRegexp?
  }
}

extension JSONPathSyntax {
  /// A string in single quotes with the RFC 9535 normalized-path escapes.
  static func quoted(_ string: String) -> String {
    var out = ""
    JSONPrinter.writeString(string, quote: "'", terminalSafe: false, to: &out)
    return out
  }
}

extension JSONPathSyntax.Query: CustomStringConvertible {
  var description: String {
    (isRelative ? "@" : "$") + segments.map(\.description).joined()
  }
}

extension JSONPathSyntax.Segment: CustomStringConvertible {
  var description: String {
    (isDescendant ? ".." : "") + "[" + selectors.map(\.description).joined(separator: ", ") + "]"
  }
}

extension JSONPathSyntax.Selector: CustomStringConvertible {
  var description: String {
    switch self {
    case .name(let name): return JSONPathSyntax.quoted(name)
    case .wildcard: return "*"
    case .index(let index): return String(index)
    case .slice(let start, let end, let step):
      let head = (start.map(String.init) ?? "") + ":" + (end.map(String.init) ?? "")
      return step.map { head + ":" + String($0) } ?? head
    case .filter(let expression): return "?" + expression.description
    }
  }
}

extension JSONPathSyntax.LogicalExpression: CustomStringConvertible {
  var description: String {
    switch self {
    case .or(let operands):
      return operands.map(\.description).joined(separator: " || ")
    case .and(let operands):
      return operands.map { operand in
        if case .or = operand { return "(" + operand.description + ")" }
        return operand.description
      }.joined(separator: " && ")
    case .not(let operand):
      switch operand {
      case .exists, .function: return "!" + operand.description
      default: return "!(" + operand.description + ")"
      }
    case .comparison(let lhs, let op, let rhs):
      return lhs.description + " " + op.rawValue + " " + rhs.description
    case .exists(let query): return query.description
    case .function(let call): return call.description
    }
  }
}

extension JSONPathSyntax.Comparable: CustomStringConvertible {
  var description: String {
    switch self {
    case .literal(let value): return JSONPathSyntax.literalText(value)
    case .query(let query): return query.description
    case .function(let call): return call.description
    }
  }
}

extension JSONPathSyntax.Argument: CustomStringConvertible {
  var description: String {
    switch self {
    case .literal(let value): return JSONPathSyntax.literalText(value)
    case .query(let query): return query.description
    case .logical(let expression): return expression.description
    case .function(let call): return call.description
    }
  }
}

extension JSONPathSyntax.FunctionCall: CustomStringConvertible {
  var description: String {
    function.rawValue + "(" + arguments.map(\.description).joined(separator: ", ") + ")"
  }
}

extension JSONPathSyntax {
  /// A literal as query text: strings in single quotes, other values as JSON.
  static func literalText(_ value: JSONValue) -> String {
    switch value {
    case .string(let s): return quoted(s)
    case .number(let d) where d.isInfinite: return d < 0 ? "-1e999" : "1e999"
    default: return JSONPrinter.compact(value)
    }
  }
}
