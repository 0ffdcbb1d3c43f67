/// Renders diagnostics as annotated source text (jq/swift-syntax style) or as JSON.
///
/// ```
/// error[AZ2004]: step 'getPet' references unknown operationId 'findPetz'
///   --> adopt.arazzo.yaml:14:22
///    |
/// 14 |         operationId: findPetz
///    |                      ^^^^^^^^ no such operation in source 'petstore'
///    = hint: did you mean 'findPets'?
/// ```
public struct DiagnosticRenderer: Sendable {
  /// Whether to use ANSI colour (the caller decides: a TTY and no NO_COLOR).
  public var colored: Bool

  public init(colored: Bool = false) { self.colored = colored }

  private func paint(_ text: String, _ code: String) -> String {
    colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  private func severityColor(_ s: Severity) -> String {
    switch s {
    case .error: return "1;31"
    case .warning: return "1;33"
    case .note: return "1;36"
    }
  }

  /// The text form of one diagnostic, ending with a newline.
  public func render(_ d: Diagnostic) -> String {
    var out = paint("\(d.severity.rawValue)[\(d.code.rawValue)]", severityColor(d.severity))
    out += paint(": \(d.message)", "1") + "\n"
    guard let span = d.span else {
      appendTrailer(d, gutter: "", to: &out)
      return out
    }
    let gutterWidth = String(span.start.line).count
    let gutter = String(repeating: " ", count: gutterWidth)
    out += "\(gutter)\(paint("-->", "1;34")) \(span.start)\n"
    if let line = span.file.line(span.start.line) {
      let bar = paint("|", "1;34")
      out += "\(gutter) \(bar)\n"
      out += "\(paint(String(span.start.line), "1;34")) \(bar) \(line)\n"
      out += "\(gutter) \(bar) \(underline(span, line: line, severity: d.severity))"
      if let label = d.label { out += " " + paint(label, severityColor(d.severity)) }
      out += "\n"
    }
    appendTrailer(d, gutter: gutter, to: &out)
    return out
  }

  private func underline(_ span: SourceSpan, line: Substring, severity: Severity) -> String {
    let (prefix, carets) = Self.underline(span, line: line)
    return prefix + paint(carets, severityColor(severity))
  }

  /// The padding up to `span`'s column on `line` (tabs kept, so the carets line up under
  /// tab-indented text) and a caret per scalar of the span, stopping at the line's end.
  public static func underline(_ span: SourceSpan, line: Substring) -> (padding: String, carets: String) {
    let scalars = Array(line.unicodeScalars)
    let start = max(span.start.column - 1, 0)
    var prefix = ""
    for i in 0..<min(start, scalars.count) { prefix += scalars[i] == "\t" ? "\t" : " " }
    if start > scalars.count { prefix += String(repeating: " ", count: start - scalars.count) }
    let available = max(scalars.count - start, 1)
    return (prefix, String(repeating: "^", count: min(span.length, available)))
  }


  private func appendTrailer(_ d: Diagnostic, gutter: String, to out: inout String) {
    for note in d.notes {
      out += "\(gutter) = note: \(note.message)"
      if let at = note.span { out += " (\(at.start))" }
      out += "\n"
    }
    if let hint = d.hint { out += "\(gutter) = hint: \(hint)\n" }
    if let fix = d.fixIt {
      out += "\(gutter) = fix-it: replace `\(Self.text(under: fix.span))` with `\(fix.replacement)`\n"
    }
  }

  /// The source text a span covers (on its line), for fix-it messages.
  static func text(under span: SourceSpan) -> String {
    guard let line = span.file.line(span.start.line) else { return "" }
    let scalars = Array(line.unicodeScalars)
    let start = min(max(span.start.column - 1, 0), scalars.count)
    let end = min(start + span.length, scalars.count)
    var out = String.UnicodeScalarView()
    out.append(contentsOf: scalars[start..<end])
    return String(out)
  }

  /// The text form of many diagnostics, separated by blank lines, plus a summary line.
  public func render(_ diagnostics: [Diagnostic], summary: Bool = true) -> String {
    var out = diagnostics.map(render).joined(separator: "\n")
    if summary {
      let errors = diagnostics.filter { $0.severity == .error }.count
      let warnings = diagnostics.filter { $0.severity == .warning }.count
      if !diagnostics.isEmpty { out += "\n" }
      out += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
    }
    return out
  }

  /// The JSON form of one diagnostic (stable field names; used by `--format json`).
  public static func json(_ d: Diagnostic) -> JSONValue {
    var o = JSONObject()
    o["code"] = .string(d.code.rawValue)
    o["name"] = .string(d.code.slug)
    o["severity"] = .string(d.severity.rawValue)
    o["message"] = .string(d.message)
    if let span = d.span {
      o["file"] = .string(span.file.path)
      o["line"] = .integer(span.start.line)
      o["column"] = .integer(span.start.column)
      o["length"] = .integer(span.length)
    }
    if let label = d.label { o["label"] = .string(label) }
    if !d.notes.isEmpty {
      o["notes"] = .array(
        d.notes.map { note in
          var n = JSONObject()
          n["message"] = .string(note.message)
          if let at = note.span {
            n["file"] = .string(at.file.path)
            n["line"] = .integer(at.start.line)
            n["column"] = .integer(at.start.column)
          }
          return .object(n)
        })
    }
    if let hint = d.hint { o["hint"] = .string(hint) }
    if let fix = d.fixIt {
      var f = JSONObject()
      f["file"] = .string(fix.span.file.path)
      f["line"] = .integer(fix.span.start.line)
      f["column"] = .integer(fix.span.start.column)
      f["length"] = .integer(fix.span.length)
      f["replacement"] = .string(fix.replacement)
      o["fixIt"] = .object(f)
    }
    return .object(o)
  }
}
