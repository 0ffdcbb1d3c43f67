import ArazzoJSON
import ArazzoTestServer
import ArazzoTestSupport
import Foundation
import Testing

/// `arazzo run`: malformed `--server` URLs, and tokens learned at run time kept out of the
/// reports and the recording.
@Suite struct RunPiecesCommandTests {
  static let pieces = TestPaths.root.appendingPathComponent(
    "Tests/ArazzoRuntimeTests/Fixtures/pieces.arazzo.yaml"
  ).path

  @Test(arguments: [
    ("http://127.0.0.1:/", "the port after ':' is empty"),
    ("http://127.0.0.1:0/", "invalid port '0'"),
    ("http://127.0.0.1:99999", "invalid port '99999'"),
    ("http://127.0.0.1:8o80/", "invalid port '8o80'"),
    ("ftp://127.0.0.1/", "not http or https"),
    ("127.0.0.1:8080", "must be an absolute http(s) URL"),
    ("http://:8080/", "no host"),
    ("http://user:pw@127.0.0.1:8080/", "user info"),
    ("http://127.0.0.1:8080/?a=1", "no query"),
  ])
  func malformedServerURLIsAUsageError(url: String, mentions: String) async throws {
    let r = try await RunCommandTests.arazzo(
      [
        "run", RunCommandTests.seed, "--server", "dbtAdminApi=\(url)", "--input", "accountId=1",
        "--input", "jobId=2", "--input", "token=T",
      ])
    #expect(r.status == 2, "\(r.stdout)\n\(r.stderr)")
    #expect(r.stderr.contains("--server dbtAdminApi=\(url)"), "\(r.stderr)")
    #expect(r.stderr.contains(mentions), "\(r.stderr)")
  }

  @Test func tokensLearnedAtRunTimeAreRedactedInReportsAndTheRecording() async throws {
    let token = "tok-from-body-123"
    let grant = "grant-xyz-789"
    let har = FileManager.default.temporaryDirectory
      .appendingPathComponent("arazzo-learned-\(UUID().uuidString).har").path
    defer { try? FileManager.default.removeItem(atPath: har) }
    let server = try await TestServer.start()
    server.route("POST /login") { _ in .json(#"{"token":"\#(token)","grant":"\#(grant)"}"#) }
    server.route("GET /items/7") { request in
      .json(#"{"seen":"\#(request.header("Authorization") ?? "")"}"#)
    }
    let base = [
      "run", Self.pieces, "--workflow", "login-token", "--server", "api=\(server.baseURL)",
    ]
    let text = try await RunCommandTests.arazzo(base + ["--record", har])
    let json = try await RunCommandTests.arazzo(base + ["--format", "json"])
    let shown = try await RunCommandTests.arazzo(base + ["--format", "json", "--show-secrets"])
    await server.shutdown()
    #expect(text.status == 0, "\(text.stdout)\n\(text.stderr)")
    #expect(json.status == 0, "\(json.stdout)\n\(json.stderr)")
    let recording = try String(contentsOfFile: har, encoding: .utf8)
    for (what, output) in [
      ("text", text.stdout + text.stderr), ("json", json.stdout), ("har", recording),
    ] {
      for secret in [token, grant] {
        #expect(!output.contains(secret), "\(what) shows \(secret):\n\(output)")
      }
    }
    #expect(try JSONParser.parse(json.stdout)["outputs"]?["echoed"] == "Bearer REDACTED")
    #expect(try JSONParser.parse(shown.stdout)["outputs"]?["echoed"] == .string("Bearer \(grant)"))
  }
}
