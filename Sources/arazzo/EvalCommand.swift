import ArazzoJSON
import ArgumentParser
import Foundation

/// `arazzo eval`: evaluate a runtime expression, template or condition, or run a JSONPath query.
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Evaluate a runtime expression, {$…} template or condition; or a JSONPath query.",
    usage:
      "arazzo eval EXPR [--context FILE.json] [--explain]\narazzo eval --jsonpath QUERY [FILE.json|-] [--paths] [--explain]",
    discussion: """
      arazzo eval '$response.body#/data/status' --context ctx.json
      arazzo eval '$statusCode == 200 && $response.body#/ok' --context ctx.json
      arazzo eval --jsonpath '$.data[?@.status == 10].id' run.json

      Exit status: 0 with the JSON result on stdout; 1 when the context holds no value for a \
      valid expression; 2 when the expression (or query) does not parse.
      """)

  @Argument(
    help: "The expression (or, with --jsonpath, the JSON file to query; '-' or none for stdin).")
  var arguments: [String] = []

  @Option(help: "A JSON file holding the evaluation context (inputs, steps, response, …).")
  var context: String?

  @Option(help: "Run an RFC 9535 JSONPath query instead of evaluating an expression.")
  var jsonpath: String?

  @Flag(help: "With --jsonpath, print normalized paths instead of values.")
  var paths = false

  @Flag(
    help:
      "Show how the expression or condition evaluated, part by part (with --jsonpath: each node selected, or why none), before the result."
  )
  var explain = false

  func run() throws {
    if let jsonpath {
      try runJSONPath(jsonpath)
    } else {
      guard arguments.count == 1 else {
        throw ValidationError("expected exactly one expression (quote it for the shell)")
      }
      try runExpression(arguments[0])
    }
  }

  private func runJSONPath(_ text: String) throws {
    guard arguments.count <= 1 else { throw ValidationError("expected at most one JSON file") }
    let query: JSONPath
    do {
      query = try JSONPath.parse(text)
    } catch {
      let file = SourceFile(path: "<jsonpath>", text: text)
      let span = SourceSpan(start: SourceLocation(file: file, line: 1, column: error.offset + 1))
      report([Diagnostic(.invalidJSONPath, "invalid JSONPath query: \(error.message)", at: span)])
      throw ExitCode(2)
    }
    let document = try readJSON(arguments.first ?? "-")
    let nodes: [JSONPathNode]
    do {
      nodes = try query.select(document)
    } catch {
      // A match()/search() that gave up has no answer: not an empty result (exit 1).
      Terminal.standardError.write("error: \(error.message)\n")
      throw ExitCode(1)
    }
    if explain {
      let lines = JSONPathExplanation(query: query, text: text, root: document, nodes: nodes).lines
      // Keys and values come from the file: their control characters are escaped.
      Terminal.standardOutput.write(
        TerminalText.escaped(lines.joined(separator: "\n"), keepingNewlines: true) + "\n")
    }
    let result: JSONValue =
      paths ? .array(nodes.map { .string($0.normalizedPath) }) : .array(nodes.map(\.value))
    Terminal.standardOutput.write(JSONPrinter.pretty(result) + "\n")
  }

  private func runExpression(_ text: String) throws {
    let contextValue = try context.map(readJSON) ?? .object(JSONObject())
    try ExpressionEvaluation.run(text, context: contextValue, explain: explain)
  }
}

/// Prints diagnostics to stderr with the terminal's colour decision.
func report(_ diagnostics: [Diagnostic]) {
  let renderer = DiagnosticRenderer(colored: Terminal.standardError.usesColor)
  Terminal.standardError.write(renderer.render(diagnostics, summary: false))
}

/// Reads and parses a JSON file ('-' for stdin), exiting 2 with a located error on failure.
func readJSON(_ path: String) throws -> JSONValue {
  let data: Data
  if path == "-" {
    data = FileHandle.standardInput.readDataToEndOfFile()
  } else {
    switch RegularFile.read(path) {
    case .success(let bytes): data = Data(bytes)
    case .failure(let failure):
      Terminal.standardError.writeLine("error: " + RegularFile.message(failure, path: path))
      throw ExitCode(2)
    }
  }
  do {
    return try JSONParser.parse(bytes: Array(data))
  } catch {
    let name = path == "-" ? "<stdin>" : path
    let file = SourceFile(path: name, text: String(decoding: data, as: UTF8.self))
    let span = SourceSpan(start: SourceLocation(file: file, line: error.line, column: error.column))
    report([Diagnostic(.yamlSyntax, "invalid JSON: \(error.message)", at: span)])
    throw ExitCode(2)
  }
}
