import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import ArazzoTestServer
import ArazzoTestSupport
import Foundation
import Synchronization
import Testing

/// A server may answer anything: statuses, headers and bodies drawn at random (broken JSON,
/// JSON nested past every limit, invalid UTF-8, an XML entity bomb, a megabyte string, absurd
/// `Retry-After`s, redirects to `file:` and to closed ports, malformed HTTP) for every request
/// of the seed and of the criteria example (regex, jsonpath and xpath criteria), with contract
/// checks on. Each run must end, succeeded or failed, within its limits; nothing traps. Only
/// loopback is ever contacted (every `Location` points there or nowhere).
@Suite struct HostileServerTests {
  static let bodies: [[UInt8]] =
    [
      #"{"data":{"id":70000001,"status":10,"items":[{"id":7}],"next":null}}"#,
      #"{"data":{"id":70000001,"status":1}}"#, #"{"data":[1,2,3],"token":"tok-1234567890"}"#,
      "{", "null", "", "[]", #"{"data":{"status":1e400}}"#, #""\ud800""#,
      String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000),
      String(repeating: #"{"a":"#, count: 3_000) + "1" + String(repeating: "}", count: 3_000),
      "\"" + String(repeating: "x", count: 1_000_000) + "\"",
      """
      <?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
      <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
      <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>
      <catalog><pet id="7">&f;</pet></catalog>
      """,
      #"<catalog><pet id="7"><name>Salem</name></pet></catalog>"#,
      #"<!DOCTYPE x [<!ENTITY s SYSTEM "file:///etc/passwd">]><x>&s;</x>"#,
    ].map { Array($0.utf8) } + [[0xFF, 0xFE, 0x00, 0xC3, 0x28], [0x7B, 0x22, 0xE2, 0x82, 0x22]]

  static let contentTypes = [
    "application/json", "application/json", "application/xml", "text/plain", "", "a/b/c",
    "application/json; charset=utf-16", "image/png", "application/problem+json",
  ]
  static let retryAfters = [
    "1", "-5", "1e999", "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "soon",
    "99999999999999999999",
  ]
  static let locations = [
    "file:///etc/passwd", "http://127.0.0.1:1/x", "/api/v2/elsewhere", "ftp://127.0.0.1/",
    "javascript:alert(1)", "", "http://[::1", "%zz",
  ]
  static let raws = [
    "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort",
    "garbage\r\n\r\n",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nxx\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
    "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Long: y\r\n", count: 2_000) + "\r\n",
  ]

  static func response(_ random: inout SplitMix) -> TestResponse {
    if random.below(12) == 0 { return .raw(random.pick(raws)) }
    var headers: [(name: String, value: String)] = []
    let type = random.pick(contentTypes)
    if !type.isEmpty { headers.append(("Content-Type", type)) }
    if random.below(4) == 0 { headers.append(("Retry-After", random.pick(retryAfters))) }
    var status = random.pick([200, 200, 200, 201, 204, 302, 404, 429, 500, 503])
    if status == 302 {
      headers.append(("Location", random.pick(locations)))
    } else if random.below(10) == 0 {
      status = 301
      headers.append(("Location", random.pick(locations)))
    }
    if random.below(6) == 0 { headers.append(("Set-Cookie", "session=s3cr3t-value-123; Path=/")) }
    return TestResponse(
      status: status, headers: headers, body: status == 204 ? [] : random.pick(bodies),
      chunked: random.below(5) == 0)
  }

  static let documents: [(String, String, String, JSONValue)] = [
    (
      seedPath, "trigger-run-and-poll", "dbtAdminApi",
      ["accountId": 70403, "jobId": 251, "token": "demo-token"]
    ),
    (
      repoPath("examples/petshop/arazzo/criteria.arazzo.yaml"), "browse-cats", "petshop",
      ["username": "alice", "password": "wonderland"]
    ),
  ]

  @Test(.timeLimit(.minutes(3)), arguments: [0xBAD5, 0x5E7, 0xE71E] as [UInt64])
  func everyRunEndsWhateverTheServerSays(seed: UInt64) async throws {
    let server = try await TestServer.start()
    let random = Mutex(SplitMix(state: seed))
    server.route("*") { _ in random.withLock { Self.response(&$0) } }
    for _ in 0..<25 {
      for (document, workflow, source, inputs) in Self.documents {
        let started = ContinuousClock.now
        let result = try await runLive(
          document, workflow: workflow, inputs: inputs, servers: [source: server.baseURL + "/"],
          options: {
            $0.maxSteps = 40
            $0.checks = ContractChecks(.error)
          },
          transport: { $0.timeout = .seconds(5) })
        _ = JSONPrinter.pretty(result.json)
        #expect(ContinuousClock.now - started < .seconds(60), "\(workflow) took too long")
        #expect(result.steps.count <= 40, "\(workflow)")
      }
    }
    await server.shutdown()
    // Loopback only: every request the runs sent reached this server.
    #expect(server.requests.allSatisfy { !$0.path.contains("passwd") })
  }
}
