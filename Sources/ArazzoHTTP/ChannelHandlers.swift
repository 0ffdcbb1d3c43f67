import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

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
