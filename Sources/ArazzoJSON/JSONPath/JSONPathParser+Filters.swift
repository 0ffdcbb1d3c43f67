/// Filter selectors and logical expressions: `||`, `&&`, comparisons, operands, function calls
/// and the RFC 9535 type rules that decide where each may appear.
extension JSONPathParser {
  // MARK: Logical expressions

  mutating func parseOr() throws(JSONPathError) -> Operand {
    try parseChain(
      "|", operand: { (p: inout JSONPathParser) throws(JSONPathError) in try p.parseAnd() }
    ) {
      .or($0)
    }
  }

  mutating func parseAnd() throws(JSONPathError) -> Operand {
    try parseChain(
      "&", operand: { (p: inout JSONPathParser) throws(JSONPathError) in try p.parseComparison() }
    ) {
      .and($0)
    }
  }

  /// `operand (op op operand)*` for `||` and `&&`: one operand stays as it is; several become
  /// one logical expression.
  private mutating func parseChain(
    _ symbol: Unicode.Scalar,
    operand next: (inout JSONPathParser) throws(JSONPathError) -> Operand,
    combine: ([Syntax.LogicalExpression]) -> Syntax.LogicalExpression
  ) throws(JSONPathError) -> Operand {
    let start = position
    let first = try next(&self)
    var operands: [Syntax.LogicalExpression] = []
    while true {
      let save = position
      skipBlanks()
      guard peek() == symbol, peek(1) == symbol else {
        position = save
        break
      }
      if operands.isEmpty { operands.append(try logical(first, offset: start)) }
      position += 2
      skipBlanks()
      let offset = position
      operands.append(try logical(try next(&self), offset: offset))
    }
    return operands.isEmpty ? first : .logical(combine(operands), offset: start)
  }

  mutating func parseComparison() throws(JSONPathError) -> Operand {
    let start = position
    let lhs = try parseOperand()
    let save = position
    skipBlanks()
    guard let op = parseComparisonOperator() else {
      position = save
      return lhs
    }
    skipBlanks()
    let rhs = try parseOperand()
    return .logical(.comparison(try comparable(lhs), op, try comparable(rhs)), offset: start)
  }

  mutating func parseComparisonOperator() -> Syntax.ComparisonOperator? {
    let two = (peek(), peek(1))
    switch two {
    case ("=", "="):
      position += 2
      return .equal
    case ("!", "="):
      position += 2
      return .notEqual
    case ("<", "="):
      position += 2
      return .lessOrEqual
    case (">", "="):
      position += 2
      return .greaterOrEqual
    case ("<", _):
      position += 1
      return .less
    case (">", _):
      position += 1
      return .greater
    default: return nil
    }
  }

  mutating func parseOperand() throws(JSONPathError) -> Operand {
    let start = position
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maxDepth else {
      throw error("expression nests deeper than \(Self.maxDepth) levels")
    }
    guard let s = peek() else { throw error("expected an expression") }
    switch s {
    case "!":
      position += 1
      skipBlanks()
      let inner = position
      if peek() == "(" {
        guard case .logical(let e, _) = try parseOperand() else {
          throw error("expected a parenthesized expression", at: inner)
        }
        return .logical(.not(e), offset: start)
      }
      let operand = try parseOperand()
      switch operand {
      case .query, .function:
        return .logical(.not(try logical(operand, offset: inner)), offset: start)
      default:
        throw error("'!' must be followed by a query, a function or '('", at: inner)
      }
    case "(":
      position += 1
      skipBlanks()
      let inner = position
      let operand = try parseOr()
      let expression = try logical(operand, offset: inner)
      skipBlanks()
      try expect(")", "')'")
      return .logical(expression, offset: start)
    case "@", "$":
      position += 1
      let segments = try parseSegments()
      return .query(Syntax.Query(isRelative: s == "@", segments: segments), offset: start)
    case "'", "\"":
      return .literal(.string(try parseStringLiteral()), offset: start)
    case "-":
      return .literal(try parseNumber(), offset: start)
    default:
      if Self.isDigit(s) { return .literal(try parseNumber(), offset: start) }
      if s >= "a" && s <= "z" {
        var name = String.UnicodeScalarView()
        while let c = peek(), (c >= "a" && c <= "z") || c == "_" || Self.isDigit(c) {
          name.append(c)
          position += 1
        }
        let word = String(name)
        if peek() != "(" {
          switch word {
          case "true": return .literal(.bool(true), offset: start)
          case "false": return .literal(.bool(false), offset: start)
          case "null": return .literal(.null, offset: start)
          default: throw error("expected '(' after function name '\(word)'")
          }
        }
        return .function(try parseFunctionCall(word, offset: start), offset: start)
      }
      throw error("unexpected character '\(s)'")
    }
  }

  mutating func parseFunctionCall(
    _ name: String, offset: Int
  ) throws(JSONPathError)
    -> Syntax.FunctionCall
  {
    guard let function = JSONPathFunction(rawValue: name) else {
      throw error("unknown function '\(name)'", at: offset)
    }
    try expect("(", "'('")
    skipBlanks()
    var operands: [(Operand, Int)] = []
    if peek() != ")" {
      while true {
        skipBlanks()
        let argumentStart = position
        operands.append((try parseOr(), argumentStart))
        skipBlanks()
        if peek() == "," {
          position += 1
          continue
        }
        break
      }
    }
    try expect(")", "',' or ')'")
    let parameters = function.parameters
    guard operands.count == parameters.count else {
      throw error(
        "function '\(name)' takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s"),"
          + " not \(operands.count)", at: offset)
    }
    var arguments: [Syntax.Argument] = []
    for ((operand, argumentOffset), parameter) in zip(operands, parameters) {
      arguments.append(try argument(operand, for: parameter, in: name, offset: argumentOffset))
    }
    var call = Syntax.FunctionCall(function: function, arguments: arguments, regex: nil)
    if function == .match || function == .search, case .literal(.string(let pattern)) = arguments[1]
    {
      call.regex = IRegexp.compile(pattern, anchored: function == .match)
    }
    return call
  }

  // MARK: Type checks

  func argument(
    _ operand: Operand, for parameter: JSONPathFunction.ParameterType, in name: String, offset: Int
  ) throws(JSONPathError) -> Syntax.Argument {
    switch (parameter, operand) {
    case (.value, .literal(let v, _)): return .literal(v)
    case (.value, .query(let q, _)):
      guard q.isSingularQuerySyntax else {
        throw error("argument of '\(name)' must be a singular query or a value", at: offset)
      }
      return .query(q)
    case (.value, .function(let f, _)):
      guard f.function.result == .value else {
        throw error("function '\(f.function.rawValue)' does not return a value", at: offset)
      }
      return .function(f)
    case (.nodes, .query(let q, _)): return .query(q)
    case (.nodes, .function(let f, _)):
      guard f.function.result == .nodes else {
        throw error("argument of '\(name)' must be a query", at: offset)
      }
      return .function(f)
    case (.logical, .logical(let e, _)): return .logical(e)
    case (.logical, .query(let q, _)): return .logical(.exists(q))
    case (.logical, .function(let f, _)):
      guard f.function.result != .value else {
        throw error("function '\(f.function.rawValue)' does not return a logical", at: offset)
      }
      return .logical(.function(f))
    case (.value, _): throw error("argument of '\(name)' must be a value", at: offset)
    case (.nodes, _): throw error("argument of '\(name)' must be a query", at: offset)
    case (.logical, _):
      throw error("argument of '\(name)' must be a logical expression", at: offset)
    }
  }

  func comparable(_ operand: Operand) throws(JSONPathError) -> Syntax.Comparable {
    switch operand {
    case .literal(let v, _): return .literal(v)
    case .query(let q, let offset):
      guard q.isSingularQuerySyntax else {
        throw error("only singular queries can be compared", at: offset)
      }
      return .query(q)
    case .function(let f, let offset):
      guard f.function.result == .value else {
        throw error("the result of '\(f.function.rawValue)' cannot be compared", at: offset)
      }
      return .function(f)
    case .logical(_, let offset):
      throw error("a logical expression cannot be compared", at: offset)
    }
  }

  func logical(
    _ operand: Operand, offset: Int
  ) throws(JSONPathError)
    -> Syntax.LogicalExpression
  {
    switch operand {
    case .logical(let e, _): return e
    case .query(let q, _): return .exists(q)
    case .function(let f, let at):
      guard f.function.result != .value else {
        throw error("the result of '\(f.function.rawValue)' must be compared", at: at)
      }
      return .function(f)
    case .literal(_, let at):
      throw error("a literal must be compared with something", at: at)
    }
  }
}
