import ArazzoJSON

/// Shows where in the document the run is, in the two forms the debugger uses. Texts end
/// without a newline.
public enum SourceListing {
  /// Lines around `span` with line numbers and `->` on the current line (`:list`):
  ///
  /// ```
  ///    67 |           description: The dbt Cloud service token …
  ///    68 |
  /// -> 69 |       - stepId: pollRun
  ///    70 |         description: >-
  /// ```
  ///
  /// `context` lines are shown on each side, clipped to the file; trailing spaces are trimmed.
  /// Lines are shown as diagnostics show them (`SnippetLine`: escaped, long ones cut).
  public static func lines(around span: SourceSpan, in file: SourceFile, context: Int = 5) -> String
  {
    let lineCount = file.lines.count
    let current = min(max(span.start.line, 1), max(lineCount, 1))
    // More context than the file has lines shows the file (and `:list 9223372036854775807`
    // cannot overflow).
    let context = min(max(context, 0), lineCount)
    let first = max(1, current - context)
    let last = min(lineCount, current + context)
    guard first <= last else { return "" }
    let width = String(last).count
    var out: [String] = []
    for number in first...last {
      let text = file.line(number).map { SnippetLine($0).text } ?? ""
      let label = String(repeating: " ", count: width - String(number).count) + String(number)
      let marker = number == current ? "-> " : "   "
      out.append(trimmedRight(marker + label + " | " + text))
    }
    return out.joined(separator: "\n")
  }

  /// The diagnostics' form (pause banners, `:where`): the location, the source line, and a
  /// caret under the span:
  ///
  /// ```
  ///   --> dbt-cloud-trigger-run-and-poll.arazzo.yaml:69:9
  ///    |
  /// 69 |       - stepId: pollRun
  ///    |         ^^^^^^^^^^^^^^^
  /// ```
  public static func location(_ span: SourceSpan, in file: SourceFile) -> String {
    let line = span.start.line
    let gutter = String(repeating: " ", count: String(line).count)
    var out = "\(gutter)--> \(TerminalText.escaped(file.path)):\(line):\(span.start.column)"
    guard let text = file.line(line) else { return out }
    let snippet = SnippetLine(text, column: span.start.column, length: span.length)
    out += "\n\(gutter) |"
    out += "\n\(line) | \(snippet.text)"
    out += "\n\(gutter) | \(snippet.padding)\(snippet.carets)"
    return trimmedRight(out)
  }

  private static func trimmedRight(_ text: String) -> String {
    var s = Substring(text)
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
