import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A request as the test server received it.
public struct TestRequest: Sendable {
  public var method: String
  /// The request target exactly as sent (absolute form when it came through as a proxy).
  public var uri: String
  /// The path without query (also for absolute-form targets).
  public var path: String
  public var query: String?
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]
  /// 1 for the first request to this route, 2 for the second, and so on.
  public var hit: Int
  /// Which connection (1-based, in accept order) carried it.
  public var connection: Int

  /// The first value of a header, by case-insensitive name.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  public var text: String { String(decoding: body, as: UTF8.self) }
}

/// What the server answers: status, headers, body, and how to misbehave.
public struct TestResponse: Sendable {
  public var status: Int
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]
  /// Wait this long before answering.
  public var delay: Duration?
  /// Close the connection after answering (sends `Connection: close`).
  public var closeConnection: Bool
  /// Bytes written straight to the socket instead of an HTTP response; then the server closes.
  public var raw: [UInt8]?
  /// Leave out `Content-Length` (the body is then chunked).
  public var chunked: Bool

  public init(
    status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
    delay: Duration? = nil, closeConnection: Bool = false, chunked: Bool = false
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.delay = delay
    self.closeConnection = closeConnection
    self.raw = nil
    self.chunked = chunked
  }

  /// A JSON body with `Content-Type: application/json`.
  public static func json(
    _ text: String, status: Int = 200, headers: [(name: String, value: String)] = []
  )
    -> TestResponse
  {
    TestResponse(
      status: status, headers: [("Content-Type", "application/json")] + headers,
      body: Array(text.utf8))
  }

  /// A plain-text body.
  public static func text(
    _ text: String, status: Int = 200, contentType: String = "text/plain"
  )
    -> TestResponse
  {
    TestResponse(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8))
  }

  /// A redirect to `location` (absolute or relative).
  public static func redirect(to location: String, status: Int = 302) -> TestResponse {
    TestResponse(status: status, headers: [("Location", location)])
  }

  /// Raw bytes, then close: for malformed responses.
  public static func raw(_ text: String) -> TestResponse {
    var r = TestResponse()
    r.raw = Array(text.utf8)
    return r
  }

  /// Accept the request, never answer (for timeouts).
  public static let never = TestResponse(delay: .seconds(3600))
}

/// A scriptable HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for tests.
///
/// Routes map a path (optionally prefixed by a method, `"POST /pets"`) to a handler; unknown
/// paths answer 404. The server counts connections and keeps every request it received.
public final class TestServer: Sendable {
  public typealias Handler = @Sendable (TestRequest) -> TestResponse

  struct State {
    var routes: [String: Handler] = [:]
    var hits: [String: Int] = [:]
    var requests: [TestRequest] = []
    var connections = 0
    var open: [Channel] = []
  }

  let state = NIOLockedValueBox(State())
  private let channel: Channel
  /// The port the server listens on.
  public let port: Int

  private let scheme: String

  private init(channel: Channel, port: Int, scheme: String) {
    self.channel = channel
    self.port = port
    self.scheme = scheme
  }

  /// The CA that signed the TLS server's certificate (for `localhost` and `127.0.0.1`).
  public static let caCertificatePath = certificatesDirectory + "/ca.pem"
  static let certificatesDirectory: String = {
    let file = "\(#filePath)"
    return String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]) + "/Certificates"
  }()

  /// Starts a server on 127.0.0.1 with an ephemeral port; with `tls`, it speaks https with a
  /// certificate signed by the CA at `caCertificatePath`.
  public static func start(tls: Bool = false) async throws -> TestServer {
    let box = NIOLockedValueBox<TestServer?>(nil)
    var sslContext: NIOSSLContext?
    if tls {
      let configuration = TLSConfiguration.makeServerConfiguration(
        certificateChain: try NIOSSLCertificate.fromPEMFile(certificatesDirectory + "/server.pem")
          .map { .certificate($0) },
        privateKey: .privateKey(
          try NIOSSLPrivateKey(file: certificatesDirectory + "/server.key", format: .pem)))
      sslContext = try NIOSSLContext(configuration: configuration)
    }
    let context = sslContext
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.backlog, value: 64)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture(withResultOf: {
          guard let server = box.withLockedValue({ $0 }) else {
            throw ChannelError.ioOnClosedChannel
          }
          let number = server.state.withLockedValue { state in
            state.connections += 1
            state.open.append(channel)
            return state.connections
          }
          let sync = channel.pipeline.syncOperations
          if let context { try sync.addHandler(NIOSSLServerHandler(context: context)) }
          try sync.addHandler(
            ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
          try sync.addHandler(HTTPResponseEncoder())
          try sync.addHandler(ServerHandler(server: server, connection: number))
        })
      }
      .bind(host: "127.0.0.1", port: 0).get()
    guard let port = channel.localAddress?.port else { throw ChannelError.unknownLocalAddress }
    let server = TestServer(channel: channel, port: port, scheme: tls ? "https" : "http")
    box.withLockedValue { $0 = server }
    return server
  }

  /// `http://127.0.0.1:PORT` (`https` for a TLS server).
  public var baseURL: String { "\(scheme)://127.0.0.1:\(port)" }

  /// `baseURL` + path.
  public func url(_ path: String) -> String { baseURL + path }

  /// Answers requests to `route` (`"/path"` or `"METHOD /path"`, or `"*"` for every request
  /// no other route takes) with the handler's response.
  public func route(_ route: String, _ handler: @escaping Handler) {
    state.withLockedValue { $0.routes[route] = handler }
  }

  /// Answers requests to `route` with a fixed response.
  public func route(_ route: String, respond response: TestResponse) {
    self.route(route) { _ in response }
  }

  /// Connections accepted so far.
  public var connectionCount: Int { state.withLockedValue { $0.connections } }

  /// Every request received so far, in order.
  public var requests: [TestRequest] { state.withLockedValue { $0.requests } }

  /// Closes every open connection but keeps listening (to test stale kept-alive connections).
  public func closeConnections() async {
    let open = state.withLockedValue { $0.open }
    for channel in open { try? await channel.close() }
  }

  /// Stops listening and closes every open connection.
  public func shutdown() async {
    let open = state.withLockedValue { state in
      let open = state.open
      state.open = []
      return open
    }
    for channel in open { try? await channel.close() }
    try? await channel.close()
  }

  func handle(_ request: TestRequest) -> (TestRequest, TestResponse) {
    state.withLockedValue { state in
      let key =
        state.routes["\(request.method) \(request.path)"] != nil
        ? "\(request.method) \(request.path)" : request.path
      state.hits[key, default: 0] += 1
      var request = request
      request.hit = state.hits[key, default: 1]
      state.requests.append(request)
      guard let handler = state.routes[key] ?? state.routes["*"] else {
        return (request, .text("no route for \(request.method) \(request.path)", status: 404))
      }
      return (request, handler(request))
    }
  }

  func closed(_ channel: Channel) {
    state.withLockedValue { $0.open.removeAll { $0 === channel } }
  }
}

/// Reads one request at a time and answers it.
final class ServerHandler: ChannelInboundHandler, @unchecked Sendable {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  let server: TestServer
  let connection: Int
  private var head: HTTPRequestHead?
  private var body: [UInt8] = []

  init(server: TestServer, connection: Int) {
    self.server = server
    self.connection = connection
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      self.head = head
      body = []
    case .body(var part):
      body += part.readBytes(length: part.readableBytes) ?? []
    case .end:
      guard let head else { return }
      self.head = nil
      var path = head.uri
      if let range = path.firstRange(of: "://") {
        let rest = path[range.upperBound...]
        path = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
      }
      var query: String?
      if let q = path.firstIndex(of: "?") {
        query = String(path[path.index(after: q)...])
        path = String(path[..<q])
      }
      let request = TestRequest(
        method: head.method.rawValue, uri: head.uri, path: path, query: query,
        headers: head.headers.map { ($0.name, $0.value) }, body: body, hit: 0,
        connection: connection)
      let (_, response) = server.handle(request)
      let keepAlive = head.isKeepAlive && !response.closeConnection
      let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
      if let delay = response.delay {
        context.eventLoop.scheduleTask(
          in: .nanoseconds(
            Int64(delay.components.seconds) * 1_000_000_000 + delay.components.attoseconds
              / 1_000_000_000)
        ) {
          self.write(response, keepAlive: keepAlive, context: loopBound.value)
        }
      } else {
        write(response, keepAlive: keepAlive, context: context)
      }
    }
  }

  private func write(_ response: TestResponse, keepAlive: Bool, context: ChannelHandlerContext) {
    guard context.channel.isActive else { return }
    if let raw = response.raw {
      let buffer = context.channel.allocator.buffer(bytes: raw)
      if let encoder = try? context.pipeline.syncOperations.context(
        handlerType: HTTPResponseEncoder.self)
      {
        encoder.writeAndFlush(NIOAny(buffer)).whenComplete { _ in context.close(promise: nil) }
      }
      return
    }
    var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
    if !response.chunked && !headers.contains(name: "Content-Length") {
      headers.add(name: "Content-Length", value: String(response.body.count))
    }
    if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
    let head = HTTPResponseHead(
      version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
    context.write(wrapOutboundOut(.head(head)), promise: nil)
    if !response.body.isEmpty {
      context.write(
        wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))),
        promise: nil)
    }
    let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
    if !keepAlive { done.whenComplete { _ in context.close(promise: nil) } }
  }

  func channelInactive(context: ChannelHandlerContext) {
    server.closed(context.channel)
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: Error) {
    context.close(promise: nil)
  }
}
