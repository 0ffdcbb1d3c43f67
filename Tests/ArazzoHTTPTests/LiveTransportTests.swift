import ArazzoHTTP
import ArazzoJSON
import ArazzoTestServer
import Testing

/// Runs `body` with a fresh loopback server and a live transport, shutting both down after.
func withServer(
  _ configure: (inout LiveTransport.Configuration) -> Void = { _ in },
  _ body: (TestServer, LiveTransport) async throws -> Void
) async throws {
  let server = try await TestServer.start()
  var configuration = LiveTransport.Configuration()
  configuration.proxy = .none
  configure(&configuration)
  let transport = LiveTransport(configuration: configuration)
  do {
    try await body(server, transport)
  } catch {
    await transport.shutdown()
    await server.shutdown()
    throw error
  }
  await transport.shutdown()
  await server.shutdown()
}

/// The error a send threw, or `nil` if it succeeded.
func sendError(
  _ transport: some HTTPTransport, _ request: HTTPRequest, timeout: Duration? = nil
)
  async -> TransportError?
{
  do {
    _ = try await transport.send(request, timeout: timeout)
    return nil
  } catch {
    return error
  }
}

@Suite struct LiveTransportTests {
  @Test func getJSON() async throws {
    try await withServer { server, transport in
      server.route("/pets/1", respond: .json(#"{"id":1,"name":"Rex"}"#))
      let response = try await transport.send(HTTPRequest(url: server.url("/pets/1")))
      #expect(response.status == 200)
      #expect(response.reason == "OK")
      #expect(response.mediaType == "application/json")
      let body = try JSONParser.parse(bytes: response.body)
      #expect(body["name"] == "Rex")
      let request = try #require(server.requests.first)
      #expect(request.header("Host") == "127.0.0.1:\(server.port)")
      #expect(request.header("User-Agent") == "arazzo")
    }
  }

  @Test func postJSONBody() async throws {
    try await withServer { server, transport in
      server.route("POST /pets") { request in
        .json(#"{"received":\#(request.text)}"#, status: 201)
      }
      let response = try await transport.send(
        HTTPRequest(
          method: .post, url: server.url("/pets"),
          headers: ["Content-Type": "application/json"], text: #"{"name":"Rex"}"#))
      #expect(response.status == 201)
      #expect(response.text == #"{"received":{"name":"Rex"}}"#)
      let request = try #require(server.requests.first)
      #expect(request.method == "POST")
      #expect(request.header("Content-Length") == "14")
      #expect(request.header("Content-Type") == "application/json")
    }
  }

  @Test func keepAliveReusesOneConnection() async throws {
    try await withServer { server, transport in
      server.route("/ping", respond: .json("{}"))
      for _ in 0..<20 {
        let response = try await transport.send(HTTPRequest(url: server.url("/ping")))
        #expect(response.status == 200)
      }
      #expect(server.connectionCount == 1)
      #expect(transport.connectionsOpened == 1)
      #expect(server.requests.count == 20)
    }
  }

  @Test func serverClosingConnectionIsHandled() async throws {
    try await withServer { server, transport in
      server.route("/close") { _ in
        var r = TestResponse.json("{}")
        r.closeConnection = true
        return r
      }
      for _ in 0..<3 {
        let response = try await transport.send(HTTPRequest(url: server.url("/close")))
        #expect(response.status == 200)
      }
      #expect(server.connectionCount == 3)
    }
  }

  @Test func idleConnectionClosedByServerIsRetried() async throws {
    try await withServer { server, transport in
      server.route("/a", respond: .json("{}"))
      #expect(try await fetch(transport, HTTPRequest(url: server.url("/a"))).status == 200)
      // Close the server side of the parked connection behind the client's back.
      await server.closeConnections()
      try await Task.sleep(for: .milliseconds(50))
      #expect(try await fetch(transport, HTTPRequest(url: server.url("/a"))).status == 200)
      #expect(server.connectionCount == 2)
    }
  }

  @Test func concurrentRequestsOpenMoreConnections() async throws {
    try await withServer { server, transport in
      server.route(
        "/slow", respond: TestResponse(body: Array("ok".utf8), delay: .milliseconds(300)))
      try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<5 {
          group.addTask { try await fetch(transport, HTTPRequest(url: server.url("/slow"))).status }
        }
        for try await status in group { #expect(status == 200) }
      }
      // Five at once need more than one connection (five unless the machine is very slow).
      let opened = server.connectionCount
      #expect(opened > 1 && opened <= 5)
      // Up to four are parked (the per-origin cap); sequential requests reuse one of them.
      for _ in 0..<5 { _ = try await transport.send(HTTPRequest(url: server.url("/slow"))) }
      #expect(server.connectionCount == opened)
    }
  }

  @Test func cancellationStopsTheRequest() async throws {
    try await withServer { server, transport in
      server.route("/never", respond: .never)
      let task = Task { await sendError(transport, HTTPRequest(url: server.url("/never"))) }
      try await Task.sleep(for: .milliseconds(100))
      task.cancel()
      #expect(await task.value == .cancelled)
    }
  }

  @Test func perRequestTimeout() async throws {
    try await withServer { server, transport in
      server.route("/slow", respond: .never)
      let clock = ContinuousClock()
      let start = clock.now
      let error = await sendError(
        transport, HTTPRequest(url: server.url("/slow")), timeout: .milliseconds(200))
      let elapsed = start.duration(to: clock.now)
      #expect(error == .timeout(host: "127.0.0.1", port: server.port, after: .milliseconds(200)))
      // A hang guard: the server never answers, and a loaded machine can delay the resumption.
      #expect(elapsed < .seconds(60))
      #expect(
        error?.description == "no complete response from 127.0.0.1:\(server.port) within 200 ms")
    }
  }

  @Test func wholeRunDeadline() async throws {
    try await withServer({ $0.deadline = ContinuousClock.now + .seconds(1) }) {
      server, transport in
      server.route("/fast", respond: .json("{}"))
      server.route("/slow", respond: TestResponse(delay: .seconds(5)))
      let fast = try await transport.send(HTTPRequest(url: server.url("/fast")))
      #expect(fast.status == 200)
      let error = await sendError(
        transport, HTTPRequest(url: server.url("/slow")), timeout: .seconds(10))
      #expect(error == .deadlineExceeded(host: "127.0.0.1", port: server.port))
      let after = await sendError(transport, HTTPRequest(url: server.url("/fast")))
      #expect(after == .deadlineExceeded(host: "127.0.0.1", port: server.port))
    }
  }

  @Test func serverErrorIsAResponse() async throws {
    try await withServer { server, transport in
      server.route("/boom", respond: .json(#"{"error":"down"}"#, status: 503))
      let response = try await transport.send(HTTPRequest(url: server.url("/boom")))
      #expect(response.status == 503)
      #expect(response.reason == "Service Unavailable")
      #expect(response.text == #"{"error":"down"}"#)
    }
  }

  @Test func connectionRefused() async throws {
    let server = try await TestServer.start()
    let port = server.port
    await server.shutdown()
    var configuration = LiveTransport.Configuration()
    configuration.proxy = .none
    let transport = LiveTransport(configuration: configuration)
    let error = await sendError(transport, HTTPRequest(url: "http://127.0.0.1:\(port)/x"))
    #expect(error == .connectionRefused(host: "127.0.0.1", port: port))
    #expect(error?.description == "connection refused by 127.0.0.1:\(port)")
    await transport.shutdown()
  }

  @Test func malformedJSONIsStillAResponse() async throws {
    try await withServer { server, transport in
      server.route("/bad", respond: .json(#"{"id": 1,"#))
      let response = try await transport.send(HTTPRequest(url: server.url("/bad")))
      #expect(response.status == 200)
      #expect(response.text == #"{"id": 1,"#)
      #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes: response.body) }
    }
  }

  @Test func nonJSONContentType() async throws {
    try await withServer { server, transport in
      server.route("/html", respond: .text("<p>hi</p>", contentType: "text/html; charset=utf-8"))
      let response = try await transport.send(HTTPRequest(url: server.url("/html")))
      #expect(response.mediaType == "text/html")
      #expect(response.text == "<p>hi</p>")
    }
  }

  @Test func oversizedBodyByContentLength() async throws {
    try await withServer({ $0.maxResponseBytes = 1024 }) { server, transport in
      server.route("/big", respond: TestResponse(body: [UInt8](repeating: 65, count: 4096)))
      server.route("/ok", respond: TestResponse(body: [UInt8](repeating: 65, count: 1024)))
      let error = await sendError(transport, HTTPRequest(url: server.url("/big")))
      #expect(error == .tooLarge(host: "127.0.0.1", port: server.port, limit: 1024))
      #expect(
        error?.description
          == "response from 127.0.0.1:\(server.port) is larger than the 1 KiB limit")
      // Exactly at the cap is fine, and the transport still works.
      let ok = try await transport.send(HTTPRequest(url: server.url("/ok")))
      #expect(ok.body.count == 1024)
    }
  }

  @Test func oversizedChunkedBody() async throws {
    try await withServer({ $0.maxResponseBytes = 1000 }) { server, transport in
      server.route(
        "/big", respond: TestResponse(body: [UInt8](repeating: 65, count: 5000), chunked: true))
      let error = await sendError(transport, HTTPRequest(url: server.url("/big")))
      #expect(error == .tooLarge(host: "127.0.0.1", port: server.port, limit: 1000))
    }
  }

  @Test func headAnd204HaveNoBody() async throws {
    try await withServer { server, transport in
      server.route("/doc") { request in
        var response = TestResponse.json(#"{"a":1}"#)
        if request.method == "HEAD" { response.body = [] }
        response.headers.append(("Content-Length", "7"))
        return response
      }
      server.route("/empty", respond: TestResponse(status: 204))
      let head = try await transport.send(HTTPRequest(method: .head, url: server.url("/doc")))
      #expect(head.status == 200 && head.body.isEmpty && head.headers["Content-Length"] == "7")
      let empty = try await transport.send(HTTPRequest(url: server.url("/empty")))
      #expect(empty.status == 204 && empty.body.isEmpty)
      // The connection is still in step after both.
      let get = try await transport.send(HTTPRequest(url: server.url("/doc")))
      #expect(get.text == #"{"a":1}"#)
      #expect(server.connectionCount == 1)
    }
  }

  @Test func closeDelimitedBody() async throws {
    try await withServer { server, transport in
      server.route(
        "/old", respond: .raw("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close"))
      let response = try await transport.send(HTTPRequest(url: server.url("/old")))
      #expect(response.httpVersion == "HTTP/1.0")
      #expect(response.text == "until close")
    }
  }

  @Test func malformedHTTPIsAProtocolError() async throws {
    try await withServer { server, transport in
      server.route("/garbage", respond: .raw("this is not HTTP\r\n\r\n"))
      let error = await sendError(transport, HTTPRequest(url: server.url("/garbage")))
      guard case .protocolError(let host, let port, _) = error else {
        Issue.record("expected a protocol error, got \(String(describing: error))")
        return
      }
      #expect(host == "127.0.0.1" && port == server.port)
    }
  }

  @Test func closedMidBodyIsAProtocolError() async throws {
    try await withServer { server, transport in
      server.route("/cut", respond: .raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"))
      let error = await sendError(transport, HTTPRequest(url: server.url("/cut")))
      #expect(
        error
          == .protocolError(
            host: "127.0.0.1", port: server.port,
            reason: "the connection closed before the response body was complete"))
    }
  }

  @Test func tlsToAPlainServerFailsAsTLS() async throws {
    try await withServer { server, transport in
      server.route("/", respond: .json("{}"))
      let error = await sendError(
        transport, HTTPRequest(url: "https://127.0.0.1:\(server.port)/"), timeout: .seconds(5))
      guard case .tls(let host, let port, let reason) = error else {
        Issue.record("expected a TLS error, got \(String(describing: error))")
        return
      }
      #expect(host == "127.0.0.1" && port == server.port)
      // The plain server answers the ClientHello by closing (or with a 400, which BoringSSL
      // reports as a wrong version number).
      #expect(reason.hasPrefix("the server"))
    }
  }

  @Test func cookiesAndSetCookiePassThrough() async throws {
    try await withServer { server, transport in
      server.route("/login") { request in
        TestResponse(
          headers: [("Set-Cookie", "sid=abc; Path=/; HttpOnly"), ("Set-Cookie", "theme=dark")],
          body: Array((request.header("Cookie") ?? "none").utf8))
      }
      let response = try await transport.send(
        HTTPRequest(url: server.url("/login"), headers: ["Cookie": "a=1; b=2"]))
      #expect(response.text == "a=1; b=2")
      #expect(
        response.headers.values(for: "set-cookie") == ["sid=abc; Path=/; HttpOnly", "theme=dark"])
    }
  }

  @Test func invalidURLs() async throws {
    let transport = LiveTransport()
    #expect(
      await sendError(transport, HTTPRequest(url: "ftp://example.com/x"))
        == .invalidURL("ftp://example.com/x", reason: "scheme 'ftp' is not http or https"))
    #expect(
      await sendError(transport, HTTPRequest(url: "/relative"))
        == .invalidURL("/relative", reason: "not an absolute URL (no scheme://)"))
    #expect(
      await sendError(transport, HTTPRequest(url: "http://host:99999/"))
        == .invalidURL("http://host:99999/", reason: "invalid port '99999'"))
    await transport.shutdown()
  }

  @Test func httpProxyGetsAbsoluteForm() async throws {
    try await withServer { proxy, _ in
      proxy.route("/via-proxy", respond: .json(#"{"proxied":true}"#))
      var configuration = LiveTransport.Configuration()
      configuration.proxy = ProxySettings.fromEnvironment([
        "HTTP_PROXY": "http://user:p%40ss@127.0.0.1:\(proxy.port)",
        "NO_PROXY": "localhost,.internal",
      ])
      let transport = LiveTransport(configuration: configuration)
      let response = try await transport.send(
        HTTPRequest(url: "http://api.example.test/via-proxy?q=1"))
      #expect(response.text == #"{"proxied":true}"#)
      let request = try #require(proxy.requests.first)
      #expect(request.uri == "http://api.example.test/via-proxy?q=1")
      #expect(request.header("Host") == "api.example.test")
      #expect(request.header("Proxy-Authorization") == "Basic dXNlcjpwQHNz")
      await transport.shutdown()
    }
  }

  @Test func noProxyMatching() {
    let settings = ProxySettings.fromEnvironment([
      "http_proxy": "proxy.local:3128", "HTTPS_PROXY": "http://proxy.local:3129",
      "no_proxy": "localhost, .internal.example, 10.0.0.1:8080",
    ])
    func proxy(_ url: String) -> String? {
      (try? RequestURL(url)).flatMap { settings.proxy(for: $0)?.authority }
    }
    #expect(proxy("http://api.example.com/") == "proxy.local:3128")
    #expect(proxy("https://api.example.com/") == "proxy.local:3129")
    #expect(proxy("http://localhost:8080/") == nil)
    #expect(proxy("http://a.internal.example/") == nil)
    #expect(proxy("http://internal.example/") == nil)
    #expect(proxy("http://10.0.0.1:8080/") == nil)
    #expect(proxy("http://10.0.0.1:9090/") == "proxy.local:3128")
  }
}

/// `send` with untyped throws (Swift Testing's `#expect(try await …)` trips over typed throws).
func fetch(_ transport: some HTTPTransport, _ request: HTTPRequest) async throws -> HTTPResponse {
  try await transport.send(request)
}

@Suite struct TLSTests {
  func transport(trustTestCA: Bool) -> LiveTransport {
    var configuration = LiveTransport.Configuration()
    configuration.proxy = .none
    if trustTestCA { configuration.additionalTrustRootsPEMFile = TestServer.caCertificatePath }
    return LiveTransport(configuration: configuration)
  }

  @Test func httpsWithTrustedCertificate() async throws {
    let server = try await TestServer.start(tls: true)
    server.route("/secure", respond: .json(#"{"tls":true}"#))
    let live = transport(trustTestCA: true)
    for host in ["localhost", "127.0.0.1"] {
      let response = try await live.send(HTTPRequest(url: "https://\(host):\(server.port)/secure"))
      #expect(response.text == #"{"tls":true}"#)
    }
    // Reused per origin: one connection for localhost, one for 127.0.0.1.
    _ = try await live.send(HTTPRequest(url: "https://localhost:\(server.port)/secure"))
    #expect(server.connectionCount == 2)
    await live.shutdown()
    await server.shutdown()
  }

  @Test func untrustedCertificateFailsAsTLS() async throws {
    let server = try await TestServer.start(tls: true)
    let live = transport(trustTestCA: false)
    let error = await sendError(live, HTTPRequest(url: "https://localhost:\(server.port)/"))
    guard case .tls(let host, let port, let reason) = error else {
      Issue.record("expected a TLS error, got \(String(describing: error))")
      return
    }
    #expect(host == "localhost" && port == server.port)
    #expect(reason == "the server's certificate is not trusted (CERTIFICATE_VERIFY_FAILED)")
    await live.shutdown()
    await server.shutdown()
  }
}

@Suite struct ProxyTunnelTests {
  @Test func httpsThroughConnectTunnel() async throws {
    let server = try await TestServer.start(tls: true)
    server.route("/tunnelled", respond: .json(#"{"via":"tunnel"}"#))
    let proxy = try await TunnelProxy.start()
    var configuration = LiveTransport.Configuration()
    configuration.additionalTrustRootsPEMFile = TestServer.caCertificatePath
    configuration.proxy = ProxySettings.fromEnvironment([
      "HTTPS_PROXY": "http://bob:pw@127.0.0.1:\(proxy.port)"
    ])
    let live = LiveTransport(configuration: configuration)
    for _ in 0..<2 {
      let response = try await live.send(
        HTTPRequest(url: "https://localhost:\(server.port)/tunnelled"))
      #expect(response.text == #"{"via":"tunnel"}"#)
    }
    #expect(proxy.tunnels.count == 1)  // one tunnel, kept alive for both requests
    #expect(proxy.tunnels.first?.target == "localhost:\(server.port)")
    #expect(proxy.tunnels.first?.authorization == "Basic Ym9iOnB3")
    // The origin sees no proxy credentials inside the tunnel.
    #expect(server.requests.allSatisfy { $0.header("Proxy-Authorization") == nil })
    await live.shutdown()
    await proxy.shutdown()
    await server.shutdown()
  }

  @Test func refusedConnectIsAProxyError() async throws {
    let proxy = try await TunnelProxy.start()
    var configuration = LiveTransport.Configuration()
    configuration.proxy = ProxySettings(
      httpsProxy: try RequestURL("http://127.0.0.1:\(proxy.port)"))
    let live = LiveTransport(configuration: configuration)
    // Port 1 on loopback: nothing listens, the proxy answers 502.
    let error = await sendError(live, HTTPRequest(url: "https://127.0.0.1:1/"))
    #expect(
      error
        == .proxyFailed(
          proxy: "127.0.0.1:\(proxy.port)", reason: "CONNECT answered 'HTTP/1.1 502 Bad Gateway'"))
    await live.shutdown()
    await proxy.shutdown()
  }
}

@Test func sendAfterShutdownIsCancelled() async throws {
  let transport = LiveTransport(configuration: LiveTransport.Configuration())
  await transport.shutdown()
  await transport.shutdown()  // idempotent
  #expect(await sendError(transport, HTTPRequest(url: "http://127.0.0.1:9/")) == .cancelled)
}
