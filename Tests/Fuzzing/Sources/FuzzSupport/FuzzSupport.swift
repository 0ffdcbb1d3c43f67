import ArazzoExpressions
import ArazzoJSON
import CLibFuzzer
import Foundation

/// Runs libFuzzer with the command line's flags and `test` as the function under test. Each
/// target's `@main` calls this: SwiftPM links the `@main` as the program's `main`, so libFuzzer's
/// own `main` is not used.
public enum FuzzDriver {
  public static func run(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
  }
}

/// What every fuzz target needs: the input as text or bytes, split in two parts, and a fixed
/// context to evaluate against.
public enum FuzzInput {
  /// The input bytes (libFuzzer's buffer, copied).
  public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
  }

  /// The input as text: invalid UTF-8 becomes U+FFFD, as it does when a file is read.
  public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
  }

  /// The text before the first newline and the text after it (empty when there is none): a
  /// query or schema on the first line, the JSON it is applied to after it.
  public static func split(_ text: String) -> (head: String, tail: String) {
    guard let newline = text.firstIndex(of: "\n") else { return (text, "") }
    return (String(text[..<newline]), String(text[text.index(after: newline)...]))
  }
}

/// The fixed values the targets evaluate against.
public enum FuzzFixtures {
  /// A run's state as `arazzo eval --context` reads it: inputs, a step's outputs, a request
  /// and a response with headers and a JSON body, a sub-workflow, a source and components.
  public static let context: JSONValue = parse(
    #"""
    {
      "inputs": {"accountId": 1, "jobId": 2, "token": "T0K", "tags": ["a", "b"], "flag": true},
      "outputs": {"runId": 42},
      "steps": {"triggerRun": {"outputs": {"runId": 42, "initialStatus": 1, "nothing": null}}},
      "workflows": {"sub": {"inputs": {"x": 1}, "outputs": {"y": [1, 2.5, "3"]}}},
      "url": "https://cloud.example.test/api/v2/accounts/1/runs/42/?q=1",
      "method": "GET",
      "request": {"headers": {"Accept": "application/json", "X-Multi": ["a", "b"]},
                  "query": {"page": "2"}, "path": {"accountId": "1"}, "body": {"name": "n"}},
      "response": {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json", "Retry-After": "5"},
        "body": {
          "data": {"id": 42, "status": 10, "status_humanized": "Success", "ok": true,
                   "ratio": 0.5, "big": 1e300, "neg": -7, "empty": {}, "list": [],
                   "artifacts": ["manifest.json", "x", "run_results.json"],
                   "nested": [{"a": {"b": [1, {"c": "d"}]}}, {"a": null}]}
        }
      },
      "sourceDescriptions": {"api": {"url": "openapi.yaml"}},
      "components": {"parameters": {"page": {"name": "page", "in": "query", "value": 1}},
                     "inputs": {"auth": {"type": "object"}}}
    }
    """#)

  /// The JSON document JSONPath queries run against when the input gives none (RFC 9535's
  /// bookstore example, plus odd keys and numbers).
  public static let document: JSONValue = parse(
    #"""
    {"store": {
      "book": [
        {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
        {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
        {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick",
         "isbn": "0-553-21311-3", "price": 8.99},
        {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord",
         "isbn": "0-395-19395-8", "price": 22.99}
      ],
      "bicycle": {"color": "red", "price": 399}},
     "": [null, true, false, 0, -0, 1e308, -1e308, 9007199254740993, "", "\u0000", "é"],
     "o": {"a": {"a": {"a": [[[]]]}}}, "k'\"": 1}
    """#)

  private static func parse(_ text: String) -> JSONValue {
    (try? JSONParser.parse(text)) ?? .null
  }

  /// `context` as an `ExpressionContext`.
  public static let expressionContext = JSONContext(context)
}
