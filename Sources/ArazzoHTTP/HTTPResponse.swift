/// One HTTP response, read whole (up to the transport's size cap).
public struct HTTPResponse: Sendable, Hashable {
  public var status: Int
  /// The reason phrase as received (`OK`), empty when the server sent none.
  public var reason: String
  /// `HTTP/1.1` or `HTTP/1.0` as received.
  public var httpVersion: String
  public var headers: HeaderFields
  public var body: [UInt8]
  /// Where the time went; zero for replayed responses unless the recording had timings.
  public var timings: HTTPTimings

  public init(
    status: Int, reason: String = "", httpVersion: String = "HTTP/1.1",
    headers: HeaderFields = [:], body: [UInt8] = [], timings: HTTPTimings = HTTPTimings()
  ) {
    self.status = status
    self.reason = reason
    self.httpVersion = httpVersion
    self.headers = headers
    self.body = body
    self.timings = timings
  }

  /// The body decoded as UTF-8 (invalid sequences replaced).
  public var text: String { String(decoding: body, as: UTF8.self) }

  /// The media type of `Content-Type` without parameters, lower-cased (`application/json`).
  public var mediaType: String? {
    guard let value = headers["Content-Type"] else { return nil }
    let base = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? value
    return base.trimmingASCIISpaces().asciiLowercased
  }
}

/// Durations of the phases of one exchange (HAR's `timings`, less DNS and blocking).
public struct HTTPTimings: Sendable, Hashable {
  /// Opening the connection, TLS included; `nil` when a kept-alive connection was reused.
  public var connect: Duration?
  /// TLS handshake part of `connect`, when there was one.
  public var tls: Duration?
  /// Writing the request.
  public var send: Duration
  /// From the end of the request to the first byte of the response head.
  public var wait: Duration
  /// Reading the response head and body.
  public var receive: Duration

  public init(
    connect: Duration? = nil, tls: Duration? = nil, send: Duration = .zero,
    wait: Duration = .zero, receive: Duration = .zero
  ) {
    self.connect = connect
    self.tls = tls
    self.send = send
    self.wait = wait
    self.receive = receive
  }

  /// The whole exchange.
  public var total: Duration { (connect ?? .zero) + send + wait + receive }
}

extension String {
  func trimmingASCIISpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return String(s)
  }
}
