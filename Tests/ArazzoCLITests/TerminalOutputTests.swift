import ArazzoJSON
import ArazzoTestServer
import ArazzoTestSupport
import Foundation
import Testing

/// What the commands print about hostile input: control characters escaped (`\u001b`), never
/// raw; a 10 MB line and 100k diagnostics bounded; a JSON body that is not JSON named as such.
@Suite struct TerminalOutputTests {
  /// An OpenAPI description with a JSON status, an HTML page served as JSON, and a text body.
  static let openAPI = """
    openapi: 3.1.0
    info: {title: api, version: '1'}
    servers: [{url: 'http://127.0.0.1:1'}]
    paths:
      /status: {get: {operationId: getStatus, responses: {'200': {description: ok}}}}
      /page: {get: {operationId: getPage, responses: {'200': {description: ok}}}}
      /text: {get: {operationId: getText, responses: {'200': {description: ok}}}}
    """

  /// ESC and BEL in a condition, a pointer and the title (YAML's `\e` and `\a` escapes).
  static let document = #"""
    arazzo: 1.0.1
    info:
      title: "escapes \e]0;pwned\a"
      version: '1'
    sourceDescriptions:
      - {name: api, url: api.openapi.yaml, type: openapi}
    workflows:
      - workflowId: esc
        steps:
          - stepId: check
            operationId: getStatus
            successCriteria:
              - condition: "$response.body#/msg == '\e[2Jok\a'"
            outputs:
              msg: $response.body#/msg
              first: "$response.body#/\e[31m"
        outputs:
          msg: $steps.check.outputs.msg
      - workflowId: html
        steps:
          - stepId: page
            operationId: getPage
            successCriteria:
              - condition: $response.body#/data/status == 10
              - {context: $response.body, condition: $.data, type: jsonpath}
      - workflowId: text
        steps:
          - stepId: read
            operationId: getText
    """#

  /// ESC and BEL in an unknown key, a step id and an operationId.
  static let invalid = #"""
    arazzo: 1.0.1
    info:
      title: t
      version: '1'
      "x\e[31mred\a": 1
    sourceDescriptions:
      - {name: api, url: api.openapi.yaml, type: openapi}
    workflows:
      - workflowId: esc
        steps:
          - stepId: "bad\e[2J"
            operationId: "get\aStatus"
    """#

  /// No byte a terminal acts on: C0 but tab and line feed, DEL, C1 (UTF-8 `C2 80`…`C2 9F`).
  static func isTerminalSafe(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    for (i, b) in bytes.enumerated() {
      if (b < 0x20 && b != 0x09 && b != 0x0A) || b == 0x7F { return false }
      if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { return false }
    }
    return true
  }

  /// A fresh directory holding `files` (name → contents), removed by the caller.
  static func directory(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("arazzo-terminal-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files {
      try Data(text.utf8).write(to: dir.appendingPathComponent(name))
    }
    return dir
  }

  static func arazzo(_ arguments: [String], input: String? = nil) async throws -> CLIResult {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(with: Result { try CLI.run(arguments, input: input) })
      }
    }
  }

  @Test func validateShowsControlCharactersEscaped() throws {
    let dir = try Self.directory([
      "api.openapi.yaml": Self.openAPI, "bad.arazzo.yaml": Self.invalid,
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("bad.arazzo.yaml").path
    let text = try CLI.run(["validate", path])
    #expect(text.status == 2)
    #expect(Self.isTerminalSafe(text.stdout), "\(text.stdout)")
    #expect(text.stdout.contains(#"error[AZ1012]: unknown field 'x\u001b[31mred\u0007' in info"#))
    #expect(text.stdout.contains(#"stepId 'bad\u001b[2J' should match"#))
    #expect(text.stdout.contains(#"no operation 'get\u0007Status' in source 'api'"#))
    let json = try CLI.run(["validate", "--format", "json", path])
    #expect(Self.isTerminalSafe(json.stdout), "\(json.stdout)")
    let messages =
      try JSONParser.parse(json.stdout)["files"]?[0]?["diagnostics"]?.arrayValue?
      .compactMap { $0["message"]?.stringValue } ?? []
    #expect(messages.contains("unknown field 'x\u{1B}[31mred\u{07}' in info"))
  }

  /// libyaml refuses a raw ESC byte; the line it shows has the byte escaped, the caret under it.
  @Test func aRawControlByteIsShownEscapedWithTheCaretUnderIt() throws {
    let dir = try Self.directory([
      "raw.arazzo.yaml": "arazzo: 1.0.1\ninfo: {title: \"t\u{1B}[31m\", version: \"1\"}\n"
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try CLI.run(["validate", dir.appendingPathComponent("raw.arazzo.yaml").path])
    #expect(result.status == 2)
    #expect(Self.isTerminalSafe(result.stdout), "\(result.stdout)")
    #expect(result.stdout.contains(#"2 | info: {title: "t\u001b[31m", version: "1"}"#))
    #expect(result.stdout.contains("\n  |                 ^^^^^^\n"), "\(result.stdout)")
  }

  @Test func lowerShowsControlCharactersEscaped() throws {
    let dir = try Self.directory([
      "api.openapi.yaml": Self.openAPI, "esc.arazzo.yaml": Self.document,
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try CLI.run(["lower", dir.appendingPathComponent("esc.arazzo.yaml").path])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(Self.isTerminalSafe(result.stdout), "\(result.stdout)")
    #expect(result.stdout.contains(#"check     $response.body#/msg == '\u001b[2Jok\u0007'"#))
    #expect(result.stdout.contains(#"set     first = $response.body#/\u001b[31m"#))
  }

  @Test func evalShowsControlCharactersEscaped() throws {
    let dir = try Self.directory(["ctx.json": #"{"inputs": {"a": "\u001b[2J"}}"#])
    defer { try? FileManager.default.removeItem(at: dir) }
    let context = dir.appendingPathComponent("ctx.json").path
    let missing = try CLI.run(["eval", "$inputs.a#/\u{1B}[31m", "--context", context])
    #expect(missing.status == 1)
    #expect(Self.isTerminalSafe(missing.stderr), "\(missing.stderr)")
    #expect(missing.stderr.contains(#"\u001b[31m"#))
    let invalid = try CLI.run(["eval", "$inputs.\u{07}a b"])
    #expect(invalid.status == 2)
    #expect(Self.isTerminalSafe(invalid.stderr), "\(invalid.stderr)")
    #expect(invalid.stderr.contains(#"$inputs.\u0007a b"#))
    let explained = try CLI.run([
      "eval", "--explain", "$inputs.a == 'x\u{1B}'", "--context", context,
    ])
    #expect(Self.isTerminalSafe(explained.stdout), "\(explained.stdout)")
    #expect(explained.stdout.contains(#"'x\u001b'"#))
  }

  /// The run's report and its JSON against a server on 127.0.0.1; an HTML page served as
  /// `application/json` is reported as not JSON (it used to be "the root is string").
  @Test func runReportsEscapeAndNameABodyThatIsNotJSON() async throws {
    let dir = try Self.directory([
      "api.openapi.yaml": Self.openAPI, "esc.arazzo.yaml": Self.document,
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let server = try await TestServer.start()
    server.route("GET /status") { _ in .json(#"{"msg": "\u001b]0;pwned\u0007"}"#) }
    server.route("GET /page") { _ in
      .text("<html>\u{1B}[2J oops</html>", contentType: "application/json")
    }
    let base = [
      "run", dir.appendingPathComponent("esc.arazzo.yaml").path, "--server",
      "api=\(server.baseURL)",
    ]
    let esc = try await Self.arazzo(base + ["--workflow", "esc"])
    let html = try await Self.arazzo(base + ["--workflow", "html"])
    let json = try await Self.arazzo(base + ["--workflow", "html", "--format", "json"])
    await server.shutdown()
    #expect(esc.status == 1)
    for output in [esc.stdout, esc.stderr, html.stdout, html.stderr, json.stdout] {
      #expect(Self.isTerminalSafe(output), "\(output)")
    }
    #expect(
      esc.stdout.contains(#"failed ($response.body#/msg == '\u001b[2Jok\u0007': false)"#),
      "\(esc.stdout)")
    #expect(esc.stdout.contains(#"no member '\u001b[31m'"#), "\(esc.stdout)")
    #expect(esc.stdout.contains(#"msg  "\u001b]0;pwned\u0007""#), "\(esc.stdout)")
    let problem =
      #"the response body is not JSON (unexpected character '<' at line 1, column 1): starts with '<html>\u001b[2J oops</html>'"#
    #expect(html.status == 1)
    #expect(html.stdout.contains("$response.body#/data/status: " + problem), "\(html.stdout)")
    #expect(html.stdout.contains("$.data: " + problem), "\(html.stdout)")
    #expect(!html.stdout.contains("the root is string"))
    let reasons = try JSONParser.parse(json.stdout)["steps"]?[0]?["reasons"]?.arrayValue ?? []
    #expect(reasons.count == 2)
    #expect(
      reasons.allSatisfy { $0.stringValue?.contains("the response body is not JSON") == true })
  }

  /// The debugger prints a text body (JSON-quoted, C1 controls escaped too) and the commands
  /// it echoes escaped.
  @Test func debuggerShowsControlCharactersEscaped() async throws {
    let dir = try Self.directory([
      "api.openapi.yaml": Self.openAPI, "esc.arazzo.yaml": Self.document,
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let server = try await TestServer.start()
    server.route("GET /text") { _ in .text("plain \u{1B}[2J\u{07} text\nline two \u{9B}1m") }
    let result = try await Self.arazzo(
      [
        "debug", dir.appendingPathComponent("esc.arazzo.yaml").path, "--workflow", "text",
        "--server", "api=\(server.baseURL)", "--echo",
      ],
      input: ":next\n:response\n:eval $response.body\n:eval 'x\u{1B}'\n:quit\n")
    await server.shutdown()
    #expect(result.status == 0, "\(result.stderr)")
    #expect(Self.isTerminalSafe(result.stdout), "\(result.stdout)")
    #expect(
      result.stdout.contains(#""plain \u001b[2J\u0007 text\nline two \u009b1m""#),
      "\(result.stdout)")
    #expect(result.stdout.contains(#":eval 'x\u001b'"#), "\(result.stdout)")
  }
}
