import ArazzoDAP
import ArazzoJSON
import ArazzoTestServer
import ArazzoTestSupport
import Foundation
import Testing

/// The server in process over real HTTP (a dbt Cloud stand-in on 127.0.0.1): `servers`,
/// `record` written when the session ends, and secrets kept out of what the editor is sent.
@Suite struct LiveServerTests {
  @Test func aLiveRunIsRecordedAtTheEndAndItsSecretsStayHidden() async throws {
    let server = try await TestServer.start()
    server.route("POST /api/v2/accounts/1/jobs/2/run/") { _ in
      .json(#"{"data":{"id":77,"status":1}}"#)
    }
    server.route("GET /api/v2/accounts/1/runs/77/") { _ in
      .json(#"{"data":{"id":77,"status":10,"is_complete":true,"is_error":false}}"#)
    }
    server.route("GET /api/v2/accounts/1/runs/77/artifacts/") { _ in
      .json(#"{"data":["manifest.json"]}"#)
    }
    let folder = try TemporaryFolder()
    let record = folder.appending("session.har")
    var sent: [JSONValue] = []
    let dap = DAPServer(send: { sent.append($0) })
    var seq = 0
    func request(_ command: String, _ arguments: JSONValue = [:]) async -> Bool {
      seq += 1
      return await dap.receive(
        .message([
          "seq": .integer(seq), "type": "request", "command": .string(command),
          "arguments": arguments,
        ]))
    }
    _ = await request("initialize")
    _ = await request(
      "launch",
      [
        "program": .string(TestPaths.seed.path),
        "inputs": ["accountId": 1, "jobId": 2, "token": "live-token"],
        "servers": ["dbtAdminApi": .string(server.baseURL)],
        "record": .string(record.path),
      ])
    #expect(sent.contains { $0["command"] == "launch" && $0["success"] == true })
    _ = await request(
      "setBreakpoints",
      [
        "source": ["path": .string(TestPaths.seed.path)],
        "breakpoints": [["line": 45, "logMessage": "token {$inputs.token}"]],
      ])
    _ = await request("configurationDone")
    #expect(sent.last?["event"] == "terminated")
    #expect(await request("disconnect") == false)
    await server.shutdown()

    let everything = sent.map(JSONPrinter.compact).joined(separator: "\n")
    #expect(everything.contains("token REDACTED"), "the log point ran, its secret hidden")
    #expect(!everything.contains("live-token"))
    #expect(server.requests.count == 3)
    let har = try String(contentsOf: record, encoding: .utf8)
    #expect(har.contains("/api/v2/accounts/1/runs/77/artifacts/"))
    #expect(!har.contains("live-token"))
  }
}
