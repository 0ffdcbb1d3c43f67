import ArazzoHTTP
import Testing

@Suite struct ValueTypeTests {
  @Test func headerFieldsAreOrderedAndCaseInsensitive() {
    var headers: HeaderFields = ["Accept": "application/json", "X-Trace": "1"]
    headers.add("set-cookie", "a=1")
    headers.add("Set-Cookie", "b=2")
    #expect(headers["ACCEPT"] == "application/json")
    #expect(headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
    headers.set("Set-Cookie", "c=3")
    #expect(headers.values(for: "set-cookie") == ["c=3"])
    #expect(headers.fields.map(\.name) == ["Accept", "X-Trace", "set-cookie"])
    headers.remove("x-trace")
    #expect(headers.count == 2)
    #expect(!headers.contains("X-Trace"))
  }

  @Test(arguments: [
    ("http://example.com", "http", "example.com", 80, "/", "http://example.com/"),
    (
      "HTTPS://Example.COM:443/a?b=c#f", "https", "example.com", 443, "/a?b=c",
      "https://example.com/a?b=c"
    ),
    ("http://u:p@h.test:8080?x", "http", "h.test", 8080, "/?x", "http://h.test:8080/?x"),
    ("http://[::1]:9000/p", "http", "::1", 9000, "/p", "http://[::1]:9000/p"),
  ])
  func parsesURLs(
    text: String, scheme: String, host: String, port: Int, target: String, normal: String
  ) throws {
    let url = try RequestURL(text)
    #expect(url.scheme == scheme)
    #expect(url.host == host)
    #expect(url.port == port)
    #expect(url.target == target)
    #expect(url.description == normal)
  }

  @Test func responseMediaType() {
    let response = HTTPResponse(
      status: 200, headers: ["content-type": "Application/JSON ; charset=utf-8"])
    #expect(response.mediaType == "application/json")
    #expect(HTTPResponse(status: 204).mediaType == nil)
  }

  @Test func errorCodesAreStable() {
    #expect(TransportError.connectionRefused(host: "h", port: 1).code == "AZ4102")
    #expect(TransportError.timeout(host: "h", port: 1, after: .seconds(2)).code == "AZ4104")
    #expect(
      TransportError.timeout(host: "::1", port: 8, after: .milliseconds(1500)).description
        == "no complete response from [::1]:8 within 1.5 s")
    #expect(
      TransportError.tooLarge(host: "h", port: 80, limit: 10 << 20).description
        == "response from h:80 is larger than the 10 MiB limit")
  }
}
