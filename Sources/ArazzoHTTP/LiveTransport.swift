import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// HTTP/1.1 over SwiftNIO, the transport for real runs.
///
/// Kept-alive connections are reused per origin; https uses the system's trust roots; there is
/// a per-request timeout, an optional whole-run deadline, a response-size cap and
/// `HTTP(S)_PROXY`. It does not follow redirects: wrap it in `RedirectingTransport`.
///
/// Every connection lives on one event loop and all bookkeeping happens there, so a request
/// costs one hop onto the loop and one back.
public final class LiveTransport: HTTPTransport {
  /// Settings fixed for the life of the transport.
  public struct Configuration: Sendable {
    /// Used when `send` gets no timeout.
    public var timeout: Duration = .seconds(30)
    /// The longest a new connection (TLS handshake excluded) may take, within the timeout.
    public var connectTimeout: Duration = .seconds(10)
    /// When the whole run must stop (`--deadline`); requests fail with `deadlineExceeded`.
    public var deadline: ContinuousClock.Instant?
    /// Bodies larger than this fail with `tooLarge` (default 10 MiB).
    public var maxResponseBytes: Int = 10 << 20
    /// Kept-alive connections parked per origin.
    public var maxIdleConnectionsPerOrigin: Int = 4
    /// Proxies; read from the environment by default.
    public var proxy: ProxySettings = .fromEnvironment()
    /// Sent when the request has no `User-Agent`; `nil` sends none.
    public var userAgent: String? = "arazzo"
    /// Extra PEM trust roots, added to the system's (for private CAs).
    public var additionalTrustRootsPEMFile: String?
    /// `false` skips certificate verification (never by default).
    public var verifyCertificates: Bool = true

    public init() {}
  }

  public let configuration: Configuration
  private let group: EventLoopGroup
  private let ownsGroup: Bool
  private let pool: ConnectionPool
  private let isShutdown = NIOLockedValueBox(false)

  /// Creates a transport on its own one-thread event loop, or on a loop of `group`.
  public init(configuration: Configuration = Configuration(), group: EventLoopGroup? = nil) {
    self.configuration = configuration
    if let group {
      self.group = group
      ownsGroup = false
    } else {
      self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
      ownsGroup = true
    }
    pool = ConnectionPool(loop: self.group.next(), configuration: configuration)
  }

  /// The serial executor of the event loop every connection lives on.
  ///
  /// An actor that returns it as its `unownedExecutor` runs on the loop's thread and sends
  /// without a thread hop. (Measured: no faster on loopback than the default hop; see bench.)
  public var executor: any SerialExecutor { pool.loop.executor }

  /// Connections opened so far (a reused connection counts once).
  public var connectionsOpened: Int { pool.connectionsOpened.withLockedValue { $0 } }

  public func send(_ request: HTTPRequest, timeout: Duration?) async throws(TransportError)
    -> HTTPResponse
  {
    let url = try RequestURL(request.url)
    if isShutdown.withLockedValue({ $0 }) { throw .cancelled }
    let limit = timeout ?? configuration.timeout
    let now = NIODeadline.now()
    var deadline = now + TimeAmount(limit)
    var isRunDeadline = false
    if let runDeadline = configuration.deadline {
      let remaining = ContinuousClock.now.duration(to: runDeadline)
      if remaining <= .zero { throw .deadlineExceeded(host: url.host, port: url.port) }
      let d = now + TimeAmount(remaining)
      if d < deadline {
        deadline = d
        isRunDeadline = true
      }
    }
    let exchange = Exchange(
      request: request, url: url, proxy: configuration.proxy.proxy(for: url), limit: limit,
      deadline: deadline, isRunDeadline: isRunDeadline, pool: pool)
    let loop = pool.loop
    do {
      return try await withTaskCancellationHandler {
        if loop.inEventLoop { return try await exchange.start().get() }
        return try await loop.flatSubmit { exchange.start() }.get()
      } onCancel: {
        loop.execute { exchange.fail(.cancelled) }
      }
    } catch let error as TransportError {
      throw error
    } catch {
      throw .cancelled
    }
  }

  public func shutdown() async {
    let already = isShutdown.withLockedValue { flag in
      defer { flag = true }
      return flag
    }
    if already { return }
    let loop = pool.loop
    try? await loop.submit { self.pool.closeAll() }.get()
    if ownsGroup { try? await group.shutdownGracefully() }
  }
}

extension TimeAmount {
  init(_ duration: Duration) {
    let (s, atto) = duration.components
    let nanos = s.multipliedReportingOverflow(by: 1_000_000_000)
    self = .nanoseconds(nanos.overflow ? Int64.max : nanos.partialValue + atto / 1_000_000_000)
  }
}

extension Duration {
  init(_ amount: TimeAmount) { self = .nanoseconds(amount.nanoseconds) }
}

// MARK: - Pool

/// Idle connections per route; confined to `loop` except for the counter.
final class ConnectionPool: @unchecked Sendable {
  let loop: EventLoop
  let configuration: LiveTransport.Configuration
  private var idle: [String: [Connection]] = [:]
  private var busy: [ObjectIdentifier: Connection] = [:]
  private var isShutdown = false
  private var tlsContext: NIOSSLContext?
  let connectionsOpened = NIOLockedValueBox(0)

  init(loop: EventLoop, configuration: LiveTransport.Configuration) {
    self.loop = loop
    self.configuration = configuration
  }

  /// A live idle connection for the route, if one is parked.
  func takeIdle(_ route: String) -> Connection? {
    while var list = idle[route], let connection = list.popLast() {
      idle[route] = list.isEmpty ? nil : list
      if connection.channel.isActive {
        busy[ObjectIdentifier(connection)] = connection
        return connection
      }
    }
    return nil
  }

  /// Parks a connection after a complete keep-alive exchange, or closes it.
  func release(_ connection: Connection) {
    busy[ObjectIdentifier(connection)] = nil
    var list = idle[connection.route] ?? []
    guard !isShutdown, connection.channel.isActive,
      list.count < configuration.maxIdleConnectionsPerOrigin
    else {
      connection.channel.close(promise: nil)
      return
    }
    list.append(connection)
    idle[connection.route] = list
  }

  func discard(_ connection: Connection) {
    busy[ObjectIdentifier(connection)] = nil
    connection.channel.close(promise: nil)
  }

  func closeAll() {
    isShutdown = true
    for connection in idle.values.joined() { connection.channel.close(promise: nil) }
    for connection in busy.values { connection.channel.close(promise: nil) }
    idle = [:]
    busy = [:]
  }

  var shutDown: Bool { isShutdown }

  func sslContext() throws -> NIOSSLContext {
    if let tlsContext { return tlsContext }
    var tls = TLSConfiguration.makeClientConfiguration()
    if let file = configuration.additionalTrustRootsPEMFile {
      tls.additionalTrustRoots = [.file(file)]
    }
    if !configuration.verifyCertificates { tls.certificateVerification = .none }
    let context = try NIOSSLContext(configuration: tls)
    tlsContext = context
    return context
  }

  /// Opens a connection for an exchange: TCP (to the proxy if any), a CONNECT tunnel for https
  /// through a proxy, TLS, then the HTTP/1.1 codec.
  func connect(for exchange: Exchange, timeout: TimeAmount) -> EventLoopFuture<Connection> {
    let target = exchange.proxy ?? exchange.url
    connectionsOpened.withLockedValue { $0 += 1 }
    let bootstrap = ClientBootstrap(group: loop)
      .connectTimeout(timeout)
      .channelOption(.socketOption(.tcp_nodelay), value: 1)
    return bootstrap.connect(host: target.host, port: target.port).flatMap { channel in
      var ready: EventLoopFuture<Void> = self.loop.makeSucceededVoidFuture()
      if exchange.url.isTLS, let proxy = exchange.proxy {
        let promise = self.loop.makePromise(of: Void.self)
        let tunnel = ConnectTunnelHandler(url: exchange.url, proxy: proxy, promise: promise)
        ready = channel.pipeline.addHandler(tunnel).flatMap { promise.futureResult }
          .flatMap { channel.pipeline.removeHandler(tunnel) }
      }
      return ready.flatMapThrowing {
        let handler = ResponseHandler()
        let sync = channel.pipeline.syncOperations
        if exchange.url.isTLS {
          let host = exchange.url.host
          let isIP = host.contains(":") || host.allSatisfy { $0 == "." || $0.isNumber }
          try sync.addHandler(
            NIOSSLClientHandler(context: try self.sslContext(), serverHostname: isIP ? nil : host))
        }
        try sync.addHTTPClientHandlers()
        try sync.addHandler(handler)
        let connection = Connection(channel: channel, handler: handler, route: exchange.route)
        self.busy[ObjectIdentifier(connection)] = connection
        return connection
      }.flatMapErrorThrowing { error in
        channel.close(promise: nil)
        throw error
      }
    }
  }
}

/// One kept-alive HTTP/1.1 connection.
final class Connection: @unchecked Sendable {
  let channel: Channel
  let handler: ResponseHandler
  let route: String
  init(channel: Channel, handler: ResponseHandler, route: String) {
    self.channel = channel
    self.handler = handler
    self.route = route
  }
}

// MARK: - Exchange

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

// MARK: - Channel handlers

/// Hands response parts to the connection's current exchange.
final class ResponseHandler: ChannelInboundHandler, @unchecked Sendable {
  typealias InboundIn = HTTPClientResponsePart
  var exchange: Exchange?

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard let exchange else {
      // Nothing was asked: the server is talking out of turn; drop the connection.
      context.close(promise: nil)
      return
    }
    switch unwrapInboundIn(data) {
    case .head(let head): exchange.received(head: head)
    case .body(let part): exchange.received(body: part)
    case .end: exchange.receivedEnd()
    }
  }

  func errorCaught(context: ChannelHandlerContext, error: Error) {
    exchange?.connectionFailed(error)
    context.close(promise: nil)
  }

  func channelInactive(context: ChannelHandlerContext) {
    exchange?.connectionFailed(nil)
    context.fireChannelInactive()
  }
}

/// Opens a `CONNECT` tunnel through a proxy, then lets TLS and HTTP run inside it.
final class ConnectTunnelHandler: ChannelInboundHandler, RemovableChannelHandler,
  @unchecked Sendable
{
  typealias InboundIn = ByteBuffer
  private let url: RequestURL
  private let proxy: RequestURL
  private let promise: EventLoopPromise<Void>
  private var buffer: [UInt8] = []

  init(url: RequestURL, proxy: RequestURL, promise: EventLoopPromise<Void>) {
    self.url = url
    self.proxy = proxy
    self.promise = promise
  }

  func handlerAdded(context: ChannelHandlerContext) {
    let authority = hostPort(url.host, url.port)
    var text = "CONNECT \(authority) HTTP/1.1\r\nHost: \(authority)\r\n"
    if let credentials = proxy.userInfo {
      text +=
        "Proxy-Authorization: Basic \(Base64.encode(Array(percentDecoded(credentials).utf8)))\r\n"
    }
    text += "\r\n"
    context.writeAndFlush(
      wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
  }

  typealias OutboundOut = ByteBuffer

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    var part = unwrapInboundIn(data)
    buffer += part.readBytes(length: part.readableBytes) ?? []
    guard let end = findHeaderEnd() else {
      if buffer.count > 16_384 {
        finish(.proxyFailed(proxy: proxy.authority, reason: "oversized reply to CONNECT"))
      }
      return
    }
    let statusLine =
      String(decoding: buffer[..<end], as: UTF8.self).split(separator: "\r\n").first ?? ""
    let parts = statusLine.split(separator: " ")
    if parts.count >= 2, let status = Int(parts[1]), (200..<300).contains(status) {
      guard !done else { return }
      done = true
      promise.succeed()
    } else {
      finish(.proxyFailed(proxy: proxy.authority, reason: "CONNECT answered '\(statusLine)'"))
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    finish(.proxyFailed(proxy: proxy.authority, reason: "closed the connection during CONNECT"))
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: Error) {
    finish(.proxyFailed(proxy: proxy.authority, reason: "\(error)"))
    context.close(promise: nil)
  }

  private var done = false

  private func finish(_ error: TransportError) {
    guard !done else { return }
    done = true
    promise.fail(error)
  }

  private func findHeaderEnd() -> Int? {
    guard buffer.count >= 4 else { return nil }
    for i in 0...(buffer.count - 4)
    where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
      return i
    }
    return nil
  }
}
