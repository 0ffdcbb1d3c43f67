import ArazzoJSON

/// A parsed Arazzo runtime expression (`$url`, `$response.body#/data/id`, `$steps.a.outputs.b`…).
///
/// Parsed once (grammar/runtime-expression.abnf plus our boundary rules); evaluation never looks
/// at the text again. `text` is the expression exactly as written, for messages and traces.
public struct RuntimeExpression: Sendable, Hashable, CustomStringConvertible {
  /// What the expression reads.
  public enum Source: Sendable, Hashable {
    case url
    case method
    case statusCode
    case request(MessageReference)
    case response(MessageReference)
    /// [1.1] `$message.header.<token>` / `$message.payload[#ptr]` (AsyncAPI; payload is `.body`).
    case message(MessageReference)
    /// `$inputs.<name>[#ptr]`; the name may contain dots (docs/semantics.md#dotted-names).
    case inputs(name: String, pointer: JSONPointer?)
    case outputs(name: String, pointer: JSONPointer?)
    /// `$steps.<stepId>.outputs.<name>[#ptr]`.
    case stepOutput(stepId: String, name: String, pointer: JSONPointer?)
    /// Any other `$steps.<stepId>.<field>[#ptr]` form (including a bare `$steps.x.outputs`).
    case stepField(stepId: String, field: String, pointer: JSONPointer?)
    case workflowInput(workflowId: String, name: String, pointer: JSONPointer?)
    case workflowOutput(workflowId: String, name: String, pointer: JSONPointer?)
    /// `$sourceDescriptions.<name>.<reference>` (operationId, workflowId or a field like `url`).
    case sourceDescription(name: String, reference: String)
    case component(kind: ComponentKind, key: String)
  }

  /// The part of a request or response an expression reads.
  public enum MessageReference: Sendable, Hashable {
    case header(String)
    case query(String)
    case path(String)
    case body(JSONPointer?)
  }

  public enum ComponentKind: String, Sendable, Hashable, CaseIterable {
    case parameters, successActions, failureActions, inputs
  }

  /// Which message `$request`/`$response` names.
  public enum Message: String, Sendable, Hashable { case request, response, message }

  public var source: Source
  /// The expression as written.
  public var text: String

  public init(source: Source, text: String) {
    self.source = source
    self.text = text
  }

  public var description: String { text }

  /// The step an expression reads (`$steps.<id>…`), for reference checks.
  public var referencedStepId: String? {
    switch source {
    case .stepOutput(let id, _, _), .stepField(let id, _, _): return id
    default: return nil
    }
  }

  /// The workflow an expression reads (`$workflows.<id>…`).
  public var referencedWorkflowId: String? {
    switch source {
    case .workflowInput(let id, _, _), .workflowOutput(let id, _, _): return id
    default: return nil
    }
  }

  /// The root token, e.g. `$steps`.
  public var root: String {
    switch source {
    case .url: return "$url"
    case .method: return "$method"
    case .statusCode: return "$statusCode"
    case .request: return "$request"
    case .response: return "$response"
    case .message: return "$message"
    case .inputs: return "$inputs"
    case .outputs: return "$outputs"
    case .stepOutput, .stepField: return "$steps"
    case .workflowInput, .workflowOutput: return "$workflows"
    case .sourceDescription: return "$sourceDescriptions"
    case .component: return "$components"
    }
  }

  /// The roots the grammar knows, without the `$`.
  public static let roots = [
    "url", "method", "statusCode", "request", "response", "inputs", "outputs", "steps", "workflows",
    "sourceDescriptions", "components", "message",
  ]
}

// MARK: - Parsing

extension RuntimeExpression {
  /// Where an expression ends (grammar/runtime-expression.abnf, "Boundary rules";
  /// docs/semantics.md#expression-boundaries).
  public enum Boundary: Sendable {
    /// The whole text is one expression (a parameter value, a criterion context, an output).
    case whole
    /// Inside `{…}`: ends at the first `}`.
    case braced
    /// Inside a simple condition: ends at whitespace or `! & ( ) < = > | { }`; a name also ends at
    /// `[`/`]` so that `[n]` indexes it.
    case condition
    /// A bare `$…` token inside other text (`Bearer $inputs.token`): like `condition`, plus it
    /// ends at quotes, `,` and `;`.
    case bare
  }

  /// Parses `text` as exactly one runtime expression.
  ///
  /// - Parameter origin: where the text's first character sits in its file (nil: a synthetic
  ///   `<expr>` file), so the diagnostic points into the document.
  public static func parse(
    _ text: String, origin: SourceLocation? = nil
  ) throws(Diagnostic) -> RuntimeExpression {
    let t = ExpressionText(text, origin: origin)
    var p = ExpressionParser(t, boundary: .whole)
    let e = try p.parse(at: 0)
    return e
  }

  /// Whether `text` starts with `$` and a known root (`$inputs`, `$steps`…), i.e. it was meant as
  /// an expression even if it fails to parse.
  public static func hasKnownRoot(_ text: Substring) -> Bool { hasKnownRoot(text.unicodeScalars) }

  /// `hasKnownRoot` over scalars; it reads no further than the longest root, so a scan over a
  /// long text can ask at every `$` without re-reading the rest of the text.
  static func hasKnownRoot(_ scalars: some Sequence<Unicode.Scalar>) -> Bool {
    var it = scalars.makeIterator()
    guard it.next() == "$" else { return false }
    var name = String.UnicodeScalarView()
    while let c = it.next(), c.isASCIILetter {
      name.append(c)
      if name.count > longestRoot { return false }
    }
    return roots.contains(String(name))
  }

  private static let longestRoot = roots.map(\.count).max() ?? 0
}

/// The hand-written runtime expression parser. It works on scalar offsets of one
/// `ExpressionText`, so an expression embedded in a template or a condition reports spans in
/// the enclosing text.
struct ExpressionParser {
  let t: ExpressionText
  let boundary: RuntimeExpression.Boundary
  var i = 0

  init(_ t: ExpressionText, boundary: RuntimeExpression.Boundary) {
    self.t = t
    self.boundary = boundary
  }

  private func error(
    _ message: String, at offset: Int, length: Int = 1, label: String? = nil, hint: String? = nil
  )
    -> Diagnostic
  {
    Diagnostic(
      .invalidExpression, nil, message, at: t.span(offset, length: length), label: label, hint: hint
    )
  }

  /// Characters that end any expression part (all boundaries).
  private func endsEverything(_ c: Unicode.Scalar) -> Bool {
    switch boundary {
    case .whole: return false
    case .braced: return c == "}"
    case .condition: return c.isSpace || "!&()<=>|{}".unicodeScalars.contains(c)
    case .bare: return c.isSpace || "!&()<=>|{}\"',;".unicodeScalars.contains(c)
    }
  }

  /// Whether `c` may appear in a name (input, output, parameter, field).
  private func isNameChar(_ c: Unicode.Scalar) -> Bool {
    if c.isSpace || c == "#" || c == "{" || c == "}" { return false }
    if endsEverything(c) { return false }
    if boundary == .condition || boundary == .bare { return c != "[" && c != "]" }
    return true
  }

  private mutating func scanName(allowDots: Bool = true) -> Range<Int> {
    let start = i
    while let c = t[i], isNameChar(c), allowDots || c != "." { i += 1 }
    return start..<i
  }

  /// Parses one expression starting at `start` (which holds `$`); leaves `i` after it.
  mutating func parse(at start: Int) throws(Diagnostic) -> RuntimeExpression {
    i = start
    let source = try parseSource()
    try checkEnd(start: start, source: source)
    return RuntimeExpression(source: source, text: t.slice(start, i))
  }

  private mutating func checkEnd(start: Int, source: RuntimeExpression.Source) throws(Diagnostic) {
    guard let c = t[i] else { return }
    switch boundary {
    case .whole:
      throw error(
        "unexpected '\(c)' in runtime expression '\(t.slice(start, t.count))'", at: i,
        label: c.isSpace
          ? "a runtime expression cannot contain spaces" : "the expression should end here",
        hint: bodyPointerHint(source, start: start))
    case .braced:
      if c != "}" {
        throw error(
          "unexpected '\(c)' in embedded expression", at: i, label: "expected '}'",
          hint: bodyPointerHint(source, start: start))
      }
    case .condition, .bare:
      return  // the caller decides whether navigation or an operator follows
    }
  }

  /// For `$response.body.items[0]` (a body walked with dots, as in JavaScript): the JSON Pointer
  /// spelling, `did you mean '$response.body#/items/0'?`.
  private func bodyPointerHint(_ source: RuntimeExpression.Source, start: Int) -> String? {
    switch source {
    case .response(.body(nil)), .request(.body(nil)), .message(.body(nil)): break
    default: return nil
    }
    guard t[i] == "." || t[i] == "[" else { return nil }
    var pointer = ""
    var j = i
    while let c = t[j], !c.isSpace, c != "}" {
      switch c {
      case ".", "[": pointer += "/"
      case "]": break
      case "~": pointer += "~0"
      case "/": pointer += "~1"
      default: pointer.unicodeScalars.append(c)
      }
      j += 1
    }
    // A hint quotes at most a line's worth: a 10 MB expression gets no 10 MB hint.
    guard pointer.count <= 200 else { return "a body is read with a JSON Pointer after '#'" }
    return
      "a body is read with a JSON Pointer after '#': did you mean '\(t.slice(start, i))#\(pointer)'?"
  }

  private mutating func parseSource() throws(Diagnostic) -> RuntimeExpression.Source {
    let start = i
    guard t[i] == "$" else { throw error("a runtime expression starts with '$'", at: i) }
    i += 1
    while let c = t[i], c.isASCIILetter { i += 1 }
    let root = t.slice(start + 1, i)
    guard RuntimeExpression.roots.contains(root) else {
      if root.isEmpty {
        var hint: String? = nil
        if t[i] == "." || t[i] == "[" {
          hint =
            "'$.' starts a JSONPath query, not a runtime expression; a jsonpath criterion needs 'type: jsonpath'"
        }
        throw error(
          "expected an expression source after '$' (like $inputs, $steps, $response)", at: start,
          hint: hint)
      }
      let suggestion = closest(to: root, in: RuntimeExpression.roots)
      throw error(
        "unknown expression source '$\(root)'"
          + (suggestion.map { "; did you mean '$\($0)'?" } ?? ""),
        at: start, length: i - start, label: "unknown source",
        hint: suggestion == nil
          ? "expression sources are "
            + RuntimeExpression.roots.map { "$" + $0 }.joined(separator: ", ") : nil)
    }
    switch root {
    case "url": return .url
    case "method": return .method
    case "statusCode": return .statusCode
    default: break
    }
    guard t[i] == "." else {
      throw error("expected '.' after '$\(root)'", at: i, label: "expected '.'")
    }
    i += 1
    switch root {
    case "request": return .request(try parseMessage(root))
    case "response": return .response(try parseMessage(root))
    case "message": return .message(try parseMessage(root))
    case "inputs":
      let (name, ptr) = try parseNameAndPointer(what: "an input name", after: "$inputs.")
      return .inputs(name: name, pointer: ptr)
    case "outputs":
      let (name, ptr) = try parseNameAndPointer(what: "an output name", after: "$outputs.")
      return .outputs(name: name, pointer: ptr)
    case "steps": return try parseSteps()
    case "workflows": return try parseWorkflows()
    case "sourceDescriptions":
      let n = scanName(allowDots: false)
      guard !n.isEmpty else {
        throw error("expected a source description name after '$sourceDescriptions.'", at: i)
      }
      guard t[i] == "." else {
        throw error(
          "expected '.<reference>' after '$sourceDescriptions.\(t.slice(n.lowerBound, n.upperBound))'",
          at: i,
          hint: "write $sourceDescriptions.<name>.<operationId | workflowId | field>")
      }
      i += 1
      let r = scanName()
      guard !r.isEmpty else {
        throw error("expected an operationId, workflowId or field name", at: i)
      }
      return .sourceDescription(
        name: t.slice(n.lowerBound, n.upperBound), reference: t.slice(r.lowerBound, r.upperBound))
    case "components":
      let k = scanName(allowDots: false)
      let kindText = t.slice(k.lowerBound, k.upperBound)
      guard let kind = RuntimeExpression.ComponentKind(rawValue: kindText) else {
        let kinds = RuntimeExpression.ComponentKind.allCases.map(\.rawValue)
        let s = closest(to: kindText, in: kinds)
        throw error(
          kindText.isEmpty
            ? "expected a component type after '$components.'"
            : "unknown component type '\(kindText)'" + (s.map { "; did you mean '\($0)'?" } ?? ""),
          at: k.lowerBound, length: k.count,
          hint: "component types are " + kinds.joined(separator: ", "))
      }
      guard t[i] == "." else {
        throw error("expected '.<key>' after '$components.\(kindText)'", at: i)
      }
      i += 1
      let key = scanName()
      guard !key.isEmpty else {
        throw error("expected a component key after '$components.\(kindText).'", at: i)
      }
      return .component(kind: kind, key: t.slice(key.lowerBound, key.upperBound))
    default:
      throw error("unknown expression source '$\(root)'", at: start, length: i - start)
    }
  }

  private mutating func parsePointer() throws(Diagnostic) -> JSONPointer? {
    guard t[i] == "#" else { return nil }
    i += 1
    let start = i
    while let c = t[i], !endsEverything(c) { i += 1 }
    let text = t.slice(start, i)
    do {
      return try JSONPointer(parsing: text)
    } catch {
      throw self.error(
        "invalid JSON Pointer '\(text)': \(error)", at: start - 1, length: i - start + 1,
        hint: text.first != "/" ? "a pointer after '#' starts with '/', e.g. #/data/id" : nil)
    }
  }

  private mutating func parseNameAndPointer(
    what: String, after prefix: String
  ) throws(Diagnostic) -> (String, JSONPointer?) {
    let n = scanName()
    guard !n.isEmpty else {
      throw error("expected \(what) after '\(prefix)'", at: i, label: "expected \(what)")
    }
    return (t.slice(n.lowerBound, n.upperBound), try parsePointer())
  }

  private mutating func parseMessage(
    _ root: String
  ) throws(Diagnostic) -> RuntimeExpression.MessageReference {
    let start = i
    while let c = t[i], c.isASCIILetter { i += 1 }
    let word = t.slice(start, i)
    switch (root == "message" && word == "payload") ? "body" : word {
    case "body" where root != "message":
      if let p = try parsePointer() { return .body(p) }
      return .body(nil)
    case "body":
      if let p = try parsePointer() { return .body(p) }
      return .body(nil)
    case "query" where root == "message", "path" where root == "message":
      throw error(
        "'$message' has only header and payload", at: start, length: max(i - start, 1),
        hint: "write $message.header.<name> or $message.payload[#/pointer]")
    case "header", "query", "path":
      guard t[i] == "." else {
        throw error("expected '.' after '$\(root).\(word)'", at: i, label: "expected '.<name>'")
      }
      i += 1
      if word == "header" {
        let s = i
        while let c = t[i], c.isTChar, !endsEverything(c) { i += 1 }
        guard i > s else {
          throw error(
            "expected a header name after '$\(root).header.'", at: i,
            label: "expected a header name")
        }
        return .header(t.slice(s, i))
      }
      let n = scanName()
      guard !n.isEmpty else {
        throw error("expected a parameter name after '$\(root).\(word).'", at: i)
      }
      let name = t.slice(n.lowerBound, n.upperBound)
      return word == "query" ? .query(name) : .path(name)
    default:
      let s = closest(to: word, in: ["header", "query", "path", "body"])
      throw error(
        word.isEmpty
          ? "expected header, query, path or body after '$\(root).'"
          : "unknown \(root) source '\(word)'" + (s.map { "; did you mean '\($0)'?" } ?? ""),
        at: start, length: max(i - start, 1),
        hint: "write $\(root).header.<name>, .query.<name>, .path.<name> or .body[#/pointer]")
    }
  }

  private mutating func parseSteps() throws(Diagnostic) -> RuntimeExpression.Source {
    let id = scanName(allowDots: false)
    guard !id.isEmpty else {
      throw error("expected a stepId after '$steps.'", at: i, label: "expected a stepId")
    }
    let stepId = t.slice(id.lowerBound, id.upperBound)
    guard t[i] == "." else {
      throw error(
        "expected '.outputs.<name>' after '$steps.\(stepId)'", at: i, label: "expected '.'",
        hint: "write $steps.\(stepId).outputs.<name>")
    }
    i += 1
    let f = scanName(allowDots: false)
    guard !f.isEmpty else {
      throw error("expected a field (like 'outputs') after '$steps.\(stepId).'", at: i)
    }
    let field = t.slice(f.lowerBound, f.upperBound)
    if field == "outputs", t[i] == "." {
      i += 1
      let (name, ptr) = try parseNameAndPointer(
        what: "an output name", after: "$steps.\(stepId).outputs.")
      return .stepOutput(stepId: stepId, name: name, pointer: ptr)
    }
    // Other forms are kept generically: the rest of the name is the field path.
    var rest = field
    if t[i] == "." {
      i += 1
      let more = scanName()
      rest += "." + t.slice(more.lowerBound, more.upperBound)
    }
    return .stepField(stepId: stepId, field: rest, pointer: try parsePointer())
  }

  private mutating func parseWorkflows() throws(Diagnostic) -> RuntimeExpression.Source {
    let id = scanName(allowDots: false)
    guard !id.isEmpty else { throw error("expected a workflowId after '$workflows.'", at: i) }
    let wf = t.slice(id.lowerBound, id.upperBound)
    guard t[i] == "." else {
      throw error(
        "expected '.inputs.<name>' or '.outputs.<name>' after '$workflows.\(wf)'", at: i,
        label: "expected '.'")
    }
    i += 1
    let f = scanName(allowDots: false)
    let field = t.slice(f.lowerBound, f.upperBound)
    guard field == "inputs" || field == "outputs" else {
      let s = closest(to: field, in: ["inputs", "outputs"])
      throw error(
        "expected 'inputs' or 'outputs' after '$workflows.\(wf).'"
          + (s.map { field.isEmpty ? "" : "; did you mean '\($0)'?" } ?? ""),
        at: f.lowerBound, length: f.count)
    }
    guard t[i] == "." else {
      throw error("expected '.<name>' after '$workflows.\(wf).\(field)'", at: i)
    }
    i += 1
    let (name, ptr) = try parseNameAndPointer(what: "a name", after: "$workflows.\(wf).\(field).")
    return field == "inputs"
      ? .workflowInput(workflowId: wf, name: name, pointer: ptr)
      : .workflowOutput(workflowId: wf, name: name, pointer: ptr)
  }
}
