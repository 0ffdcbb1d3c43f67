import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One request from start to response, confined to the pool's loop.
///
/// It picks or opens a connection, writes the request, reads the response under the cap, and
/// fails at the deadline.
final class Exchange: @unchecked Sendable {
  let request: HTTPRequest
  let url: RequestURL
  let proxy: RequestURL?
  let limit: Duration
  let deadline: NIODeadline
  let isRunDeadline: Bool
  let pool: ConnectionPool
  let promise: EventLoopPromise<HTTPResponse>
  private var connection: Connection?
  private var timeoutTask: Scheduled<Void>?
  private var finished = false
  private var retried = false
  private var reused = false

  // Timing marks.
  private var connectStart: NIODeadline?
  private var sendStart = NIODeadline.now()
  private var sent: NIODeadline?
  private var headAt: NIODeadline?
  private var head: HTTPResponseHead?
  private var body: ByteBuffer?

  init(
    request: HTTPRequest, url: RequestURL, proxy: RequestURL?, limit: Duration,
    deadline: NIODeadline, isRunDeadline: Bool, pool: ConnectionPool
  ) {
    self.request = request
    self.url = url
    self.proxy = proxy
    self.limit = limit
    self.deadline = deadline
    self.isRunDeadline = isRunDeadline
    self.pool = pool
    promise = pool.loop.makePromise()
  }

  /// Connections are shared by scheme, host, port and proxy.
  var route: String {
    if let proxy { return "\(url.origin) via \(proxy.origin)" }
    return url.origin
  }

  var host: String { url.host }
  var port: Int { url.port }

  func start() -> EventLoopFuture<HTTPResponse> {
    if finished { return promise.futureResult }  // cancelled before it started
    if pool.shutDown {
      fail(.cancelled)
      return promise.futureResult
    }
    timeoutTask = pool.loop.scheduleTask(deadline: deadline) { [self] in
      fail(
        isRunDeadline
          ? .deadlineExceeded(host: host, port: port)
          : .timeout(host: host, port: port, after: limit))
    }
    acquire()
    return promise.futureResult
  }

  private func acquire() {
    if let connection = pool.takeIdle(route) {
      reused = true
      use(connection)
      return
    }
    reused = false
    connectStart = .now()
    let remaining = deadline - .now()
    let connectLimit = min(remaining, TimeAmount(pool.configuration.connectTimeout))
    pool.connect(for: self, timeout: max(connectLimit, .milliseconds(1))).whenComplete {
      [self] result in
      switch result {
      case .success(let connection):
        if finished {
          pool.discard(connection)
        } else {
          use(connection)
        }
      case .failure(let error):
        fail(mapConnectError(error))
      }
    }
  }

  private func use(_ connection: Connection) {
    self.connection = connection
    connection.handler.exchange = self
    sendStart = .now()
    let channel = connection.channel
    let headers = requestHeaders()
    let target = (proxy != nil && !url.isTLS) ? url.description : url.target
    var head = HTTPRequestHead(
      version: .http1_1, method: NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue),
      uri: target)
    head.headers = headers
    channel.write(HTTPClientRequestPart.head(head), promise: nil)
    if let body = request.body, !body.isEmpty {
      channel.write(
        HTTPClientRequestPart.body(.byteBuffer(channel.allocator.buffer(bytes: body))),
        promise: nil)
    }
    channel.writeAndFlush(HTTPClientRequestPart.end(nil)).whenComplete { [self] result in
      if case .failure(let error) = result, connection === self.connection {
        connectionFailed(error)
      } else if sent == nil {
        sent = .now()
      }
    }
  }

  private func requestHeaders() -> NIOHTTP1.HTTPHeaders {
    var headers = NIOHTTP1.HTTPHeaders()
    if !request.headers.contains("Host") { headers.add(name: "Host", value: url.authority) }
    for field in request.headers {
      let lower = field.name.asciiLowercased
      if lower == "content-length" || lower == "transfer-encoding" { continue }
      headers.add(name: field.name, value: field.value)
    }
    if let agent = pool.configuration.userAgent, !request.headers.contains("User-Agent") {
      headers.add(name: "User-Agent", value: agent)
    }
    if let body = request.body {
      if !body.isEmpty || !["GET", "HEAD"].contains(request.method.rawValue) {
        headers.add(name: "Content-Length", value: String(body.count))
      }
    }
    if let proxy, !url.isTLS, let credentials = proxy.userInfo {
      headers.add(
        name: "Proxy-Authorization",
        value: "Basic " + Base64.encode(Array(percentDecoded(credentials).utf8)))
    }
    return headers
  }

  // Called by ResponseHandler -------------------------------------------------------------------

  func received(head: HTTPResponseHead) {
    guard !finished else { return }
    headAt = .now()
    if sent == nil { sent = headAt }
    self.head = head
    let cap = pool.configuration.maxResponseBytes
    if let length = head.headers.first(name: "Content-Length").flatMap(Int.init), length > cap {
      fail(.tooLarge(host: host, port: port, limit: cap))
    }
  }

  func received(body part: ByteBuffer) {
    guard !finished else { return }
    var part = part
    var collected = body ?? part
    if body != nil { collected.writeBuffer(&part) }
    body = collected
    let cap = pool.configuration.maxResponseBytes
    if collected.readableBytes > cap { fail(.tooLarge(host: host, port: port, limit: cap)) }
  }

  func receivedEnd() {
    guard !finished, let head, let connection else { return }
    finished = true
    timeoutTask?.cancel()
    let end = NIODeadline.now()
    connection.handler.exchange = nil
    self.connection = nil
    let closeRequested = request.headers["Connection"]?.asciiLowercased == "close"
    if head.isKeepAlive && !closeRequested {
      pool.release(connection)
    } else {
      pool.discard(connection)
    }
    var headers = HeaderFields()
    for (name, value) in head.headers { headers.add(name, value) }
    let sentAt = sent ?? sendStart
    let headTime = headAt ?? end
    let timings = HTTPTimings(
      connect: connectStart.map { Duration(sendStart - $0) },
      send: Duration(sentAt - sendStart), wait: Duration(headTime - sentAt),
      receive: Duration(end - headTime))
    let bytes = body.map { Array($0.readableBytesView) } ?? []
    promise.succeed(
      HTTPResponse(
        status: Int(head.status.code), reason: head.status.reasonPhrase,
        httpVersion: "HTTP/\(head.version.major).\(head.version.minor)", headers: headers,
        body: bytes, timings: timings))
  }

  /// The connection broke or errored before the response was complete.
  func connectionFailed(_ error: Error?) {
    guard !finished, let connection else { return }
    connection.handler.exchange = nil
    self.connection = nil
    pool.discard(connection)
    // A parked connection the server closed meanwhile: retry once on a new one.
    if reused, !retried, head == nil, isStaleConnectionError(error) {
      retried = true
      sent = nil
      acquire()
      return
    }
    fail(mapStreamError(error))
  }

  func fail(_ error: TransportError) {
    guard !finished else { return }
    finished = true
    timeoutTask?.cancel()
    if let connection {
      connection.handler.exchange = nil
      self.connection = nil
      pool.discard(connection)
    }
    promise.fail(error)
  }

  // Error mapping -------------------------------------------------------------------------------

  private func isStaleConnectionError(_ error: Error?) -> Bool {
    guard let error else { return true }
    if let io = error as? IOError { return [ECONNRESET, EPIPE].contains(io.errnoCode) }
    if let channel = error as? ChannelError {
      return channel == .ioOnClosedChannel || channel == .eof
    }
    return false
  }

  private func mapConnectError(_ error: Error) -> TransportError {
    let endpoint = proxy ?? url
    if let error = error as? TransportError { return error }
    if let connectError = error as? NIOConnectionError {
      if connectError.connectionErrors.contains(where: {
        ($0.error as? IOError)?.errnoCode == ECONNREFUSED
      }) {
        return proxy == nil
          ? .connectionRefused(host: endpoint.host, port: endpoint.port)
          : .proxyFailed(proxy: endpoint.authority, reason: "connection refused")
      }
      if connectError.dnsAError != nil || connectError.dnsAAAAError != nil,
        connectError.connectionErrors.isEmpty
      {
        return .connectFailed(
          host: endpoint.host, port: endpoint.port, reason: "could not resolve the host name")
      }
      if let first = connectError.connectionErrors.first {
        return mapConnectError(first.error)
      }
      return .connectFailed(host: endpoint.host, port: endpoint.port, reason: "\(connectError)")
    }
    if let io = error as? IOError, io.errnoCode == ECONNREFUSED {
      return .connectionRefused(host: endpoint.host, port: endpoint.port)
    }
    if case ChannelError.connectTimeout = error {
      if NIODeadline.now() >= deadline {
        return isRunDeadline
          ? .deadlineExceeded(host: host, port: port)
          : .timeout(host: host, port: port, after: limit)
      }
      return .connectFailed(
        host: endpoint.host, port: endpoint.port,
        reason: "no connection within \(format(pool.configuration.connectTimeout))")
    }
    if error is NIOSSLError || error is BoringSSLError {
      return .tls(host: host, port: port, reason: tlsReason(error))
    }
    return .connectFailed(host: endpoint.host, port: endpoint.port, reason: "\(error)")
  }

  private func mapStreamError(_ error: Error?) -> TransportError {
    guard let error else {
      return .protocolError(
        host: host, port: port,
        reason: head == nil
          ? "the connection closed before a response arrived"
          : "the connection closed before the response body was complete")
    }
    if let error = error as? TransportError { return error }
    if let ssl = error as? NIOSSLError {
      if case .uncleanShutdown = ssl {
        return .protocolError(host: host, port: port, reason: "the TLS connection closed early")
      }
      return .tls(host: host, port: port, reason: tlsReason(ssl))
    }
    if error is BoringSSLError || error is NIOSSLExtraError {
      return .tls(host: host, port: port, reason: tlsReason(error))
    }
    if let parse = error as? HTTPParserError {
      if parse == .invalidEOFState { return mapStreamError(nil) }
      return .protocolError(host: host, port: port, reason: "malformed response (\(parse))")
    }
    if let io = error as? IOError {
      if io.errnoCode == ECONNRESET {
        return .protocolError(host: host, port: port, reason: "connection reset by peer")
      }
      return .protocolError(host: host, port: port, reason: "\(io)")
    }
    return .protocolError(host: host, port: port, reason: "\(error)")
  }
}

/// A short reason for a TLS failure, with BoringSSL's own text kept in parentheses.
func tlsReason(_ error: Error) -> String {
  let text = "\(error)"
  let known: [(String, String)] = [
    ("CERTIFICATE_VERIFY_FAILED", "the server's certificate is not trusted"),
    ("WRONG_VERSION_NUMBER", "the server does not speak TLS on this port"),
    ("EOF during handshake", "the server closed the connection during the TLS handshake"),
    ("HOSTNAME", "the certificate does not match the host name"),
    ("NO_SHARED_CIPHER", "no cipher in common"),
    ("TLSV1_ALERT_PROTOCOL_VERSION", "no TLS version in common"),
  ]
  for (code, meaning) in known where text.firstRange(of: code) != nil {
    return "\(meaning) (\(code))"
  }
  return text
}

func percentDecoded(_ text: String) -> String {
  var out: [UInt8] = []
  var bytes = Array(text.utf8)[...]
  while let b = bytes.popFirst() {
    if b == UInt8(ascii: "%"), bytes.count >= 2,
      let v = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
    {
      out.append(v)
      bytes = bytes.dropFirst(2)
    } else {
      out.append(b)
    }
  }
  return String(decoding: out, as: UTF8.self)
}
