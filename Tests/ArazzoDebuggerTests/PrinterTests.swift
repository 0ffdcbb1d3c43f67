import ArazzoDebugger
import ArazzoHTTP
import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

/// A dbt Cloud run resource, as pollRun receives it.
let runBody: JSONValue = .object(
  JSONObject([
    (
      "data",
      .object(
        JSONObject([
          ("id", .integer(70_403_103)), ("status", .integer(10)), ("is_complete", .bool(true)),
          ("status_humanized", .string("Success")), ("finished_at", .null),
          (
            "artifacts",
            .array([.string("manifest.json"), .string("catalog.json"), .string("run_results.json")])
          ),
          ("cost", .number(1.5)), ("tags", .array([])), ("env", .object(JSONObject())),
        ]))
    ),
    ("status", .object(JSONObject([("code", .integer(200)), ("is_success", .bool(true))]))),
  ]))

@Suite struct ValuePrinterTests {
  @Test func prettyKeepsDocumentOrder() {
    #expect(
      ValuePrinter.pretty(runBody) == """
        {
          "data": {
            "id": 70403103,
            "status": 10,
            "is_complete": true,
            "status_humanized": "Success",
            "finished_at": null,
            "artifacts": [
              "manifest.json",
              "catalog.json",
              "run_results.json"
            ],
            "cost": 1.5,
            "tags": [],
            "env": {}
          },
          "status": {
            "code": 200,
            "is_success": true
          }
        }
        """)
  }

  @Test func longArraysAreElided() {
    let numbers = JSONValue.array((1...20).map { .integer($0) })
    #expect(
      ValuePrinter.pretty(.object(JSONObject([("ids", numbers)])), indent: 4, maxItems: 3) == """
        {
            "ids": [
                1,
                2,
                3,
                … 17 more
            ]
        }
        """)
    #expect(ValuePrinter.pretty(numbers, maxItems: 0) == "[\n  … 20 more\n]")
    #expect(
      ValuePrinter.pretty(.array([.integer(1), .integer(2)]), maxItems: 2) == "[\n  1,\n  2\n]")
  }

  @Test func oneLineAndScalars() {
    #expect(
      ValuePrinter.pretty(runBody["status"] ?? .null, indent: 0)
        == #"{"code":200,"is_success":true}"#)
    #expect(
      ValuePrinter.pretty(.array([.integer(1), .integer(2), .integer(3)]), indent: 0, maxItems: 1)
        == "[1,… 2 more]")
    #expect(ValuePrinter.pretty(.string("say \"hi\"\n")) == #""say \"hi\"\n""#)
    #expect(ValuePrinter.pretty(.number(2)) == "2.0")
    #expect(ValuePrinter.pretty(.null) == "null")
  }
}

@Suite struct ExchangePrinterTests {
  static let token = "dbtc_s3cr3t-T0ken"

  static let request = HTTPRequest(
    method: .post,
    url: "https://cloud.getdbt.com/api/v2/accounts/1/jobs/42/run/?api_key=k123&page=2",
    headers: HeaderFields([
      ("Authorization", "Bearer \(token)"), ("Content-Type", "application/json"),
      ("Cookie", "sid=abc; theme=dark"), ("X-API-Key", "k123"), ("X-Note", "sent by \(token)"),
    ]),
    text: #"{"cause":"Triggered via Arazzo workflow"}"#)

  @Test func requestRedactsSecrets() {
    let body: JSONValue = .object(JSONObject([("cause", .string("token \(Self.token) inside"))]))
    let text = ExchangePrinter(showSecrets: false, secrets: [Self.token]).request(
      Self.request, body: body)
    #expect(
      text == """
        POST https://cloud.getdbt.com/api/v2/accounts/1/jobs/42/run/?api_key=REDACTED&page=2
        Authorization: REDACTED
        Content-Type: application/json
        Cookie: sid=REDACTED; theme=REDACTED
        X-API-Key: REDACTED
        X-Note: sent by REDACTED

        {
          "cause": "token REDACTED inside"
        }
        """)
    #expect(!text.contains(Self.token))
  }

  @Test func showSecretsShowsAll() {
    let text = ExchangePrinter(showSecrets: true, secrets: [Self.token]).request(
      Self.request, body: nil)
    #expect(text.contains("Authorization: Bearer \(Self.token)\n"))
    #expect(text.contains("?api_key=k123&page=2\n"))
    #expect(text.hasSuffix("\n\n" + #"{"cause":"Triggered via Arazzo workflow"}"#))
  }

  @Test func requestWithoutBody() {
    let get = HTTPRequest(method: .get, url: "https://cloud.getdbt.com/api/v2/accounts/1/runs/7/")
    #expect(
      ExchangePrinter(showSecrets: false).request(get, body: nil)
        == "GET https://cloud.getdbt.com/api/v2/accounts/1/runs/7/")
  }

  @Test func responseWithStatusLineAndDuration() {
    let response = HTTPResponse(
      status: 200,
      headers: HeaderFields([
        ("Content-Type", "application/json"), ("Set-Cookie", "sid=xyz; Path=/; HttpOnly"),
      ]),
      body: Array(#"{"data":{"status":10}}"#.utf8))
    let body: JSONValue = .object(
      JSONObject([("data", .object(JSONObject([("status", .integer(10))])))]))
    let text = ExchangePrinter(showSecrets: false).response(
      response, body: body, duration: .milliseconds(85))
    #expect(
      text == """
        HTTP/1.1 200 OK  (85 ms)
        Content-Type: application/json
        Set-Cookie: sid=REDACTED; Path=/; HttpOnly

        {
          "data": {
            "status": 10
          }
        }
        """)
  }

  @Test func responseBodiesThatAreNotJSON() {
    let teapot = HTTPResponse(
      status: 418, reason: "I'm a teapot", body: Array("short and stout".utf8))
    #expect(
      ExchangePrinter(showSecrets: false).response(teapot, body: nil, duration: .microseconds(420))
        == "HTTP/1.1 418 I'm a teapot  (0.4 ms)\n\nshort and stout")
    let binary = HTTPResponse(status: 404, httpVersion: "HTTP/1.0", body: [0xFF, 0xFE, 0x00])
    #expect(
      ExchangePrinter(showSecrets: false).response(binary, body: nil, duration: nil)
        == "HTTP/1.0 404 Not Found\n\n(3 bytes of binary data)")
    #expect(ExchangePrinter.statusLine(HTTPResponse(status: 299)) == "HTTP/1.1 299")
  }

  @Test func longBodiesCanBeElided() {
    let printer = ExchangePrinter(redactor: Redactor(), maxItems: 1)
    let text = printer.response(
      HTTPResponse(status: 200), body: runBody["data"]?["artifacts"], duration: nil)
    #expect(text == "HTTP/1.1 200 OK\n\n[\n  \"manifest.json\",\n  … 2 more\n]")
  }
}

@Suite struct SourceListingTests {
  static let seed: SourceFile = {
    let text = (try? String(contentsOf: TestPaths.seed, encoding: .utf8)) ?? ""
    return SourceFile(path: "dbt-cloud-trigger-run-and-poll.arazzo.yaml", text: text)
  }()

  static var pollRun: SourceSpan {
    SourceSpan(start: SourceLocation(file: seed, line: 69, column: 9), length: 15)
  }

  @Test func listingMarksTheCurrentLine() {
    #expect(
      SourceListing.lines(around: Self.pollRun, in: Self.seed, context: 2) == """
           67 |           runId: $response.body#/data/id
           68 |           initialStatus: $response.body#/data/status
        -> 69 |       - stepId: pollRun
           70 |         description: >-
           71 |           Fetch the run resource. dbt Cloud run status codes are 1 (queued), 2 (starting),
        """)
  }

  @Test func listingIsClippedToTheFile() {
    let file = SourceFile(path: "tiny.yaml", text: "a: 1\n\nb: 2\n")
    let span = SourceSpan(start: SourceLocation(file: file, line: 1, column: 1))
    #expect(
      SourceListing.lines(around: span, in: file, context: 10)
        == "-> 1 | a: 1\n   2 |\n   3 | b: 2\n   4 |")
    let far = SourceSpan(start: SourceLocation(file: file, line: 99, column: 1))
    #expect(SourceListing.lines(around: far, in: file, context: 0) == "-> 4 |")
  }

  @Test func locationInTheDiagnosticsForm() {
    #expect(
      SourceListing.location(Self.pollRun, in: Self.seed) == """
          --> dbt-cloud-trigger-run-and-poll.arazzo.yaml:69:9
           |
        69 |       - stepId: pollRun
           |         ^^^^^^^^^^^^^^^
        """)
    let file = SourceFile(path: "t.yaml", text: "\tkey: x")
    let span = SourceSpan(start: SourceLocation(file: file, line: 1, column: 2), length: 40)
    #expect(
      SourceListing.location(span, in: file) == " --> t.yaml:1:2\n  |\n1 | \tkey: x\n  | \t^^^^^^")
  }
}
