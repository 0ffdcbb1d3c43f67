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

  /// The most diagnostics a list shows; the rest are counted on one line.
  public static let maxShown = 100
  /// The most characters of a quote (`'…'`) a message shows; `maxMessage` of a whole message.
  static let maxQuote = 120
  static let maxMessage = 1000

  /// The text form of one diagnostic, ending with a newline. Text from the input is shown
  /// escaped (`TerminalText`) and shortened: long quotes in messages, long source lines.
  public func render(_ d: Diagnostic) -> String {
    var out = paint("\(d.severity.rawValue)[\(d.code.rawValue)]", severityColor(d.severity))
    out += paint(": \(Self.shown(d.message))", "1") + "\n"
    guard let span = d.span else {
      appendTrailer(d, gutter: "", to: &out)
      return out
    }
    let gutterWidth = String(span.start.line).count
    let gutter = String(repeating: " ", count: gutterWidth)
    out += "\(gutter)\(paint("-->", "1;34")) \(Self.shown(span.start))\n"
    if let line = span.file.line(span.start.line) {
      let snippet = SnippetLine(line, column: span.start.column, length: span.length)
      let bar = paint("|", "1;34")
      out += "\(gutter) \(bar)\n"
      out += "\(paint(String(span.start.line), "1;34")) \(bar) \(snippet.text)\n"
      out +=
        "\(gutter) \(bar) \(snippet.padding)\(paint(snippet.carets, severityColor(d.severity)))"
      if let label = d.label { out += " " + paint(Self.shown(label), severityColor(d.severity)) }
      out += "\n"
    }
    appendTrailer(d, gutter: gutter, to: &out)
    return out
  }

  private func appendTrailer(_ d: Diagnostic, gutter: String, to out: inout String) {
    for note in d.notes {
      out += "\(gutter) = note: \(Self.shown(note.message))"
      if let at = note.span { out += " (\(Self.shown(at.start)))" }
      out += "\n"
    }
    if let hint = d.hint { out += "\(gutter) = hint: \(Self.shown(hint))\n" }
    if let fix = d.fixIt {
      let old = Self.shown(TerminalText.shortened(Self.text(under: fix.span), limit: Self.maxQuote))
      let new = Self.shown(TerminalText.shortened(fix.replacement, limit: Self.maxQuote))
      out += "\(gutter) = fix-it: replace `\(old)` with `\(new)`\n"
    }
  }

  /// The source text a span covers (on its line), for fix-it messages.
  static func text(under span: SourceSpan) -> String {
    guard let line = span.file.line(span.start.line) else { return "" }
    let scalars = line.unicodeScalars
    let start =
      scalars.index(
        scalars.startIndex, offsetBy: max(span.start.column - 1, 0),
        limitedBy: scalars.endIndex) ?? scalars.endIndex
    let end =
      scalars.index(start, offsetBy: max(span.length, 0), limitedBy: scalars.endIndex)
      ?? scalars.endIndex
    return String(scalars[start..<end])
  }

  /// Text of a diagnostic (message, note, hint, label) as printed: long quotes shortened,
  /// control characters escaped.
  static func shown(_ text: String) -> String {
    TerminalText.escaped(shortened(text))
  }

  /// A location as printed (the path may come from a document).
  private static func shown(_ location: SourceLocation) -> String {
    TerminalText.escaped(location.description)
  }

  /// `text` with each quote (`'…'`) longer than `maxQuote` characters cut to its start and
  /// `… (N more characters)`, and the whole cut at `maxMessage` characters: a message quoting
  /// a 10 MB value stays a line. The JSON form shortens the same way (without escaping).
  static func shortened(_ text: String) -> String {
    guard text.utf8.count > maxQuote else { return text }
    let scalars = text.unicodeScalars
    var out = ""
    var copied = scalars.startIndex
    var previous: Unicode.Scalar?
    var i = scalars.startIndex
    while i < scalars.endIndex {
      let scalar = scalars[i]
      // An opening quote follows no letter or digit (the one in "step's" does not open).
      if scalar == "'", !(previous.map(isWordScalar) ?? false) {
        let contentStart = scalars.index(after: i)
        guard let close = closingQuote(in: scalars, from: contentStart) else { break }
        let content = String(scalars[contentStart..<close])
        let cut = TerminalText.shortened(content, limit: maxQuote)
        if cut.utf8.count != content.utf8.count {
          out += String(scalars[copied..<contentStart])
          out += cut
          copied = close
        }
        previous = "'"
        i = scalars.index(after: close)
        continue
      }
      previous = scalar
      scalars.formIndex(after: &i)
    }
    if copied == scalars.startIndex { return TerminalText.shortened(text, limit: maxMessage) }
    out += String(scalars[copied...])
    return TerminalText.shortened(out, limit: maxMessage)
  }

  /// The quote that closes one opened before `start`: a `'` followed by no letter or digit.
  private static func closingQuote(
    in scalars: String.UnicodeScalarView, from start: String.Index
  ) -> String.Index? {
    var j = start
    while j < scalars.endIndex {
      let next = scalars.index(after: j)
      if scalars[j] == "'" && (next == scalars.endIndex || !isWordScalar(scalars[next])) {
        return j
      }
      j = next
    }
    return nil
  }

  private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
  }

  /// The text form of many diagnostics, separated by blank lines, plus a summary line. At most
  /// `maxShown` are shown, then one line counts the rest; the summary counts all.
  public func render(_ diagnostics: [Diagnostic], summary: Bool = true) -> String {
    var out = shown(diagnostics, limit: Self.maxShown).joined(separator: "\n")
    if summary {
      let errors = diagnostics.filter { $0.severity == .error }.count
      let warnings = diagnostics.filter { $0.severity == .warning }.count
      if !diagnostics.isEmpty { out += "\n" }
      out +=
        "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
    }
    return out
  }

  /// Each diagnostic followed by a blank line (how the commands print a file's diagnostics),
  /// at most `limit`, then one line counting the rest.
  public func renderEach(_ diagnostics: [Diagnostic], limit: Int = maxShown) -> String {
    shown(diagnostics, limit: limit).map { $0 + "\n" }.joined()
  }

  /// Each diagnostic on one line (`warning[AZ2026]: file:53:27: message`), at most `limit`,
  /// then one line counting the rest.
  public func renderBrief(_ diagnostics: [Diagnostic], limit: Int = maxShown) -> String {
    var out = ""
    for d in diagnostics.prefix(max(limit, 0)) {
      out += "\(d.severity.rawValue)[\(d.code.rawValue)]: "
      if let span = d.span { out += Self.shown(span.start) + ": " }
      out += Self.shown(d.message) + "\n"
    }
    if diagnostics.count > limit { out += Self.omitted(diagnostics.dropFirst(max(limit, 0))) }
    return out
  }

  /// Under a run's warnings: what each code among them means, in plain words, once per code
  /// with how many places have it, then where the long form is. Empty without warnings.
  ///
  /// ```
  /// what these warnings mean (arazzo explain CODE says why, with examples):
  ///   AZ2026 (3×)  the value is filled in, as the author meant (Bearer <token>); by the spec
  ///                it needs braces, …
  /// ```
  public static func meanings(_ diagnostics: [Diagnostic]) -> String {
    var codes: [DiagnosticCode] = []
    for d in diagnostics where d.severity == .warning && !codes.contains(d.code) {
      codes.append(d.code)
    }
    guard !codes.isEmpty else { return "" }
    var out = "what these warnings mean (arazzo explain CODE says why, with examples):\n"
    for code in codes {
      let count = diagnostics.filter { $0.code == code && $0.severity == .warning }.count
      let head = "  \(code.rawValue)" + (count > 1 ? " (\(count)×)" : "")
      let padded = head + String(repeating: " ", count: max(1, 15 - head.count))
      let lines = wrapped(code.inPlainWords, width: 96 - padded.count)
      for (i, line) in lines.enumerated() {
        out += (i == 0 ? padded : String(repeating: " ", count: padded.count)) + line + "\n"
      }
    }
    return out
  }

  /// `text` broken at blanks into lines of at most `width` characters (a longer word stays whole).
  static func wrapped(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = String(word)
      } else {
        line += (line.isEmpty ? "" : " ") + word
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// The rendered diagnostics, at most `limit`, and the line counting the rest.
  private func shown(_ diagnostics: [Diagnostic], limit: Int) -> [String] {
    var blocks = diagnostics.prefix(max(limit, 0)).map(render)
    if diagnostics.count > limit {
      blocks.append(Self.omitted(diagnostics.dropFirst(max(limit, 0))))
    }
    return blocks
  }

  /// `… 99900 more diagnostics (99900 errors, 0 warnings) not shown`, with a newline.
  static func omitted(_ rest: ArraySlice<Diagnostic>) -> String {
    let errors = rest.filter { $0.severity == .error }.count
    let warnings = rest.filter { $0.severity == .warning }.count
    return "… \(rest.count) more diagnostic\(rest.count == 1 ? "" : "s") "
      + "(\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")) not shown\n"
  }

  /// The one-line form `warning[AZ5004]: <message>`, uncoloured and unescaped (the caller
  /// escapes the line it writes): how a run's report and the debugger give a diagnostic a line.
  public static func headline(_ d: Diagnostic, message: String? = nil) -> String {
    "\(d.severity.rawValue)[\(d.code.rawValue)]: \(message ?? d.message)"
  }

  /// The JSON form of one diagnostic (stable field names; used by `--format json`).
  public static func json(_ d: Diagnostic) -> JSONValue {
    var o = JSONObject()
    o["code"] = .string(d.code.rawValue)
    o["name"] = .string(d.code.slug)
    o["severity"] = .string(d.severity.rawValue)
    o["message"] = .string(shortened(d.message))
    if let span = d.span {
      o["file"] = .string(span.file.path)
      o["line"] = .integer(span.start.line)
      o["column"] = .integer(span.start.column)
      o["length"] = .integer(span.length)
    }
    if let label = d.label { o["label"] = .string(shortened(label)) }
    if !d.notes.isEmpty {
      o["notes"] = .array(
        d.notes.map { note in
          var n = JSONObject()
          n["message"] = .string(shortened(note.message))
          if let at = note.span {
            n["file"] = .string(at.file.path)
            n["line"] = .integer(at.start.line)
            n["column"] = .integer(at.start.column)
          }
          return .object(n)
        })
    }
    if let hint = d.hint { o["hint"] = .string(shortened(hint)) }
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
