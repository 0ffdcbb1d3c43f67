import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

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
