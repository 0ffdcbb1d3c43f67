import ArazzoJSON
import ArazzoTestServer
import ArazzoTestSupport
import Foundation
import Testing

/// Runtime goldens, one behaviour each: every folder under `Fixtures/runs/` holds a
/// `workflow.arazzo.yaml` (with whatever it needs beside it, usually `openapi.yaml`), a
/// `recording.har` to replay, optional `inputs.json` and `args` (more `arazzo run` arguments,
/// split on white space), and `expected.txt`: the command, what the built binary prints on
/// stdout (text format, not a terminal), its stderr, and its exit status. Response durations
/// are written `N ms` (they vary); everything else is compared byte for byte.
/// `ARAZZO_RECORD=1` rewrites `expected.txt` from the run. See `Fixtures/runs/README.md`.
///
/// Replay matches requests by method and URL only, so each recording's requests are checked
/// too: the same run against a loopback server answering with the recorded responses must send
/// the recorded requests, in order, with their headers and bodies.
@Suite struct RunGoldenTests {
  static let directory = CLI.root.appendingPathComponent("Tests/ArazzoCLITests/Fixtures/runs")

  /// The folders holding a `workflow.arazzo.yaml`, by name.
  static var behaviours: [String] {
    let fm = FileManager.default
    let names = (try? fm.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter {
      fm.fileExists(atPath: directory.appendingPathComponent("\($0)/workflow.arazzo.yaml").path)
    }.sorted()
  }

  /// `run workflow.arazzo.yaml`, `--replay` and `--inputs` when the folder has those files,
  /// then the words of `args`.
  static func arguments(in folder: URL) -> [String] {
    let fm = FileManager.default
    var arguments = ["run", "workflow.arazzo.yaml"]
    if fm.fileExists(atPath: folder.appendingPathComponent("recording.har").path) {
      arguments += ["--replay", "recording.har"]
    }
    if fm.fileExists(atPath: folder.appendingPathComponent("inputs.json").path) {
      arguments += ["--inputs", "inputs.json"]
    }
    let extra =
      (try? String(contentsOf: folder.appendingPathComponent("args"), encoding: .utf8)) ?? ""
    return arguments + extra.split(whereSeparator: \.isWhitespace).map(String.init)
  }

  /// A response's duration on a step line (`200  0.1 ms  ok`), which varies from run to run.
  static let duration = try? NSRegularExpression(pattern: #"(  [0-9]{3})  [0-9]+(\.[0-9]+)? ms  "#)

  /// `text` with every response duration written `N ms`.
  static func normalised(_ text: String) -> String {
    guard let duration else { return text }
    let range = NSRange(text.startIndex..., in: text)
    return duration.stringByReplacingMatches(in: text, range: range, withTemplate: "$1  N ms  ")
  }

  /// The transcript `expected.txt` holds.
  static func transcript(_ arguments: [String], _ result: CLIResult) -> String {
    var text = "$ arazzo " + arguments.joined(separator: " ") + "\n" + normalised(result.stdout)
    if !result.stderr.isEmpty { text += "--- stderr\n" + normalised(result.stderr) }
    return text + "--- exit \(result.status)\n"
  }

  @Test func behavioursAreFound() {
    #expect(Self.behaviours.count >= 12, "\(Self.behaviours)")
  }

  @Test(arguments: behaviours)
  func behaviour(_ name: String) async throws {
    let folder = Self.directory.appendingPathComponent(name)
    let arguments = Self.arguments(in: folder)
    let result = try await RunCommandTests.arazzo(arguments, directory: folder)
    let golden = compareGolden(
      Self.transcript(arguments, result), to: folder.appendingPathComponent("expected.txt"))
    #expect(golden == .matched, "\(name): \(golden)")
  }

  /// One recorded exchange: the request as the run must send it and the response to give.
  struct Exchange {
    var method: String
    /// Path and query, as sent (after the recording's origin).
    var target: String
    var headers: [(name: String, value: String)]
    var body: String?
    var response: TestResponse
  }

  /// The entries of a HAR file (`Content-Length` left to the server).
  static func exchanges(_ har: URL) throws -> [Exchange] {
    let log = try JSONParser.parse(String(contentsOf: har, encoding: .utf8))
    return (log["log"]?["entries"]?.arrayValue ?? []).map { entry in
      let request = entry["request"]
      let response = entry["response"]
      func headers(_ list: JSONValue?) -> [(name: String, value: String)] {
        (list?.arrayValue ?? []).compactMap { header in
          guard let name = header["name"]?.stringValue, let value = header["value"]?.stringValue
          else { return nil }
          return (name, value)
        }
      }
      let url = request?["url"]?.stringValue ?? ""
      let origin = url.range(of: "://").flatMap { url[$0.upperBound...].firstIndex(of: "/") }
      return Exchange(
        method: request?["method"]?.stringValue ?? "",
        target: origin.map { String(url[$0...]) } ?? "/",
        headers: headers(request?["headers"]), body: request?["postData"]?["text"]?.stringValue,
        response: TestResponse(
          status: response?["status"]?.intValue ?? 0,
          headers: headers(response?["headers"]).filter {
            $0.name.lowercased() != "content-length"
          },
          body: Array((response?["content"]?["text"]?.stringValue ?? "").utf8)))
    }
  }

  @Test(arguments: behaviours)
  func recordedRequestsAreWhatTheRunSends(_ name: String) async throws {
    let folder = Self.directory.appendingPathComponent(name)
    let recorded = try Self.exchanges(folder.appendingPathComponent("recording.har"))
    let server = try await TestServer.start()
    // Each route answers its recorded responses in order; one asked for more fails with 500.
    for route in Set(recorded.map { "\($0.method) \($0.target.split(separator: "?")[0])" }) {
      let answers = recorded.filter {
        "\($0.method) \($0.target.split(separator: "?")[0])" == route
      }
      server.route(route) { request in
        request.hit <= answers.count
          ? answers[request.hit - 1].response : .text("not recorded", status: 500)
      }
    }
    var arguments = Self.arguments(in: folder)
    if let replay = arguments.firstIndex(of: "--replay") {
      arguments.removeSubrange(replay...(replay + 1))
    }
    arguments += ["--server", "api=\(server.baseURL)"]
    let result = try await RunCommandTests.arazzo(arguments, directory: folder)
    let sent = server.requests
    await server.shutdown()
    #expect(sent.count >= recorded.count, "\(name): \(result.stdout)\(result.stderr)")
    for (i, (request, expected)) in zip(sent, recorded).enumerated() {
      let what = "\(name): request \(i + 1)"
      #expect(
        "\(request.method) \(request.uri)" == "\(expected.method) \(expected.target)", "\(what)")
      for header in expected.headers {
        let value = request.header(header.name)
        if header.value.contains("REDACTED") {
          #expect(value != nil, "\(what): no \(header.name) header")
        } else {
          #expect(value == header.value, "\(what): \(header.name)")
        }
      }
      if let body = expected.body { #expect(request.text == body, "\(what): body") }
    }
  }
}
