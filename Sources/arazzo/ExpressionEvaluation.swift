import ArazzoExpressions
import ArazzoJSON
import ArgumentParser

/// Evaluates expression text for `arazzo eval`: parse once, evaluate against a `JSONContext`.
///
/// Exit status: 0 with the JSON value on stdout; 1 when the expression is valid but the context
/// holds no value for it (the reason on stderr); 2 when the text does not parse.
enum ExpressionEvaluation {
  static func run(_ text: String, context: JSONValue, explain: Bool) throws {
    let evaluable: Evaluable
    do {
      evaluable = try Evaluable.parse(text)
    } catch {
      report([error])
      throw ExitCode(2)
    }
    let jsonContext = JSONContext(context)
    if explain {
      Terminal.standardOutput.write(
        TerminalText.escaped(evaluable.explain(in: jsonContext).render(), keepingNewlines: true))
    }
    switch evaluable.evaluate(in: jsonContext) {
    case .value(let value):
      Terminal.standardOutput.write(JSONPrinter.pretty(value) + "\n")
    case .missing(let reason):
      Terminal.standardError.writeLine("no value: \(reason)")
      throw ExitCode(1)
    }
  }
}
