import ArazzoHTTP
import ArazzoTestServer
import Testing

@Suite struct RedirectTests {
  @Test func sameOriginKeepsCredentials() async throws {
    try await withServer { server, live in
      let transport = RedirectingTransport(live)
      server.route("/old", respond: .redirect(to: "/new?x=1", status: 301))
      server.route("/new") { request in
        .json(#"{"auth":"\#(request.header("Authorization") ?? "none")"}"#)
      }
      let response = try await transport.send(
        HTTPRequest(
          url: server.url("/old"), headers: ["Authorization": "Bearer t0k", "X-API-Key": "k"]))
      #expect(response.status == 200)
      #expect(response.text == #"{"auth":"Bearer t0k"}"#)
      #expect(server.requests.map(\.uri) == ["/old", "/new?x=1"])
      #expect(server.requests[1].header("X-API-Key") == "k")
    }
  }

  @Test func crossOriginDropsCredentials() async throws {
    let other = try await TestServer.start()
    try await withServer { server, live in
      let transport = RedirectingTransport(live)
      other.route("/landing", respond: .json("{}"))
      server.route("/go", respond: .redirect(to: other.url("/landing"), status: 307))
      let response = try await transport.send(
        HTTPRequest(
          method: .put, url: server.url("/go"),
          headers: [
            "Authorization": "Bearer secret", "Cookie": "sid=1", "X-API-Key": "k",
            "X-Session-Token": "s", "Accept": "application/json",
          ], text: "{}"))
      #expect(response.status == 200)
      let landed = try #require(other.requests.first)
      #expect(landed.method == "PUT")
      #expect(landed.text == "{}")
      #expect(landed.header("Authorization") == nil)
      #expect(landed.header("Cookie") == nil)
      #expect(landed.header("X-API-Key") == nil)
      #expect(landed.header("X-Session-Token") == nil)
      #expect(landed.header("Accept") == "application/json")
      #expect(landed.header("Host") == "127.0.0.1:\(other.port)")
    }
    await other.shutdown()
  }

  @Test(arguments: [
    (301, "POST", "GET", false), (302, "POST", "GET", false), (303, "POST", "GET", false),
    (303, "PUT", "GET", false), (307, "POST", "POST", true), (308, "POST", "POST", true),
    (302, "PUT", "PUT", true), (303, "HEAD", "HEAD", false),
  ])
  func methodRewriting(status: Int, method: String, expected: String, keepsBody: Bool) async throws
  {
    try await withServer { server, live in
      let transport = RedirectingTransport(live)
      server.route("/from", respond: .redirect(to: "/to", status: status))
      server.route("/to", respond: .json("{}"))
      let body: [UInt8]? = method == "HEAD" ? nil : Array("payload".utf8)
      _ = try await transport.send(
        HTTPRequest(
          method: HTTPMethod(method), url: server.url("/from"),
          headers: ["Content-Type": "text/plain"], body: body))
      let second = try #require(server.requests.last)
      #expect(second.path == "/to")
      #expect(second.method == expected)
      #expect((second.text == "payload") == keepsBody)
      #expect((second.header("Content-Type") != nil) == (keepsBody || method == "HEAD"))
    }
  }

  @Test func tooManyRedirects() async throws {
    try await withServer { server, live in
      let transport = RedirectingTransport(live, maxRedirects: 3)
      server.route("/loop") { request in .redirect(to: "/loop?n=\(request.hit)") }
      let error = await sendError(transport, HTTPRequest(url: server.url("/loop")))
      #expect(
        error
          == .redirectRefused(
            url: server.url("/loop?n=4"),
            reason: "more than 3 redirects from \(server.url("/loop"))"))
    }
  }

  @Test func redirectLoopIsDetected() async throws {
    try await withServer { server, live in
      let transport = RedirectingTransport(live)
      server.route("/a", respond: .redirect(to: "/b"))
      server.route("/b", respond: .redirect(to: "/a"))
      let error = await sendError(transport, HTTPRequest(url: server.url("/a")))
      #expect(error == .redirectRefused(url: server.url("/a"), reason: "redirect loop"))
    }
  }

  @Test func zeroMaxRedirectsReturnsThe3xx() async throws {
    try await withServer { server, live in
      let transport = RedirectingTransport(live, maxRedirects: 0)
      server.route("/r", respond: .redirect(to: "/elsewhere"))
      let response = try await transport.send(HTTPRequest(url: server.url("/r")))
      #expect(response.status == 302)
      #expect(response.headers["location"] == "/elsewhere")
    }
  }

  @Test(arguments: [
    ("http://a.test/b/c/d;p?q", "g", "http://a.test/b/c/g"),
    ("http://a.test/b/c/d;p?q", "./g", "http://a.test/b/c/g"),
    ("http://a.test/b/c/d;p?q", "/g", "http://a.test/g"),
    ("http://a.test/b/c/d;p?q", "//g.test/x", "http://g.test/x"),
    ("http://a.test/b/c/d;p?q", "?y", "http://a.test/b/c/d;p?y"),
    ("http://a.test/b/c/d;p?q", "../g", "http://a.test/b/g"),
    ("http://a.test/b/c/d;p?q", "../../../g", "http://a.test/g"),
    ("http://a.test:80/b", "https://B.test:443/x", "https://b.test/x"),
    ("https://a.test/", "http://a.test:8080", "http://a.test:8080/"),
  ])
  func locationResolution(base: String, reference: String, expected: String) throws {
    #expect(try RequestURL(base).resolving(reference).description == expected)
  }
}
