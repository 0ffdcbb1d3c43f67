import ArazzoJSON
import ArgumentParser

/// Evaluates expression text for `arazzo eval` (filled in when the expression engine lands).
enum ExpressionEvaluation {
  static func run(_ text: String, context: JSONValue) throws {
    Terminal.standardError.write("error: expression evaluation is not available yet\n")
    throw ExitCode(2)
  }
}
