import ArazzoHTTP
import ArazzoJSON
import ArazzoTestServer
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func temporaryPath(_ name: String) -> String {
  "/tmp/arazzo-http-tests-\(getpid())-\(name)"
}

@Suite struct HARTests {
  /// Records a polling conversation against the live server, then replays it offline.
  /// A recording that is a device, a directory or missing is an error saying which, never a
  /// read that does not end (`/dev/zero`).
  @Test(arguments: [
    ("/dev/zero", "not a regular file"), ("/tmp", "it is a directory"),
    ("/no/such.har", "no such file"),
  ])
  func aRecordingThatIsNotAFileIsRefused(path: String, message: String) {
    #expect {
      _ = try HARLog.read(path: path)
    } throws: { error in
      (error as? HARError)?.message.contains(message) == true
    }
  }

  @Test func recordThenReplayRoundTrip() async throws {
    let path = temporaryPath("round-trip.har")
    defer { unlink(path) }
    let redactor = Redactor(secrets: ["s3cr3t-token"])
    var urls: [String] = []
    try await withServer { server, live in
      server.route("POST /runs") { _ in
        .json(#"{"id":42}"#, status: 201, headers: [("Set-Cookie", "sid=xyz; Path=/")])
      }
      server.route("/runs/42") { request in
        .json(#"{"status":\#(request.hit < 3 ? "\"running\"" : "\"done\"")}"#)
      }
      server.route("/moved", respond: .redirect(to: "/runs/42", status: 302))
      let recorder = RecordingTransport(live, path: path, redactor: redactor)
      let transport = RedirectingTransport(recorder)
      let token = ["Authorization": "Bearer s3cr3t-token"] as HeaderFields
      let created = try await transport.send(
        HTTPRequest(
          method: .post, url: server.url("/runs"), headers: token, text: #"{"job":"s3cr3t-token"}"#)
      )
      #expect(created.status == 201)
      for _ in 0..<2 {
        _ = try await transport.send(
          HTTPRequest(url: server.url("/runs/42?api_key=k1&page=1"), headers: token))
      }
      _ = try await transport.send(HTTPRequest(url: server.url("/moved"), headers: token))
      try recorder.save()
      urls = [server.url("/runs"), server.url("/runs/42?api_key=k1&page=1"), server.url("/moved")]
    }

    // The file is a HAR 1.2 log with secrets masked.
    let text = String(decoding: try #require(readBytes(path)), as: UTF8.self)
    #expect(!text.contains("s3cr3t-token"))
    #expect(!text.contains("k1"))
    #expect(!text.contains("xyz"))
    let json = try JSONParser.parse(text)
    #expect(json["log"]?["version"] == "1.2")
    #expect(json["log"]?["creator"]?["name"] == "arazzo")
    let entries = try #require(json["log"]?["entries"]?.arrayValue)
    #expect(entries.count == 5)  // POST, 2 polls, the redirect hop, its target
    let post = entries[0]
    #expect(post["request"]?["method"] == "POST")
    #expect(post["request"]?["postData"]?["text"] == #"{"job":"REDACTED"}"#)
    #expect(post["request"]?["headers"]?[0]?["value"] == "REDACTED")
    #expect(post["response"]?["status"] == 201)
    #expect(post["response"]?["cookies"]?[0]?["name"] == "sid")
    #expect(post["response"]?["cookies"]?[0]?["value"] == "REDACTED")
    #expect(post["response"]?["content"]?["mimeType"] == "application/json")
    #expect(post["response"]?["content"]?["text"] == #"{"id":42}"#)
    #expect(post["timings"]?["wait"]?.isNumber == true)
    #expect(post["startedDateTime"]?.stringValue?.hasSuffix("Z") == true)
    let poll = entries[1]
    #expect(
      poll["request"]?["url"]?.stringValue?.hasSuffix("/runs/42?api_key=REDACTED&page=1") == true)
    #expect(poll["request"]?["queryString"]?[1]?["name"] == "page")
    #expect(entries[3]["response"]?["redirectURL"] == "/runs/42")

    // Replay: no server now; same answers in the same order, redirects followed from the log.
    let replay = RedirectingTransport(try ReplayTransport(path: path, redactor: redactor))
    let created = try await replay.send(HTTPRequest(method: .post, url: urls[0], text: "{}"))
    #expect(created.status == 201)
    #expect(created.text == #"{"id":42}"#)
    let first = try await replay.send(HTTPRequest(url: urls[1]))
    let second = try await replay.send(HTTPRequest(url: urls[1]))
    #expect(first.text == #"{"status":"running"}"#)
    #expect(second.text == #"{"status":"running"}"#)
    let moved = try await replay.send(HTTPRequest(url: urls[2]))
    #expect(moved.text == #"{"status":"done"}"#)
    // Used up: a third poll is an error, not a silent repeat.
    #expect(await sendError(replay, HTTPRequest(url: urls[1]))?.code == "AZ4113")
  }

  @Test func replayMissNamesTheClosestRecording() async throws {
    let log = HARLog(entries: [
      entry("GET", "http://api.test/accounts/7/runs/1/", status: 200),
      entry("GET", "http://api.test/accounts/7/jobs/", status: 200),
      entry("POST", "http://api.test/accounts/7/runs/", status: 201),
    ])
    let replay = ReplayTransport(log: log)
    let error = await sendError(replay, HTTPRequest(url: "http://api.test/accounts/7/runs/2/"))
    #expect(
      error
        == .notRecorded(
          method: "GET", url: "http://api.test/accounts/7/runs/2/",
          closest: "GET http://api.test/accounts/7/runs/1/"))
    #expect(
      error?.description
        == "no recorded response for GET http://api.test/accounts/7/runs/2/; closest recorded request: GET http://api.test/accounts/7/runs/1/"
    )
    // The method is part of the match.
    let wrongMethod = await sendError(
      replay, HTTPRequest(method: .delete, url: "http://api.test/accounts/7/runs/"))
    #expect(wrongMethod?.code == "AZ4111")
  }

  @Test func replayInOrderAndStrictExhaustion() async throws {
    let log = HARLog(entries: [
      entry("GET", "http://api.test/poll", status: 200, body: "1"),
      entry("GET", "http://api.test/other", status: 200, body: "x"),
      entry("GET", "http://API.test:80/poll#frag", status: 200, body: "2"),
    ])
    let strict = ReplayTransport(log: log)
    #expect(try await fetch(strict, HTTPRequest(url: "http://api.test/poll")).text == "1")
    #expect(try await fetch(strict, HTTPRequest(url: "http://api.test/poll")).text == "2")
    let error = await sendError(strict, HTTPRequest(url: "http://api.test/poll"))
    #expect(error == .replayExhausted(method: "GET", url: "http://api.test/poll", recorded: 2))
    #expect(
      error?.description
        == "GET http://api.test/poll was sent more often than it was recorded (2 times); record a longer run, or pass --replay-reuse-last to answer again with the last response"
    )
    let reuses = Mutex<[String]>([])
    let lenient = ReplayTransport(
      log: log, reuseLast: true,
      onReuse: { method, url, recorded in
        reuses.withLock { $0.append("\(method) \(url) \(recorded)") }
      })
    for expected in ["1", "2", "2", "2"] {
      #expect(try await fetch(lenient, HTTPRequest(url: "http://api.test/poll")).text == expected)
    }
    #expect(reuses.withLock { $0 } == ["GET http://api.test/poll 2", "GET http://api.test/poll 2"])
  }

  @Test func recordedFailuresReplayAsFailures() async throws {
    let path = temporaryPath("failure.har")
    defer { unlink(path) }
    let server = try await TestServer.start()
    let port = server.port
    await server.shutdown()
    var configuration = LiveTransport.Configuration()
    configuration.proxy = .none
    let recorder = RecordingTransport(LiveTransport(configuration: configuration), path: path)
    let url = "http://127.0.0.1:\(port)/gone"
    #expect(
      await sendError(recorder, HTTPRequest(url: url))
        == .connectionRefused(host: "127.0.0.1", port: port))
    await recorder.shutdown()
    let replay = try ReplayTransport(path: path)
    let error = await sendError(replay, HTTPRequest(url: url))
    #expect(
      error
        == .protocolError(
          host: "127.0.0.1", port: port,
          reason: "recorded failure: connection refused by 127.0.0.1:\(port)"))
  }

  @Test func secretParametersAreMaskedBeforeSecretsAreScrubbed() {
    let redactor = Redactor(secrets: ["tok"])
    #expect(
      redactor.url("http://h.test/p?x=1&token=abc&q=tok#tok")
        == "http://h.test/p?x=1&token=REDACTED&q=REDACTED#REDACTED")
  }

  @Test func showSecretsKeepsEverything() {
    let request = HTTPRequest(
      url: "https://x.test/a?token=t&q=1", headers: ["Authorization": "Bearer t", "Accept": "*/*"])
    let shown = Redactor(secrets: ["t"], showSecrets: true).request(request)
    #expect(shown == request)
    let hidden = Redactor().request(request)
    #expect(hidden.url == "https://x.test/a?token=REDACTED&q=1")
    #expect(hidden.headers["authorization"] == "REDACTED")
    #expect(hidden.headers["Accept"] == "*/*")
  }

  @Test func binaryBodiesAreBase64() throws {
    let bytes: [UInt8] = [0, 255, 1, 128, 10]
    let log = HARLog(entries: [
      HAREntry(
        startedDateTime: "2026-11-29T11:00:00.000Z", request: HTTPRequest(url: "http://b.test/bin"),
        response: HTTPResponse(
          status: 200, headers: ["Content-Type": "application/octet-stream"], body: bytes))
    ])
    let json = log.json
    #expect(json["log"]?["entries"]?[0]?["response"]?["content"]?["encoding"] == "base64")
    #expect(json["log"]?["entries"]?[0]?["response"]?["content"]?["text"] == "AP8BgAo=")
    let back = try HARLog(json: try JSONParser.parse(JSONPrinter.compact(json)))
    #expect(back.entries[0].response?.body == bytes)
  }
}

func entry(_ method: String, _ url: String, status: Int, body: String = "{}") -> HAREntry {
  HAREntry(
    startedDateTime: "2026-11-29T11:00:00.000Z",
    request: HTTPRequest(method: HTTPMethod(method), url: url),
    response: HTTPResponse(status: status, reason: "OK", body: Array(body.utf8)))
}

func readBytes(_ path: String) -> [UInt8]? {
  guard let file = fopen(path, "rb") else { return nil }
  defer { fclose(file) }
  var out: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = fread(&chunk, 1, chunk.count, file)
    out += chunk[0..<n]
    if n < chunk.count { break }
  }
  return out
}
