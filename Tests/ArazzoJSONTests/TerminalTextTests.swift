import ArazzoJSON
import Testing

/// Control characters from input are shown escaped, long lines and quotes are cut, and long
/// lists of diagnostics are capped (`TerminalText`, `SnippetLine`, `DiagnosticRenderer`).
@Suite struct TerminalTextTests {
  /// No byte a terminal acts on: C0 but tab and line feed, DEL, C1 (UTF-8 `C2 80`…`C2 9F`).
  static func isTerminalSafe(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    for (i, b) in bytes.enumerated() {
      if b < 0x20 && b != 0x09 && b != 0x0A { return false }
      if b == 0x7F { return false }
      if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { return false }
    }
    return true
  }

  static func span(_ file: SourceFile, line: Int, column: Int, length: Int) -> SourceSpan {
    SourceSpan(start: SourceLocation(file: file, line: line, column: column), length: length)
  }

  @Test func controlCharactersUseJSONNotation() {
    #expect(TerminalText.escaped("a\u{1B}[2Jb\u{07}") == #"a\u001b[2Jb\u0007"#)
    #expect(
      TerminalText.escaped("tab\tkept, \r\n and \u{7F} \u{9B}")
        == "tab\tkept, \\r\\n and \\u007f \\u009b")
    #expect(TerminalText.escaped("one\ntwo\u{1B}", keepingNewlines: true) == "one\ntwo\\u001b")
    // Plain text (backslashes too) is returned as it is.
    #expect(TerminalText.escaped(#"C:\path é ü"#) == #"C:\path é ü"#)
  }

  @Test func jsonEscapesDELAndC1Too() {
    #expect(JSONPrinter.compact(.string("\u{1B}\u{7F}\u{85}")) == #""\u001b\u007f\u0085""#)
    #expect(JSONPrinter.compact(.string("\u{1B}]0;x\u{07}")) == #""\u001b]0;x\u0007""#)
  }

  @Test func shortenedKeepsTheStartAndCountsTheRest() {
    let long = String(repeating: "x", count: 1000)
    #expect(TerminalText.shortened(long, limit: 10) == "xxxxxxxxxx… (990 more characters)")
    #expect(TerminalText.shortened("short", limit: 10) == "short")
  }

  /// The carets stay under the span when an escape widens the line before and inside it.
  @Test func caretsLineUpUnderEscapedText() {
    let line: Substring = "a\u{1B}b: \u{07}val"
    let snippet = SnippetLine(line, column: 6, length: 4)
    #expect(snippet.text == #"a\u001bb: \u0007val"#)
    #expect(snippet.padding == String(repeating: " ", count: 10))
    #expect(snippet.carets == String(repeating: "^", count: 9))
    let shown = Array(snippet.text)
    #expect(String(shown[10..<19]) == #"\u0007val"#)
  }

  @Test func aLongLineIsAWindowAroundTheSpan() {
    let line = Substring(
      String(repeating: "x", count: 100_000) + "KEY" + String(repeating: "y", count: 100_000))
    let snippet = SnippetLine(line, column: 100_001, length: 3)
    #expect(snippet.text.count <= SnippetLine.maxWidth + 2)
    #expect(snippet.text.hasPrefix("…") && snippet.text.hasSuffix("…"))
    let characters = Array(snippet.text)
    let caretAt = snippet.padding.count
    #expect(String(characters[caretAt..<caretAt + 3]) == "KEY")
    #expect(snippet.carets == "^^^")
    // A short line is unchanged.
    #expect(SnippetLine("  a: 1", column: 3, length: 1).text == "  a: 1")
  }

  @Test func renderedDiagnosticsEscapeEveryPart() {
    let file = SourceFile(
      path: "doc\u{1B}.yaml", text: "key: \"\\e[2J\"\nvalue: \u{1B}]0;x\u{07}\n")
    let d = Diagnostic(
      .invalidValue, "bad '\u{1B}[2J'", at: Self.span(file, line: 2, column: 8, length: 6),
      label: "label \u{07}",
      notes: [DiagnosticNote("note \u{1B}", at: Self.span(file, line: 1, column: 1, length: 1))],
      hint: "hint \u{9B}31m",
      fixIt: FixIt(span: Self.span(file, line: 2, column: 8, length: 6), replacement: "\u{1B}"))
    let text = DiagnosticRenderer().render(d)
    #expect(Self.isTerminalSafe(text), "\(text)")
    #expect(text.contains(#"bad '\u001b[2J'"#))
    #expect(text.contains(#"2 | value: \u001b]0;x\u0007"#))
    #expect(
      text.contains(
        "  | " + String(repeating: " ", count: 7) + String(repeating: "^", count: 16)
          + #" label \u0007"#))
    #expect(text.contains(#"= note: note \u001b (doc\u001b.yaml:1:1)"#))
    #expect(text.contains(#"= hint: hint \u009b31m"#))
    #expect(text.contains(#"= fix-it: replace `\u001b]0;x\u0007` with `\u001b`"#))
  }

  /// A message quoting a 10 MB value stays short; the JSON form shortens the same way.
  @Test func longQuotesInMessagesAreCut() {
    let value = String(repeating: "v", count: 10_000_000)
    let file = SourceFile(path: "big.json", text: "{\"type\": \"\(value)\"}")
    let d = Diagnostic(
      .invalidValue, "'\(value)' is not a valid type; expected one of 'openapi', 'arazzo'",
      at: Self.span(file, line: 1, column: 10, length: 10_000_002))
    let text = DiagnosticRenderer().render(d)
    #expect(text.utf8.count < 1000, "\(text.utf8.count) bytes")
    #expect(
      text.contains(
        "… (9999880 more characters)' is not a valid type; expected one of 'openapi', 'arazzo'"))
    let json = JSONPrinter.compact(DiagnosticRenderer.json(d))
    #expect(json.utf8.count < 1000)
    // Apostrophes in words do not open quotes; short quotes are kept.
    let prose =
      "the step's '\(String(repeating: "a", count: 50))' isn't long"
      + String(repeating: ".", count: 200)
    #expect(DiagnosticRenderer().render(Diagnostic(.invalidValue, prose, at: nil)).contains(prose))
  }

  @Test func aLongListShowsAHundredThenCountsTheRest() {
    let file = SourceFile(path: "many.yaml", text: "a: 1\n")
    let many = (0..<1000).map { i in
      Diagnostic(
        .unknownField, i % 4 == 0 ? .warning : .error, "field \(i)",
        at: Self.span(file, line: 1, column: 1, length: 1))
    }
    let text = DiagnosticRenderer().render(many)
    #expect(text.contains("field 99\n") && !text.contains("field 100\n"))
    #expect(
      text.hasSuffix(
        "… 900 more diagnostics (675 errors, 225 warnings) not shown\n\n750 errors, 250 warnings\n")
    )
    let each = DiagnosticRenderer().renderEach(many)
    #expect(each.hasSuffix("\n\n… 900 more diagnostics (675 errors, 225 warnings) not shown\n\n"))
    #expect(each.split(separator: "\n").count < 700)
  }
}
