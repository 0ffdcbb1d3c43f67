import ArazzoExpressions
import ArazzoJSON
import ArazzoSyntax

/// The one textual form of the IR (grammar/ir.ebnf), shared by `arazzo lower`, the golden
/// files and the debugger's listings.
///
/// Per workflow: a header line, metadata lines, then one line per instruction (index, the
/// source `line:col` or `|` when on the line of the previous instruction, mnemonic, summary),
/// each followed by its operand lines, indented to the operand column and led by a keyword.
/// Parameter values print as their expressions; a constant header, cookie or query value with a
/// credential-like name prints as `"***"`. Every line is one line: control characters from the
/// document (line breaks too) are escaped (`TerminalText`).
public struct IRPrinter: Sendable {
  /// How a file path is shown, for example relative to the current directory.
  public var displayPath: @Sendable (String) -> String

  public init(displayPath: @escaping @Sendable (String) -> String = { $0 }) {
    self.displayPath = displayPath
  }

  /// The column where operands start; operand lines are indented to it.
  static let operandColumn = 24

  /// Every workflow, separated by blank lines.
  public func print(_ program: Program) -> String {
    program.workflows.map { print($0, in: program) }.joined(separator: "\n")
  }

  /// One workflow: header, metadata and instructions; ends with a newline.
  public func print(_ workflow: WorkflowCode, in program: Program) -> String {
    var out = header(workflow, in: program).map { $0 + "\n" }.joined()
    for pc in workflow.instructions.indices {
      out += instruction(at: pc, of: workflow, in: program) + "\n"
    }
    return out
  }

  /// The header and metadata lines of a workflow.
  public func header(_ workflow: WorkflowCode, in program: Program) -> [String] {
    let s = workflow.span.start
    var lines = [
      "workflow \(workflow.name)  ; \(displayPath(workflow.document)):\(s.line):\(s.column)"
    ]
    if let inputs = workflow.inputs { lines.append(meta("inputs", inputsSummary(inputs))) }
    if !workflow.dependsOn.isEmpty {
      lines.append(
        meta("dependsOn", workflow.dependsOn.map { name($0, in: program) }.joined(separator: ", ")))
    }
    lines.append(
      meta(
        "steps",
        workflow.steps.isEmpty
          ? "(none)" : workflow.steps.map { "\($0.id) @\($0.pc)" }.joined(separator: ", ")))
    lines.append(meta("exits", "return @\(workflow.returnPC), fail @\(workflow.failPC)"))
    return lines.map { TerminalText.escaped($0) }
  }

  /// The text of the instruction at `pc`: its line and its operand lines (no final newline).
  public func instruction(at pc: Int, of workflow: WorkflowCode, in program: Program) -> String {
    let instruction = workflow.instructions[pc]
    let span = instruction.span
    var position = "\(span.start.line):\(span.start.column)"
    if pc > 0 {
      let previous = workflow.instructions[pc - 1].span.start
      if previous.line == span.start.line && previous.file.path == span.start.file.path {
        position = "|"
      }
    }
    let (summary, operands) = render(instruction, in: program)
    var line = pad(String(pc), 4, left: true) + "  " + pad(position, 7) + " "
    line += summary.isEmpty ? instruction.mnemonic : pad(instruction.mnemonic, 9) + " " + summary
    var lines = [line]
    let indent = String(repeating: " ", count: Self.operandColumn)
    for (keyword, text) in operands {
      lines.append(indent + (text.isEmpty ? keyword : pad(keyword, 8) + text))
    }
    return lines.map { TerminalText.escaped($0) }.joined(separator: "\n")
  }

  // MARK: Instructions

  private func render(
    _ instruction: Instruction, in program: Program
  ) -> (
    String, [(String, String)]
  ) {
    switch instruction {
    case .step(let s):
      return (
        s.stepId,
        s.dependsOn.map { dependency -> (String, String) in
          switch dependency {
          case .step(let id): return ("after", id)
          case .workflowStep(let ref, let stepId):
            return ("after", "\(name(ref, in: program)).\(stepId)  (ran in that workflow)")
          }
        }
      )
    case .request(let r):
      var operands: [(String, String)] = []
      let summary: String
      switch r.operation {
      case .resolved(let op):
        summary = "\(op.method) \(op.pathTemplate)  (\(op.source).\(op.operationId ?? "-"))"
        operands.append(("server", op.defaultServerURL))
      case .unresolved(let reference, let reason):
        summary = "unresolved \(reference)  (\(reason))"
      }
      if let timeout = r.timeout {
        let ms =
          timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        operands.append(("timeout", "\(ms) ms"))
      }
      for a in r.arguments {
        operands.append((a.location?.rawValue ?? "input", argument(a)))
      }
      if let body = r.body {
        var type = body.contentType ?? "-"
        if body.contentTypeSource == .operation { type += " (from operation)" }
        operands.append(("body", type + " = " + (body.payload.map(value) ?? "-")))
        for edit in body.replacements {
          operands.append(("replace", edit.target + " = " + value(edit.value)))
        }
      }
      return (summary, operands)
    case .call(let c):
      return (name(c.target, in: program), c.arguments.map { ("input", argument($0)) })
    case .check(let c):
      switch c.criteria.count {
      case 0: return ("(none)", [])
      case 1: return (criterion(c.criteria[0]), [])
      default: return ("all of \(c.criteria.count)", c.criteria.map { ("when", criterion($0)) })
      }
    case .outputs(let o):
      return bindings(o.outputs)
    case .dispatch(let d):
      var operands: [(String, String)] = []
      for (list, fallback, keyword) in [
        (d.onSuccess, d.successDefault, "success"), (d.onFailure, d.failureDefault, "failure"),
      ] {
        for action in list {
          var text = action.name
          if action.origin == .workflow { text += " [workflow]" }
          if let component = action.component { text += " [\(component)]" }
          text += " -> " + effect(action.effect, in: program)
          if let first = action.criteria.first { text += "  when " + criterion(first) }
          operands.append((keyword, text))
          for more in action.criteria.dropFirst() { operands.append(("and", criterion(more))) }
        }
        operands.append((keyword, "default -> " + effect(fallback, in: program)))
      }
      let names = { (list: [Action]) in
        list.isEmpty ? "-" : list.map(\.name).joined(separator: ", ")
      }
      return ("success: \(names(d.onSuccess)); failure: \(names(d.onFailure))", operands)
    case .return(let r):
      return bindings(r.outputs)
    case .fail:
      return ("", [])
    }
  }

  private func bindings(_ outputs: [OutputBinding]) -> (String, [(String, String)]) {
    guard !outputs.isEmpty else { return ("(none)", []) }
    return (
      outputs.map(\.name).joined(separator: ", "),
      outputs.map { ("set", $0.name + " = " + output($0.value)) }
    )
  }

  private func effect(_ effect: ActionEffect, in program: Program) -> String {
    switch effect {
    case .next(let pc): return "next @\(pc)"
    case .goto(let id, let pc): return "goto \(id) @\(pc)"
    case .gotoWorkflow(let ref, let arguments):
      return "goto workflow \(name(ref, in: program))" + inputs(arguments)
    case .end(let pc): return "end @\(pc)"
    case .fail(let pc): return "fail @\(pc)"
    case .retry(let retry):
      var text = "retry @\(retry.resume) limit \(retry.limit)"
      if let after = retry.after { text += " after \(Embedding.text(for: .number(after)))s" }
      switch retry.target {
      case .step(let id, let pc)?: text += " via \(id) @\(pc)"
      case .workflow(let ref, let arguments)?:
        text += " via workflow \(name(ref, in: program))" + inputs(arguments)
      case nil: break
      }
      return text
    }
  }

  private func inputs(_ arguments: [ParameterBinding]) -> String {
    arguments.isEmpty ? "" : " (" + arguments.map(argument).joined(separator: ", ") + ")"
  }

  private func name(_ ref: WorkflowRef, in program: Program) -> String {
    guard let index = ref.index, program.workflows.indices.contains(index) else {
      return "unresolved \(ref.reference)"
    }
    return program.workflows[index].name
  }

  // MARK: Operands

  private static let secretWords = [
    "authorization", "cookie", "token", "secret", "password", "api-key", "apikey", "api_key",
  ]

  private func argument(_ a: ParameterBinding) -> String {
    var text = a.name
    if let d = a.declaration, d.style != nil || d.explode != nil {
      var parts: [String] = []
      if let style = d.style { parts.append("style=\(style)") }
      if let explode = d.explode { parts.append("explode=\(explode)") }
      text += " [" + parts.joined(separator: " ") + "]"
    }
    if a.origin == .workflow { text += " [workflow]" }
    if let component = a.component { text += " [\(component)]" }
    let lower = a.name.lowercased()
    if case .literal(let v) = a.value, v != .null,
      a.location == .header || a.location == .cookie
        || a.location == .query, Self.secretWords.contains(where: { lower.contains($0) })
    {
      return text + " = \"***\""
    }
    return text + " = " + value(a.value)
  }

  private func output(_ value: OutputBinding.Value) -> String {
    switch value {
    case .expression(let e): return e.text
    case .constant(let v): return literal(v)
    case .selector(let context, let query):
      let kind: String
      switch query {
      case .jsonpath: kind = "jsonpath"
      case .jsonpointer: kind = "jsonpointer"
      case .xpath: kind = "xpath"
      case .invalid: kind = "invalid"
      }
      return "\(kind)(\(context.text)) \(escaped(query.text))"
    }
  }

  /// A value template: JSON for literals, expressions as written, templates as `+` chains.
  func value(_ template: ValueTemplate) -> String {
    switch template {
    case .literal(let v): return literal(v)
    case .expression(let e): return e.text
    case .template(let t):
      var parts = t.parts.map { part -> String in
        switch part {
        case .text(let s): return JSONPrinter.compact(.string(s))
        case .expression(let e, _): return e.text
        }
      }
      if parts.count == 1 { parts.insert("\"\"", at: 0) }
      return parts.joined(separator: " + ")
    case .array(let items): return "[" + items.map(value).joined(separator: ", ") + "]"
    case .object(let members):
      return "{"
        + members.map { JSONPrinter.compact(.string($0.key)) + ": " + value($0.value) }
        .joined(separator: ", ") + "}"
    }
  }

  private func literal(_ v: JSONValue) -> String {
    switch v {
    case .array(let items): return "[" + items.map(literal).joined(separator: ", ") + "]"
    case .object(let o):
      return "{"
        + o.members.map { JSONPrinter.compact(.string($0.key)) + ": " + literal($0.value) }
        .joined(separator: ", ") + "}"
    default: return JSONPrinter.compact(v)
    }
  }

  /// A criterion on one line: simple conditions as written; the others as
  /// `type(context) condition` (`jsonpath-logical` for the seed's comparison reading).
  func criterion(_ c: CompiledCriterion) -> String {
    let context = c.criterion.context ?? "-"
    let condition = escaped(c.criterion.condition)
    switch c.body {
    case .simple: return condition
    case .regex, .regexTemplate: return "regex(\(context)) \(condition)"
    case .jsonpath: return "jsonpath(\(context)) \(condition)"
    case .jsonpathLogical: return "jsonpath-logical(\(context)) \(condition)"
    case .xpath: return "xpath(\(context)) \(condition)"
    case .invalid: return "invalid(\(c.criterion.type.rawValue)) \(condition)"
    }
  }

  /// Text that must stay on one line: as written, or as a JSON string when it holds a line break.
  private func escaped(_ text: String) -> String {
    text.contains(where: \.isNewline) ? JSONPrinter.compact(.string(text)) : text
  }

  // MARK: Metadata

  private func inputsSummary(_ schema: JSONValue) -> String {
    guard case .object(let properties)? = schema["properties"], !properties.isEmpty else {
      return "(schema)"
    }
    let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
    return properties.members.map { key, property in
      var text = key + (required.contains(key) ? "*" : "")
      if let type = property["type"]?.stringValue { text += ": " + type }
      return text
    }.joined(separator: ", ")
  }

  private func meta(_ keyword: String, _ text: String) -> String {
    "  " + pad(keyword, 10) + " " + text
  }

  private func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
    let n = s.count
    guard n < width else { return s }
    let fill = String(repeating: " ", count: width - n)
    return left ? fill + s : s + fill
  }
}
