/// `grammar/repl.ebnf`, generated from `CommandTable`: one production per command (its names,
/// then its argument as `ArgumentKind` parses it), then the argument productions. A test
/// compares the file with `ReplGrammar.text()`, so grammar and table cannot drift.
public enum ReplGrammar {
  /// The whole file, ending in a newline.
  public static func text() -> String {
    let width = 17
    func rule(_ name: String, _ body: String) -> String {
      name.padding(toLength: width - 1, withPad: " ", startingAt: 0) + " = " + body + " ;"
    }
    var lines = [
      "(* The debugger's command language, as typed at its prompt. Generated from",
      "   CommandTable (Sources/ArazzoDebugger/Commands) by ReplGrammar.text(); a test",
      "   checks this file against the table. Names need their colon and case matters. *)",
      "",
      rule("input", "blank-line | expression-input | command-line"),
      rule("blank-line", "{ blank }") + "   (* repeats the last stepping command *)",
      rule("expression-input", "{ blank } , \"$\" , text") + "   (* evaluated as :eval *)",
      rule("command-line", "{ blank } , command , { blank }"),
      rule("command", CommandTable.all.map(\.kind.rawValue).joined(separator: " | ")),
      "",
    ]
    for spec in CommandTable.all {
      let names = spec.names.map { "\"\($0)\"" }.joined(separator: " | ")
      let head = spec.names.count > 1 ? "( \(names) )" : names
      lines.append(rule(spec.kind.rawValue, head + spec.argument.production))
    }
    lines += [""] + arguments.map { rule($0.0, $0.1) + ($0.2.isEmpty ? "" : "   (* \($0.2) *)") }
    lines.append(
      rule("print-target", ArgumentKind.printTargets.map { "\"\($0)\"" }.joined(separator: " | ")))
    return lines.joined(separator: "\n") + "\n"
  }

  /// The argument productions: name, body, comment.
  private static let arguments: [(String, String, String)] = [
    ("blanks", "blank , { blank }", ""),
    ("blank", "\" \" | \"\\t\"", ""),
    ("text", "{ character }", "the rest of the line"),
    ("ignored", "text", "read by no command"),
    ("count", "nonzero-digit , { digit }", "a repeat count, 1 or more"),
    ("number", "[ \"-\" ] , digit , { digit }", "a window size, watch, breakpoint or attempt"),
    (
      "breakpoint-spec",
      "( step-ref | file , \":\" , line | line ) , [ blanks , \"if\" , blanks , condition ]", ""
    ),
    ("step-ref", "[ workflow-id , \".\" ] , step-id", ""),
    ("line", "nonzero-digit , { digit }", ""),
    (
      "expression", "runtime-expression | condition | template",
      "runtime-expression.abnf, condition.ebnf; an unterminated string or unclosed ( continues on the next line"
    ),
    (
      "assignment", "\"$inputs.\" , input-name , { blank } , \"=\" , { blank } , text",
      "the value is JSON or plain text"
    ),
    (
      "shell-words", "shell-word , { blanks , shell-word }",
      "each NAME=VALUE; an unclosed quote continues on the next line"
    ),
    (
      "shell-word",
      "{ plain-char | \"\\\\\" , character | \"'\" , { character - \"'\" } , \"'\" | '\"' , { character - '\"' | '\\\\\"' } , '\"' }",
      ""
    ),
    ("file", "character , { character }", ""),
    ("command-name", "[ \":\" ] , name-char , { name-char }", "a name or alias, colon optional"),
    (
      "topic", "name-char , { name-char }",
      "a concept of the spec (goto, jsonpath, …); a word that is also a command shows the concept"
    ),
  ]
}

extension ArgumentKind {
  /// What follows the command's name in `grammar/repl.ebnf`.
  var production: String {
    switch self {
    case .none: return " , [ blanks , ignored ]"
    case .count: return " , [ blanks , count ]"
    case .window, .number: return " , [ blanks , number ]"
    case .numbers: return " , [ blanks , number , { blanks , number } ]"
    case .breakpointSpec: return " , [ blanks , breakpoint-spec ]"
    case .expression(nil): return " , [ blanks , expression ]"
    case .expression: return " , blanks , expression"
    case .printTarget: return " , [ blanks , ( print-target | expression ) ]"
    case .assignment: return " , blanks , assignment"
    case .stepId: return " , blanks , step-ref"
    case .shellWords: return " , [ blanks , shell-words ]"
    case .file(nil): return " , [ blanks , file ]"
    case .file: return " , blanks , file"
    case .topic: return " , [ blanks , ( command-name | topic ) ]"
    }
  }
}
