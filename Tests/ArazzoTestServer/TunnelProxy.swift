import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A forward proxy that only speaks `CONNECT` (what https goes through), on 127.0.0.1.
///
/// It records each CONNECT line and its `Proxy-Authorization`, then relays bytes both ways.
public final class TunnelProxy: Sendable {
  private let channel: Channel
  /// The port it listens on.
  public let port: Int
  private let log = NIOLockedValueBox<[(target: String, authorization: String?)]>([])

  private init(channel: Channel, port: Int) {
    self.channel = channel
    self.port = port
  }

  /// Starts the proxy on an ephemeral port.
  public static func start() async throws -> TunnelProxy {
    let box = NIOLockedValueBox<TunnelProxy?>(nil)
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture(withResultOf: {
          try channel.pipeline.syncOperations.addHandler(
            ConnectHandler { target, authorization in
              box.withLockedValue { $0 }?.log.withLockedValue {
                $0.append((target, authorization))
              }
            })
        })
      }
      .bind(host: "127.0.0.1", port: 0).get()
    guard let port = channel.localAddress?.port else { throw ChannelError.unknownLocalAddress }
    let proxy = TunnelProxy(channel: channel, port: port)
    box.withLockedValue { $0 = proxy }
    return proxy
  }

  /// The `host:port` of every CONNECT so far, with its `Proxy-Authorization`.
  public var tunnels: [(target: String, authorization: String?)] { log.withLockedValue { $0 } }

  public func shutdown() async { try? await channel.close() }
}

/// Reads the CONNECT head, dials the target, then glues the two connections together.
final class ConnectHandler: ChannelInboundHandler, @unchecked Sendable {
  typealias InboundIn = ByteBuffer
  typealias OutboundOut = ByteBuffer
  private let record: @Sendable (String, String?) -> Void
  private var head: [UInt8] = []
  private var peer: Channel?
  private var pending: [ByteBuffer] = []

  init(record: @escaping @Sendable (String, String?) -> Void) { self.record = record }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    var buffer = unwrapInboundIn(data)
    if let peer {
      peer.writeAndFlush(buffer, promise: nil)
      return
    }
    if !pending.isEmpty || head.isEmpty == false && headEnd() != nil {
      pending.append(buffer)
      return
    }
    head += buffer.readBytes(length: buffer.readableBytes) ?? []
    guard let end = headEnd() else { return }
    let text = String(decoding: head[..<end], as: UTF8.self)
    let lines = text.split(separator: "\r\n")
    let parts = lines.first?.split(separator: " ") ?? []
    guard parts.count >= 2, parts[0] == "CONNECT",
      let colon = parts[1].lastIndex(of: ":"),
      let port = Int(parts[1][parts[1].index(after: colon)...])
    else {
      reply(context, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n", close: true)
      return
    }
    let host = String(parts[1][..<colon].filter { $0 != "[" && $0 != "]" })
    let authorization = lines.dropFirst().first {
      $0.lowercased().hasPrefix("proxy-authorization:")
    }
    .map { String($0.dropFirst("proxy-authorization:".count).drop { $0 == " " }) }
    record(String(parts[1]), authorization)
    let leftover = Array(head[(end + 4)...])
    let client = context.channel
    let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
    ClientBootstrap(group: context.eventLoop)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture(withResultOf: {
          try channel.pipeline.syncOperations.addHandler(RelayHandler(peer: client))
        })
      }
      .connect(host: host, port: port)
      .whenComplete { result in
        let context = bound.value
        switch result {
        case .success(let upstream):
          self.peer = upstream
          self.reply(context, "HTTP/1.1 200 Connection established\r\n\r\n", close: false)
          if !leftover.isEmpty {
            upstream.writeAndFlush(upstream.allocator.buffer(bytes: leftover), promise: nil)
          }
          for buffer in self.pending { upstream.writeAndFlush(buffer, promise: nil) }
          self.pending = []
        case .failure:
          self.reply(context, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n", close: true)
        }
      }
  }

  func channelInactive(context: ChannelHandlerContext) {
    peer?.close(promise: nil)
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }

  private func reply(_ context: ChannelHandlerContext, _ text: String, close: Bool) {
    let done = context.writeAndFlush(
      wrapOutboundOut(context.channel.allocator.buffer(string: text)))
    if close { done.whenComplete { _ in context.close(promise: nil) } }
  }

  private func headEnd() -> Int? {
    guard head.count >= 4 else { return nil }
    for i in 0...(head.count - 4)
    where head[i] == 13 && head[i + 1] == 10 && head[i + 2] == 13 && head[i + 3] == 10 {
      return i
    }
    return nil
  }
}

/// Copies what the upstream sends back to the client.
final class RelayHandler: ChannelInboundHandler, @unchecked Sendable {
  typealias InboundIn = ByteBuffer
  private let peer: Channel
  init(peer: Channel) { self.peer = peer }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    peer.writeAndFlush(unwrapInboundIn(data), promise: nil)
  }

  func channelInactive(context: ChannelHandlerContext) {
    peer.close(promise: nil)
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }
}
